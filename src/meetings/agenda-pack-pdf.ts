import PDFDocument from 'pdfkit';
import { londonDateAndTime } from './series-rules.ts';

/** What goes into a pack: only what this reader may see, decided before it gets here. */
export interface AgendaPackContent {
  body: { title: string };
  meeting: {
    title: string;
    startsAt: string;
    location: string;
    noticeGivenOn: string;
    urgencyReason: string | null;
  };
  items: {
    position: number;
    title: string;
    purpose: string;
    isConfidential: boolean;
    papers: { title: string; version: number; fileName: string; byteLength: number }[];
  }[];
  /** Part II items left out because this reader is not entitled to them. */
  hiddenConfidentialCount: number;
  /** When the pack was produced, printed on it so a reader can tell an old copy. */
  producedAt: Date;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function calendarDate(date: string): string {
  return longDate.format(new Date(`${date}T12:00:00Z`));
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

const purposes: Record<string, string> = {
  decision: 'For decision',
  discussion: 'For discussion',
  information: 'For information',
};

/**
 * The agenda pack as a PDF: a cover with the meeting's particulars and notice, then the agenda,
 * each item with its papers (title, version, file). The papers themselves are listed rather than
 * bound in: pdfkit writes PDFs but cannot import pages from another.
 */
export function renderAgendaPack(content: AgendaPackContent): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Agenda pack: ${content.meeting.title}`,
      Author: content.body.title,
      Creator: 'Concordat',
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  const { meeting } = content;
  const includesPartTwo = content.items.some((item) => item.isConfidential);
  document.font('Helvetica').fontSize(12).text(content.body.title);
  document.moveDown(0.5);
  document.font('Helvetica-Bold').fontSize(22).text(meeting.title);
  document.moveDown();
  document.font('Helvetica').fontSize(12);
  document.text(`When: ${londonDateAndTime(new Date(meeting.startsAt))} (London time)`);
  document.text(`Where: ${meeting.location}`);
  document.text(`Notice given: ${calendarDate(meeting.noticeGivenOn)}`);
  if (meeting.urgencyReason) document.text(`Short notice, urgent: ${meeting.urgencyReason}`);
  if (includesPartTwo) {
    document.moveDown();
    document
      .font('Helvetica-Bold')
      .text(
        'Confidential: this pack includes Part II business, from which the public is excluded.',
      );
    document.font('Helvetica');
  }
  document.moveDown(2);
  document.font('Helvetica-Bold').fontSize(16).text('Agenda');
  document.moveDown(0.5);

  if (content.items.length === 0) document.font('Helvetica').fontSize(12).text('No items yet.');
  for (const item of content.items) {
    document
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(`${item.position}. ${item.title}${item.isConfidential ? ' (Part II)' : ''}`);
    document
      .font('Helvetica')
      .fontSize(11)
      .text(purposes[item.purpose] ?? item.purpose);
    if (item.papers.length === 0) document.text('No papers.', { indent: 18 });
    for (const paper of item.papers) {
      document.text(
        `Paper: ${paper.title}, version ${paper.version}, ${paper.fileName} (${size(paper.byteLength)})`,
        { indent: 18 },
      );
    }
    document.moveDown(0.75);
  }
  if (content.hiddenConfidentialCount > 0) {
    const count = content.hiddenConfidentialCount;
    document.moveDown();
    document
      .font('Helvetica-Oblique')
      .fontSize(11)
      .text(
        `${count} Part II item${count === 1 ? ' is' : 's are'} not published: the public is excluded from ${count === 1 ? 'it' : 'them'} by resolution.`,
      );
  }
  document.moveDown(2);
  document
    .font('Helvetica')
    .fontSize(9)
    .text(`Produced by Concordat on ${londonDateAndTime(content.producedAt)}.`);
  document.end();
  return finished;
}
