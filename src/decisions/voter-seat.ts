/**
 * Whose seat a person votes for on a question: their own, a seat whose member gave them a live proxy
 * for the meeting, or (under a vote of parties, 2006 §111) their PCT. An invited attendee or a deputy
 * is handed on to the engine, which gives the reason and clause they may not vote.
 */

import type { Reader } from '../db/connection.ts';
import { businessServiceMayNotOwn, type DecisionMethod } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import type { ResolvedHolding } from '../membership/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { byParties, type MeetingDecisionFacts, seatsOfPerson } from './decision-facts.ts';
import { type ProxyRecord, selectLiveProxy } from './decision-queries.ts';
import { partiesPersonVotesFor } from './party-voters.ts';

export interface VoterSeat {
  /** The engine's voter id: a seat holding, or an organisation under a vote of parties. */
  voterId: string;
  name: string;
  /** Set when the actor votes as another member's proxy. */
  proxy?: ProxyRecord;
}

/**
 * The seat the actor votes for: their own, or (with `onBehalfOf`) the seat of a member who gave
 * them a live proxy for this meeting. Someone with neither is refused; a non-voting attendee or a
 * deputy is judged by the engine, so the refusal gives its reason and clause.
 */
export async function voterSeat(
  reader: Reader,
  decision: MeetingDecisionFacts,
  method: DecisionMethod,
  actor: Actor,
  onBehalfOf: string | undefined,
  forMember?: string | undefined,
): Promise<VoterSeat | { engineVoterId: string; name: string }> {
  if (actor.kind !== 'account' || !actor.personId) {
    throw new ProblemError({
      status: 403,
      code: 'not-a-member',
      title: 'You may not vote on this question',
      detail: `Only members of ${decision.meeting.bodyTitle} vote; this account is not linked to a person who holds a seat.`,
    });
  }
  const personId = actor.personId;
  if (decision.electorate && !onBehalfOf) {
    return consortiumMemberSeat(reader, decision, method, personId, actor.displayName, forMember);
  }
  let holding: ResolvedHolding | undefined;
  let proxy: ProxyRecord | undefined;
  if (onBehalfOf) {
    proxy = await selectLiveProxy(reader, decision.meeting.id, onBehalfOf);
    holding = decision.members.find((member) => member.holding.id === onBehalfOf);
    if (!proxy || proxy.proxyPersonId !== personId || !holding) {
      throw new ProblemError({
        status: 403,
        code: 'no-proxy',
        title: 'You hold no proxy for that member',
        detail:
          'A vote for another member’s seat needs a live proxy from them for this meeting, given to you.',
        errors: [
          {
            field: 'onBehalfOf',
            message: 'You hold no live proxy from that member for this meeting.',
          },
        ],
      });
    }
  } else {
    holding = seatsOfPerson(decision, personId)[0];
  }
  if (!holding) {
    // Not a member: the engine says why an invited attendee or a deputy may not vote.
    const attendee = decision.invitedAttendees.find((entry) => entry.personId === personId);
    if (attendee) return { engineVoterId: attendee.id, name: attendee.name };
    const deputy = decision.deputies.find((entry) => entry.personId === personId);
    if (deputy) {
      const member = decision.members.find((entry) => entry.holding.id === deputy.holdingId);
      if (member) return { engineVoterId: member.holding.id, name: member.holding.personName };
    }
    throw new ProblemError({
      status: 403,
      code: 'not-a-member',
      title: 'You may not vote on this question',
      detail: `${actor.displayName} is not a member of ${decision.meeting.bodyTitle} on ${decision.meetingOn}: only members vote, each for their own seat (or a seat whose member gave them a proxy).`,
    });
  }
  const businessService = businessServiceMayNotOwn(holding.holding.organisationType, 'vote');
  if (businessService) {
    throw new ProblemError({
      status: 403,
      code: 'business-service-may-not-vote',
      title: 'You may not vote on this question',
      detail: `${holding.holding.personName} sits for ${holding.holding.organisationName ?? 'the Business Service'}: ${businessService.message}`,
    });
  }
  if (byParties(method)) {
    if (
      decision.electorate &&
      !decision.electorate.parties.some(
        (party) => party.organisationId === holding.holding.organisationId,
      )
    ) {
      throw notAConsortiumMember(decision, method, holding.holding.personName);
    }
    if (
      !holding.holding.organisationId ||
      holding.holding.organisationType !== 'primary-care-trust'
    ) {
      throw new ProblemError({
        status: 403,
        code: 'not-a-party',
        title: 'You may not vote on this question',
        detail: `${method.title}: the votes are the PCTs' (${method.clause}); ${holding.holding.personName} does not represent a PCT on ${decision.meeting.bodyTitle}.`,
      });
    }
    return {
      voterId: holding.holding.organisationId,
      name: holding.holding.organisationName ?? holding.holding.personName,
      ...(proxy && { proxy }),
    };
  }
  return { voterId: holding.holding.id, name: holding.holding.personName, ...(proxy && { proxy }) };
}

/**
 * Under a recorded electorate: the consortium member this person votes for (party-voters.ts). One
 * person may speak for several — a chief executive shared by two PCTs, common in London in 2008 —
 * and then names the member; each member still has one vote.
 */
async function consortiumMemberSeat(
  reader: Reader,
  decision: MeetingDecisionFacts,
  method: DecisionMethod,
  personId: string,
  displayName: string,
  forMember: string | undefined,
): Promise<VoterSeat> {
  const parties = await partiesPersonVotesFor(reader, decision, personId);
  if (parties.length === 0) throw notAConsortiumMember(decision, method, displayName);
  if (forMember) {
    const named = parties.find((party) => party.voterId === forMember);
    if (!named) throw notAConsortiumMember(decision, method, displayName);
    return { voterId: named.voterId, name: named.name };
  }
  if (parties.length > 1) {
    const names = parties.map((party) => `${party.name} (as ${party.as})`).join(' and ');
    throw new ProblemError({
      status: 422,
      code: 'name-the-member',
      title: 'Say which member you vote for',
      detail: `${displayName} speaks for ${parties.length} members of the consortium — ${names} — and each has its own vote (${method.clause}): name the member this vote is for.`,
      errors: [{ field: 'forMember', message: 'Name the consortium member this vote is for.' }],
    });
  }
  const [party] = parties;
  return { voterId: party!.voterId, name: party!.name };
}

function notAConsortiumMember(
  decision: MeetingDecisionFacts,
  method: DecisionMethod,
  name: string,
): ProblemError {
  const source = decision.electorate?.source;
  return new ProblemError({
    status: 403,
    code: 'not-a-consortium-member',
    title: 'You may not vote on this question',
    detail: `${method.title}: the votes are those of the members named in the ${source?.title ?? 'consortium’s record'} (${source?.clause ?? method.clause}); ${name} is neither the member of ${decision.meeting.bodyTitle} for one of them nor the chief executive of one.`,
  });
}
