import PDFDocument from 'pdfkit';
import { hiddenMinutesText, longDateText } from './minutes-rules.ts';
import type { MinutesReport } from './minutes-view.ts';

const londonTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});

const purposeText: Record<string, string> = {
  decision: 'For decision',
  discussion: 'For discussion',
  information: 'For information',
};

function officeText(office: string | null): string {
  return office === 'chair' ? ' (Chair)' : office === 'viceChair' ? ' (Vice-chair)' : '';
}

/**
 * The minutes as a PDF, from the same report the page shows (so the reader's entitlement has
 * already been applied: the public copy has no Part II minutes). A draft says so on every page
 * heading and carries an unsigned signature line.
 */
export async function renderMinutesPdf(report: MinutesReport): Promise<Buffer> {
  const { meeting } = report;
  const draft = report.status === 'draft';
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${draft ? 'DRAFT ' : ''}Minutes: ${meeting.body.title}, ${meeting.title}`,
      Author: meeting.body.title,
      Creator: 'Concordat',
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  const heading = (text: string, size = 14) => {
    document.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).moveDown(0.2);
    document.font('Helvetica').fontSize(11);
  };

  if (draft) {
    document
      .font('Helvetica-Bold')
      .fontSize(16)
      .fillColor('#d5281b')
      .text('DRAFT: not yet approved', { align: 'right' })
      .fillColor('black');
  }
  document.font('Helvetica').fontSize(12).text(meeting.body.title);
  document.font('Helvetica-Bold').fontSize(20).text(`Minutes: ${meeting.title}`);
  document
    .font('Helvetica')
    .fontSize(11)
    .moveDown(0.3)
    .text(
      `Held on ${longDateText(meeting.meetingOn)} at ${londonTime.format(new Date(meeting.startsAt))}, ${meeting.location}`,
    );

  heading('Present');
  if (report.present.length === 0) document.text('No one is recorded as present.');
  for (const member of report.present) {
    document.text(
      `${member.name}${officeText(member.office)}, ${member.seatTitle}${member.organisation ? ` (${member.organisation})` : ''}`,
      { indent: 12 },
    );
  }
  if (report.deputies.length) {
    heading('Deputies attending', 12);
    for (const deputy of report.deputies) {
      document.text(`${deputy.name}, for ${deputy.forMember}`, { indent: 12 });
    }
  }
  if (report.apologies.length) {
    heading('Apologies', 12);
    document.text(report.apologies.join(', '), { indent: 12 });
  }

  heading('Minutes');
  for (const item of report.items) {
    document
      .moveDown(0.4)
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(`${item.position}. ${item.title}`);
    document
      .font('Helvetica-Oblique')
      .fontSize(10)
      .text(
        `${purposeText[item.purpose] ?? item.purpose}${item.isConfidential ? '. Part II: confidential' : ''}`,
      );
    document.font('Helvetica').fontSize(11).moveDown(0.2);
    document.text(item.minute?.text ?? 'No minute recorded.');
  }
  if (report.hiddenConfidentialCount > 0) {
    document
      .moveDown(0.6)
      .font('Helvetica-Oblique')
      .text(
        `${hiddenMinutesText(report.hiddenConfidentialCount)}: the public is excluded from Part II business by resolution (Public Bodies (Admission to Meetings) Act 1960 s1).`,
      )
      .font('Helvetica');
  }

  heading('Signature');
  if (report.approval) {
    const { approval } = report;
    document.text(
      `Approved as a correct record at ${approval.approvedAtMeeting.title} on ${longDateText(approval.approvedAtMeeting.meetingOn)} (item ${approval.agendaItemPosition}).`,
    );
    document.moveDown(0.3).text(`Signed: ${approval.signedBy}, presiding`);
    document.font('Helvetica-Oblique').fontSize(10).text(`Quorum: ${approval.quorumSummary}`);
  } else {
    document.text(
      'Signed: ______________________________ (by the person presiding at the meeting that approves these minutes)',
    );
  }

  document.end();
  return finished;
}
