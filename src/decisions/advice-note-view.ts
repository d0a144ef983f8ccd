/**
 * Read model: the advice note of a question the engine closed as advice (no consensus, or a reserved
 * matter), addressed to the bodies the engine names, quoting the clause and setting out the range of
 * views (named unless the ballot was secret). The advice note page and its PDF are drawn from it.
 */

import type { Database } from '../db/connection.ts';
import type { DecisionMethod, TallyResult } from '../governance/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { decisionFactsOf, methodOf, voterNames } from './decision-facts.ts';
import { selectProposal, selectVotes, type VoteRecord } from './decision-queries.ts';
import { choiceText } from './decision-rules.ts';
import { getProposal, type ProposalView } from './proposal-view.ts';

export interface AdviceNote {
  proposal: ProposalView;
  to: string[];
  from: string;
  date: string;
  clause: string;
  text: string;
  summary: string;
  /** The range of views; names per view unless the ballot was secret. */
  views: { view: string; count: number; names: string[] }[];
  noViewRecorded: string[];
  /** The reasons given for objecting, named unless the ballot was secret. */
  objections: { name: string | null; reason: string }[];
  secret: boolean;
}

/**
 * The advice note of a question the engine closed as advice (no consensus, or a reserved matter):
 * addressed to the bodies the engine names, quoting the clause, setting out the range of views.
 */
export async function getAdviceNote(options: {
  db: Database;
  actor: Actor;
  proposalId: string;
}): Promise<AdviceNote> {
  const proposal = await getProposal(options);
  const { result } = proposal;
  if (!result?.advice) {
    throw new ProblemError({
      status: 404,
      code: 'no-advice-note',
      title: 'No advice note',
      detail:
        proposal.status === 'closed'
          ? `“${proposal.title}” was decided (${proposal.outcomeText}): an advice note is produced only when the outcome is advice.`
          : `“${proposal.title}” is ${proposal.status}: an advice note is produced when the question closes as advice.`,
    });
  }
  const secret = proposal.ballot === 'secret';
  const stored = await selectProposal(options.db, proposal.id);
  const full = stored?.result as TallyResult;
  const kind = proposal.method.kind as DecisionMethod['kind'];
  const votes = secret ? [] : await selectVotes(options.db, proposal.id);
  const decision = await decisionFactsOf(options.db, proposal.meeting.id);
  const names = voterNames(decision, methodOf(decision.constitution, proposal.method.id));
  const views = (['for', 'abstain', 'against'] as const).map((choice) => ({
    view: choiceText(kind, choice),
    count: full.counts[choice],
    names: secret ? [] : [...full.rangeOfViews[choice]],
  }));
  return {
    proposal,
    to: result.advice.to,
    from: proposal.meeting.body.title,
    date: proposal.closedAt ? londonDate(new Date(proposal.closedAt)) : proposal.meeting.meetingOn,
    clause: result.clause,
    text: result.text,
    summary: result.summary,
    views,
    noViewRecorded: [...full.rangeOfViews.noViewRecorded],
    objections: votes
      .filter((vote: VoteRecord) => vote.choice === 'against' && vote.reason)
      .map((vote) => ({ name: names.get(vote.voterId) ?? null, reason: vote.reason ?? '' })),
    secret,
  };
}
