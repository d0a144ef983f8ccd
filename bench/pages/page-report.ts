/**
 * The pages benchmark's figures and table: pure, so the summary and the wording are tested on
 * their own (page-report.test.ts); the run that gathers the samples is pages-bench.ts.
 */
import { percentile } from '../statistics.ts';

/** What one page, seen by one person, measured. */
export interface PageSamples {
  page: string;
  viewer: string;
  /** The status of the measured requests (the first one that was not 200, if any was not). */
  status: number;
  /** Milliseconds from sending each request to the last byte of its page. */
  serverMs: number[];
  /** Chromium's largest contentful paint for each measured load, in milliseconds. */
  largestContentfulPaintMs: number[];
}

export interface PageFigures {
  page: string;
  viewer: string;
  status: number;
  serverP50: number | undefined;
  serverP95: number | undefined;
  largestContentfulPaint: number | undefined;
  meetsTarget: boolean;
}

/** The target of issue 22 item 6: every page server-rendered in under 150 ms at p95. */
export const serverTargetP95Ms = 150;

const rounded = (value: number | undefined) =>
  value === undefined ? undefined : Math.round(value * 10) / 10;

export function figuresOf(samples: PageSamples): PageFigures {
  const serverP95 = rounded(percentile(samples.serverMs, 95));
  return {
    page: samples.page,
    viewer: samples.viewer,
    status: samples.status,
    serverP50: rounded(percentile(samples.serverMs, 50)),
    serverP95,
    largestContentfulPaint: rounded(percentile(samples.largestContentfulPaintMs, 50)),
    meetsTarget: samples.status === 200 && serverP95 !== undefined && serverP95 < serverTargetP95Ms,
  };
}

const milliseconds = (value: number | undefined) => (value === undefined ? '–' : `${value}`);

/** One row of the table; a page the viewer may not see says so instead of giving figures. */
export function tableRow(figures: PageFigures): string {
  if (figures.status !== 200) {
    return `| ${figures.page} | ${figures.viewer} | answered ${figures.status} | | | |`;
  }
  return `| ${figures.page} | ${figures.viewer} | ${milliseconds(figures.serverP50)} | ${milliseconds(figures.serverP95)} | ${milliseconds(figures.largestContentfulPaint)} | ${figures.meetsTarget ? 'met' : '**missed**'} |`;
}

export function pagesTable(rows: readonly PageFigures[]): string[] {
  return [
    `| page | seen by | server p50 ms | server p95 ms | largest contentful paint ms | p95 under ${serverTargetP95Ms} ms |`,
    '|---|---|---:|---:|---:|---|',
    ...rows.map(tableRow),
  ];
}

/** A sentence on the whole run: how many pages met the target, and which did not. */
export function verdict(rows: readonly PageFigures[]): string {
  const measured = rows.filter((row) => row.status === 200);
  const missed = measured.filter((row) => !row.meetsTarget);
  if (missed.length === 0) {
    return `All ${measured.length} pages measured were served in under ${serverTargetP95Ms} ms at p95.`;
  }
  return `${measured.length - missed.length} of ${measured.length} pages measured were served in under ${serverTargetP95Ms} ms at p95; missed: ${missed.map((row) => `${row.page} (${row.viewer}, ${row.serverP95} ms)`).join(', ')}.`;
}

/**
 * The results file is sections, each starting "# Benchmark: <part> …" (registry, pages, voting):
 * the sections by their part, so a run replaces the parts it measured and keeps the others.
 */
export function splitSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const starts = [...text.matchAll(/^# Benchmark: (\S+)/gm)];
  starts.forEach((start, index) => {
    const end = starts[index + 1]?.index ?? text.length;
    sections.set(start[1]!.toLowerCase(), text.slice(start.index, end).trimEnd());
  });
  return sections;
}
