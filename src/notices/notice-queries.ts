import { asc, eq, inArray } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { meetingNotices } from '../db/schema/notices.ts';
import { people } from '../db/schema/registry.ts';

/** Who holds each seat holding, with the address notice goes to (none when not recorded). */
export async function selectHoldersWithAddresses(
  reader: Reader,
  seatHoldingIds: readonly string[],
): Promise<{ seatHoldingId: string; personId: string; name: string; email: string | null }[]> {
  if (seatHoldingIds.length === 0) return [];
  return reader
    .select({
      seatHoldingId: seatHoldings.id,
      personId: people.id,
      name: people.name,
      email: people.email,
    })
    .from(seatHoldings)
    .innerJoin(people, eq(seatHoldings.personId, people.id))
    .where(inArray(seatHoldings.id, [...seatHoldingIds]));
}

export async function insertMeetingNotices(
  transaction: Transaction,
  rows: readonly {
    id: string;
    meetingId: string;
    personId: string;
    mailId: string;
    createdAt: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await transaction.insert(meetingNotices).values([...rows]);
}

/** Every notice of the meeting sent so far, with where its e-mail has got to. */
export async function selectNoticesOfMeeting(
  reader: Reader,
  meetingId: string,
): Promise<
  {
    personId: string;
    name: string;
    recipient: string;
    queuedAt: Date;
    status: string;
    sentAt: Date | null;
    lastError: string | null;
  }[]
> {
  return reader
    .select({
      personId: meetingNotices.personId,
      name: people.name,
      recipient: mailOutbox.recipient,
      queuedAt: meetingNotices.createdAt,
      status: mailOutbox.status,
      sentAt: mailOutbox.sentAt,
      lastError: mailOutbox.lastError,
    })
    .from(meetingNotices)
    .innerJoin(people, eq(meetingNotices.personId, people.id))
    .innerJoin(mailOutbox, eq(meetingNotices.mailId, mailOutbox.id))
    .where(eq(meetingNotices.meetingId, meetingId))
    .orderBy(asc(meetingNotices.createdAt), asc(people.name));
}
