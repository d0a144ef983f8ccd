/**
 * Bar charts in a PDF, drawn with pdfkit's vector shapes as the pages draw them in SVG
 * (src/shared/bar-chart-svg.ts): each bar with its label and its number, hatched so it reads
 * without colour. Shared by every report that prints figures (the consultation analysis, the
 * progress update and the annual report).
 */
import type PDFDocument from 'pdfkit';
import type { Bar } from './bar-chart-svg.ts';

type Document = InstanceType<typeof PDFDocument>;

const pageBottom = 841.89 - 56;

/** Starts a new page when the next block would run past the bottom margin of an A4 page. */
export function ensureRoom(document: Document, height: number): void {
  if (document.y + height > pageBottom) document.addPage();
}

/** A titled horizontal bar chart, scaled to the largest bar or to `scaleTo` (100 for percentages). */
export function drawBars(
  document: Document,
  title: string,
  bars: readonly Bar[],
  options: { scaleTo?: number } = {},
): void {
  const left = 56;
  const barArea = 360;
  const rowHeight = 30;
  const largest = options.scaleTo ?? Math.max(1, ...bars.map((bar) => bar.value));
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  ensureRoom(document, 20 + Math.min(bars.length, 4) * rowHeight);
  document.font('Helvetica-Bold').fontSize(10).text(title, left);
  document.font('Helvetica').fontSize(9);
  for (const bar of bars) {
    ensureRoom(document, rowHeight);
    const y = document.y + 2;
    document.text(bar.label, left, y, { width: 480 });
    const barY = y + 12;
    const length = Math.max(1, Math.round((bar.value / largest) * barArea));
    document.save();
    document.rect(left, barY, length, 10).fillAndStroke('#d8e6f5', '#005eb8');
    for (let x = left + 4; x < left + length; x += 6) {
      document
        .moveTo(x, barY)
        .lineTo(Math.min(x + 4, left + length), barY + 10)
        .lineWidth(0.8)
        .stroke('#005eb8');
    }
    document.restore();
    const share = total === 0 ? 0 : Math.round((bar.value * 100) / total);
    document
      .fillColor('#212b32')
      .font('Helvetica-Bold')
      .text(
        bar.text ?? `${bar.value.toLocaleString('en-GB')} (${share}%)`,
        left + length + 6,
        barY,
        {
          lineBreak: false,
        },
      );
    document.font('Helvetica');
    document.x = left;
    document.y = barY + 14;
  }
  document.moveDown(0.5);
}
