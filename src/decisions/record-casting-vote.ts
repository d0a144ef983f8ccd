/**
 * Use case: the presiding member's casting vote on a tie, where the method gives one, given once the
 * votes are counted and tied; the question closes with it. The presiding member's, or the
 * secretariat's recording it for them; audited as `proposal.closed` with the casting vote.
 */

import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { closeWith } from './close-with-tally.ts';

/**
 * The presiding member's casting vote on a tie, where the method gives one: recorded and the
 * question closed with it. The presiding member casts it, or the secretariat records it for them.
 */
export async function recordCastingVote(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  choice: 'for' | 'against';
}): Promise<{ proposalId: string; outcome: string; summary: string }> {
  return closeWith({ ...options, castingVote: options.choice });
}
