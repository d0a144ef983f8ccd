import { describe, expect, it } from 'vitest';
import { barChartSvg } from './bar-chart-svg.ts';

describe('bar charts readable without colour alone', () => {
  const svg = barChartSvg({
    id: 'q1',
    title: 'Question 1 <by choice>',
    bars: [
      { label: 'Agree', value: 1200 },
      { label: 'Disagree & more', value: 300 },
    ],
  });

  it('label each bar and print its number and share on it', () => {
    expect(svg).toContain('>Agree</text>');
    expect(svg).toContain('>1,200 (80%)</text>');
    expect(svg).toContain('>Disagree &amp; more</text>');
    expect(svg).toContain('>300 (20%)</text>');
  });

  it('tell bars apart by pattern, and carry a title and a description for screen readers', () => {
    expect(svg).toContain('fill="url(#q1-hatch)"');
    expect(svg).toContain('fill="url(#q1-dots)"');
    expect(svg).toContain('<title id="q1-title">Question 1 &lt;by choice&gt;</title>');
    expect(svg).toContain('<desc id="q1-desc">Agree: 1,200; Disagree &amp; more: 300</desc>');
    expect(svg).toContain('role="img"');
  });

  it('use no inline style or script (the pages’ content security policy)', () => {
    expect(svg).not.toMatch(/style=|<script/);
  });

  it('draws the longest bar full width and an empty chart without dividing by zero', () => {
    expect(svg).toContain('width="480"');
    const empty = barChartSvg({ id: 'e', title: 'Nothing', bars: [{ label: 'A', value: 0 }] });
    expect(empty).toContain('>0 (0%)</text>');
  });
});
