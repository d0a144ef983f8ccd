/**
 * Use case: a show of hands in the room, for members present who have no account to vote from —
 * the secretariat or the person presiding records each one's vote (or consensus view), and the
 * record says who recorded it ("recorded by Dana Placeholder, secretariat"). Judged by the engine
 * as the member's own vote would be (presence, conflicts, a non-voting seat); while the question
 * is open a second entry changes the first (decision 021). Never under a secret ballot: a show of
 * hands is seen by the room. Audited as `vote.cast` or `vote.changed`, naming the recorder.
 */

import type { Database } from '../db/connection.ts';
import type { VoteChoice } from '../governance/index.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';
import { type RecordedVote, recordVote } from './cast-vote.ts';
import { isPresiding } from './chair-of-meeting.ts';
import { byParties } from './decision-facts.ts';
import { stateConflict } from './decision-problems.ts';
import { selectPeopleWithAccounts } from './decision-queries.ts';

export interface RecordShowOfHandsOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  /** The seat holding of the member present whose hand is counted. */
  seatHoldingId: string;
  choice: VoteChoice;
  reason?: string | undefined;
}

/** Records (or changes, while open) the vote of a member present without an account, as its recorder. */
export async function recordShowOfHands(options: RecordShowOfHandsOptions): Promise<RecordedVote> {
  const { actor } = options;
  // Who recorded it is known once the meeting's facts say whether the actor presides; the write,
  // which comes after the check, reads it then.
  let recordedBy: string | undefined;
  return recordVote(
    {
      ...options,
      mayChange: true,
      get recordedBy() {
        return recordedBy;
      },
      check: (decision, proposal) => {
        if (proposal.ballot === 'secret') {
          throw stateConflict(
            'secret-ballot',
            'A secret ballot is not taken by a show of hands',
            `“${proposal.title}” is a secret ballot: each member votes for themselves, unseen, so no one records a vote for them.`,
            'seatHoldingId',
          );
        }
        const runsBody = mayRunBody(actor, decision.meeting.bodySlug);
        const presides = isPresiding(actor, decision);
        if (actor.kind !== 'account' || (!runsBody && !presides)) {
          throw new ProblemError({
            status: 403,
            code: 'forbidden',
            title: 'Only the secretariat or the person presiding records a show of hands',
            detail: `A show of hands at ${decision.meeting.title} is recorded by ${decision.meeting.bodyTitle}'s secretariat or by the person presiding; members vote for their own seats.`,
          });
        }
        recordedBy = `${actor.displayName}, ${runsBody ? (actor.isAdministrator ? 'administrator' : 'secretariat') : 'chair'}`;
      },
    },
    async (db, decision, method) => {
      if (byParties(method)) {
        throw stateConflict(
          'no-show-of-hands',
          'This question is voted by the parties',
          `${method.title}: each party votes through its own representative (${method.clause}), not by a show of hands.`,
          'seatHoldingId',
        );
      }
      const member = decision.members.find((entry) => entry.holding.id === options.seatHoldingId);
      if (!member) {
        throw invalidInput([
          { field: 'seatHoldingId', message: 'Choose a member of the body who is present.' },
        ]);
      }
      const name = member.holding.personName;
      const withAccounts = member.holding.personId
        ? await selectPeopleWithAccounts(db, [member.holding.personId])
        : new Set<string>();
      if (member.holding.personId && withAccounts.has(member.holding.personId)) {
        throw stateConflict(
          'votes-for-themselves',
          'This member votes from their own account',
          `${name} has an account and records their own vote from the live page; a show of hands is for members present without one.`,
          'seatHoldingId',
        );
      }
      return { voterId: member.holding.id, name };
    },
  );
}
