/**
 * The body's next meeting that can still take business: scheduled, not yet begun, and with no
 * notice given stating its business (once notice has gone out, its items are that meeting's
 * business — agenda-notice.ts). Another capability puts an item on it, e.g. a collaborative forum.
 */
import type { Reader } from '../db/connection.ts';
import { noticeGiven } from './agenda-notice.ts';
import { type MeetingRecord, selectMeetingsOfBody } from './meeting-queries.ts';

export async function nextMeetingTakingBusiness(
  reader: Reader,
  bodyId: string,
  now: Date,
): Promise<MeetingRecord | undefined> {
  const coming = (await selectMeetingsOfBody(reader, bodyId))
    .filter((meeting) => meeting.status === 'scheduled' && meeting.startsAt > now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const meeting of coming) {
    if ((await noticeGiven(reader, meeting, now)) === null) return meeting;
  }
  return undefined;
}
