/**
 * Use case: close an open question with the engine's tally, keeping the whole result; on a tie under
 * a method with a casting vote, voting ends and the question waits for it. The secretariat's to do;
 * audited as `proposal.closed` (or `proposal.voting-ended` on the tie).
 */

import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { closeWith } from './close-with-tally.ts';

/**
 * Closes a question with the engine's tally of the stored votes and the meeting's facts, keeping
 * the whole result. Refused while an amendment is undecided (amendments are voted before the main
 * question), and left open when the votes are tied and the presiding member's casting vote is due.
 */
export async function closeProposal(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
}): Promise<{ proposalId: string; outcome: string; summary: string }> {
  return closeWith({ ...options, castingVote: undefined });
}
