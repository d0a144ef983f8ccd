/**
 * The meetings whose notice the secretariat has still to send, for their home page: scheduled,
 * still to come, of a body whose business they run, and with no notice e-mailed to any member.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, bodiesServedBy, londonDate } from '../identity/index.ts';
import { selectComingMeetingsWithoutNotice } from './notice-due-queries.ts';

export interface NoticeToSend {
  meeting: { id: string; title: string; meetingOn: string; startsAt: string };
  body: { slug: string; title: string };
}

export async function noticesToSend(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<NoticeToSend[]> {
  const today = londonDate(options.now);
  const rows = await selectComingMeetingsWithoutNotice(
    options.db,
    bodiesServedBy(options.actor),
    new Date(options.now.getTime() - 24 * 3_600_000),
  );
  return rows
    .filter((row) => londonDate(row.startsAt) >= today)
    .map((row) => ({
      meeting: {
        id: row.id,
        title: row.title,
        meetingOn: londonDate(row.startsAt),
        startsAt: row.startsAt.toISOString(),
      },
      body: { slug: row.bodySlug, title: row.bodyTitle },
    }));
}
