/**
 * Read model: one question as a reader may see it (a Part II item's only to the body's people): its
 * kind and method with their clauses, the votes once closed under a named ballot, the result, the
 * casting vote due on a tie, the seats the reader may vote for, and whether the decision is in effect
 * (sponsoring boards' sign-off, 2006 §112). The question page and the API return it.
 */

import type { Database, Reader } from '../db/connection.ts';
import {
  ballotRoll,
  consensusRuleOf,
  consensusRuleWords,
  type DecisionMethod,
  presidingMember,
  type TallyResult,
  type VoteChoice,
} from '../governance/index.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import { notFound } from '../shared/problems.ts';
import {
  byParties,
  decisionFactsOf,
  forQuestion,
  type MeetingDecisionFacts,
  methodOf,
  seatsOfPerson,
  voterNames,
} from './decision-facts.ts';
import {
  type ProposalRecord,
  selectAmendmentsOf,
  selectPeopleNames,
  selectProxiesOfMeeting,
  selectVotes,
} from './decision-queries.ts';
import {
  asksForViews,
  type Ballot,
  choiceText,
  openSecretBallotRule,
  outcomeText,
  type ResultView,
  resultView,
} from './decision-rules.ts';
import { partiesPersonVotesFor } from './party-voters.ts';
import { loadProposal, mayRead } from './proposal-access.ts';
import { questionQuorum } from './question-quorum.ts';
import { runTally, tallyFactsFor } from './question-tally.ts';
import { type RatificationView, ratificationOf } from './ratification-service.ts';
import { yourChoiceSentence } from './room-voting-view.ts';

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
  /** When it closes, if the secretariat set a time (members yet to vote are reminded before). */
  closesAt: string | null;
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
  mySeats: {
    voter: string;
    onBehalfOf: string | null;
    /** Under a recorded electorate: the consortium member the reader votes for. */
    forMember: string | null;
    hasVoted: boolean;
    /** The seat's recorded choice and the sentence that says it ("Your view: agree"), or null. */
    choice: string | null;
    yourChoice: string | null;
  }[];
  mayManage: boolean;
  /** Whether the decision is in effect: sponsoring boards' sign-off (2006 §112) or binding. */
  ratification: RatificationView;
  /** While draft or open: the item's quorum, and the warning or refusal it brings. */
  quorum: {
    quorate: boolean;
    finding: string;
    clause: string;
    text: string;
    /** A vote cannot be opened or closed while inquorate. */
    refusal: string | null;
    /** Views may be gathered while inquorate, but the question cannot decide. */
    warning: string | null;
  } | null;
  /** Under consensus (or advice agreed by consensus): what counts as consensus, in words. */
  consensusRule: {
    words: string;
    clause: string;
    text: string;
    assumption: string | null;
    declaredByChair: boolean;
  } | null;
  /** For the person presiding (or the secretariat) while open under a declared-by-chair rule. */
  senseOfMeeting: {
    presiding: string | null;
    members: { seatHoldingId: string; name: string; view: string | null }[];
  } | null;
}

function consensusMethodOf(
  constitution: MeetingDecisionFacts['constitution'],
  method: DecisionMethod,
) {
  if (method.kind === 'consensus') return method;
  if (method.kind !== 'reserved' || !method.adviceBy) return undefined;
  const advice = constitution.decisionMethods.find((entry) => entry.id === method.adviceBy);
  return advice?.kind === 'consensus' ? advice : undefined;
}

async function viewOf(
  reader: Reader,
  actor: Actor,
  proposal: ProposalRecord,
  meetingDecision: MeetingDecisionFacts,
): Promise<ProposalView> {
  // Under a recorded electorate, the question's own terms (question-electorate.ts).
  const decision = forQuestion(meetingDecision, proposal);
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
  const choiceOf = new Map(votes.map((vote) => [vote.voterId, vote.choice]));
  const isConsensus = method.kind === 'consensus' || method.kind === 'reserved';
  const recorded = (voterId: string, onBehalfOf: string | null) => {
    const choice = choiceOf.get(voterId) ?? null;
    if (choice === null) return { choice, yourChoice: null };
    const sentence = yourChoiceSentence(isConsensus, choice);
    // For a proxy's seat the sentence is about the seat, not the reader.
    return {
      choice,
      yourChoice: onBehalfOf
        ? sentence.replace(/^Your view/, 'Their view').replace(/^You /, 'Recorded: ')
        : sentence,
    };
  };
  const mySeats: ProposalView['mySeats'] = [];
  if (actor.kind === 'account' && actor.personId && decision.electorate) {
    for (const party of await partiesPersonVotesFor(reader, decision, actor.personId)) {
      mySeats.push({
        voter: `${party.name}, as ${party.as}`,
        onBehalfOf: null,
        forMember: party.voterId,
        hasVoted: voted.has(party.voterId),
        ...recorded(party.voterId, null),
      });
    }
  } else if (actor.kind === 'account' && actor.personId) {
    for (const member of seatsOfPerson(decision, actor.personId)) {
      const voterId = byParties(method)
        ? (member.holding.organisationId ?? member.holding.id)
        : member.holding.id;
      mySeats.push({
        voter: names.get(voterId) ?? member.holding.personName,
        onBehalfOf: null,
        forMember: null,
        hasVoted: voted.has(voterId),
        ...recorded(voterId, null),
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
        forMember: null,
        hasVoted: voted.has(voterId),
        ...recorded(voterId, grantor.holding.id),
      });
    }
  }
  const running = proposal.status === 'draft' || proposal.status === 'open';
  const safeguard = running
    ? questionQuorum(decision, proposal, proposal.status === 'draft' ? 'open' : 'close')
    : undefined;
  const consensusMethod = consensusMethodOf(constitution, method);
  const rule = consensusMethod ? consensusRuleOf(consensusMethod) : undefined;
  let senseOfMeeting: ProposalView['senseOfMeeting'] = null;
  if (rule?.rule === 'declaredByChair' && proposal.status === 'open') {
    const presiding = presidingMember(constitution, decision.facts);
    const presider = presiding.ok ? presiding.value.presiding : undefined;
    const presiderPerson = decision.members.find((member) => member.holding.id === presider?.id)
      ?.holding.personId;
    const isPresider =
      actor.kind === 'account' && actor.personId !== null && actor.personId === presiderPerson;
    const roll = ballotRoll(
      constitution,
      proposal.decisionKind ? { kind: proposal.decisionKind } : { method: proposal.methodId },
      tallyFactsFor(decision, method, proposal.agendaItemId, []),
    );
    if ((isPresider || manage) && roll.ok) {
      const choices = new Map(votes.map((vote) => [vote.voterId, vote.choice]));
      senseOfMeeting = {
        presiding: presider?.name ?? null,
        members: decision.members
          .filter((member) => roll.value.judge(member.holding.id).counted)
          .map((member) => {
            const choice = choices.get(member.holding.id);
            return {
              seatHoldingId: member.holding.id,
              name: member.holding.personName,
              view: choice && !secrecy.secretAndOpen ? choiceText(method.kind, choice) : null,
            };
          }),
      };
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
    closesAt: proposal.closesAt?.toISOString() ?? null,
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
    quorum: safeguard
      ? {
          quorate: safeguard.quorate,
          finding: safeguard.finding,
          clause: safeguard.clause,
          text: safeguard.text,
          refusal: safeguard.refusal ?? null,
          warning: safeguard.warning ?? null,
        }
      : null,
    consensusRule: rule
      ? {
          words: consensusRuleWords[rule.rule],
          clause: rule.clause,
          text: rule.text,
          assumption: rule.assumption?.reason ?? null,
          declaredByChair: rule.rule === 'declaredByChair',
        }
      : null,
    senseOfMeeting,
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
