/**
 * The programme timeline, drawn server-side as SVG (no script, no style attributes: only
 * presentation attributes, which the content security policy allows, as consultations' charts).
 * Workstreams are swimlanes, projects bars from start to due, milestones marks, a line for today,
 * arrows from a project to the projects that wait for it; each bar says its RAG status in words.
 */
import { type Rag, ragColours, ragShortLabels } from './programme-rules.ts';

export interface TimelineProject {
  id: string;
  title: string;
  startsOn: string;
  dueOn: string;
  rag: Rag;
  milestones: readonly { title: string; dueOn: string; achievedOn: string | null }[];
  dependsOn: readonly string[];
}

export interface TimelineLane {
  title: string;
  projects: readonly TimelineProject[];
}

const dayMs = 86_400_000;

/** Days since 1970-01-01 of an ISO calendar date. */
export function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / dayMs;
}

/** The first of the month of a date, and the first of the month after another. */
export function timelineRange(dates: readonly string[]): { from: string; to: string } | null {
  if (dates.length === 0) return null;
  const sorted = [...dates].sort();
  const first = sorted[0] as string;
  const last = sorted[sorted.length - 1] as string;
  const from = `${first.slice(0, 7)}-01`;
  const [year, month] = last.split('-').map(Number) as [number, number];
  const to =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { from, to };
}

/** Where a date falls across the plot: left edge at `from`, right edge at `to`, clamped. */
export function xOf(
  date: string,
  range: { from: string; to: string },
  left: number,
  width: number,
): number {
  const span = Math.max(1, dayNumber(range.to) - dayNumber(range.from));
  const share = (dayNumber(date) - dayNumber(range.from)) / span;
  return Math.round((left + Math.min(1, Math.max(0, share)) * width) * 10) / 10;
}

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** Month ticks from `from` to `to`; labelled every month, or every quarter beyond a year. */
export function monthTicks(range: {
  from: string;
  to: string;
}): { date: string; label: string | null }[] {
  const ticks: { date: string; label: string | null }[] = [];
  let [year, month] = range.from.split('-').map(Number) as [number, number];
  const months = (Number(range.to.slice(0, 4)) - year) * 12 + Number(range.to.slice(5, 7)) - month;
  const step = months > 12 ? 3 : 1;
  for (let index = 0; index <= months; index += 1) {
    const date = `${year}-${String(month).padStart(2, '0')}-01`;
    ticks.push({
      date,
      label: index % step === 0 ? `${monthNames[month - 1]} ${year}` : null,
    });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return ticks;
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function shortened(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

export const timelineGeometry = {
  width: 960,
  labelWidth: 250,
  rightMargin: 70,
  axisHeight: 34,
  laneHeaderHeight: 26,
  rowHeight: 30,
};

/**
 * The timeline as an SVG string with `role="img"`, a `<title>` and a `<desc>` it is labelled by;
 * the page gives the same facts as a table beside it. `today` is drawn when it falls in the range.
 */
export function timelineSvg(options: {
  id: string;
  title: string;
  lanes: readonly TimelineLane[];
  today: string;
  describe: string;
}): string {
  const g = timelineGeometry;
  const id = options.id.replace(/[^a-z0-9-]/gi, '');
  const dates = options.lanes.flatMap((lane) =>
    lane.projects.flatMap((project) => [
      project.startsOn,
      project.dueOn,
      ...project.milestones.map((milestone) => milestone.dueOn),
    ]),
  );
  const range = timelineRange(dates);
  const plotLeft = g.labelWidth;
  const plotWidth = g.width - g.labelWidth - g.rightMargin;
  const rows = options.lanes.reduce((sum, lane) => sum + 1 + Math.max(1, lane.projects.length), 0);
  const height =
    g.axisHeight +
    options.lanes.length * g.laneHeaderHeight +
    options.lanes.reduce((sum, lane) => sum + Math.max(1, lane.projects.length), 0) * g.rowHeight +
    10;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${g.width} ${Math.max(height, 60)}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="concordat-timeline" data-rows="${rows}">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.describe)}</desc>`,
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#425563"/></marker></defs>`,
  ];
  if (!range) {
    parts.push('<text x="0" y="30" font-size="14" fill="#212b32">No projects yet.</text></svg>');
    return parts.join('');
  }
  const x = (date: string) => xOf(date, range, plotLeft, plotWidth);
  for (const tick of monthTicks(range)) {
    const tx = x(tick.date);
    parts.push(
      `<line x1="${tx}" y1="${g.axisHeight - 6}" x2="${tx}" y2="${height}" stroke="#d8dde0" stroke-width="1"/>`,
    );
    if (tick.label) {
      parts.push(
        `<text x="${tx + 2}" y="${g.axisHeight - 12}" font-size="12" fill="#4c6272">${tick.label}</text>`,
      );
    }
  }
  const positions = new Map<string, { y: number; start: number; end: number }>();
  let y = g.axisHeight;
  const bars: string[] = [];
  for (const lane of options.lanes) {
    parts.push(
      `<rect x="0" y="${y}" width="${g.width}" height="${g.laneHeaderHeight}" fill="#e8edee"/>`,
      `<text x="6" y="${y + 18}" font-size="14" font-weight="bold" fill="#212b32">${escapeXml(shortened(lane.title, 60))}</text>`,
    );
    y += g.laneHeaderHeight;
    if (lane.projects.length === 0) {
      parts.push(
        `<text x="12" y="${y + 20}" font-size="13" fill="#4c6272">No projects yet.</text>`,
      );
      y += g.rowHeight;
      continue;
    }
    for (const project of lane.projects) {
      const start = x(project.startsOn);
      const end = Math.max(x(project.dueOn), start + 3);
      positions.set(project.id, { y: y + g.rowHeight / 2, start, end });
      bars.push(
        `<text x="12" y="${y + 19}" font-size="13" fill="#212b32">${escapeXml(shortened(project.title, 34))}</text>`,
        `<rect x="${start}" y="${y + 7}" width="${Math.round((end - start) * 10) / 10}" height="16" rx="2" fill="${ragColours[project.rag]}" stroke="#212b32" stroke-width="1"/>`,
        `<text x="${end + 4}" y="${y + 19}" font-size="12" font-weight="bold" fill="#212b32">${ragShortLabels[project.rag]}</text>`,
      );
      for (const milestone of project.milestones) {
        const mx = x(milestone.dueOn);
        const my = y + g.rowHeight / 2;
        bars.push(
          `<path d="M ${mx} ${my - 7} L ${mx + 6} ${my} L ${mx} ${my + 7} L ${mx - 6} ${my} z" fill="${milestone.achievedOn ? '#212b32' : '#ffffff'}" stroke="#212b32" stroke-width="1.5"><title>${escapeXml(`Milestone: ${milestone.title}${milestone.achievedOn ? ' (achieved)' : ''}`)}</title></path>`,
        );
      }
      y += g.rowHeight;
    }
  }
  parts.push(...bars);
  for (const lane of options.lanes) {
    for (const project of lane.projects) {
      const to = positions.get(project.id);
      for (const before of project.dependsOn) {
        const from = positions.get(before);
        if (!from || !to) continue;
        const midX = Math.max(from.end + 8, to.start - 8);
        parts.push(
          `<path d="M ${from.end} ${from.y} L ${midX} ${from.y} L ${midX} ${to.y} L ${to.start} ${to.y}" fill="none" stroke="#425563" stroke-width="1.5" marker-end="url(#${id}-arrow)"/>`,
        );
      }
    }
  }
  if (options.today >= range.from && options.today <= range.to) {
    const tx = x(options.today);
    parts.push(
      `<line x1="${tx}" y1="${g.axisHeight - 4}" x2="${tx}" y2="${height}" stroke="#330072" stroke-width="2" stroke-dasharray="6 3"/>`,
      `<text x="${tx + 3}" y="${height - 2}" font-size="12" font-weight="bold" fill="#330072">Today</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Whether the today line falls on the drawn range (the page says so in words when it does not). */
export function todayInRange(
  lanes: readonly TimelineLane[],
  today: string,
): 'before' | 'within' | 'after' | null {
  const range = timelineRange(
    lanes.flatMap((lane) =>
      lane.projects.flatMap((project) => [
        project.startsOn,
        project.dueOn,
        ...project.milestones.map((milestone) => milestone.dueOn),
      ]),
    ),
  );
  if (!range) return null;
  if (today < range.from) return 'before';
  if (today > range.to) return 'after';
  return 'within';
}
