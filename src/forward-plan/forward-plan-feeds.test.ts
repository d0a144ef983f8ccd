import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  forwardPlanAtom,
  forwardPlanCalendar,
  forwardPlanCsv,
  itemInWords,
} from './forward-plan-feeds.ts';
import type { ForwardPlanItemView, ForwardPlanView } from './forward-plan-service.ts';

const item = (overrides: Partial<ForwardPlanItemView>): ForwardPlanItemView => ({
  id: '01930000-0000-7000-8000-000000000001',
  body: { slug: 'london-commissioning-group', title: 'London Commissioning Group' },
  title: 'Stroke services <designation> & units',
  kind: { id: 'recommendation-to-boards', text: 'Recommendation to the PCT Boards' },
  summary: 'To recommend the hyper-acute stroke units.',
  expectedMonth: '2026-12-01',
  expectedMonthText: 'December 2026',
  meeting: {
    id: '01930000-0000-7000-8000-0000000000aa',
    title: 'London Commissioning Group',
    startsAt: '2026-12-10T14:00:00.000Z',
  },
  agendaItemId: '01930000-0000-7000-8000-0000000000bb',
  partTwoExpected: false,
  partTwoReason: null,
  papersDueOn: '2026-12-03',
  contact: 'Secretary to the group',
  status: 'on-agenda',
  statusText: 'On the agenda',
  withdrawnReason: null,
  updatedAt: '2026-11-20T09:00:00.000Z',
  mayKeep: false,
  ...overrides,
});

const plan: ForwardPlanView = {
  body: { slug: 'london-commissioning-group', title: 'London Commissioning Group' },
  today: '2026-11-23',
  months: [],
  items: [
    item({}),
    item({
      id: '01930000-0000-7000-8000-000000000002',
      title: '=cmd|calc',
      meeting: null,
      agendaItemId: null,
      expectedMonth: '2027-02-01',
      expectedMonthText: 'February 2027',
      partTwoExpected: true,
      partTwoReason: 'Commercial terms of bids.',
      papersDueOn: null,
      status: 'planned',
      statusText: 'Planned',
    }),
  ],
  kinds: [],
  meetings: [],
  mayKeep: false,
};

describe('the forward plan as feeds', () => {
  it('says the Part II fact and reason in words, nothing more', () => {
    const words = itemInWords(plan.items[1] as ForwardPlanItemView);
    expect(words).toContain('Expected to be taken in private (Part II): Commercial terms of bids.');
    expect(words).toContain('Its meeting is not yet set.');
  });

  it('builds well-formed Atom, escaping mark-up, each entry with id, title, updated and link', () => {
    const xml = forwardPlanAtom(plan, 'https://concordat.example');
    const titles: string[] = [];
    const entries: Set<string>[] = [];
    let inEntry = false;
    let current = '';
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      if (tag.name === 'entry') {
        inEntry = true;
        entries.push(new Set());
      } else if (inEntry) entries.at(-1)?.add(tag.name);
      current = tag.name;
    });
    const collect = (text: string) => {
      if (inEntry && current === 'title') titles.push(text);
    };
    parser.on('text', collect);
    parser.on('cdata', collect);
    parser.on('closetag', (tag) => {
      if (tag.name === 'entry') inEntry = false;
      current = '';
    });
    parser.write(xml).close();
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      for (const name of ['id', 'title', 'updated', 'link']) expect(entry.has(name)).toBe(true);
    }
    expect(titles.join('')).toContain('Stroke services <designation> & units');
  });

  it('builds an iCalendar: a timed event at the meeting, an all-day entry across the month without one', () => {
    const calendar = new ICAL.Component(
      ICAL.parse(forwardPlanCalendar(plan, 'https://concordat.example')),
    );
    const [timed, month] = calendar
      .getAllSubcomponents('vevent')
      .map((event) => new ICAL.Event(event));
    expect(timed?.startDate.toJSDate().toISOString()).toBe('2026-12-10T14:00:00.000Z');
    expect(month?.startDate.isDate).toBe(true);
    expect(month?.startDate.toString()).toBe('2027-02-01');
    expect(month?.endDate.toString()).toBe('2027-03-01');
  });

  it('builds CSV with a header and neutralised cells', () => {
    const rows: string[][] = parseCsv(forwardPlanCsv(plan, 'https://concordat.example'));
    expect(rows).toHaveLength(3);
    expect(rows[0]?.[1]).toBe('Title');
    expect(rows[2]?.[1]).toBe("'=cmd|calc");
    expect(rows[2]?.[7]).toBe('Yes');
  });
});
