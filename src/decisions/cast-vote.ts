/**
 * Use case: record one vote (or consensus view) for a seat, the voter's own or one held by proxy,
 * judged first by the engine against the question's electorate (conflicts, non-voting seats,
 * deputies, invited attendees, presence). One vote per seat; audited as `vote.cast`, under a secret
 * ballot with neither who voted nor how, only a keyed seal of both. Asked to (`mayChange`), a seat
 * that has voted changes its choice while the question is open: the row is replaced and the change
 * audited as `vote.changed`, so the tally counts the latest choice and the trail keeps both
 * (decision 021).
 */

import { uuidv7 } from 'uuidv7';
import { auditEventRow, ballotSealKeyOf, recordAuditEvents, sealOfBallot } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { meetingChangeNotification, notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { VoteChoice } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import { methodOf } from './decision-facts.ts';
import { stateConflict } from './decision-problems.ts';
import {
  insertVoteWithAudit,
  type ProposalRecord,
  selectQuestionTakingVotes,
  selectVoteOfVoterForUpdate,
  updateVoteChoice,
} from './decision-queries.ts';
import { reasonProblem } from './decision-rules.ts';
import { mayRead } from './proposal-access.ts';
import { type VoterSeat, voterSeat } from './voter-seat.ts';
import { questionForVote, votingFactsOf } from './voting-facts.ts';

function secondVote(name: string): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'already-voted',
    title: 'This seat has already voted',
    detail: `${name} has already voted on this question: one vote per seat. While the question is open the vote can be changed (from the live page of the meeting, or PUT on this question's votes).`,
    errors: [{ field: 'choice', message: `${name} has already voted on this question.` }],
  });
}

export interface CastVoteOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  choice: VoteChoice;
  reason?: string | undefined;
  /** The seat holding of the member whose proxy the actor holds. */
  onBehalfOf?: string | undefined;
  /** Under a recorded electorate: the consortium member voted for (organisation id). */
  forMember?: string | undefined;
  /** Change the seat's vote if it has one (while the question is open), rather than refuse. */
  mayChange?: boolean | undefined;
}

export interface RecordedVote {
  voteId: string;
  voter: string;
  choice: VoteChoice;
  byProxy: boolean;
  /** A first vote; a seat's vote changed; or the same choice again, which changes nothing. */
  outcome: 'cast' | 'changed' | 'unchanged';
}

/** The seat a vote is for, found once the question's facts are read. */
export type SeatOf = (
  db: Database,
  decision: Awaited<ReturnType<typeof votingFactsOf>>['decision'],
  method: ReturnType<typeof methodOf>,
) => Promise<VoterSeat | { engineVoterId: string; name: string }>;

/**
 * Records one vote (or consensus view) for a seat. Before anything is written the engine is asked
 * to tally the question with this vote added: an error (the member is not present) or an exclusion
 * (a declared interest, a non-voting seat, a deputy, an invited attendee) refuses it with the
 * engine's reason and clause. One vote per seat is the database's unique index.
 */
export async function castVote(options: CastVoteOptions): Promise<RecordedVote> {
  return recordVote(options, (db, decision, method) =>
    voterSeat(db, decision, method, options.actor, options.onBehalfOf, options.forMember),
  );
}

/**
 * Records a vote for the seat `seatOf` names — the actor's own or a proxy's (`castVote`), or a
 * member's recorded by the secretariat or chair in a show of hands (record-show-of-hands.ts), who
 * then says so in `recordedBy`.
 */
export async function recordVote(
  options: CastVoteOptions & {
    recordedBy?: string | undefined;
    /** Refusals only the recorder's use case knows, judged on the question's facts. */
    check?: (
      decision: Awaited<ReturnType<typeof votingFactsOf>>['decision'],
      proposal: ProposalRecord,
    ) => void;
  },
  seatOf: SeatOf,
): Promise<RecordedVote> {
  const reason = options.reason?.trim() || null;
  // A fact that changes between judging the vote and writing it (attendance, an interest, a
  // proxy revoked) moves the facts epoch, and the write refuses: the vote is judged again on
  // the facts as they now are. A meeting whose facts change faster than a vote can be judged is
  // not one that is voting.
  //
  // The first attempt judges against the question as this instance last read it, without
  // reading it again: the write is guarded by that epoch, so if anything has changed since, it
  // writes nothing and the vote is judged afresh. A refusal on kept facts is never final either:
  // it is judged again on fresh ones, so a stale fact can neither admit nor refuse a vote.
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const onKeptFacts = attempt === 1;
    let judged: JudgedVote;
    try {
      judged = await judgeVote(options, reason, onKeptFacts, seatOf);
    } catch (error) {
      if (onKeptFacts) continue;
      throw error;
    }
    const written = await writeVote(options, judged, reason);
    if (written) return written;
  }
  throw stateConflict(
    'facts-changing',
    'The meeting is changing too fast to vote',
    'The attendance, interests or proxies of this meeting changed while the vote was being recorded, five times over: nothing was recorded. Try again in a moment.',
  );
}

interface JudgedVote {
  proposal: ProposalRecord;
  factsEpoch: number;
  voterId: string;
  seat: VoterSeat;
}

/** Judges the actor's vote against the question's electorate; refusals throw. */
async function judgeVote(
  options: Parameters<typeof recordVote>[0],
  reason: string | null,
  onKeptFacts: boolean,
  seatOf: SeatOf,
): Promise<JudgedVote> {
  const { db } = options;
  const read = await questionForVote(db, options.proposalId, onKeptFacts);
  if (!read) throw notFound('proposal', options.proposalId);
  const { proposal } = read;
  const { decision, roll } = await votingFactsOf(db, proposal, read.factsEpoch);
  if (!mayRead(options.actor, proposal, decision.meeting.bodySlug)) {
    throw notFound('proposal', proposal.id);
  }
  const method = methodOf(decision.constitution, proposal.methodId);
  if (proposal.status !== 'open') {
    throw stateConflict(
      'question-not-open',
      'The question is not open',
      proposal.status === 'draft'
        ? `“${proposal.title}” has not been opened for votes yet.`
        : `“${proposal.title}” is ${proposal.status}: votes are taken only while a question is open.`,
    );
  }
  if (proposal.votingEndedAt) {
    throw stateConflict(
      'voting-ended',
      'Voting has ended',
      `“${proposal.title}”: the votes have been counted and are tied; only the casting vote of the person presiding remains.`,
    );
  }
  const problem = reasonProblem(method.kind, options.choice, reason ?? undefined);
  if (problem) throw invalidInput([{ field: 'reason', message: problem }]);
  options.check?.(decision, proposal);
  const seat = await seatOf(db, decision, method);
  const voterId = 'voterId' in seat ? seat.voterId : seat.engineVoterId;
  if (!roll.ok) {
    throw new ProblemError({
      status: 403,
      code: 'vote-refused',
      title: 'This vote cannot be counted',
      detail: roll.errors.map((error) => error.message).join('; '),
    });
  }
  const judgement = roll.value.judge(voterId);
  if ('error' in judgement) {
    throw new ProblemError({
      status: 403,
      code: 'vote-refused',
      title: 'This vote cannot be counted',
      detail: judgement.error.message,
    });
  }
  if ('exclusion' in judgement || !('voterId' in seat)) {
    const exclusion = 'exclusion' in judgement ? judgement.exclusion : undefined;
    const why = exclusion
      ? `${exclusion.name} ${exclusion.reason}${exclusion.clause ? ` (${exclusion.clause})` : ''}.`
      : `${seat.name} may not vote on this question.`;
    throw new ProblemError({
      status: 403,
      code: 'vote-refused',
      title: 'You may not vote on this question',
      detail: why,
    });
  }
  return { proposal, factsEpoch: read.factsEpoch, voterId, seat };
}

/** The judged vote written with its audit event and notification; undefined if it must be judged again. */
async function writeVote(
  options: Parameters<typeof recordVote>[0],
  judged: JudgedVote,
  reason: string | null,
): Promise<RecordedVote | undefined> {
  const { context } = options;
  const { proposal, seat } = judged;
  const voteId = uuidv7();
  const secret = proposal.ballot === 'secret';
  const event = auditEventRow(context, {
    action: 'vote.cast',
    entityType: 'meeting',
    entityId: proposal.meetingId,
    // Under a secret ballot neither who voted nor how is in the trail (the terms may hide even who
    // has voted), only a keyed seal of both for `audit verify` to check the stored vote against.
    after: {
      proposalId: proposal.id,
      voteId,
      ...(secret
        ? {
            ballot: 'secret',
            ballotSeal: sealOfBallot(await ballotSealKeyOf(options.db), {
              voteId,
              voterId: judged.voterId,
              choice: options.choice,
              reason,
            }),
          }
        : {
            voter: seat.name,
            voterId: judged.voterId,
            choice: options.choice,
            reason,
            ...(seat.proxy && { byProxy: seat.proxy.proxyName }),
            ...(options.recordedBy && { recordedBy: options.recordedBy }),
          }),
    },
  });
  // Under a secret ballot the account that pressed the button would name the voter as well.
  const audit = secret ? { ...event, actor: 'a voter in a secret ballot' } : event;
  const outcome = await insertVoteWithAudit(options.db, {
    vote: {
      id: voteId,
      proposalId: proposal.id,
      voterId: judged.voterId,
      choice: options.choice,
      reason,
      castByPersonId: options.actor.kind === 'account' ? options.actor.personId : null,
      proxyId: seat.proxy?.id ?? null,
      castAt: context.now,
      recordedBy: options.recordedBy ?? null,
    },
    audit,
    factsEpoch: judged.factsEpoch,
    notification: meetingChangeNotification(proposal.meetingId, 'vote'),
  });
  // One vote per seat is the unique index's: asking first would cost every vote a query, and
  // two votes from one seat at the same moment both pass any check made before the insert.
  if (outcome === 'seat-taken') {
    if (!options.mayChange) throw secondVote(seat.name);
    return changeVote(options, judged, reason);
  }
  if (outcome === 'stale') return undefined;
  return {
    voteId,
    voter: seat.name,
    choice: options.choice,
    byProxy: seat.proxy !== undefined,
    outcome: 'cast',
  };
}

/**
 * The seat's vote replaced by its new choice, in one transaction with its `vote.changed` event and
 * the live pages' notification; undefined if it must be judged again (the question closed, or the
 * facts moved on). The question is read FOR SHARE as a first vote's write reads it, so a close
 * either counts the change or comes first and the change writes nothing. The same choice again
 * (a retry) changes nothing and is not audited.
 */
async function changeVote(
  options: Parameters<typeof recordVote>[0],
  judged: JudgedVote,
  reason: string | null,
): Promise<RecordedVote | undefined> {
  const { context } = options;
  const { proposal, seat, voterId } = judged;
  const secret = proposal.ballot === 'secret';
  const sealKey = secret ? await ballotSealKeyOf(options.db) : undefined;
  return options.db.transaction(async (transaction) => {
    const question = await selectQuestionTakingVotes(transaction, proposal.id);
    if (!question || question.factsEpoch !== judged.factsEpoch) return undefined;
    const stored = await selectVoteOfVoterForUpdate(transaction, proposal.id, voterId);
    if (!stored) return undefined;
    const result = {
      voteId: stored.id,
      voter: seat.name,
      choice: options.choice,
      byProxy: seat.proxy !== undefined,
    };
    if (stored.choice === options.choice && (stored.reason ?? null) === reason) {
      return { ...result, outcome: 'unchanged' };
    }
    await updateVoteChoice(transaction, stored.id, {
      choice: options.choice,
      reason,
      castByPersonId: options.actor.kind === 'account' ? options.actor.personId : null,
      proxyId: seat.proxy?.id ?? null,
      castAt: context.now,
      recordedBy: options.recordedBy ?? null,
    });
    // Under a secret ballot the change, like the vote, is sealed: neither who nor how, before or after.
    const event = secret
      ? {
          action: 'vote.changed',
          entityType: 'meeting',
          entityId: proposal.meetingId,
          after: {
            proposalId: proposal.id,
            voteId: stored.id,
            ballot: 'secret',
            ballotSeal: sealOfBallot(sealKey ?? '', {
              voteId: stored.id,
              voterId,
              choice: options.choice,
              reason,
            }),
          },
        }
      : {
          action: 'vote.changed',
          entityType: 'meeting',
          entityId: proposal.meetingId,
          before: {
            proposalId: proposal.id,
            voteId: stored.id,
            choice: stored.choice,
            reason: stored.reason,
          },
          after: {
            proposalId: proposal.id,
            voteId: stored.id,
            voter: seat.name,
            voterId,
            choice: options.choice,
            reason,
            ...(seat.proxy && { byProxy: seat.proxy.proxyName }),
            ...(options.recordedBy && { recordedBy: options.recordedBy }),
          },
        };
    await recordAuditEvents(
      transaction,
      secret ? { ...context, actor: 'a voter in a secret ballot' } : context,
      [event],
    );
    await notifyMeetingChanged(transaction, proposal.meetingId, 'vote');
    return { ...result, outcome: 'changed' };
  });
}
