import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { registerViewFilters, withoutCodeMarks } from './view-filters.ts';

const environment = new nunjucks.Environment(null, { autoescape: true });
registerViewFilters(environment);
const render = (template: string, context: object) =>
  environment.renderString(template, context).trim();

describe('the view filters (issue 22, item 5: "times without seconds", no Markdown mark-up)', () => {
  it('shows a date and time to the minute, in London', () => {
    expect(render('{{ at | londonDateTime }}', { at: '2026-12-10T14:00:00Z' })).toBe(
      '10 Dec 2026, 14:00',
    );
    // British Summer Time: 13:05:59 UTC is 14:05 in London, its seconds dropped.
    expect(render('{{ at | londonDateTime }}', { at: new Date('2026-07-02T13:05:59Z') })).toBe(
      '2 Jul 2026, 14:05',
    );
    expect(render('{{ at | londonDateTime }}', { at: '2026-12-10T00:30:00Z' })).toBe(
      '10 Dec 2026, 00:30',
    );
  });

  it('takes the code marks out of constitution text, keeping the words', () => {
    expect(withoutCodeMarks('sets `base` and `weighting` here')).toBe(
      'sets base and weighting here',
    );
    expect(withoutCodeMarks('a stray ` mark')).toBe('a stray  mark');
    expect(render('{{ text | plainWords }}', { text: 'the `<b>` tag' })).toBe('the &lt;b&gt; tag');
    expect(render('{{ text | plainWords }}', { text: null })).toBe('');
  });
});

describe('trim, as the NHS.UK components use it', () => {
  it('trims like Nunjucks’ own, keeping safe mark-up unescaped and escaping the rest', () => {
    expect(render('[{{ "  a b \n " | trim }}]', {})).toBe('[a b]');
    expect(render('[{{ html | safe | trim }}]', { html: '\n  <b>x</b>  \n' })).toBe('[<b>x</b>]');
    expect(render('[{{ html | trim }}]', { html: ' <b>x</b> ' })).toBe('[&lt;b&gt;x&lt;/b&gt;]');
  });

  it('takes linear time in runs of spaces, where Nunjucks’ regular expression is quadratic', () => {
    const spaces = ' '.repeat(200_000);
    // Nunjucks' own would scan each run once per space in it: 2·10¹⁰ steps for this one.
    expect(render('[{{ text | trim }}]', { text: `a${spaces}b${spaces}` })).toBe(`[a${spaces}b]`);
  });
});
