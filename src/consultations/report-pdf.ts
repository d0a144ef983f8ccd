/**
 * The analysis report as a PDF, from the same read model the page shows: per question the frozen
 * counts as a bar chart drawn with vector shapes (each bar with its label and its number, hatched
 * so it reads without colour) and a table of the same figures, then the themes with "we heard /
 * we did" (Gunning 4: responses "conscientiously taken into account").
 */
import PDFDocument from 'pdfkit';
import type { AnalysisReportView } from './report-view.ts';

type Document = InstanceType<typeof PDFDocument>;

const pageBottom = 841.89 - 56;

function ensureRoom(document: Document, height: number): void {
  if (document.y + height > pageBottom) document.addPage();
}

function drawBars(
  document: Document,
  title: string,
  bars: readonly { label: string; value: number }[],
): void {
  const left = 56;
  const barArea = 360;
  const rowHeight = 30;
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
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
      .text(`${bar.value.toLocaleString('en-GB')} (${share}%)`, left + length + 6, barY, {
        lineBreak: false,
      });
    document.font('Helvetica');
    document.x = left;
    document.y = barY + 14;
  }
  document.moveDown(0.5);
}

export async function renderAnalysisReportPdf(view: AnalysisReportView): Promise<Buffer> {
  const report = view.report;
  if (!report) throw new Error('no report has been produced');
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Analysis report, version ${report.version}: ${view.title}`,
      Creator: 'Concordat',
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.font('Helvetica-Bold').fontSize(18).text(`Analysis of the responses: ${view.title}`);
  document.font('Helvetica').fontSize(11).moveDown(0.3);
  document.text(
    `Report version ${report.version}, produced on ${report.producedOn} at ${report.producedAt} by ${report.producedBy}.`,
  );
  document.text(
    `Agreement between two analysts: Cohen’s kappa ${report.pooledKappa} (${report.pooledKappaWords}), over ${report.doubleCoded} answers coded twice.`,
  );
  if (report.responses) {
    const { total, byChannel, byCategory } = report.responses;
    const count = (value: number) => value.toLocaleString('en-GB');
    const channels = byChannel
      .filter((channel) => channel.count > 0)
      .map((channel) => `${channel.label.toLowerCase()}: ${count(channel.count)}`);
    const categories = view.categoryNames.map(
      (name, index) => `${name}: ${count(byCategory[index] ?? 0)}`,
    );
    document.text(
      `${count(total)} response${total === 1 ? ' counts' : 's count'}${channels.length ? ` (${channels.join('; ')})` : ''}. By who responded: ${categories.join('; ')}.`,
    );
  }
  document
    .moveDown(0.3)
    .font('Helvetica-Oblique')
    .text('Gunning 4: responses must be “conscientiously taken into account” before the decision.');
  document.font('Helvetica');
  for (const question of report.questions) {
    ensureRoom(document, 80);
    document
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(`Question ${question.number}: ${question.text}`);
    document
      .font('Helvetica')
      .fontSize(10)
      .text(
        `${question.kindName}. ${question.answered.toLocaleString('en-GB')} answered.${question.isOpen ? ` ${question.coded.toLocaleString('en-GB')} coded, ${question.uncoded.toLocaleString('en-GB')} not yet coded.` : ''}`,
      );
    document.moveDown(0.3);
    if (question.rows.length === 0) {
      document.text('No themes in the codebook.');
      continue;
    }
    drawBars(
      document,
      `Question ${question.number}: ${question.isOpen ? 'answers by theme' : 'answers by choice'}`,
      question.rows.map((row) => ({ label: row.label, value: row.total })),
    );
    for (const row of question.rows) {
      ensureRoom(document, 14);
      const parts = view.categoryNames.map(
        (name, index) => `${name} ${(row.byCategory[index] ?? 0).toLocaleString('en-GB')}`,
      );
      document
        .fontSize(9)
        .text(`${row.label}: all ${row.total.toLocaleString('en-GB')}; ${parts.join('; ')}`);
    }
  }
  document.addPage();
  document.font('Helvetica-Bold').fontSize(15).text('We heard, we did');
  document.font('Helvetica').fontSize(10);
  if (view.themes.length === 0) document.text('No themes in any codebook.');
  for (const theme of view.themes) {
    ensureRoom(document, 60);
    document
      .moveDown(0.5)
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(`Question ${theme.questionNumber}, ${theme.label} (${theme.code})`);
    document.font('Helvetica').fontSize(10);
    document.text(`We heard: ${theme.weHeard ?? 'not yet recorded.'}`);
    document.text(`We did: ${theme.weDid ?? 'not yet recorded.'}`);
  }
  document.end();
  return finished;
}
