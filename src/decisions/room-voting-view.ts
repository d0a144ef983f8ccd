/**
 * Read model: what one person may do about the open questions on the item the meeting is on — the
 * live page's "in the room" panel. A member sees their own seat's choice on each question in words
 * ("You voted for", "Your view: agree") and may change it while the question is open; the
 * secretariat and the person presiding see the members present without an account, for a show of
 * hands, each entry with who recorded it; the person presiding (or the secretariat) closes the
 * question, and gives (or records) the casting vote once a tied vote has ended. Nobody else's
 * choice is shown beyond what the live page already shows: a secret ballot shows only your own.
 */

import type { Database } from '../db/connection.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import { isPresiding, presidingPersonOf } from './chair-of-meeting.ts';
import {
  byParties,
  decisionFactsOf,
  forQuestion,
  methodOf,
  seatsOfPerson,
} from './decision-facts.ts';
import {
  selectPeopleWithAccounts,
  selectProposalsOfMeeting,
  selectVotesOfVoters,
} from './decision-queries.ts';
import { partiesPersonVotesFor } from './party-voters.ts';
import { mayRead } from './proposal-access.ts';

export interface RoomChoice {
  value: 'for' | 'against' | 'abstain';
  label: string;
}

export interface RoomHand {
  seatHoldingId: string;
  name: string;
  /** The recorded choice in words ("Agree"), or null while none is recorded. */
  choice: string | null;
  choiceValue: string | null;
  /** "Dana Placeholder, secretariat", for an entry made by a show of hands. */
  recordedBy: string | null;
}

export interface RoomQuestion {
  id: string;
  title: string;
  isAmendment: boolean;
  isConsensus: boolean;
  secret: boolean;
  /** "vote" or "view": the words for this method. */
  noun: 'vote' | 'view';
  choices: RoomChoice[];
  /** The reader's own seat's choice, said as a sentence ("You voted for"), or null. */
  yours: { sentence: string; value: string; recordedBy: string | null } | null;
  /** The reader holds a seat that votes on it and it is still taking votes. */
  mayVote: boolean;
  /** Members present without an account, for the secretariat's or chair's show of hands. */
  hands: RoomHand[] | null;
  /** Voting has ended on a tie: the casting vote is awaited. */
  votingEnded: boolean;
  mayClose: boolean;
  mayGiveCastingVote: boolean;
}

export interface RoomView {
  questions: RoomQuestion[];
  /** The person presiding, named on the page for the chair's controls. */
  presiding: string | null;
  /** What the reader is in the room: "the person presiding", "the secretariat", "a member". */
  role: 'presiding' | 'secretariat' | 'member' | 'other';
}

const empty: RoomView = { questions: [], presiding: null, role: 'other' };

function wordsOf(isConsensus: boolean): Record<'for' | 'against' | 'abstain', string> {
  return isConsensus
    ? { for: 'Agree', against: 'Object', abstain: 'Stand aside' }
    : { for: 'For', against: 'Against', abstain: 'Abstain' };
}

/** The sentence a member reads about their own recorded choice. */
export function yourChoiceSentence(isConsensus: boolean, choice: string): string {
  if (isConsensus) {
    const view = { for: 'agree', against: 'object', abstain: 'stand aside' }[choice] ?? choice;
    return `Your view: ${view}`;
  }
  if (choice === 'abstain') return 'You abstained';
  return `You voted ${choice === 'for' ? 'for' : 'against'}`;
}

/** The reader's part in the open questions on one agenda item of the meeting (and in the room). */
export async function roomVotingView(options: {
  db: Database;
  actor: Actor;
  meetingId: string;
  agendaItemId: string | null;
}): Promise<RoomView> {
  const { db, actor } = options;
  if (actor.kind !== 'account') return empty;
  const onItem = (await selectProposalsOfMeeting(db, options.meetingId)).filter(
    (proposal) => proposal.agendaItemId === options.agendaItemId && proposal.status === 'open',
  );
  let decision: Awaited<ReturnType<typeof decisionFactsOf>>;
  try {
    decision = await decisionFactsOf(db, options.meetingId);
  } catch {
    // No terms in force: the live page already says so, and nothing can be voted.
    return empty;
  }
  const slug = decision.meeting.bodySlug;
  const runsBody = mayRunBody(actor, slug);
  const presides = isPresiding(actor, decision);
  const ownSeat = actor.personId ? seatsOfPerson(decision, actor.personId)[0] : undefined;
  const role = presides ? 'presiding' : runsBody ? 'secretariat' : ownSeat ? 'member' : 'other';
  const presiding = presidingPersonOf(decision)?.name ?? null;
  if (onItem.length === 0) return { questions: [], presiding, role };
  const present = new Set(
    decision.facts.attendance
      .filter((entry) => entry.status === 'present')
      .map((entry) => entry.memberId),
  );
  const presentMembers = decision.members.filter((member) => present.has(member.holding.id));
  const withAccounts =
    runsBody || presides
      ? await selectPeopleWithAccounts(
          db,
          presentMembers.flatMap((member) =>
            member.holding.personId ? [member.holding.personId] : [],
          ),
        )
      : new Set<string>();
  const withoutAccount = presentMembers.filter(
    (member) => !member.holding.personId || !withAccounts.has(member.holding.personId),
  );
  const visible = onItem.filter((proposal) => mayRead(actor, proposal, slug));
  // Under a recorded electorate (2006 §111) a person votes for the consortium member they speak for.
  const consortiumVoterOf = new Map<string, string>();
  for (const proposal of visible) {
    const question = forQuestion(decision, proposal);
    if (!question.electorate || !actor.personId) continue;
    const [party] = await partiesPersonVotesFor(db, question, actor.personId);
    if (party) consortiumVoterOf.set(proposal.id, party.voterId);
  }
  const voterIds = [
    ...consortiumVoterOf.values(),
    ...(ownSeat ? [ownSeat.holding.id] : []),
    ...(ownSeat?.holding.organisationId ? [ownSeat.holding.organisationId] : []),
    ...withoutAccount.map((member) => member.holding.id),
  ];
  const stored = await selectVotesOfVoters(
    db,
    visible.map((proposal) => proposal.id),
    voterIds,
  );
  const voteOf = (proposalId: string, voterId: string) =>
    stored.find((vote) => vote.proposalId === proposalId && vote.voterId === voterId);

  const questions = visible.map((proposal): RoomQuestion => {
    const method = methodOf(decision.constitution, proposal.methodId);
    const isConsensus = method.kind === 'consensus' || method.kind === 'reserved';
    const words = wordsOf(isConsensus);
    const parties = byParties(method);
    const ownVoter = proposal.electorate
      ? consortiumVoterOf.get(proposal.id)
      : ownSeat
        ? parties
          ? (ownSeat.holding.organisationId ?? undefined)
          : ownSeat.holding.id
        : undefined;
    const own = ownVoter ? voteOf(proposal.id, ownVoter) : undefined;
    const votingEnded = proposal.votingEndedAt !== null;
    const secret = proposal.ballot === 'secret';
    return {
      id: proposal.id,
      title: proposal.title,
      isAmendment: proposal.amendsProposalId !== null,
      isConsensus,
      secret,
      noun: isConsensus ? 'view' : 'vote',
      choices: (['for', 'against', 'abstain'] as const).map((value) => ({
        value,
        label: words[value],
      })),
      yours: own
        ? {
            sentence: yourChoiceSentence(isConsensus, own.choice),
            value: own.choice,
            recordedBy: own.recordedBy,
          }
        : null,
      mayVote: ownVoter !== undefined && !votingEnded,
      hands:
        (runsBody || presides) && !secret && !parties && !votingEnded
          ? withoutAccount.map((member) => {
              const hand = voteOf(proposal.id, member.holding.id);
              return {
                seatHoldingId: member.holding.id,
                name: member.holding.personName,
                choice: hand ? words[hand.choice as 'for'] : null,
                choiceValue: hand?.choice ?? null,
                recordedBy: hand?.recordedBy ?? null,
              };
            })
          : null,
      votingEnded,
      mayClose: (runsBody || presides) && !votingEnded,
      mayGiveCastingVote: (runsBody || presides) && votingEnded,
    };
  });
  return { questions, presiding, role };
}
