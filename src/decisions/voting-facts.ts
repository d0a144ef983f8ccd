/**
 * The facts a vote is judged on, kept on this instance between votes while no fact changes
 * (src/db/facts-cache.ts): the question as last read with its facts epoch, the meeting's facts, and
 * the engine's ballot roll of the question's electorate. Casting a vote reads them; preparing the
 * open questions fills them ahead of the first vote.
 */

import type { Database } from '../db/connection.ts';
import { factsAt, newestKept } from '../db/facts-cache.ts';
import { type BallotRoll, ballotRoll, type EngineResult } from '../governance/index.ts';
import {
  decisionFactsOf,
  forQuestion,
  type MeetingDecisionFacts,
  methodOf,
} from './decision-facts.ts';
import { type ProposalRecord, selectProposalForVote } from './decision-queries.ts';
import { tallyFactsFor } from './question-tally.ts';

/**
 * The meeting's facts and the question's electorate for judging a vote, kept between votes while
 * no fact has changed (src/db/facts-cache.ts): a vote then costs a lookup, not a read and
 * resolution of every seat. `epoch` is read with the question, before anything is written. The
 * facts are loaded in one read-only snapshot, so a change committing meanwhile is seen whole or
 * not at all.
 */
export async function votingFactsOf(
  db: Database,
  proposal: ProposalRecord,
  epoch: number,
): Promise<{ decision: MeetingDecisionFacts; roll: EngineResult<BallotRoll> }> {
  const meetingDecision = await factsAt(db, epoch, `decision-facts:${proposal.meetingId}`, () =>
    db.transaction((reader) => decisionFactsOf(reader, proposal.meetingId), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    }),
  );
  // Under a recorded electorate the question's own terms (question-electorate.ts).
  const decision = forQuestion(meetingDecision, proposal);
  const roll = await factsAt(db, epoch, `ballot-roll:${proposal.id}`, async () => {
    const method = methodOf(decision.constitution, proposal.methodId);
    const { votes: _votes, ...facts } = tallyFactsFor(decision, method, proposal.agendaItemId, []);
    return ballotRoll(
      decision.constitution,
      proposal.decisionKind ? { kind: proposal.decisionKind } : { method: proposal.methodId },
      facts,
    );
  });
  return { decision, roll };
}

const questionForVoteKey = (proposalId: string) => `question-for-vote:${proposalId}`;

type QuestionForVote = { proposal: ProposalRecord; factsEpoch: number };

/**
 * The question a vote is judged on, with the facts epoch it was read at: the one this instance
 * keeps when `kept` is asked for and it has one, otherwise read now (and kept).
 */
export async function questionForVote(
  db: Database,
  proposalId: string,
  kept: boolean,
): Promise<QuestionForVote | undefined> {
  const newest = kept ? newestKept<QuestionForVote>(db, questionForVoteKey(proposalId)) : undefined;
  if (newest) return newest;
  const read = await selectProposalForVote(db, proposalId);
  if (read) keepQuestionForVote(db, read);
  return read;
}

export function keepQuestionForVote(db: Database, question: QuestionForVote) {
  void factsAt(
    db,
    question.factsEpoch,
    questionForVoteKey(question.proposal.id),
    async () => question,
  );
}
