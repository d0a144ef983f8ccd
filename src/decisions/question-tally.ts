/**
 * The engine's tally of one question at its meeting: the facts it is judged on (the members, or the
 * PCTs under a vote of parties, 2006 §111) with the votes recorded, and the tally under the method
 * the question was put with. Closing a question and the view of an open one both count with it.
 */

import type { DecisionMethod, TallyFacts, VoteChoice } from '../governance/index.ts';
import { tally } from '../governance/index.ts';
import {
  byParties,
  forQuestion,
  type MeetingDecisionFacts,
  methodOf,
  partiesOf,
} from './decision-facts.ts';
import type { ProposalRecord } from './decision-queries.ts';

/** The engine's facts for one question: the meeting's, the item, and the votes recorded. */
export function tallyFactsFor(
  decision: MeetingDecisionFacts,
  method: DecisionMethod,
  itemId: string,
  votes: readonly { voterId: string; choice: VoteChoice }[],
  extra: Pick<TallyFacts, 'castingVote' | 'senseOfMeeting'> = {},
): TallyFacts {
  if (byParties(method)) {
    const organisationOf = new Map(
      decision.members.map(({ holding }) => [holding.id, holding.organisationId]),
    );
    const parties = partiesOf(decision);
    const partyIds = new Set(parties.map((party) => party.id));
    return {
      itemId,
      parties,
      // A member's declared interest is their organisation's under a vote of parties.
      conflicts: (decision.facts.conflicts ?? []).flatMap((conflict) => {
        const organisationId = organisationOf.get(conflict.memberId);
        return organisationId && partyIds.has(organisationId)
          ? [{ ...conflict, memberId: organisationId }]
          : [];
      }),
      votes: votes.map(({ voterId, choice }) => ({ voterId, choice })),
      // The PCTs vote at the body's meeting: its quorum is the meeting's, as for any vote.
      meeting: {
        members: decision.facts.members,
        attendance: decision.facts.attendance,
        conflicts: decision.facts.conflicts ?? [],
      },
    };
  }
  return {
    itemId,
    members: decision.facts.members,
    attendance: decision.facts.attendance,
    conflicts: decision.facts.conflicts ?? [],
    invitedAttendees: decision.invitedAttendees.map(({ personId: _personId, ...attendee }) => ({
      ...attendee,
    })),
    votes: votes.map(({ voterId, choice }) => ({ voterId, choice })),
    ...extra,
  };
}

export function runTally(
  meetingDecision: MeetingDecisionFacts,
  proposal: Pick<ProposalRecord, 'methodId' | 'decisionKind' | 'agendaItemId' | 'electorate'>,
  votes: readonly { voterId: string; choice: VoteChoice }[],
  extra: Pick<TallyFacts, 'castingVote' | 'senseOfMeeting'> = {},
) {
  const decision = forQuestion(meetingDecision, proposal);
  const method = methodOf(decision.constitution, proposal.methodId);
  return tally(
    decision.constitution,
    proposal.decisionKind ? { kind: proposal.decisionKind } : { method: proposal.methodId },
    tallyFactsFor(decision, method, proposal.agendaItemId, votes, extra),
  );
}
