import { eq } from 'drizzle-orm';
import type { Transaction } from '../db/connection.ts';
import { meetings } from '../db/schema/meetings.ts';

/** The meeting's status as it stands inside the transaction about to change it, row locked. */
export async function selectMeetingStatusForUpdate(
  transaction: Transaction,
  meetingId: string,
): Promise<{ status: string; startsAt: Date } | undefined> {
  const [row] = await transaction
    .select({ status: meetings.status, startsAt: meetings.startsAt })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
  return row;
}

export async function updateMeetingStatus(
  transaction: Transaction,
  meetingId: string,
  change: { status: 'held' | 'cancelled'; cancelledReason: string | null },
): Promise<void> {
  await transaction.update(meetings).set(change).where(eq(meetings.id, meetingId));
}
