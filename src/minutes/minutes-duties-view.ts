/**
 * What the minutes of a body's held meetings still need, for its secretariat's home page: items
 * to minute, minutes to approve at the next meeting (standing orders, SI 1991/809), copies to send
 * by hand to organisations without an address, and receipts not yet confirmed. Only for the bodies
 * whose business the reader runs.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, bodiesServedBy, londonDate } from '../identity/index.ts';
import { selectMinutesDuties } from './minutes-duty-queries.ts';
import { longDateText } from './minutes-rules.ts';

export type MinutesDutyKind = 'draft' | 'approve' | 'send-by-hand' | 'receipts';

export interface MinutesDuty {
  kind: MinutesDutyKind;
  meeting: { id: string; title: string; meetingOn: string };
  body: { slug: string; title: string };
  /** What is due, in words: "Minute 2 of 5 items". */
  text: string;
  /** Where to do it. */
  href: string;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export async function minutesDutiesFor(options: {
  db: Database;
  actor: Actor;
}): Promise<MinutesDuty[]> {
  const rows = await selectMinutesDuties(options.db, bodiesServedBy(options.actor));
  const duties: MinutesDuty[] = [];
  for (const row of rows) {
    const meetingOn = londonDate(row.startsAt);
    const meeting = { id: row.id, title: row.title, meetingOn };
    const body = { slug: row.bodySlug, title: row.bodyTitle };
    const minutes = `/meetings/${row.id}/minutes`;
    const ofMeeting = `${row.title} (${longDateText(meetingOn)})`;
    if (!row.approved && row.draftedCount < row.itemCount) {
      duties.push({
        kind: 'draft',
        meeting,
        body,
        text: `Draft the minutes of ${ofMeeting}: ${plural(row.itemCount - row.draftedCount, 'item')} of ${row.itemCount} still to minute.`,
        href: minutes,
      });
    } else if (!row.approved) {
      duties.push({
        kind: 'approve',
        meeting,
        body,
        text: row.approvalMeetingTitle
          ? `Approve the minutes of ${ofMeeting} at ${row.approvalMeetingTitle}, the next meeting, as standing orders require (SI 1991/809).`
          : `Approve the minutes of ${ofMeeting} at the next meeting, as standing orders require (SI 1991/809): add them to its agenda.`,
        href: `${minutes}#approval`,
      });
    }
    if (row.copiesToSendByHand > 0) {
      duties.push({
        kind: 'send-by-hand',
        meeting,
        body,
        text: `Distribute the approved minutes of ${ofMeeting}: ${plural(row.copiesToSendByHand, 'copy', 'copies')} to send by hand (no address recorded).`,
        href: `${minutes}#distribution`,
      });
    }
    if (row.receiptsOutstanding > 0) {
      duties.push({
        kind: 'receipts',
        meeting,
        body,
        text: `Receipts outstanding for the minutes of ${ofMeeting}: ${plural(row.receiptsOutstanding, 'organisation')} yet to confirm.`,
        href: `${minutes}#distribution`,
      });
    }
  }
  return duties;
}
