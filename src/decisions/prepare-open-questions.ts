/**
 * Use case: make ready, ahead of the first vote, the electorate of every open question on this
 * instance (src/decisions/voting-preparer.ts calls it at start and after each change to a meeting).
 * It reads and keeps; it writes nothing and needs no permission.
 */

import type { Database } from '../db/connection.ts';
import { readFactsEpoch } from '../db/facts-cache.ts';
import { selectOpenProposals } from './decision-queries.ts';
import { keepQuestionForVote, votingFactsOf } from './voting-facts.ts';

/**
 * Makes ready, on this instance, the electorate of every open question (of one meeting, or of
 * all): the seats, attendance and interests resolved and the engine's ballot roll built, kept at
 * the current facts epoch. A vote then only judges its member against it; without this the first
 * vote after a question opens waits for the whole load, and every vote arriving meanwhile with it.
 * Returns how many questions were made ready.
 */
export async function prepareOpenQuestions(options: {
  db: Database;
  meetingId?: string;
}): Promise<number> {
  const { db } = options;
  // The epoch before the facts, as every reader of kept facts does (src/db/facts-cache.ts).
  const epoch = await readFactsEpoch(db);
  const open = await selectOpenProposals(db, options.meetingId);
  for (const proposal of open) {
    await votingFactsOf(db, proposal, epoch);
    keepQuestionForVote(db, { proposal, factsEpoch: epoch });
  }
  return open.length;
}
