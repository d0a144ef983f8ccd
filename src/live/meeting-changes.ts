import { sql } from 'drizzle-orm';
import type { Database } from '../db/connection.ts';

type Writer = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The PostgreSQL channel every app instance listens on for changes to a meeting in progress. */
export const meetingChangesChannel = 'concordat_meeting_changed';

/**
 * Tells every app instance that a meeting changed. Called inside the transaction that makes the
 * change: PostgreSQL delivers the notification only when that transaction commits, so a live page
 * never shows a change that rolled back, and identical notifications in one transaction collapse.
 */
export async function notifyMeetingChanged(transaction: Writer, meetingId: string): Promise<void> {
  await transaction.execute(sql`select pg_notify(${meetingChangesChannel}, ${meetingId})`);
}
