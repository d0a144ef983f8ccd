import PDFDocument from 'pdfkit';
import { longDateText } from '../shared/long-date.ts';
import type { AdviceNote } from './advice-note-view.ts';

/**
 * The advice note as a PDF, from the same note the page shows (so a secret ballot's note already
 * has counts only): addressed to the bodies the engine names, quoting the clause, setting out the
 * range of views.
 */
export async function renderAdviceNotePdf(note: AdviceNote): Promise<Buffer> {
  const { proposal } = note;
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Advice note: ${proposal.title}`,
      Author: note.from,
      Creator: 'Concordat',
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  const heading = (text: string) => {
    document.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.2);
    document.font('Helvetica').fontSize(11);
  };

  document.font('Helvetica').fontSize(12).text(note.from);
  document.font('Helvetica-Bold').fontSize(20).text('Advice note');
  document.font('Helvetica').fontSize(11).moveDown(0.3);
  document.text(`To: ${note.to.join('; ')}`);
  document.text(`From: ${note.from}`);
  document.text(`Date: ${longDateText(note.date)}`);
  document.text(
    `Meeting: ${proposal.meeting.title}, ${longDateText(proposal.meeting.meetingOn)}, item ${proposal.agendaItem.position} (${proposal.agendaItem.title})`,
  );

  heading(proposal.title);
  document.text(proposal.text);

  heading('Why this is advice');
  document.text(note.summary);
  document.moveDown(0.3).font('Helvetica-Oblique').text(`${note.clause}: “${note.text}”`);
  document.font('Helvetica');
  if (proposal.reserved) {
    document
      .moveDown(0.3)
      .text(`Reserved matter (${proposal.reserved.clause}): “${proposal.reserved.text}”`);
  }

  heading(note.secret ? 'Range of views (secret ballot: counts only)' : 'Range of views');
  for (const view of note.views) {
    document.text(
      `${view.view}: ${view.count}${view.names.length ? ` (${view.names.join(', ')})` : ''}`,
      { indent: 12 },
    );
  }
  if (note.noViewRecorded.length) {
    document.text(`No view recorded: ${note.noViewRecorded.join(', ')}`, { indent: 12 });
  }
  if (note.objections.length) {
    heading('Reasons given for objecting');
    for (const objection of note.objections) {
      document.text(`${objection.name ? `${objection.name}: ` : ''}${objection.reason}`, {
        indent: 12,
      });
    }
  }
  document.end();
  return finished;
}
