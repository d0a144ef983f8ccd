/**
 * Read model for reminders: every open question with a closing time still to come, and for each the
 * members whose vote (or view) would be counted and whether they have recorded one. Who may vote
 * is the engine's ballot roll (`votingFactsOf`), the same rule a vote is judged by, so a reminder
 * never goes to someone whose vote would be refused (an invited attendee, a deputy, a member not
 * recorded as present where the method counts those present). Under a vote of parties (2006 §111)
 * each PCT's members are asked until one of them has voted for it. Names the question and the
 * item as they stand; the reminders capability decides what a mail may say of a Part II item.
 */

import type { Database } from '../db/connection.ts';
import { readFactsEpoch } from '../db/facts-cache.ts';
import { byParties, methodOf } from './decision-facts.ts';
import { selectOpenProposalsClosingAfter, selectVotes } from './decision-queries.ts';
import { asksForViews } from './decision-rules.ts';
import { votingFactsOf } from './voting-facts.ts';

export interface QuestionAwaitingVotes {
  proposalId: string;
  title: string;
  closesAt: Date;
  /** Consensus (and advice on a reserved matter) asks for views, a vote for votes. */
  asksForViews: boolean;
  meeting: { id: string; title: string; bodyTitle: string };
  agendaItem: { position: number; title: string; isConfidential: boolean };
  /** Members whose vote or view would be counted, once each however many seats they hold. */
  voters: { personId: string; name: string; hasRecorded: boolean }[];
}

export async function listQuestionsAwaitingVotes(options: {
  db: Database;
  now: Date;
}): Promise<QuestionAwaitingVotes[]> {
  const { db } = options;
  const questions = await selectOpenProposalsClosingAfter(db, options.now);
  const answer: QuestionAwaitingVotes[] = [];
  for (const proposal of questions) {
    if (!proposal.closesAt) continue;
    const epoch = await readFactsEpoch(db);
    // A question whose facts cannot be judged (no terms in force on the day, say) has no one the
    // engine would count: it is left out rather than stopping every other reminder.
    const facts = await votingFactsOf(db, proposal, epoch).catch(() => undefined);
    if (!facts?.roll.ok) continue;
    const { decision, roll } = facts;
    const method = methodOf(decision.constitution, proposal.methodId);
    const parties = byParties(method);
    const recorded = new Set((await selectVotes(db, proposal.id)).map((vote) => vote.voterId));
    const voters = new Map<string, { personId: string; name: string; hasRecorded: boolean }>();
    for (const { holding } of decision.members) {
      const voterId = parties ? holding.organisationId : holding.id;
      if (!voterId || (parties && holding.organisationType !== 'primary-care-trust')) continue;
      if (!roll.value.judge(voterId).counted) continue;
      const already = voters.get(holding.personId);
      const hasRecorded = recorded.has(voterId);
      // Someone holding two seats is reminded while either seat has not recorded a vote.
      voters.set(holding.personId, {
        personId: holding.personId,
        name: holding.personName,
        hasRecorded: (already?.hasRecorded ?? true) && hasRecorded,
      });
    }
    answer.push({
      proposalId: proposal.id,
      title: proposal.title,
      closesAt: proposal.closesAt,
      asksForViews: asksForViews(method.kind),
      meeting: {
        id: decision.meeting.id,
        title: decision.meeting.title,
        bodyTitle: decision.meeting.bodyTitle,
      },
      agendaItem: {
        position: proposal.agendaItemPosition,
        title: proposal.agendaItemTitle,
        isConfidential: proposal.agendaItemIsConfidential,
      },
      voters: [...voters.values()],
    });
  }
  return answer;
}
