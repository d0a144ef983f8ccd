import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import {
  assertMayManage,
  getMeeting,
  type MeetingReport,
  selectMeeting,
} from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import { noticeBody, noticeSubject } from './notice-mail.ts';
import {
  insertMeetingNotices,
  selectHoldersWithAddresses,
  selectNoticesOfMeeting,
} from './notice-queries.ts';

interface Addressee {
  personId: string;
  name: string;
  email: string | null;
}

/**
 * The members on the meeting day (as the meeting page counts them), once each however many seats
 * they hold, split by whether the registry has an e-mail address for them.
 */
async function addressees(
  db: Database,
  report: MeetingReport,
): Promise<{ withAddress: (Addressee & { email: string })[]; withoutAddress: Addressee[] }> {
  const holders = await selectHoldersWithAddresses(
    db,
    report.attendance.map((member) => member.seatHoldingId),
  );
  const people = new Map<string, Addressee>();
  for (const holder of holders) {
    people.set(holder.personId, {
      personId: holder.personId,
      name: holder.name,
      email: holder.email?.trim() || null,
    });
  }
  const everyone = [...people.values()].sort((left, right) => left.name.localeCompare(right.name));
  return {
    withAddress: everyone.filter((person): person is Addressee & { email: string } =>
      Boolean(person.email),
    ),
    withoutAddress: everyone.filter((person) => !person.email),
  };
}

async function loadManagedMeeting(db: Database, actor: Actor, meetingId: string) {
  const meeting = await selectMeeting(db, meetingId);
  if (!meeting) throw notFound('meeting', meetingId);
  assertMayManage(actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  return meeting;
}

/**
 * Queues notice of the meeting by e-mail to every member on the meeting day who has an address,
 * stating the business, in one transaction with the record of who was sent it and the audit
 * event. The caller delivers the queued mail once the transaction has committed.
 */
export async function sendMeetingNotice(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  publicUrl: string;
  /** False when no SMTP server is configured: notice is refused rather than silently queued. */
  mailConfigured: boolean;
}): Promise<{
  sent: { personId: string; name: string; email: string }[];
  withoutAddress: { personId: string; name: string }[];
}> {
  const { db, context } = options;
  const meeting = await loadManagedMeeting(db, options.actor, options.meetingId);
  if (meeting.status !== 'scheduled') {
    throw new ProblemError({
      status: 409,
      code: 'meeting-not-scheduled',
      title: 'Notice is only given of a scheduled meeting',
      detail: `${meeting.title} is ${meeting.status}, so there is no meeting to give notice of.`,
    });
  }
  if (!options.mailConfigured) {
    throw new ProblemError({
      status: 503,
      code: 'mail-not-configured',
      title: 'E-mail is not set up on this server',
      detail: 'Notice cannot be e-mailed until the server has an SMTP server (SMTP_URL).',
    });
  }
  // The secretariat's own view of the meeting: members on the day and the whole agenda.
  const report = await getMeeting({ db, meetingId: meeting.id, actor: options.actor });
  const { withAddress, withoutAddress } = await addressees(db, report);
  if (withAddress.length === 0) {
    throw new ProblemError({
      status: 400,
      code: 'no-member-addresses',
      title: 'No member has an e-mail address',
      detail: `None of the members of ${meeting.bodyTitle} on ${report.meeting.meetingOn} has an e-mail address in the registry; add their addresses first.`,
    });
  }
  const content = {
    body: { title: meeting.bodyTitle },
    meeting: report.meeting,
    agenda: report.agenda,
    publicUrl: options.publicUrl,
  };
  await db.transaction(async (transaction) => {
    const mailIds = await enqueueMail(
      transaction,
      withAddress.map((person) => ({
        recipient: person.email,
        subject: noticeSubject(content),
        body: noticeBody(content, person.name),
      })),
      context.now,
    );
    await insertMeetingNotices(
      transaction,
      withAddress.map((person, index) => ({
        id: uuidv7(),
        meetingId: meeting.id,
        personId: person.personId,
        mailId: mailIds[index] as string,
        createdAt: context.now,
      })),
    );
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.notice-sent',
        entityType: 'meeting',
        entityId: meeting.id,
        after: {
          startsAt: report.meeting.startsAt,
          recipients: withAddress.map((person) => person.name),
          withoutAddress: withoutAddress.map((person) => person.name),
          items: report.agenda.length,
        },
      },
    ]);
  });
  return {
    sent: withAddress.map(({ personId, name, email }) => ({ personId, name, email })),
    withoutAddress: withoutAddress.map(({ personId, name }) => ({ personId, name })),
  };
}

/** Who has been sent notice of the meeting and when, and which members have no address. */
export async function listMeetingNotices(options: {
  db: Database;
  actor: Actor;
  meetingId: string;
}): Promise<{
  meeting: MeetingReport['meeting'];
  notices: {
    personId: string;
    name: string;
    recipient: string;
    queuedAt: string;
    status: string;
    sentAt: string | null;
    lastError: string | null;
  }[];
  withoutAddress: { personId: string; name: string }[];
}> {
  const { db } = options;
  const meeting = await loadManagedMeeting(db, options.actor, options.meetingId);
  const report = await getMeeting({ db, meetingId: meeting.id, actor: options.actor });
  const { withoutAddress } = await addressees(db, report);
  const notices = await selectNoticesOfMeeting(db, meeting.id);
  return {
    meeting: report.meeting,
    notices: notices.map((notice) => ({
      ...notice,
      queuedAt: notice.queuedAt.toISOString(),
      sentAt: notice.sentAt?.toISOString() ?? null,
    })),
    withoutAddress: withoutAddress.map(({ personId, name }) => ({ personId, name })),
  };
}
