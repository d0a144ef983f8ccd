import { sql } from 'drizzle-orm';
import type { Database } from './connection.ts';

type Writer = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The PostgreSQL channel every app instance listens on for changes to a meeting in progress. */
export const meetingChangesChannel = 'concordat_meeting_changed';

/**
 * What changed: a vote cast, or anything else (attendance, the agenda position, a question opened
 * or closed). Votes come by the thousand in a minute and the hub paces their snapshots; any other
 * change is shown at once.
 */
export type MeetingChange = 'vote' | 'other';

/**
 * Tells every app instance that a meeting changed. Called inside the transaction that makes the
 * change: PostgreSQL delivers the notification only when that transaction commits, so a live page
 * never shows a change that rolled back, and identical notifications in one transaction collapse.
 */
export async function notifyMeetingChanged(
  transaction: Writer,
  meetingId: string,
  change: MeetingChange = 'other',
): Promise<void> {
  const { channel, payload } = meetingChangeNotification(meetingId, change);
  await transaction.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** The channel and payload of a meeting's change, for a writer that sends the NOTIFY itself. */
export function meetingChangeNotification(
  meetingId: string,
  change: MeetingChange = 'other',
): { channel: string; payload: string } {
  return {
    channel: meetingChangesChannel,
    payload: change === 'vote' ? `${meetingId} vote` : meetingId,
  };
}

/** The meeting and the kind of change a notification's payload names. */
export function parseMeetingChange(payload: string): { meetingId: string; change: MeetingChange } {
  const [meetingId = '', kind] = payload.split(' ');
  return { meetingId, change: kind === 'vote' ? 'vote' : 'other' };
}
