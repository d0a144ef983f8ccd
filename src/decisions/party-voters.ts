/**
 * Who casts a consortium member's vote on a question put with a recorded electorate (2006 §111):
 * the member PCT's representative on the body (a seat held from it) or its chief executive, its
 * accountable officer, on the meeting day. The consortium's members need not all sit on the body
 * whose meeting takes the vote, so the seats alone cannot say (decision 028).
 */

import type { Reader } from '../db/connection.ts';
import { selectPosts } from '../registry/index.ts';
import { type MeetingDecisionFacts, seatsOfPerson } from './decision-facts.ts';

export interface PartyVoter {
  /** The engine's voter id: the member organisation. */
  voterId: string;
  name: string;
  /** How this person speaks for it, in plain words. */
  as: string;
}

/** The consortium members this person may vote for at this meeting; none without an electorate. */
export async function partiesPersonVotesFor(
  reader: Reader,
  decision: MeetingDecisionFacts,
  personId: string,
): Promise<PartyVoter[]> {
  if (!decision.electorate) return [];
  const members = new Map(
    decision.electorate.parties.map((party) => [party.organisationId, party.name]),
  );
  const found = new Map<string, PartyVoter>();
  for (const { holding } of seatsOfPerson(decision, personId)) {
    const name = holding.organisationId ? members.get(holding.organisationId) : undefined;
    if (!holding.organisationId || !name || found.has(holding.organisationId)) continue;
    found.set(holding.organisationId, {
      voterId: holding.organisationId,
      name,
      as: `its member of ${decision.meeting.bodyTitle}`,
    });
  }
  const posts = await selectPosts(reader, { personId });
  for (const post of posts) {
    const name = members.get(post.organisationId);
    const current =
      post.startsOn <= decision.meetingOn &&
      (post.endsOn === null || post.endsOn >= decision.meetingOn);
    if (!name || !current || post.role !== 'chief-executive' || found.has(post.organisationId)) {
      continue;
    }
    found.set(post.organisationId, {
      voterId: post.organisationId,
      name,
      as: 'its chief executive',
    });
  }
  return [...found.values()];
}
