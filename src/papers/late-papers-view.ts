/**
 * Papers late for the coming meetings, for the secretariat's home page: a meeting of a body whose
 * business they run, now fewer than 5 clear working days away (common practice, paper-rules.ts),
 * with items for decision or discussion that still have no paper.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, bodiesServedBy, londonDate } from '../identity/index.ts';
import { selectComingMeetingsWithItemsWithoutPapers } from './late-paper-queries.ts';
import { checkPublication, expectedClearWorkingDays } from './paper-rules.ts';

export interface LatePapers {
  meeting: { id: string; title: string; meetingOn: string; startsAt: string };
  body: { slug: string; title: string };
  itemsWithoutPapers: number;
  /** E.g. "Published today, 2 clear working days before the meeting; common practice is 5." */
  rule: string;
}

export async function latePapersFor(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<LatePapers[]> {
  const today = londonDate(options.now);
  const rows = await selectComingMeetingsWithItemsWithoutPapers(
    options.db,
    bodiesServedBy(options.actor),
    new Date(options.now.getTime() - 24 * 3_600_000),
  );
  return rows.flatMap((row) => {
    const meetingOn = londonDate(row.startsAt);
    if (meetingOn < today) return [];
    const check = checkPublication(today, meetingOn);
    if (!check.late) return [];
    return [
      {
        meeting: { id: row.id, title: row.title, meetingOn, startsAt: row.startsAt.toISOString() },
        body: { slug: row.bodySlug, title: row.bodyTitle },
        itemsWithoutPapers: row.itemsWithoutPapers,
        rule: `Papers should reach members ${expectedClearWorkingDays} clear working days before the meeting; ${check.clearWorkingDays} remain.`,
      },
    ];
  });
}
