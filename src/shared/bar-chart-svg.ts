/**
 * Bar charts as SVG text, drawn on the server, pure: readable without colour — each bar carries
 * its label and its number as text, and bars are told apart by a hatched pattern as well as by
 * shade; the chart has a title and a description for screen readers, and the page puts a table of
 * the same figures under it. No script and no inline style (the CSP allows neither): presentation
 * is SVG attributes only.
 */

export interface Bar {
  label: string;
  value: number;
  /** What the bar's end says, when its share of the total is not the point ("4 of 6 (67%)"). */
  text?: string;
}

/** Text made safe to stand inside SVG (or any XML) text and attributes. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * A horizontal bar chart: one row per bar, the label above, the number at the bar's end. Bars are
 * scaled to the largest, or to `scaleTo` when given (100 for percentages).
 */
export function barChartSvg(options: {
  id: string;
  title: string;
  bars: readonly Bar[];
  scaleTo?: number;
}): string {
  const { bars } = options;
  const id = options.id.replace(/[^a-z0-9-]/gi, '');
  const width = 640;
  const barArea = 480;
  const rowHeight = 44;
  const height = 16 + bars.length * rowHeight;
  const largest = options.scaleTo ?? Math.max(1, ...bars.map((bar) => bar.value));
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  const description = bars
    .map((bar) => `${bar.label}: ${bar.text ?? bar.value.toLocaleString('en-GB')}`)
    .join('; ');
  const rows = bars.map((bar, index) => {
    const y = 8 + index * rowHeight;
    const length = Math.round((bar.value / largest) * barArea);
    const share = total === 0 ? 0 : Math.round((bar.value * 100) / total);
    const fill = index % 2 === 0 ? `url(#${id}-hatch)` : `url(#${id}-dots)`;
    return [
      `<text x="0" y="${y + 12}" font-size="13" fill="#212b32">${escapeXml(bar.label)}</text>`,
      `<rect x="0" y="${y + 18}" width="${Math.max(length, 1)}" height="18" fill="${fill}" stroke="#005eb8" stroke-width="1"/>`,
      `<text x="${Math.max(length, 1) + 6}" y="${y + 32}" font-size="13" font-weight="bold" fill="#212b32">${escapeXml(bar.text ?? `${bar.value.toLocaleString('en-GB')} (${share}%)`)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="concordat-bar-chart">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description || 'Nothing to show.')}</desc>`,
    '<defs>',
    `<pattern id="${id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#d8e6f5"/><line x1="0" y1="0" x2="0" y2="8" stroke="#005eb8" stroke-width="3"/></pattern>`,
    `<pattern id="${id}-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#e8edee"/><circle cx="3" cy="3" r="1.5" fill="#212b32"/></pattern>`,
    '</defs>',
    ...rows,
    '</svg>',
  ].join('');
}
