import { describe, expect, it } from 'vitest';
import { figuresOf, pagesTable, splitSections, tableRow, verdict } from './page-report.ts';

const samples = (serverMs: number[], status = 200) => ({
  page: 'Members',
  viewer: 'secretariat',
  status,
  serverMs,
  largestContentfulPaintMs: [120, 80, 100],
});

describe('the pages benchmark’s figures', () => {
  it('gives p50 and p95 of the server times and the median largest contentful paint', () => {
    const figures = figuresOf(samples(Array.from({ length: 20 }, (_, index) => index + 1)));
    expect(figures).toMatchObject({ serverP50: 10, serverP95: 19, largestContentfulPaint: 100 });
    expect(figures.meetsTarget).toBe(true);
  });

  it('marks a page whose p95 is 150 ms or more as missing the target, and names it', () => {
    const slow = figuresOf(samples([40, 60, 1000]));
    expect(slow.meetsTarget).toBe(false);
    expect(tableRow(slow)).toBe('| Members | secretariat | 60 | 1000 | 100 | **missed** |');
    expect(verdict([slow, figuresOf(samples([10]))])).toBe(
      '1 of 2 pages measured were served in under 150 ms at p95; missed: Members (secretariat, 1000 ms).',
    );
  });

  it('lists a page the viewer may not see with its status, not with figures', () => {
    const refused = figuresOf(samples([3, 4], 403));
    expect(refused.meetsTarget).toBe(false);
    expect(tableRow(refused)).toBe('| Members | secretariat | answered 403 | | | |');
    expect(verdict([refused, figuresOf(samples([10]))])).toBe(
      'All 1 pages measured were served in under 150 ms at p95.',
    );
  });

  it('heads the table with the target', () => {
    expect(pagesTable([])[0]).toContain('p95 under 150 ms');
  });
});

describe('the results file’s sections', () => {
  it('finds each part by the first word of its heading, keeping its text whole', () => {
    const text =
      '# Benchmark: registry throughput\n\nrows\n\n# Benchmark: voting in one poll\n\n| a |\n';
    const sections = splitSections(text);
    expect([...sections.keys()]).toEqual(['registry', 'voting']);
    expect(sections.get('registry')).toBe('# Benchmark: registry throughput\n\nrows');
    expect(sections.get('voting')).toBe('# Benchmark: voting in one poll\n\n| a |');
  });
});
