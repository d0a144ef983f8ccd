/**
 * The meeting's facts for judging a question at it, gathered once: the constitution in force on the
 * meeting day, the seats, attendance and interests, the invited attendees and deputies, and who is
 * who among them (a person's seats, the parties of a vote of parties, the voters' names). The engine
 * decides every rule; this module gathers the facts it is asked on, for every use case of the folder.
 */

import type { Reader } from '../db/connection.ts';
import type { Constitution, DecisionMethod, MeetingFacts } from '../governance/index.ts';
import { meetingFactsOf } from '../meetings/index.ts';
import { type ResolvedHolding, selectStandingAttendeesOn } from '../membership/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { type RecordedElectorate, termsUnderElectorate } from './question-electorate.ts';

/** Everything the engine needs to judge a question at this meeting, gathered once. */
export interface MeetingDecisionFacts {
  meeting: Awaited<ReturnType<typeof meetingFactsOf>>['meeting'];
  meetingOn: string;
  constitution: Constitution;
  members: ResolvedHolding[];
  facts: MeetingFacts;
  invitedAttendees: { id: string; personId: string; name: string; organisation?: string }[];
  deputies: { personId: string; holdingId: string }[];
  /** Set for one question put with a recorded electorate (2006 §111, question-electorate.ts). */
  electorate?: RecordedElectorate;
}

/**
 * The meeting's facts as one question is judged on them: the same facts, unless the question was
 * put with a recorded electorate, when its method is the one the consortium fixed at inception and
 * its parties are the consortium's members with their shares.
 */
export function forQuestion(
  decision: MeetingDecisionFacts,
  proposal: { methodId: string; electorate?: RecordedElectorate | null },
): MeetingDecisionFacts {
  if (!proposal.electorate) return decision;
  return {
    ...decision,
    constitution: termsUnderElectorate(
      decision.constitution,
      proposal.methodId,
      proposal.electorate,
    ),
    electorate: proposal.electorate,
  };
}

export async function decisionFactsOf(
  reader: Reader,
  meetingId: string,
): Promise<MeetingDecisionFacts> {
  const gathered = await meetingFactsOf(reader, meetingId);
  if (!gathered.constitution) {
    throw new ProblemError({
      status: 409,
      code: 'no-terms-in-force',
      title: 'No terms of reference are in force',
      detail: `No version of ${gathered.meeting.bodyTitle}'s terms of reference is in force on ${gathered.meetingOn}, so no question can be put or decided.`,
    });
  }
  const standing = await selectStandingAttendeesOn(
    reader,
    gathered.meeting.bodyId,
    gathered.meetingOn,
  );
  return {
    meeting: gathered.meeting,
    meetingOn: gathered.meetingOn,
    constitution: gathered.constitution,
    members: gathered.members,
    facts: gathered.facts,
    invitedAttendees: standing
      .filter((attendee) => attendee.capacity === 'non-voting')
      .map((attendee) => ({
        id: attendee.id,
        personId: attendee.personId,
        name: attendee.personName,
        ...(attendee.organisationName !== null && { organisation: attendee.organisationName }),
      })),
    deputies: standing.flatMap((attendee) =>
      attendee.capacity === 'deputy' && attendee.deputyForHoldingId
        ? [{ personId: attendee.personId, holdingId: attendee.deputyForHoldingId }]
        : [],
    ),
  };
}

export function methodOf(constitution: Constitution, methodId: string): DecisionMethod {
  const method = constitution.decisionMethods.find((entry) => entry.id === methodId);
  if (!method) {
    throw new ProblemError({
      status: 409,
      code: 'method-not-in-terms',
      title: 'The method is not in the terms in force',
      detail: `The terms in force on the meeting day define no decision method "${methodId}".`,
    });
  }
  return method;
}

export function byParties(method: DecisionMethod): boolean {
  return method.kind !== 'reserved' && method.electorate?.of === 'parties';
}

/**
 * The parties of a parties' method. Under a recorded electorate, the consortium's members with their
 * shares; otherwise read as "the PCT members" (2006 §111, the only parties' method the London terms
 * have): each primary care trust represented on the body that day. A party is present when any
 * member of the body from it is.
 */
export function partiesOf(
  decision: MeetingDecisionFacts,
): { id: string; name: string; present: boolean; share?: number }[] {
  const present = new Set(
    decision.facts.attendance
      .filter((record) => record.status === 'present')
      .map((record) => record.memberId),
  );
  const presentOrganisations = new Set(
    decision.members.flatMap(({ holding }) =>
      holding.organisationId && present.has(holding.id) ? [holding.organisationId] : [],
    ),
  );
  if (decision.electorate) {
    // A member with no seat on the body takes part through its chief executive, whose vote is its
    // attendance; it is counted present, which under a base of those present can only raise the
    // bar (decision 028).
    const onTheBody = new Set(decision.members.map(({ holding }) => holding.organisationId));
    return decision.electorate.parties.map((party) => ({
      id: party.organisationId,
      name: party.name,
      present:
        presentOrganisations.has(party.organisationId) || !onTheBody.has(party.organisationId),
      share: party.share,
    }));
  }
  const parties = new Map<string, { id: string; name: string; present: boolean }>();
  for (const { holding } of decision.members) {
    if (!holding.organisationId || holding.organisationType !== 'primary-care-trust') continue;
    parties.set(holding.organisationId, {
      id: holding.organisationId,
      name: holding.organisationName ?? 'A PCT',
      present: presentOrganisations.has(holding.organisationId),
    });
  }
  return [...parties.values()];
}

// Indexed once per kept set of facts: a scan of 2,000 seats for every vote showed in profiles.
const seatsByPersonOf = new WeakMap<MeetingDecisionFacts, Map<string, ResolvedHolding[]>>();

export function seatsOfPerson(decision: MeetingDecisionFacts, personId: string): ResolvedHolding[] {
  let byPerson = seatsByPersonOf.get(decision);
  if (!byPerson) {
    byPerson = new Map();
    for (const member of decision.members) {
      const personOf = member.holding.personId;
      byPerson.set(personOf, [...(byPerson.get(personOf) ?? []), member]);
    }
    seatsByPersonOf.set(decision, byPerson);
  }
  return byPerson.get(personId) ?? [];
}

export function voterNames(
  decision: MeetingDecisionFacts,
  method: DecisionMethod,
): Map<string, string> {
  if (byParties(method)) {
    return new Map(partiesOf(decision).map((party) => [party.id, party.name]));
  }
  return new Map(decision.members.map((member) => [member.holding.id, member.holding.personName]));
}
