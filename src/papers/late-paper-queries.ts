import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { meetingPapers } from '../db/schema/papers.ts';

export interface ItemsWithoutPapersRow {
  id: string;
  title: string;
  startsAt: Date;
  bodySlug: string;
  bodyTitle: string;
  /** Agenda items for decision or discussion with no paper uploaded. */
  itemsWithoutPapers: number;
}

/**
 * The scheduled meetings from `from` on of these bodies with agenda items for decision or
 * discussion that have no paper yet (an item approving earlier minutes has the minutes as its
 * paper), soonest first: one query for the secretariat's home page.
 */
export async function selectComingMeetingsWithItemsWithoutPapers(
  reader: Reader,
  bodySlugs: readonly string[],
  from: Date,
): Promise<ItemsWithoutPapersRow[]> {
  if (bodySlugs.length === 0) return [];
  const missing = sql<number>`(select count(*) from ${agendaItems}
    where ${agendaItems.meetingId} = ${meetings.id}
      and ${agendaItems.purpose} in ('decision', 'discussion')
      and ${agendaItems.approvesMinutesOfMeetingId} is null
      and not exists (select 1 from ${meetingPapers}
        where ${meetingPapers.agendaItemId} = ${agendaItems.id}))::int`;
  const rows = await reader
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      bodySlug: bodies.slug,
      bodyTitle: bodies.title,
      itemsWithoutPapers: missing,
    })
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        gte(meetings.startsAt, from),
        inArray(bodies.slug, [...bodySlugs]),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  return rows.filter((row) => row.itemsWithoutPapers > 0);
}
