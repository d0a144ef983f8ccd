/**
 * Read model: a meeting's questions (those on Part II items only for the body's people), its proxies,
 * and what the secretariat needs to put a question: the kinds of decision with their methods, the
 * dispute ladder's vote methods (2006 §111), the members and the agenda. The meeting's decisions page
 * and the API return it.
 */

import type { Database } from '../db/connection.ts';
import type { Constitution, TallyResult } from '../governance/index.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import { mayReadConfidentialItems, selectAgendaItems } from '../meetings/index.ts';
import { decisionFactsOf, seatsOfPerson } from './decision-facts.ts';
import { selectProposalsOfMeeting, selectProxiesOfMeeting } from './decision-queries.ts';
import { outcomeText } from './decision-rules.ts';

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
      // A withdrawn item stays in the record but takes no more business.
      .filter((item) => item.withdrawnAt === null)
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
