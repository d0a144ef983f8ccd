/**
 * Closing a question with the engine's tally of the stored votes and the meeting's facts, with or
 * without the presiding member's casting vote: the permission (the secretariat's or the presiding
 * member's), amendments decided first, the tie that ends the voting
 * (`proposal.voting-ended`) and the close with the whole result (`proposal.closed`), in one
 * transaction. Closing a question and recording a casting vote are its two use cases.
 */

import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import { presidingMember } from '../governance/index.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import { assertMayManage } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { ProblemError } from '../shared/problems.ts';
import { isPresiding } from './chair-of-meeting.ts';
import { decisionFactsOf, type MeetingDecisionFacts } from './decision-facts.ts';
import { engineRefusal, stateConflict } from './decision-problems.ts';
import {
  type ProposalRecord,
  selectAmendmentsOf,
  selectVotes,
  updateProposal,
} from './decision-queries.ts';
import { type Ballot, resultView, undecidedAmendments } from './decision-rules.ts';
import { loadProposal } from './proposal-access.ts';
import { assertQuorumAllows } from './question-quorum.ts';
import { runTally } from './question-tally.ts';

export async function closeWith(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  castingVote: 'for' | 'against' | undefined;
}): Promise<ClosedQuestion> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const proposal = await loadProposal(transaction, options.proposalId, 'update');
    const decision = await decisionFactsOf(transaction, proposal.meetingId);
    const { meeting } = decision;
    let presiding: { id: string; name: string } | undefined;
    if (options.castingVote) {
      presiding = assertPresidingOrSecretariat(
        actor,
        decision,
        'Only the person presiding has the casting vote',
        (name) =>
          `The casting vote is ${name ? `${name}'s, presiding` : 'the presiding member’s'}; the secretariat may record it for them.`,
      );
    } else if (!isPresiding(actor, decision)) {
      // The secretariat closes a question, or the person presiding does from the chair.
      assertMayManage(actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
    }
    assertOpen(proposal);
    return closeInTransaction(transaction, {
      context,
      proposal,
      decision,
      ...(options.castingVote && { castingVote: options.castingVote }),
      ...(presiding && { presiding }),
    });
  });
}

export interface ClosedQuestion {
  proposalId: string;
  outcome: string;
  summary: string;
  /** Set when the question closed with no decision because the item is inquorate. */
  warning?: string;
}

/**
 * The person presiding, when the actor is them or may run the body (the secretariat records for
 * the chair); refused otherwise, in the words `refusal` gives.
 */
export function assertPresidingOrSecretariat(
  actor: Actor,
  decision: MeetingDecisionFacts,
  title: string,
  detail: (presidingName: string | undefined) => string,
): { id: string; name: string } | undefined {
  const presidingResult = presidingMember(decision.constitution, decision.facts);
  const presiding = presidingResult.ok ? presidingResult.value.presiding : undefined;
  const presider = decision.members.find((member) => member.holding.id === presiding?.id);
  const isPresider =
    actor.kind === 'account' &&
    actor.personId !== null &&
    presider?.holding.personId === actor.personId;
  if (!isPresider && !mayRunBody(actor, decision.meeting.bodySlug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title,
      detail: detail(presiding?.name),
    });
  }
  return presiding;
}

export function assertOpen(proposal: Pick<ProposalRecord, 'status' | 'title'>) {
  if (proposal.status !== 'open') {
    throw stateConflict(
      'question-not-open',
      'The question is not open',
      `“${proposal.title}” is ${proposal.status}: only an open question can be closed.`,
    );
  }
}

export async function assertAmendmentsDecided(
  transaction: Transaction,
  proposal: Pick<ProposalRecord, 'id'>,
) {
  const pending = undecidedAmendments(await selectAmendmentsOf(transaction, proposal.id));
  if (pending.length > 0) {
    throw stateConflict(
      'amendments-first',
      'Amendments are decided before the main question',
      `Decide the amendments first (${pending.map((amendment) => `“${amendment.title}”, ${amendment.status}`).join('; ')}): an amendment is put and closed before the question it amends.`,
    );
  }
}

/**
 * Closes a locked, open question in the caller's transaction: amendments decided first, the
 * quorum safeguard (a vote is not closed while the item is inquorate), the tally of the stored
 * votes (with a casting vote or the declared sense of the meeting), the result and its audit.
 */
export async function closeInTransaction(
  transaction: Transaction,
  options: {
    context: ActionContext;
    proposal: ProposalRecord;
    decision: MeetingDecisionFacts;
    castingVote?: 'for' | 'against';
    senseOfMeeting?: { sense: 'agreed' | 'notAgreed' };
    presiding?: { id: string; name: string };
  },
): Promise<ClosedQuestion> {
  const { context, proposal, decision, presiding } = options;
  const { meeting } = decision;
  await assertAmendmentsDecided(transaction, proposal);
  const { warning } = assertQuorumAllows(decision, proposal, 'close');
  const votes = await selectVotes(transaction, proposal.id);
  if (options.castingVote) {
    // The casting vote exists only to break a tie the method gives it for, once the votes are
    // counted: judged on them, so it can never close a question another way than the tally
    // would, nor end the voting before the secretariat has.
    assertCastingVoteDue(runTally(decision, proposal, votes), proposal);
    if (!presiding) {
      throw stateConflict(
        'no-one-presiding',
        'No one presides',
        'No one is presiding at this meeting, so no casting vote can be given.',
        'choice',
      );
    }
  }
  const result = runTally(decision, proposal, votes, {
    ...(options.castingVote && presiding
      ? { castingVote: { by: presiding.id, choice: options.castingVote } }
      : {}),
    ...(options.senseOfMeeting && presiding
      ? { senseOfMeeting: { declaredBy: presiding.id, sense: options.senseOfMeeting.sense } }
      : {}),
  });
  if (!result.ok) throw engineRefusal(result.errors);
  const tallied = result.value;
  if (tallied.outcome === 'castingVoteRequired') {
    // The tie is told now the votes are counted, and the voting ends: no vote comes after it,
    // so asking again cannot follow a secret ballot vote by vote. A secret ballot's counts
    // are still not given.
    const summary = `${proposal.ballot === 'secret' ? `The votes are tied (${tallied.explanation.clause}).` : tallied.explanation.summary} Voting has ended; the person presiding gives the casting vote to close the question.`;
    if (!proposal.votingEndedAt) {
      await updateProposal(transaction, proposal.id, { votingEndedAt: context.now });
      await recordAuditEvents(transaction, context, [
        {
          action: 'proposal.voting-ended',
          entityType: 'meeting',
          entityId: meeting.id,
          before: { proposalId: proposal.id, status: 'open' },
          after: { proposalId: proposal.id, status: 'open', votingEnded: true },
        },
      ]);
      await notifyMeetingChanged(transaction, meeting.id);
    }
    return { proposalId: proposal.id, outcome: tallied.outcome, summary };
  }
  const view = resultView(tallied, proposal.ballot as Ballot);
  await updateProposal(transaction, proposal.id, {
    status: 'closed',
    closedAt: context.now,
    result: tallied,
    outcome: tallied.outcome,
    outcomeSummary: view.summary,
    castingVote: tallied.castingVoteUsed ? (options.castingVote ?? null) : null,
  });
  await recordAuditEvents(transaction, context, [
    {
      action: 'proposal.closed',
      entityType: 'meeting',
      entityId: meeting.id,
      before: { proposalId: proposal.id, status: 'open' },
      after: {
        proposalId: proposal.id,
        status: 'closed',
        outcome: tallied.outcome,
        summary: view.summary,
        counts: tallied.counts,
        castingVote: tallied.castingVoteUsed ? (options.castingVote ?? null) : null,
      },
    },
  ]);
  await notifyMeetingChanged(transaction, meeting.id);
  return {
    proposalId: proposal.id,
    outcome: tallied.outcome,
    summary: view.summary,
    ...(warning && { warning }),
  };
}

/** Refuses a casting vote unless the tally without it is a tie awaiting the presiding member's. */
function assertCastingVoteDue(
  withoutCastingVote: ReturnType<typeof runTally>,
  proposal: Pick<ProposalRecord, 'title' | 'ballot' | 'votingEndedAt'>,
) {
  // Before the votes are counted the answer is the same whatever they say: a refusal that told a
  // tie from no tie would follow the ballot vote by vote.
  if (!proposal.votingEndedAt) {
    throw stateConflict(
      'no-casting-vote-due',
      'No casting vote is due',
      `A casting vote is given only on a tie, under a method that provides one, once the votes are counted: the secretariat closes the vote on “${proposal.title}” first, and if the votes are then tied, the person presiding gives it.`,
      'choice',
    );
  }
  if (!withoutCastingVote.ok) throw engineRefusal(withoutCastingVote.errors);
  const { outcome, explanation } = withoutCastingVote.value;
  if (outcome === 'castingVoteRequired') return;
  // An open secret ballot's running count is no one's to read, so the refusal does not give it.
  const why =
    proposal.ballot === 'secret'
      ? `the method (${explanation.clause}) and the votes cast do not call for one.`
      : `${explanation.summary} (${explanation.clause}).`;
  throw stateConflict(
    'no-casting-vote-due',
    'No casting vote is due',
    `A casting vote is given only on a tie, under a method that provides one. On “${proposal.title}” it is not due: ${why}`,
    'choice',
  );
}
