/**
 * A progress update or annual report as a PDF, from the same frozen figures the page shows: the
 * period and the duty it meets, then meetings and attendance (with the attendance-by-sector
 * chart), decisions and advice, disputes, the programme (with RAG over time) and the review of the
 * terms. Part II business is counted, never described.
 */
import PDFDocument from 'pdfkit';
import { longDateText } from '../shared/long-date.ts';
import { ensureRoom } from '../shared/pdf-bars.ts';
import { drawAttendanceBySector, drawRagByMonth, ragText } from './report-charts.ts';
import type { ReportView } from './report-reads.ts';

type Document = InstanceType<typeof PDFDocument>;

/** "Red", "Amber", "Green"; a first status is "New". */
function ragWord(rag: string | null): string {
  return rag ? `${rag.charAt(0).toUpperCase()}${rag.slice(1)}` : 'New';
}

function heading(document: Document, text: string): void {
  ensureRoom(document, 60);
  document.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text, 56);
  document.font('Helvetica').fontSize(10).moveDown(0.2);
}

function lines(document: Document, items: readonly string[], none: string): void {
  if (items.length === 0) {
    document.text(none);
    return;
  }
  for (const item of items) {
    ensureRoom(document, 14);
    document.text(`• ${item}`, 56, undefined, { width: 480 });
  }
}

export async function renderReportPdf(view: ReportView): Promise<Buffer> {
  const { figures } = view;
  const period = `${longDateText(figures.period.from)} to ${longDateText(figures.period.to)}`;
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    // Kept in memory so each page can be numbered "Page n of N" once the last is known.
    bufferPages: true,
    info: { Title: `${view.kindText}: ${figures.body.title}, ${period}`, Creator: 'Concordat' },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.font('Helvetica-Bold').fontSize(18).text(`${view.kindText}: ${figures.body.title}`);
  document.font('Helvetica').fontSize(11).moveDown(0.3);
  document.text(
    `${period}. Version ${view.version}, generated from the record on ${longDateText(view.generatedOn)} by ${view.generatedBy}.`,
  );
  document.text(
    view.distributedOn
      ? `Sent on ${longDateText(view.distributedOn)} to ${view.receipts.sent} board${view.receipts.sent === 1 ? '' : 's'}.`
      : 'Not yet sent to the boards: a draft.',
  );
  document.font('Helvetica-Oblique').text(`${figures.duty.clause}: “${figures.duty.text}”`);
  document.font('Helvetica');
  if (view.reason) document.text(`Why this version: ${view.reason}`);

  heading(document, 'Meetings held and attendance');
  document.text(
    `${figures.meetings.length === 0 ? 'No meetings were held' : `${figures.meetings.length} meeting${figures.meetings.length === 1 ? '' : 's'} held`}${figures.meetingsCancelled ? `; ${figures.meetingsCancelled} cancelled` : ''}.`,
  );
  lines(
    document,
    figures.meetings.map((meeting) => `${meeting.title}, ${longDateText(meeting.on)}`),
    'No meetings were held in the period.',
  );
  if (figures.attendance.bySector.length) {
    document.moveDown(0.5);
    drawAttendanceBySector(document, figures.attendance.bySector);
  }
  if (view.kind === 'annual-report') {
    document.font('Helvetica-Bold').text('Attendance by member', 56);
    document.font('Helvetica');
    lines(
      document,
      figures.attendance.members.map(
        (member) =>
          `${member.name}${member.organisation ? `, ${member.organisation}` : ''} (${member.seat}): ${member.present} in person, ${member.deputised} by deputy, ${member.apologies} apologies, ${member.absent} absent, of ${member.expected}`,
      ),
      'No member was expected at a meeting in the period.',
    );
  }

  heading(document, 'Decisions taken');
  lines(
    document,
    figures.decisions.map(
      (decision) =>
        `${decision.title} (${decision.meetingTitle}, ${longDateText(decision.on)}): ${decision.outcome}. ${decision.summary}`,
    ),
    'No decisions were taken in the period.',
  );
  heading(document, 'Advice given');
  lines(
    document,
    figures.advice.map(
      (advice) =>
        `${advice.title} (${advice.meetingTitle}, ${longDateText(advice.on)}): ${advice.summary || advice.outcome}`,
    ),
    'No advice was given in the period.',
  );
  if (figures.partTwoClosed) {
    document.text(
      figures.partTwoClosed === 1
        ? '1 question was decided in Part II (confidential) business and is not described here.'
        : `${figures.partTwoClosed} questions were decided in Part II (confidential) business and are not described here.`,
    );
  }

  if (view.kind === 'annual-report') {
    heading(document, 'Disputes and how they ended');
    lines(
      document,
      figures.disputes.map(
        (dispute) =>
          `${dispute.title}, raised ${longDateText(dispute.raisedOn)}: ${dispute.ending}`,
      ),
      'No disputes were open in the period.',
    );
  }

  for (const programme of figures.programmes) {
    heading(document, `Programme: ${programme.title}`);
    const end = programme.atEnd;
    document.text(
      `At ${longDateText(figures.period.to)}: ${end.total} actions — ${ragText(end)}; ${end.completed} completed, ${end.late} late.`,
    );
    document.moveDown(0.4);
    drawRagByMonth(
      document,
      'Actions by RAG status at the end of each month',
      programme.ragByMonth,
    );
    document.font('Helvetica-Bold').text('RAG changes in the period');
    document.font('Helvetica');
    lines(
      document,
      programme.ragChanges.map(
        (change) =>
          `${longDateText(change.changedOn)}, ${change.subject} (${change.kind}): ${ragWord(change.from)} to ${ragWord(change.to)}. ${change.reason}`,
      ),
      'No RAG status changed in the period.',
    );
    document.font('Helvetica-Bold').text('Actions completed');
    document.font('Helvetica');
    lines(
      document,
      programme.completed.map(
        (action) => `${action.title} — ${action.owner}, ${longDateText(action.completedOn)}`,
      ),
      'No actions were completed in the period.',
    );
    document.font('Helvetica-Bold').text('Actions late at the end of the period');
    document.font('Helvetica');
    lines(
      document,
      programme.lateAtEnd.map(
        (action) => `${action.title} — ${action.owner}, due ${longDateText(action.dueOn)}`,
      ),
      'No actions were late.',
    );
  }

  if (view.kind === 'annual-report') {
    heading(document, 'Review of the terms of reference');
    const { terms } = figures;
    document.text(
      terms.version === null
        ? 'No terms of reference were in force at the end of the period.'
        : `Version ${terms.version} in force from ${longDateText(terms.effectiveOn ?? figures.period.to)}${terms.reviewOn ? `; review due by ${longDateText(terms.reviewOn)}` : '; no review date set'}.`,
    );
    if (terms.reviewClause) document.text(`${terms.reviewClause}: “${terms.reviewText}”`);
    if (
      terms.reviewOn &&
      terms.reviewOn <= figures.period.to &&
      terms.reviewCalls.length === 0 &&
      terms.versionsInPeriod.length === 0
    ) {
      document
        .font('Helvetica-Bold')
        .text(
          `The review is overdue: due by ${longDateText(terms.reviewOn)}, none was called and no new version took effect by the end of the period.`,
        );
      document.font('Helvetica');
    }
    lines(
      document,
      [
        ...terms.reviewCalls.map(
          (call) =>
            `Earlier review called by ${call.calledByName} on ${longDateText(call.calledOn)} (${call.reference}): ${call.reason}`,
        ),
        ...terms.versionsInPeriod.map(
          (version) =>
            `Version ${version.version} took effect on ${longDateText(version.effectiveOn)}`,
        ),
      ],
      'No review was called and no new version took effect in the period.',
    );
  }
  numberPages(document, `${view.kindText}: ${figures.body.title}, ${period}`);
  document.end();
  return finished;
}

/** "Page n of N" and the report's name at the foot of every page. */
function numberPages(document: Document, name: string): void {
  const range = document.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    document.switchToPage(index);
    // Writing inside the bottom margin would start a new page; lift the margin while we do.
    const bottom = document.page.margins.bottom;
    document.page.margins.bottom = 0;
    document
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#4c6272')
      .text(`${name} · Page ${index + 1} of ${range.count}`, 56, document.page.height - 36, {
        width: document.page.width - 112,
        align: 'center',
        lineBreak: false,
      });
    document.page.margins.bottom = bottom;
  }
}
