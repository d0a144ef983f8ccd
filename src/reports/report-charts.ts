/**
 * The report's charts where people would rather look than read (issue 26): attendance by sector
 * (a bar per sector, scaled to 100%) and the programme's RAG over time (a bar per month split
 * into red, amber and green). Drawn on the server as SVG for the page and with pdfkit for the PDF;
 * each bar carries its numbers as text and each status its own pattern, so neither needs colour,
 * and the page puts a table of the same figures under each chart.
 */
import type PDFDocument from 'pdfkit';
import { type Bar, barChartSvg, escapeXml } from '../shared/bar-chart-svg.ts';
import { drawBars, ensureRoom } from '../shared/pdf-bars.ts';
import type { RagCounts } from './report-figures.ts';
import type { SectorAttendance } from './report-rules.ts';

type Document = InstanceType<typeof PDFDocument>;

export function attendanceBars(bySector: readonly SectorAttendance[]): Bar[] {
  return bySector.map((sector) => ({
    label: sector.sector,
    value: sector.percent,
    text: `${sector.percent}% (${sector.attended} of ${sector.expected})`,
  }));
}

export function attendanceBySectorSvg(bySector: readonly SectorAttendance[]): string {
  return barChartSvg({
    id: 'attendance-by-sector',
    title: 'Attendance by sector: meetings attended in person or by deputy, of those expected',
    bars: attendanceBars(bySector),
    scaleTo: 100,
  });
}

export function drawAttendanceBySector(
  document: Document,
  bySector: readonly SectorAttendance[],
): void {
  drawBars(document, 'Attendance by sector (in person or by deputy)', attendanceBars(bySector), {
    scaleTo: 100,
  });
}

const statuses = [
  { key: 'red', label: 'Red', colour: '#d5281b', pattern: 'cross' },
  { key: 'amber', label: 'Amber', colour: '#ffb81c', pattern: 'dots' },
  { key: 'green', label: 'Green', colour: '#007f3b', pattern: 'solid' },
] as const;

export type MonthRag = RagCounts & { monthText: string };

export function ragText(row: RagCounts): string {
  return `${row.red} red, ${row.amber} amber, ${row.green} green`;
}

/** One bar per month, split red | amber | green in proportion, with the counts as text. */
export function ragByMonthSvg(options: { id: string; title: string; months: readonly MonthRag[] }) {
  const id = options.id.replace(/[^a-z0-9-]/gi, '');
  const barArea = 360;
  const rowHeight = 26;
  const height = 12 + options.months.length * rowHeight;
  const rows = options.months.map((month, index) => {
    const y = 6 + index * rowHeight;
    const total = month.red + month.amber + month.green;
    let x = 130;
    const segments = statuses.map((status) => {
      const width = total === 0 ? 0 : Math.round((month[status.key] / total) * barArea);
      const rect =
        width > 0
          ? `<rect x="${x}" y="${y}" width="${width}" height="18" fill="url(#${id}-${status.key})" stroke="#212b32" stroke-width="0.5"/>`
          : '';
      x += width;
      return rect;
    });
    return [
      `<text x="0" y="${y + 13}" font-size="12" fill="#212b32">${escapeXml(month.monthText)}</text>`,
      ...segments,
      `<text x="${130 + barArea + 8}" y="${y + 13}" font-size="12" fill="#212b32">R ${month.red} · A ${month.amber} · G ${month.green}</text>`,
    ].join('');
  });
  const description = options.months
    .map((month) => `${month.monthText}: ${ragText(month)}`)
    .join('; ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="concordat-bar-chart">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description || 'No actions.')}</desc>`,
    '<defs>',
    `<pattern id="${id}-red" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#d5281b"/><path d="M0 0L6 6M6 0L0 6" stroke="#ffffff" stroke-width="1"/></pattern>`,
    `<pattern id="${id}-amber" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#ffb81c"/><circle cx="3" cy="3" r="1.2" fill="#212b32"/></pattern>`,
    `<pattern id="${id}-green" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#007f3b"/></pattern>`,
    '</defs>',
    ...rows,
    '</svg>',
  ].join('');
}

/** The same chart in the PDF: a bar per month, each status drawn in its colour and pattern. */
export function drawRagByMonth(document: Document, title: string, months: readonly MonthRag[]) {
  const left = 56;
  const labelWidth = 90;
  const barArea = 300;
  ensureRoom(document, 40);
  document.font('Helvetica-Bold').fontSize(10).text(title, left);
  document.font('Helvetica').fontSize(9);
  for (const month of months) {
    ensureRoom(document, 18);
    const y = document.y + 2;
    document.fillColor('#212b32').text(month.monthText, left, y, { lineBreak: false });
    const total = month.red + month.amber + month.green;
    let x = left + labelWidth;
    for (const status of statuses) {
      const width = total === 0 ? 0 : Math.round((month[status.key] / total) * barArea);
      if (width > 0) {
        document.save();
        document.rect(x, y, width, 10).fillAndStroke(status.colour, '#212b32');
        if (status.pattern === 'cross') {
          for (let line = x; line < x + width; line += 5) {
            document
              .moveTo(line, y)
              .lineTo(Math.min(line + 5, x + width), y + 10)
              .stroke('#ffffff');
          }
        } else if (status.pattern === 'dots') {
          for (let dot = x + 3; dot < x + width; dot += 6)
            document.circle(dot, y + 5, 1).fill('#212b32');
        }
        document.restore();
      }
      x += width;
    }
    document
      .fillColor('#212b32')
      .text(
        `R ${month.red}  A ${month.amber}  G ${month.green}`,
        left + labelWidth + barArea + 8,
        y,
        {
          lineBreak: false,
        },
      );
    document.x = left;
    document.y = y + 14;
  }
  document.moveDown(0.5);
}
