/**
 * The questions whose count must not move (decision 017): open secret ballots, and votes counted
 * and tied, awaiting the casting vote. Asked by meetings (before attendance or a declaration
 * changes) and by membership (before a seat ends), which sit below decisions in the house, so the
 * one query lives here on the floor rather than twice in each of them.
 */
import { and, eq, isNotNull, or } from 'drizzle-orm';
import type { Reader } from './connection.ts';
import { proposals } from './schema/decisions.ts';
import { meetings } from './schema/meetings.ts';

export async function selectQuestionsWhoseCountIsFixed(
  reader: Reader,
  scope: { meetingId: string } | { bodyId: string },
): Promise<{ title: string }[]> {
  const fixed = and(
    eq(proposals.status, 'open'),
    or(eq(proposals.ballot, 'secret'), isNotNull(proposals.votingEndedAt)),
  );
  if ('meetingId' in scope) {
    return reader
      .select({ title: proposals.title })
      .from(proposals)
      .where(and(eq(proposals.meetingId, scope.meetingId), fixed));
  }
  return reader
    .select({ title: proposals.title })
    .from(proposals)
    .innerJoin(meetings, eq(meetings.id, proposals.meetingId))
    .where(and(eq(meetings.bodyId, scope.bodyId), fixed));
}
