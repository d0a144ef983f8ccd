/**
 * Read model: a closed question's results as a CSV download, per voter under a named ballot and
 * counts only under a secret one, for whoever may read the question.
 */

import type { Database } from '../db/connection.ts';
import type { DecisionMethod, TallyResult } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { decisionFactsOf, forQuestion, methodOf, voterNames } from './decision-facts.ts';
import { selectPeopleNames, selectProposal, selectVotes } from './decision-queries.ts';
import { outcomeText, resultsCsv } from './decision-rules.ts';
import { getProposal } from './proposal-view.ts';

/** The results as CSV: per voter under a named ballot, counts only under a secret one. */
export async function proposalResultsCsv(options: {
  db: Database;
  actor: Actor;
  proposalId: string;
}): Promise<{ fileName: string; csv: string }> {
  const proposal = await getProposal(options);
  const stored = await selectProposal(options.db, proposal.id);
  const result = stored?.result as TallyResult | null;
  if (proposal.status !== 'closed' || !result) {
    throw new ProblemError({
      status: 409,
      code: 'question-not-closed',
      title: 'No results yet',
      detail: `“${proposal.title}” is ${proposal.status}: results are published when it closes.`,
    });
  }
  const votes = await selectVotes(options.db, proposal.id);
  const decision = forQuestion(await decisionFactsOf(options.db, proposal.meeting.id), {
    methodId: proposal.method.id,
    electorate: stored?.electorate ?? null,
  });
  const names = voterNames(decision, methodOf(decision.constitution, proposal.method.id));
  const castBy = await selectPeopleNames(options.db, [
    ...new Set(votes.flatMap((vote) => vote.castByPersonId ?? [])),
  ]);
  return {
    fileName: `${proposal.meeting.body.slug}-${proposal.meeting.meetingOn}-item-${proposal.agendaItem.position}-results.csv`,
    csv: resultsCsv({
      ballot: proposal.ballot,
      methodKind: proposal.method.kind as DecisionMethod['kind'],
      counts: result.counts,
      outcome: outcomeText(result.outcome),
      votes: votes.map((vote) => ({
        voterName: names.get(vote.voterId) ?? 'A former member',
        choice: vote.choice,
        reason: vote.reason,
        castBy: vote.castByPersonId ? (castBy.get(vote.castByPersonId) ?? null) : null,
        byProxy: vote.proxyId !== null,
        castAt: vote.castAt.toISOString(),
      })),
    }),
  };
}
