/**
 * The analysis report as a PDF, from the same read model the page shows: per question the frozen
 * counts as a bar chart drawn with vector shapes (each bar with its label and its number, hatched
 * so it reads without colour) and a table of the same figures, then the themes with "we heard /
 * we did" (Gunning 4: responses "conscientiously taken into account").
 */
import PDFDocument from 'pdfkit';
import { drawBars, ensureRoom } from '../shared/pdf-bars.ts';
import type { AnalysisReportView } from './report-view.ts';

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
