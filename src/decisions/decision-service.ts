/**
 * Proposals, consensus views, votes and proxies on a meeting's agenda items. The engine decides
 * every rule: which method a kind of decision names, who may take part (conflicts, non-voting
 * seats, deputies, invited attendees), whether the meeting is quorate, and the outcome at close.
 * This module gathers the meeting's facts, asks the engine, and keeps the record.
 */

import { uuidv7 } from 'uuidv7';
import { sealOfBallot } from '../audit/ballot-seal.ts';
import { ballotSealKeyOf } from '../audit/ballot-seal-key.ts';
import { auditEventRow, recordAuditEvents } from '../audit/record-audit-event.ts';
import type { Database, Reader } from '../db/connection.ts';
import { factsAt, newestKept, readFactsEpoch } from '../db/facts-cache.ts';
import { meetingChangeNotification, notifyMeetingChanged } from '../db/meeting-changes.ts';
import {
  type BallotRoll,
  ballotRoll,
  type Constitution,
  type DecisionMethod,
  type EngineResult,
  type MeetingFacts,
  presidingMember,
  type TallyFacts,
  type TallyResult,
  tally,
  type VoteChoice,
} from '../governance/index.ts';
import { londonDate } from '../identity/actor.ts';
import type { Actor } from '../identity/policy.ts';
import { mayRunBody } from '../identity/policy.ts';
import { assertMayManage } from '../meetings/meeting-access.ts';
import { meetingFactsOf } from '../meetings/meeting-facts.ts';
import { selectAgendaItems } from '../meetings/meeting-queries.ts';
import { mayReadConfidentialItems } from '../meetings/meeting-rules.ts';
import type { ResolvedHolding } from '../membership/membership-facts.ts';
import { selectStandingAttendeesOn } from '../membership/standing-attendee-queries.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, isUniqueViolation, notFound, ProblemError } from '../shared/problems.ts';
import {
  insertProposal,
  insertProxy,
  insertVoteWithAudit,
  type ProposalRecord,
  type ProxyRecord,
  revokeProxyRow,
  selectAmendmentsOf,
  selectLiveProxy,
  selectOpenProposals,
  selectPeopleNames,
  selectProposal,
  selectProposalForVote,
  selectProposalsOfMeeting,
  selectProxiesOfMeeting,
  selectProxy,
  selectVotes,
  updateProposal,
  type VoteRecord,
} from './decision-queries.ts';
import {
  asksForViews,
  type Ballot,
  choiceText,
  methodFor,
  openSecretBallotRule,
  outcomeText,
  type ResultView,
  reasonProblem,
  resultsCsv,
  resultView,
  undecidedAmendments,
} from './decision-rules.ts';
import { type RatificationView, ratificationOf } from './ratification-service.ts';

/** Everything the engine needs to judge a question at this meeting, gathered once. */
interface MeetingDecisionFacts {
  meeting: Awaited<ReturnType<typeof meetingFactsOf>>['meeting'];
  meetingOn: string;
  constitution: Constitution;
  members: ResolvedHolding[];
  facts: MeetingFacts;
  invitedAttendees: { id: string; personId: string; name: string; organisation?: string }[];
  deputies: { personId: string; holdingId: string }[];
}

async function decisionFactsOf(reader: Reader, meetingId: string): Promise<MeetingDecisionFacts> {
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

function methodOf(constitution: Constitution, methodId: string): DecisionMethod {
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

function byParties(method: DecisionMethod): boolean {
  return method.kind !== 'reserved' && method.electorate?.of === 'parties';
}

/**
 * The parties of a parties' method, read as "the PCT members" (2006 §111, the only parties' method
 * the London terms have): each primary care trust represented on the body that day, present when
 * any of its members is.
 */
function partiesOf(decision: MeetingDecisionFacts) {
  const present = new Set(
    decision.facts.attendance
      .filter((record) => record.status === 'present')
      .map((record) => record.memberId),
  );
  const parties = new Map<string, { id: string; name: string; present: boolean }>();
  for (const { holding } of decision.members) {
    if (!holding.organisationId || holding.organisationType !== 'primary-care-trust') continue;
    const party = parties.get(holding.organisationId) ?? {
      id: holding.organisationId,
      name: holding.organisationName ?? 'A PCT',
      present: false,
    };
    party.present ||= present.has(holding.id);
    parties.set(holding.organisationId, party);
  }
  return [...parties.values()];
}

/** The engine's facts for one question: the meeting's, the item, and the votes recorded. */
function tallyFactsFor(
  decision: MeetingDecisionFacts,
  method: DecisionMethod,
  itemId: string,
  votes: readonly { voterId: string; choice: VoteChoice }[],
  extra: Pick<TallyFacts, 'castingVote'> = {},
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

function runTally(
  decision: MeetingDecisionFacts,
  proposal: Pick<ProposalRecord, 'methodId' | 'decisionKind' | 'agendaItemId'>,
  votes: readonly { voterId: string; choice: VoteChoice }[],
  extra: Pick<TallyFacts, 'castingVote'> = {},
) {
  const method = methodOf(decision.constitution, proposal.methodId);
  return tally(
    decision.constitution,
    proposal.decisionKind ? { kind: proposal.decisionKind } : { method: proposal.methodId },
    tallyFactsFor(decision, method, proposal.agendaItemId, votes, extra),
  );
}

/**
 * The meeting's facts and the question's electorate for judging a vote, kept between votes while
 * no fact has changed (src/db/facts-cache.ts): a vote then costs a lookup, not a read and
 * resolution of every seat. `epoch` is read with the question, before anything is written. The
 * facts are loaded in one read-only snapshot, so a change committing meanwhile is seen whole or
 * not at all.
 */
async function votingFactsOf(
  db: Database,
  proposal: ProposalRecord,
  epoch: number,
): Promise<{ decision: MeetingDecisionFacts; roll: EngineResult<BallotRoll> }> {
  const decision = await factsAt(db, epoch, `decision-facts:${proposal.meetingId}`, () =>
    db.transaction((reader) => decisionFactsOf(reader, proposal.meetingId), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    }),
  );
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

/**
 * Makes ready, on this instance, the electorate of every open question (of one meeting, or of
 * all): the seats, attendance and interests resolved and the engine's ballot roll built, kept at
 * the current facts epoch. A vote then only judges its member against it; without this the first
 * vote after a question opens waits for the whole load, and every vote arriving meanwhile with it.
 * Returns how many questions were made ready.
 */
export async function prepareOpenQuestions(options: {
  db: Database;
  meetingId?: string;
}): Promise<number> {
  const { db } = options;
  // The epoch before the facts, as every reader of kept facts does (src/db/facts-cache.ts).
  const epoch = await readFactsEpoch(db);
  const open = await selectOpenProposals(db, options.meetingId);
  for (const proposal of open) {
    await votingFactsOf(db, proposal, epoch);
    keepQuestionForVote(db, { proposal, factsEpoch: epoch });
  }
  return open.length;
}

function engineRefusal(errors: readonly { message: string; clause?: string }[]): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'engine-refused',
    title: 'The rules cannot be applied to this record',
    detail: errors
      .map((error) => `${error.message}${error.clause ? ` (${error.clause})` : ''}`)
      .join('; '),
  });
}

async function loadProposal(
  reader: Reader,
  proposalId: string,
  lock?: 'update' | 'share',
): Promise<ProposalRecord> {
  const proposal = await selectProposal(reader, proposalId, lock);
  if (!proposal) throw notFound('proposal', proposalId);
  return proposal;
}

function mayRead(actor: Actor, proposal: ProposalRecord, slug: string): boolean {
  return !proposal.agendaItemIsConfidential || mayReadConfidentialItems(actor, slug);
}

function stateConflict(code: string, title: string, detail: string, field = 'status') {
  return new ProblemError({
    status: 409,
    code,
    title,
    detail,
    errors: [{ field, message: detail }],
  });
}

// ---- Proposals ----

export interface CreateProposalOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string;
  amendsProposalId?: string | undefined;
  title: string;
  text: string;
  decisionKind?: string | undefined;
  methodId?: string | undefined;
  ballot: Ballot;
}

/**
 * Puts a question on an agenda item. The method is the one the constitution gives for the kind of
 * decision; a different method for that kind is refused quoting the kind's clause (so a reserved
 * matter can never be put as a decision). An amendment names an open or draft question on the same
 * item and is decided first.
 */
export async function createProposal(
  options: CreateProposalOptions,
): Promise<{ proposalId: string; method: { id: string; title: string; clause: string } }> {
  const { db, context } = options;
  const decision = await decisionFactsOf(db, options.meetingId);
  const { meeting, constitution } = decision;
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const items = await selectAgendaItems(db, meeting.id);
  const item = items.find((candidate) => candidate.id === options.agendaItemId);
  if (!item) {
    throw invalidInput([
      { field: 'agendaItemId', message: `That item is not on the agenda of ${meeting.title}.` },
    ]);
  }
  const resolved = methodFor(constitution, options);
  if (!resolved.ok) throw invalidInput([{ field: resolved.field, message: resolved.message }]);
  const { method, kind } = resolved.value;
  if (options.amendsProposalId) {
    const amended = await selectProposal(db, options.amendsProposalId);
    if (!amended || amended.meetingId !== meeting.id || amended.agendaItemId !== item.id) {
      throw invalidInput([
        {
          field: 'amendsProposalId',
          message: 'An amendment amends a question on the same agenda item of this meeting.',
        },
      ]);
    }
    if (amended.status !== 'draft' && amended.status !== 'open') {
      throw invalidInput([
        {
          field: 'amendsProposalId',
          message: `“${amended.title}” is ${amended.status}: only a question still to be decided can be amended.`,
        },
      ]);
    }
  }
  const proposalId = uuidv7();
  await db.transaction(async (transaction) => {
    const row = {
      id: proposalId,
      meetingId: meeting.id,
      agendaItemId: item.id,
      amendsProposalId: options.amendsProposalId ?? null,
      title: options.title,
      text: options.text,
      decisionKind: kind?.id ?? null,
      methodId: method.id,
      ballot: options.ballot,
      status: 'draft',
      createdAt: context.now,
    };
    await insertProposal(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'proposal.created',
        entityType: 'meeting',
        entityId: meeting.id,
        after: { proposalId, agendaItem: item.position, ...row, id: undefined },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
  });
  return { proposalId, method: { id: method.id, title: method.title, clause: method.clause } };
}

async function changeStatus(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  from: readonly string[];
  to: 'open' | 'withdrawn';
}): Promise<{ proposalId: string; status: string }> {
  const { db, context } = options;
  return db.transaction(async (transaction) => {
    const proposal = await loadProposal(transaction, options.proposalId, 'update');
    const { meeting } = await meetingFactsOf(transaction, proposal.meetingId);
    assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
    if (!options.from.includes(proposal.status)) {
      throw stateConflict(
        'proposal-state',
        'The question is not in a state to do this',
        `“${proposal.title}” is ${proposal.status}; it can be ${options.to === 'open' ? 'opened only from draft' : 'withdrawn only while draft or open'}.`,
      );
    }
    const changes =
      options.to === 'open'
        ? { status: 'open' as const, openedAt: context.now }
        : { status: 'withdrawn' as const, closedAt: context.now };
    await updateProposal(transaction, proposal.id, changes);
    await recordAuditEvents(transaction, context, [
      {
        action: options.to === 'open' ? 'proposal.opened' : 'proposal.withdrawn',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { proposalId: proposal.id, status: proposal.status },
        after: { proposalId: proposal.id, status: options.to },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { proposalId: proposal.id, status: options.to };
  });
}

/** Opens a drafted question for votes or views. */
export function openProposal(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
}) {
  return changeStatus({ ...options, from: ['draft'], to: 'open' });
}

/** Withdraws a question before it is decided; its record stays. */
export function withdrawProposal(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
}) {
  return changeStatus({ ...options, from: ['draft', 'open'], to: 'withdrawn' });
}

// ---- Votes and views ----

interface VoterSeat {
  /** The engine's voter id: a seat holding, or an organisation under a vote of parties. */
  voterId: string;
  name: string;
  /** Set when the actor votes as another member's proxy. */
  proxy?: ProxyRecord;
}

// Indexed once per kept set of facts: a scan of 2,000 seats for every vote showed in profiles.
const seatsByPersonOf = new WeakMap<MeetingDecisionFacts, Map<string, ResolvedHolding[]>>();

function seatsOfPerson(decision: MeetingDecisionFacts, personId: string): ResolvedHolding[] {
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

/**
 * The seat the actor votes for: their own, or (with `onBehalfOf`) the seat of a member who gave
 * them a live proxy for this meeting. Someone with neither is refused; a non-voting attendee or a
 * deputy is judged by the engine, so the refusal gives its reason and clause.
 */
async function voterSeat(
  reader: Reader,
  decision: MeetingDecisionFacts,
  method: DecisionMethod,
  actor: Actor,
  onBehalfOf: string | undefined,
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
  if (byParties(method)) {
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

function secondVote(name: string): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'already-voted',
    title: 'This seat has already voted',
    detail: `${name} has already voted on this question: one vote per seat (the record keeps one vote for each voter, and it cannot be changed).`,
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
}

/**
 * Records one vote (or consensus view) for a seat. Before anything is written the engine is asked
 * to tally the question with this vote added: an error (the member is not present) or an exclusion
 * (a declared interest, a non-voting seat, a deputy, an invited attendee) refuses it with the
 * engine's reason and clause. One vote per seat is the database's unique index.
 */
export async function castVote(
  options: CastVoteOptions,
): Promise<{ voteId: string; voter: string; choice: VoteChoice; byProxy: boolean }> {
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
      judged = await judgeVote(options, reason, onKeptFacts);
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

const questionForVoteKey = (proposalId: string) => `question-for-vote:${proposalId}`;

type QuestionForVote = { proposal: ProposalRecord; factsEpoch: number };

/**
 * The question a vote is judged on, with the facts epoch it was read at: the one this instance
 * keeps when `kept` is asked for and it has one, otherwise read now (and kept).
 */
async function questionForVote(
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

function keepQuestionForVote(db: Database, question: QuestionForVote) {
  void factsAt(
    db,
    question.factsEpoch,
    questionForVoteKey(question.proposal.id),
    async () => question,
  );
}

/** Judges the actor's vote against the question's electorate; refusals throw. */
async function judgeVote(
  options: CastVoteOptions,
  reason: string | null,
  onKeptFacts: boolean,
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
  const seat = await voterSeat(db, decision, method, options.actor, options.onBehalfOf);
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
  options: CastVoteOptions,
  judged: JudgedVote,
  reason: string | null,
): Promise<{ voteId: string; voter: string; choice: VoteChoice; byProxy: boolean } | undefined> {
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
    },
    audit,
    factsEpoch: judged.factsEpoch,
    notification: meetingChangeNotification(proposal.meetingId, 'vote'),
  });
  // One vote per seat is the unique index's: asking first would cost every vote a query, and
  // two votes from one seat at the same moment both pass any check made before the insert.
  if (outcome === 'seat-taken') throw secondVote(seat.name);
  if (outcome === 'stale') return undefined;
  return { voteId, voter: seat.name, choice: options.choice, byProxy: seat.proxy !== undefined };
}

// ---- Closing ----

/**
 * Closes a question with the engine's tally of the stored votes and the meeting's facts, keeping
 * the whole result. Refused while an amendment is undecided (amendments are voted before the main
 * question), and left open when the votes are tied and the presiding member's casting vote is due.
 */
export async function closeProposal(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
}): Promise<{ proposalId: string; outcome: string; summary: string }> {
  return closeWith({ ...options, castingVote: undefined });
}

/**
 * The presiding member's casting vote on a tie, where the method gives one: recorded and the
 * question closed with it. The presiding member casts it, or the secretariat records it for them.
 */
export async function recordCastingVote(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  choice: 'for' | 'against';
}): Promise<{ proposalId: string; outcome: string; summary: string }> {
  return closeWith({ ...options, castingVote: options.choice });
}

async function closeWith(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  castingVote: 'for' | 'against' | undefined;
}): Promise<{ proposalId: string; outcome: string; summary: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const proposal = await loadProposal(transaction, options.proposalId, 'update');
    const decision = await decisionFactsOf(transaction, proposal.meetingId);
    const { meeting, constitution } = decision;
    let presiding: { id: string; name: string } | undefined;
    if (options.castingVote) {
      const presidingResult = presidingMember(constitution, decision.facts);
      presiding = presidingResult.ok ? presidingResult.value.presiding : undefined;
      const presider = decision.members.find((member) => member.holding.id === presiding?.id);
      const isPresider =
        actor.kind === 'account' &&
        actor.personId !== null &&
        presider?.holding.personId === actor.personId;
      if (!isPresider && !mayRunBody(actor, meeting.bodySlug)) {
        throw new ProblemError({
          status: 403,
          code: 'forbidden',
          title: 'Only the person presiding has the casting vote',
          detail: `The casting vote is ${presiding ? `${presiding.name}'s, presiding` : 'the presiding member’s'}; the secretariat may record it for them.`,
        });
      }
    } else {
      assertMayManage(actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
    }
    if (proposal.status !== 'open') {
      throw stateConflict(
        'question-not-open',
        'The question is not open',
        `“${proposal.title}” is ${proposal.status}: only an open question can be closed.`,
      );
    }
    const pending = undecidedAmendments(await selectAmendmentsOf(transaction, proposal.id));
    if (pending.length > 0) {
      throw stateConflict(
        'amendments-first',
        'Amendments are decided before the main question',
        `Decide the amendments first (${pending.map((amendment) => `“${amendment.title}”, ${amendment.status}`).join('; ')}): an amendment is put and closed before the question it amends.`,
      );
    }
    const votes = await selectVotes(transaction, proposal.id);
    if (options.castingVote) {
      // The casting vote exists only to break a tie the method gives it for, once the votes are
      // counted: judged on them, so it can never close a question another way than the tally
      // would, nor end the voting before the secretariat has.
      assertCastingVoteDue(runTally(decision, proposal, votes), proposal);
      if (!presiding) {
        throw stateConflict(
          'no-one-presiding',
          'No one presides',
          'No one is presiding at this meeting, so no casting vote can be given.',
          'choice',
        );
      }
    }
    const result = runTally(
      decision,
      proposal,
      votes,
      options.castingVote && presiding
        ? { castingVote: { by: presiding.id, choice: options.castingVote } }
        : {},
    );
    if (!result.ok) throw engineRefusal(result.errors);
    const tallied = result.value;
    if (tallied.outcome === 'castingVoteRequired') {
      // The tie is told now the votes are counted, and the voting ends: no vote comes after it,
      // so asking again cannot follow a secret ballot vote by vote. A secret ballot's counts
      // are still not given.
      const summary = `${proposal.ballot === 'secret' ? `The votes are tied (${tallied.explanation.clause}).` : tallied.explanation.summary} Voting has ended; the person presiding gives the casting vote to close the question.`;
      if (!proposal.votingEndedAt) {
        await updateProposal(transaction, proposal.id, { votingEndedAt: context.now });
        await recordAuditEvents(transaction, context, [
          {
            action: 'proposal.voting-ended',
            entityType: 'meeting',
            entityId: meeting.id,
            before: { proposalId: proposal.id, status: 'open' },
            after: { proposalId: proposal.id, status: 'open', votingEnded: true },
          },
        ]);
        await notifyMeetingChanged(transaction, meeting.id);
      }
      return { proposalId: proposal.id, outcome: tallied.outcome, summary };
    }
    const view = resultView(tallied, proposal.ballot as Ballot);
    await updateProposal(transaction, proposal.id, {
      status: 'closed',
      closedAt: context.now,
      result: tallied,
      outcome: tallied.outcome,
      outcomeSummary: view.summary,
      castingVote: tallied.castingVoteUsed ? (options.castingVote ?? null) : null,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'proposal.closed',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { proposalId: proposal.id, status: 'open' },
        after: {
          proposalId: proposal.id,
          status: 'closed',
          outcome: tallied.outcome,
          summary: view.summary,
          counts: tallied.counts,
          castingVote: tallied.castingVoteUsed ? (options.castingVote ?? null) : null,
        },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { proposalId: proposal.id, outcome: tallied.outcome, summary: view.summary };
  });
}

/** Refuses a casting vote unless the tally without it is a tie awaiting the presiding member's. */
function assertCastingVoteDue(
  withoutCastingVote: ReturnType<typeof runTally>,
  proposal: Pick<ProposalRecord, 'title' | 'ballot' | 'votingEndedAt'>,
) {
  // Before the votes are counted the answer is the same whatever they say: a refusal that told a
  // tie from no tie would follow the ballot vote by vote.
  if (!proposal.votingEndedAt) {
    throw stateConflict(
      'no-casting-vote-due',
      'No casting vote is due',
      `A casting vote is given only on a tie, under a method that provides one, once the votes are counted: the secretariat closes the vote on “${proposal.title}” first, and if the votes are then tied, the person presiding gives it.`,
      'choice',
    );
  }
  if (!withoutCastingVote.ok) throw engineRefusal(withoutCastingVote.errors);
  const { outcome, explanation } = withoutCastingVote.value;
  if (outcome === 'castingVoteRequired') return;
  // An open secret ballot's running count is no one's to read, so the refusal does not give it.
  const why =
    proposal.ballot === 'secret'
      ? `the method (${explanation.clause}) and the votes cast do not call for one.`
      : `${explanation.summary} (${explanation.clause}).`;
  throw stateConflict(
    'no-casting-vote-due',
    'No casting vote is due',
    `A casting vote is given only on a tie, under a method that provides one. On “${proposal.title}” it is not due: ${why}`,
    'choice',
  );
}

// ---- Proxies ----

/**
 * A member gives another member a proxy for one meeting. Neither 2008 nor 2006 provides for
 * proxies, and both take deputies to have no vote (2008 §Membership, commentary); a proxy held by
 * someone outside the body would be a deputy's vote by another name, so only a member of the body
 * on the meeting day may hold one. The secretariat may record a proxy a member gave in writing.
 */
export async function grantProxy(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  proxyPersonId: string;
  /** Only for the secretariat recording a member's proxy; a member grants their own. */
  grantorHoldingId?: string | undefined;
}): Promise<{ proxyId: string; grantor: string; proxy: string }> {
  const { db, context, actor } = options;
  const decision = await decisionFactsOf(db, options.meetingId);
  const { meeting, constitution } = decision;
  let grantor: ResolvedHolding | undefined;
  if (options.grantorHoldingId) {
    assertMayManage(actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
    grantor = decision.members.find((member) => member.holding.id === options.grantorHoldingId);
    if (!grantor) {
      throw invalidInput([
        {
          field: 'grantorHoldingId',
          message: `A proxy is given by a member of ${meeting.bodyTitle} on ${decision.meetingOn}; that seat holding is not one.`,
        },
      ]);
    }
  } else {
    grantor =
      actor.kind === 'account' && actor.personId
        ? seatsOfPerson(decision, actor.personId)[0]
        : undefined;
    if (!grantor) {
      throw new ProblemError({
        status: 403,
        code: 'not-a-member',
        title: 'Only a member may give a proxy',
        detail: `A proxy is a member's vote given to another member; ${actor.kind === 'account' ? actor.displayName : 'you'} ${actor.kind === 'account' ? 'is' : 'are'} not a member of ${meeting.bodyTitle} on ${decision.meetingOn}.`,
      });
    }
  }
  const holder = seatsOfPerson(decision, options.proxyPersonId)[0];
  if (!holder) {
    const deputies = constitution.deputies;
    const rule = deputies
      ? ` ${deputies.clause}: “${deputies.text.trim()}”${deputies.mayVote ? '' : ' — a deputy may not vote, so neither may a proxy from outside the body.'}`
      : '';
    throw invalidInput([
      {
        field: 'proxyPersonId',
        message: `A proxy may be held only by a member of ${meeting.bodyTitle} on ${decision.meetingOn}.${rule}`,
      },
    ]);
  }
  if (holder.holding.id === grantor.holding.id) {
    throw invalidInput([
      { field: 'proxyPersonId', message: 'A member cannot give a proxy to themselves.' },
    ]);
  }
  const proxyId = uuidv7();
  try {
    await db.transaction(async (transaction) => {
      await insertProxy(transaction, {
        id: proxyId,
        meetingId: meeting.id,
        grantorHoldingId: grantor.holding.id,
        proxyPersonId: options.proxyPersonId,
        grantedAt: context.now,
      });
      await recordAuditEvents(transaction, context, [
        {
          action: 'proxy.granted',
          entityType: 'meeting',
          entityId: meeting.id,
          after: {
            proxyId,
            grantor: grantor.holding.personName,
            proxy: holder.holding.personName,
          },
        },
      ]);
      await notifyMeetingChanged(transaction, meeting.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ProblemError({
        status: 409,
        code: 'proxy-exists',
        title: 'A proxy is already given',
        detail: `${grantor.holding.personName} already has a live proxy for this meeting: revoke it before giving another.`,
        errors: [{ field: 'proxyPersonId', message: 'Revoke the live proxy first.' }],
      });
    }
    throw error;
  }
  return { proxyId, grantor: grantor.holding.personName, proxy: holder.holding.personName };
}

/** Revokes a proxy; the row stays, dated, as the history of the delegation. */
export async function revokeProxy(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proxyId: string;
}): Promise<{ proxyId: string; meetingId: string; revokedAt: string }> {
  const { db, context, actor } = options;
  const proxy = await selectProxy(db, options.proxyId);
  if (!proxy) throw notFound('proxy', options.proxyId);
  const decision = await decisionFactsOf(db, proxy.meetingId);
  const grantor = decision.members.find((member) => member.holding.id === proxy.grantorHoldingId);
  const isGrantor =
    actor.kind === 'account' &&
    actor.personId !== null &&
    grantor?.holding.personId === actor.personId;
  if (!isGrantor) {
    assertMayManage(actor, { slug: decision.meeting.bodySlug, title: decision.meeting.bodyTitle });
  }
  await db.transaction(async (transaction) => {
    if (!(await revokeProxyRow(transaction, proxy.id, context.now))) {
      throw stateConflict(
        'proxy-revoked',
        'The proxy is already revoked',
        'This proxy was already revoked.',
        'proxyId',
      );
    }
    await recordAuditEvents(transaction, context, [
      {
        action: 'proxy.revoked',
        entityType: 'meeting',
        entityId: proxy.meetingId,
        before: { proxyId: proxy.id, revokedAt: null },
        after: { proxyId: proxy.id, revokedAt: context.now.toISOString() },
      },
    ]);
    await notifyMeetingChanged(transaction, proxy.meetingId);
  });
  return { proxyId: proxy.id, meetingId: proxy.meetingId, revokedAt: context.now.toISOString() };
}

// ---- Reading ----

export interface ProposalView {
  id: string;
  meeting: { id: string; title: string; meetingOn: string; body: { slug: string; title: string } };
  agendaItem: { id: string; position: number; title: string; isConfidential: boolean };
  amendsProposalId: string | null;
  amendments: { id: string; title: string; status: string }[];
  title: string;
  text: string;
  decisionKind: { id: string; title: string; clause: string; text: string } | null;
  method: { id: string; kind: string; title: string; clause: string; text: string };
  /** Set when the question is a reserved matter: it can only ever produce advice. */
  reserved: { clause: string; text: string; decidedBy: string[] } | null;
  asksForViews: boolean;
  ballot: Ballot;
  status: string;
  openedAt: string | null;
  closedAt: string | null;
  votesRecorded: number;
  /** For the chair and secretariat: who present and entitled has not voted (named or secret). */
  notVoted: string[] | null;
  /** The votes per voter, once closed, under a named ballot; always empty under a secret one. */
  votes: {
    voter: string;
    choice: VoteChoice;
    view: string;
    reason: string | null;
    castBy: string | null;
    byProxy: boolean;
  }[];
  result: ResultView | null;
  outcome: string | null;
  outcomeText: string | null;
  castingVote: string | null;
  /** While open and tied under a method with a casting vote: who presides, and the summary. */
  castingVoteDue: { summary: string; presiding: string | null } | null;
  /** Who the reader may vote for: their seat, and any seat whose proxy they hold. */
  mySeats: { voter: string; onBehalfOf: string | null; hasVoted: boolean }[];
  mayManage: boolean;
  /** Whether the decision is in effect: sponsoring boards' sign-off (2006 §112) or binding. */
  ratification: RatificationView;
}

function voterNames(decision: MeetingDecisionFacts, method: DecisionMethod): Map<string, string> {
  if (byParties(method)) {
    return new Map(partiesOf(decision).map((party) => [party.id, party.name]));
  }
  return new Map(decision.members.map((member) => [member.holding.id, member.holding.personName]));
}

async function viewOf(
  reader: Reader,
  actor: Actor,
  proposal: ProposalRecord,
  decision: MeetingDecisionFacts,
): Promise<ProposalView> {
  const { meeting, constitution } = decision;
  const method = methodOf(constitution, proposal.methodId);
  const kind = proposal.decisionKind
    ? constitution.decisionKinds.find((entry) => entry.id === proposal.decisionKind)
    : undefined;
  const ballot = proposal.ballot as Ballot;
  const votes = await selectVotes(reader, proposal.id);
  const amendments = await selectAmendmentsOf(reader, proposal.id);
  const manage = mayRunBody(actor, meeting.bodySlug);
  const chairs =
    actor.kind === 'account' &&
    actor.bodyRoles.some((fact) => fact.bodyId === meeting.bodySlug && fact.role === 'chair');
  const names = voterNames(decision, method);
  const proxies = await selectProxiesOfMeeting(reader, meeting.id);
  const provisional = proposal.status === 'open' ? runTally(decision, proposal, votes) : undefined;
  const provisionalResult = provisional?.ok ? provisional.value : undefined;
  const secrecy = openSecretBallotRule(constitution, proposal);
  let castingVoteDue: ProposalView['castingVoteDue'] = null;
  // Only once the secretariat has closed the vote and it was tied: before, a tie shown to anyone
  // as votes come in would follow a secret ballot vote by vote.
  if (proposal.votingEndedAt && provisionalResult?.outcome === 'castingVoteRequired') {
    const presiding = presidingMember(constitution, decision.facts);
    castingVoteDue = {
      summary: secrecy.secretAndOpen
        ? `Voting has ended and the votes are tied: the person presiding has a casting vote (${provisionalResult.explanation.clause}).`
        : provisionalResult.explanation.summary,
      presiding: presiding.ok ? (presiding.value.presiding?.name ?? null) : null,
    };
  }
  const stored = proposal.result as TallyResult | null;
  const voted = new Set(votes.map((vote) => vote.voterId));
  const mySeats: ProposalView['mySeats'] = [];
  if (actor.kind === 'account' && actor.personId) {
    for (const member of seatsOfPerson(decision, actor.personId)) {
      const voterId = byParties(method)
        ? (member.holding.organisationId ?? member.holding.id)
        : member.holding.id;
      mySeats.push({
        voter: names.get(voterId) ?? member.holding.personName,
        onBehalfOf: null,
        hasVoted: voted.has(voterId),
      });
    }
    for (const proxy of proxies) {
      if (proxy.revokedAt !== null || proxy.proxyPersonId !== actor.personId) continue;
      const grantor = decision.members.find(
        (member) => member.holding.id === proxy.grantorHoldingId,
      );
      if (!grantor) continue;
      const voterId = byParties(method)
        ? (grantor.holding.organisationId ?? grantor.holding.id)
        : grantor.holding.id;
      mySeats.push({
        voter: names.get(voterId) ?? grantor.holding.personName,
        onBehalfOf: grantor.holding.id,
        hasVoted: voted.has(voterId),
      });
    }
  }
  const castByNames = await selectPeopleNames(reader, [
    ...new Set(votes.flatMap((vote) => vote.castByPersonId ?? [])),
  ]);
  return {
    id: proposal.id,
    meeting: {
      id: meeting.id,
      title: meeting.title,
      meetingOn: londonDate(meeting.startsAt),
      body: { slug: meeting.bodySlug, title: meeting.bodyTitle },
    },
    agendaItem: {
      id: proposal.agendaItemId,
      position: proposal.agendaItemPosition,
      title: proposal.agendaItemTitle,
      isConfidential: proposal.agendaItemIsConfidential,
    },
    amendsProposalId: proposal.amendsProposalId,
    amendments,
    title: proposal.title,
    text: proposal.text,
    decisionKind: kind
      ? { id: kind.id, title: kind.title, clause: kind.clause, text: kind.text }
      : null,
    method: {
      id: method.id,
      kind: method.kind,
      title: method.title,
      clause: method.clause,
      text: method.text,
    },
    reserved:
      method.kind === 'reserved'
        ? {
            clause: method.clause,
            text: method.text,
            decidedBy: method.decidedBy.map(
              (id) => constitution.bodies?.find((body) => body.id === id)?.name ?? id,
            ),
          }
        : null,
    asksForViews: asksForViews(method.kind),
    ballot,
    status: proposal.status,
    openedAt: proposal.openedAt?.toISOString() ?? null,
    closedAt: proposal.closedAt?.toISOString() ?? null,
    votesRecorded: votes.length,
    notVoted:
      (manage || chairs) && provisionalResult && secrecy.whoHasVotedShown
        ? [...provisionalResult.rangeOfViews.noViewRecorded]
        : null,
    votes:
      ballot === 'named' && proposal.status === 'closed'
        ? votes.map((vote) => ({
            voter: names.get(vote.voterId) ?? 'A former member',
            choice: vote.choice,
            view: choiceText(method.kind, vote.choice),
            reason: vote.reason,
            castBy: vote.castByPersonId ? (castByNames.get(vote.castByPersonId) ?? null) : null,
            byProxy: vote.proxyId !== null,
          }))
        : [],
    result: stored ? resultView(stored, ballot) : null,
    outcome: proposal.outcome,
    outcomeText: stored ? outcomeText(stored.outcome) : null,
    castingVote: proposal.castingVote,
    castingVoteDue,
    mySeats,
    mayManage: manage,
    ratification: await ratificationOf(reader, actor, proposal, decision),
  };
}

/** One question as this reader may see it; a Part II item's question only to the body's people. */
export async function getProposal(options: {
  db: Database;
  actor: Actor;
  proposalId: string;
}): Promise<ProposalView> {
  const proposal = await loadProposal(options.db, options.proposalId);
  const decision = await decisionFactsOf(options.db, proposal.meetingId);
  if (!mayRead(options.actor, proposal, decision.meeting.bodySlug)) {
    throw notFound('proposal', proposal.id);
  }
  return viewOf(options.db, options.actor, proposal, decision);
}

export interface MeetingProposals {
  meeting: { id: string; title: string; meetingOn: string; body: { slug: string; title: string } };
  proposals: {
    id: string;
    agendaItem: { id: string; position: number; title: string };
    amendsProposalId: string | null;
    title: string;
    method: string;
    ballot: string;
    status: string;
    outcomeText: string | null;
  }[];
  hiddenConfidentialCount: number;
  proxies: {
    id: string;
    grantor: string;
    grantorHoldingId: string;
    proxy: string;
    grantedAt: string;
    revokedAt: string | null;
  }[];
  decisionKinds: { id: string; title: string; method: string; clause: string; reserved: boolean }[];
  /** The methods the dispute ladder puts to a vote (the 75% procurement vote, 2006 §111). */
  disputeVoteMethods: { id: string; title: string; clause: string; category: string }[];
  members: { seatHoldingId: string; personId: string; name: string }[];
  agenda: { id: string; position: number; title: string }[];
  mayManage: boolean;
  /** The reader's own seat, when they sit on the body: they may give a proxy. */
  mySeat: { seatHoldingId: string; name: string } | null;
}

/** The meeting's questions (those on Part II items only for the body's people) and its proxies. */
export async function listProposals(options: {
  db: Database;
  actor: Actor;
  meetingId: string;
}): Promise<MeetingProposals> {
  const { db, actor } = options;
  const decision = await decisionFactsOf(db, options.meetingId);
  const { meeting, constitution } = decision;
  const readsConfidential = mayReadConfidentialItems(actor, meeting.bodySlug);
  const all = await selectProposalsOfMeeting(db, meeting.id);
  const visible = all.filter((proposal) => readsConfidential || !proposal.agendaItemIsConfidential);
  const names = new Map(
    decision.members.map((member) => [member.holding.id, member.holding.personName]),
  );
  const items = await selectAgendaItems(db, meeting.id);
  const mine =
    actor.kind === 'account' && actor.personId
      ? seatsOfPerson(decision, actor.personId)[0]
      : undefined;
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      meetingOn: decision.meetingOn,
      body: { slug: meeting.bodySlug, title: meeting.bodyTitle },
    },
    proposals: visible.map((proposal) => ({
      id: proposal.id,
      agendaItem: {
        id: proposal.agendaItemId,
        position: proposal.agendaItemPosition,
        title: proposal.agendaItemTitle,
      },
      amendsProposalId: proposal.amendsProposalId,
      title: proposal.title,
      method:
        constitution.decisionMethods.find((entry) => entry.id === proposal.methodId)?.title ??
        proposal.methodId,
      ballot: proposal.ballot,
      status: proposal.status,
      outcomeText: proposal.outcome
        ? outcomeText(proposal.outcome as TallyResult['outcome'])
        : null,
    })),
    hiddenConfidentialCount: all.length - visible.length,
    proxies: (await selectProxiesOfMeeting(db, meeting.id)).map((proxy) => ({
      id: proxy.id,
      grantor: names.get(proxy.grantorHoldingId) ?? 'A former member',
      grantorHoldingId: proxy.grantorHoldingId,
      proxy: proxy.proxyName,
      grantedAt: proxy.grantedAt.toISOString(),
      revokedAt: proxy.revokedAt?.toISOString() ?? null,
    })),
    decisionKinds: constitution.decisionKinds.map((kind) => {
      const method = constitution.decisionMethods.find((entry) => entry.id === kind.method);
      return {
        id: kind.id,
        title: kind.title,
        method: method?.title ?? kind.method,
        clause: kind.clause,
        reserved: method?.kind === 'reserved',
      };
    }),
    disputeVoteMethods: disputeVoteMethodsOf(constitution),
    members: decision.members.map((member) => ({
      seatHoldingId: member.holding.id,
      personId: member.holding.personId,
      name: member.holding.personName,
    })),
    agenda: items
      .filter((item) => readsConfidential || !item.isConfidential)
      .map((item) => ({ id: item.id, position: item.position, title: item.title })),
    mayManage: mayRunBody(actor, meeting.bodySlug),
    mySeat: mine ? { seatHoldingId: mine.holding.id, name: mine.holding.personName } : null,
  };
}

/**
 * A dispute settled by a vote (2006 §111: collective procurement "by a 75% majority") is put to the
 * body as a question under the ladder's method, not under a kind of decision: these are offered.
 */
function disputeVoteMethodsOf(constitution: Constitution): MeetingProposals['disputeVoteMethods'] {
  return (constitution.disputes?.categories ?? []).flatMap((category) =>
    category.ladder.flatMap((step) => {
      if (step.step !== 'vote') return [];
      const method = constitution.decisionMethods.find((entry) => entry.id === step.method);
      return method
        ? [{ id: method.id, title: method.title, clause: step.clause, category: category.title }]
        : [];
    }),
  );
}

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
  const decision = await decisionFactsOf(options.db, proposal.meeting.id);
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
