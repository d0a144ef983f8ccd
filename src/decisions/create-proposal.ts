/**
 * Use case: put a question (or an amendment to one) on a meeting's agenda item, as a draft, under
 * the method the terms in force give for its kind of decision. The secretariat's to do; audited as
 * `proposal.created`.
 */

import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import { assertMayManage, selectAgendaItems } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { decisionFactsOf } from './decision-facts.ts';
import { insertProposal, selectProposal } from './decision-queries.ts';
import { type Ballot, methodFor } from './decision-rules.ts';
import {
  electorateRefusal,
  type RecordedElectorate,
  recordedElectorateSchema,
} from './question-electorate.ts';

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
  /** When the question closes, if set: members yet to vote are reminded before it. */
  closesAt?: string | undefined;
  /**
   * A procurement consortium's electorate as fixed at inception (2006 §111): its members, their
   * shares, the base and weighting of its 75% rule. Only with a parties' 75% method.
   */
  electorate?: RecordedElectorate | undefined;
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
  if (item.withdrawnAt) {
    throw invalidInput([
      {
        field: 'agendaItemId',
        message: `Item ${item.position}, “${item.title}”, was withdrawn from the agenda: no question can be put on it.`,
      },
    ]);
  }
  const resolved = methodFor(constitution, options);
  if (!resolved.ok) throw invalidInput([{ field: resolved.field, message: resolved.message }]);
  const { method, kind } = resolved.value;
  const electorate = options.electorate ? recordedElectorateOf(options.electorate) : undefined;
  const refusal = electorate && electorateRefusal(method, electorate);
  if (refusal) throw invalidInput([{ field: 'electorate', message: refusal }]);
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
  const closesAt = options.closesAt ? new Date(options.closesAt) : null;
  if (closesAt && closesAt <= context.now) {
    throw invalidInput([{ field: 'closesAt', message: 'The closing time must be in the future.' }]);
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
      electorate: electorate ?? null,
      status: 'draft',
      ...(closesAt && { closesAt }),
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

function recordedElectorateOf(input: RecordedElectorate): RecordedElectorate {
  const parsed = recordedElectorateSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidInput(
    parsed.error.issues.map((issue) => ({
      field: ['electorate', ...issue.path].join('.'),
      message: issue.message,
    })),
  );
}
