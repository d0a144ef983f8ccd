/**
 * The trail behind one decision in the register: the meeting, the question, the votes or views
 * counted and the audit events that recorded them, as far as this reader may see.
 */
import { eventInWords, namesForEvents, refuseUnlessMayReadTrail } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { getProposal } from '../decisions/index.ts';
import type { Actor } from '../identity/index.ts';
import { mayReadConfidentialItems } from '../meetings/index.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import { selectProposalAuditEvents, selectRegisterEntry } from './register-queries.ts';

export interface DecisionTrail {
  decision: {
    id: string;
    meeting: {
      id: string;
      title: string;
      meetingOn: string;
      body: { slug: string; title: string };
    };
    agendaItem: { id: string; position: number; title: string; isConfidential: boolean };
    amendsProposalId: string | null;
    amendments: { id: string; title: string; status: string }[];
    title: string;
    text: string;
    decisionKind: { id: string; title: string; clause: string; text: string } | null;
    method: { id: string; kind: string; title: string; clause: string; text: string };
    reserved: { clause: string; text: string; decidedBy: string[] } | null;
    asksForViews: boolean;
    ballot: 'named' | 'secret';
    status: string;
    openedAt: string | null;
    closedAt: string | null;
    votesRecorded: number;
    votes: Awaited<ReturnType<typeof getProposal>>['votes'];
    result: Awaited<ReturnType<typeof getProposal>>['result'];
    outcome: string | null;
    outcomeText: string | null;
    castingVote: string | null;
  };
  lifecycle: { event: string; text: string; at: string }[];
  /** The question's audit events, for those who may read the meeting's audit trail; else null. */
  auditEvents:
    | {
        occurredAt: string;
        actor: string;
        action: string;
        /** Who made the change, by name, and what was done, in words. */
        who: string;
        what: string;
        changes: { field: string; before: string; after: string }[];
        sealed: boolean;
      }[]
    | null;
  links: {
    proposal: string;
    meeting: string;
    adviceNote: string | null;
    adviceNotePdf: string | null;
    resultsCsv: string | null;
  };
}

async function mayReadAuditTrail(db: Database, actor: Actor, meetingId: string) {
  try {
    await refuseUnlessMayReadTrail({ db, actor, entityType: 'meeting', entityId: meetingId });
    return true;
  } catch (error) {
    if (error instanceof ProblemError && error.problem.status === 404) return false;
    throw error;
  }
}

async function auditEventsInWords(db: Database, proposalId: string, meetingId: string) {
  const events = await selectProposalAuditEvents(db, { proposalId, meetingId });
  const names = await namesForEvents(db, events);
  return events.map((event) => ({
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actor,
    action: event.action,
    ...eventInWords(event, names),
    sealed: event.sequence !== null,
  }));
}

/**
 * One decision's whole trail: where it was taken, the kind and method with their clauses, the
 * engine's result with its explanation, the votes (named) or counts (secret), the dated steps of
 * its life and, for those who may read the meeting's audit trail, every audit event of it. A draft,
 * or a Part II item's decision the reader may not see, is not found.
 */
export async function getDecisionTrail(options: {
  db: Database;
  actor: Actor;
  proposalId: string;
}): Promise<DecisionTrail> {
  const { db, actor, proposalId } = options;
  const entry = await selectRegisterEntry(db, proposalId);
  if (
    !entry ||
    entry.status === 'draft' ||
    (entry.agendaItemIsConfidential && !mayReadConfidentialItems(actor, entry.bodySlug))
  ) {
    throw notFound('decision', proposalId);
  }
  const proposal = await getProposal({ db, actor, proposalId });
  const lifecycle: DecisionTrail['lifecycle'] = [
    {
      event: 'put',
      text: `Put to ${proposal.meeting.body.title} on item ${proposal.agendaItem.position}`,
      at: entry.createdAt.toISOString(),
    },
  ];
  if (proposal.openedAt) {
    lifecycle.push({
      event: 'opened',
      text: proposal.asksForViews ? 'Opened for views' : 'Opened for votes',
      at: proposal.openedAt,
    });
  }
  if (proposal.closedAt) {
    lifecycle.push(
      proposal.status === 'withdrawn'
        ? { event: 'withdrawn', text: 'Withdrawn before it was decided', at: proposal.closedAt }
        : {
            event: 'closed',
            text: `Closed: ${proposal.outcomeText ?? 'decided'}${proposal.castingVote ? `, on the casting vote (${proposal.castingVote})` : ''}`,
            at: proposal.closedAt,
          },
    );
  }
  const auditEvents = (await mayReadAuditTrail(db, actor, proposal.meeting.id))
    ? await auditEventsInWords(db, proposalId, proposal.meeting.id)
    : null;
  const advice = proposal.result?.advice ?? null;
  return {
    decision: {
      id: proposal.id,
      meeting: proposal.meeting,
      agendaItem: proposal.agendaItem,
      amendsProposalId: proposal.amendsProposalId,
      // A drafted amendment is not yet a decision; the question's own page lists it.
      amendments: proposal.amendments.filter((amendment) => amendment.status !== 'draft'),
      title: proposal.title,
      text: proposal.text,
      decisionKind: proposal.decisionKind,
      method: proposal.method,
      reserved: proposal.reserved,
      asksForViews: proposal.asksForViews,
      ballot: proposal.ballot,
      status: proposal.status,
      openedAt: proposal.openedAt,
      closedAt: proposal.closedAt,
      votesRecorded: proposal.votesRecorded,
      votes: proposal.votes,
      result: proposal.result,
      outcome: proposal.outcome,
      outcomeText: proposal.outcomeText,
      castingVote: proposal.castingVote,
    },
    lifecycle,
    auditEvents,
    links: {
      proposal: `/proposals/${proposal.id}`,
      meeting: `/meetings/${proposal.meeting.id}`,
      adviceNote: advice ? `/proposals/${proposal.id}/advice-note` : null,
      adviceNotePdf: advice ? `/proposals/${proposal.id}/advice-note.pdf` : null,
      resultsCsv: proposal.status === 'closed' ? `/proposals/${proposal.id}/results.csv` : null,
    },
  };
}
