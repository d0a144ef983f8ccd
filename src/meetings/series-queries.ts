import { and, count, eq, inArray } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { meetings } from '../db/schema/meetings.ts';

/** A series is written in one statement: every occurrence or none. */
export async function insertSeriesMeetings(
  transaction: Transaction,
  rows: readonly {
    id: string;
    bodyId: string;
    seriesId: string;
    title: string;
    startsAt: Date;
    location: string;
    noticeGivenOn: string;
    urgencyReason: string | null;
    createdAt: Date;
  }[],
): Promise<void> {
  await transaction.insert(meetings).values([...rows]);
}

/** The meeting's row as it stands inside the transaction that is about to change it. */
export async function selectMeetingForUpdate(
  transaction: Transaction,
  meetingId: string,
): Promise<
  | {
      startsAt: Date;
      status: string;
      originallyStartsAt: Date | null;
      movedReason: string | null;
      noticeGivenOn: string;
      urgencyReason: string | null;
    }
  | undefined
> {
  const [row] = await transaction
    .select({
      startsAt: meetings.startsAt,
      status: meetings.status,
      originallyStartsAt: meetings.originallyStartsAt,
      movedReason: meetings.movedReason,
      noticeGivenOn: meetings.noticeGivenOn,
      urgencyReason: meetings.urgencyReason,
    })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
  return row;
}

export async function updateMeetingTime(
  transaction: Transaction,
  meetingId: string,
  change: {
    startsAt: Date;
    originallyStartsAt: Date;
    movedReason: string;
    noticeGivenOn: string;
    urgencyReason: string | null;
  },
): Promise<void> {
  await transaction.update(meetings).set(change).where(eq(meetings.id, meetingId));
}

/**
 * How many times each meeting has moved, from the audit trail: the calendar feed's SEQUENCE, so a
 * subscribed calendar takes the new time as a revision of the same event.
 */
export async function selectMoveCounts(
  reader: Reader,
  meetingIds: readonly string[],
): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await reader
    .select({ meetingId: auditEvents.entityId, moves: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, 'meeting'),
        eq(auditEvents.action, 'meeting.moved'),
        inArray(auditEvents.entityId, [...meetingIds]),
      ),
    )
    .groupBy(auditEvents.entityId);
  return new Map(rows.map((row) => [row.meetingId, row.moves]));
}
