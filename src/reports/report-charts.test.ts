import { describe, expect, it } from 'vitest';
import { attendanceBySectorSvg, ragByMonthSvg } from './report-charts.ts';

describe('the report’s charts, readable without colour', () => {
  const rag = ragByMonthSvg({
    id: 'rag-by-month-1',
    title: 'Healthcare for London <2008/09>',
    months: [
      { monthText: 'October 2008', red: 1, amber: 2, green: 7 },
      { monthText: 'November 2008', red: 0, amber: 0, green: 0 },
    ],
  });

  it('print each month’s counts as text and describe them for screen readers', () => {
    expect(rag).toContain('>October 2008</text>');
    expect(rag).toContain('>R 1 · A 2 · G 7</text>');
    expect(rag).toContain(
      '<desc id="rag-by-month-1-desc">October 2008: 1 red, 2 amber, 7 green; November 2008: 0 red, 0 amber, 0 green</desc>',
    );
    expect(rag).toContain(
      '<title id="rag-by-month-1-title">Healthcare for London &lt;2008/09&gt;</title>',
    );
    expect(rag).toContain('role="img"');
  });

  it('split a month’s bar in proportion, each status with its own pattern; an empty month draws none', () => {
    expect(rag).toContain('width="36" height="18" fill="url(#rag-by-month-1-red)"');
    expect(rag).toContain('width="72" height="18" fill="url(#rag-by-month-1-amber)"');
    expect(rag).toContain('width="252" height="18" fill="url(#rag-by-month-1-green)"');
    expect(rag.match(/<rect x="\d+" y="\d+"/g)).toHaveLength(3);
  });

  it('scale attendance to 100% and say the counts behind each share', () => {
    const svg = attendanceBySectorSvg([
      { sector: 'North Central', attended: 3, expected: 5, percent: 60 },
    ]);
    expect(svg).toContain('>60% (3 of 5)</text>');
    expect(svg).toContain('width="288"');
  });

  it('use no inline style or script (the pages’ content security policy)', () => {
    expect(rag).not.toMatch(/style=|<script/);
  });
});
