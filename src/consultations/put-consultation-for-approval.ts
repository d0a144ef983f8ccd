/**
 * Use case: put the consultation to its body (the Joint Committee of PCTs) for approval (2008
 * "Accountabilities": "London PCT Boards will discharge their formal responsibilities in respect of
 * approving consultation ... by means of a Joint Committee"). Refused unless every legal check but
 * Gunning 4 is met, NHS London's scrutiny among them. Like the London intentions: on one of the
 * body's meetings still to come whose notice has not gone out, an agenda item (meetings face) and
 * a question of kind `approve-consultation` on it (decisions face); the stage moves to
 * approval-put and the papers are frozen. One transaction, or nothing.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
import { createProposal } from '../decisions/index.ts';
import type { Actor } from '../identity/index.ts';
import { addAgendaItem, selectMeetingChoice } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { approvalRefusals, refusalText, stageText } from './consultation-rules.ts';
import { loadConsultationForChange, preparationFactsOf } from './preparation-access.ts';
import { updateConsultation } from './preparation-queries.ts';

export const approvalDecisionKind = 'approve-consultation';

export async function putConsultationForApproval(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  meetingId: string;
}): Promise<{ proposalId: string; agendaItemId: string; meetingId: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'put its consultations for approval');
    if (consultation.stage !== 'preparing') {
      throw conflict(
        'stage',
        `Only a consultation being prepared is put for approval: it is ${stageText(consultation.stage)}.`,
      );
    }
    const refusals = approvalRefusals(await preparationFactsOf(transaction, consultation));
    if (refusals.length > 0) {
      throw conflict('checks', refusals.map(refusalText).join(' '));
    }
    const { meetingId, agendaItemId, proposalId } = await putQuestionOnMeeting({
      transaction,
      context,
      actor,
      consultation,
      meetingId: options.meetingId,
      what: 'the approval',
      question: {
        title: `Approve the consultation “${consultation.title}”`,
        text: `The ${consultation.bodyTitle} approves the consultation “${consultation.title}” on its documents and questions as scrutinised by NHS London, to run as planned.`,
        decisionKind: approvalDecisionKind,
      },
    });
    await updateConsultation(transaction, consultation.id, {
      stage: 'approval-put',
      approvalProposalId: proposalId,
      updatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.approval-put',
        entityType: 'consultation',
        entityId: consultation.id,
        before: { stage: consultation.stage, approvalProposalId: consultation.approvalProposalId },
        after: {
          stage: 'approval-put',
          approvalProposalId: proposalId,
          meetingId,
          agendaItemId,
        },
      },
    ]);
    return { proposalId, agendaItemId, meetingId };
  });
}

/**
 * Puts one of the consultation's questions to its body (approval before, decision after): on a
 * meeting of that body still to come whose notice has not gone out, an agenda item (meetings face)
 * and a question of the given kind, named ballot (decisions face). Inside the caller's transaction.
 */
export async function putQuestionOnMeeting(options: {
  transaction: Transaction;
  context: ActionContext;
  actor: Actor;
  consultation: { title: string; bodyId: string; bodyTitle: string };
  meetingId: string;
  /** "the approval", "the decision": what the refusals say to put. */
  what: string;
  question: { title: string; text: string; decisionKind: string };
}): Promise<{ meetingId: string; agendaItemId: string; proposalId: string }> {
  const { transaction, context, actor, consultation, what } = options;
  const meeting = await selectMeetingChoice(transaction, options.meetingId);
  if (!meeting) {
    throw invalidInput([
      { field: 'meetingId', message: `Choose a meeting of the ${consultation.bodyTitle}.` },
    ]);
  }
  if (meeting.bodyId !== consultation.bodyId) {
    throw conflict(
      'meetingId',
      `“${meeting.title}” is a meeting of ${meeting.bodyTitle}: ${what} is for the ${consultation.bodyTitle} (2008 "Accountabilities").`,
    );
  }
  if (meeting.status !== 'scheduled' || meeting.startsAt <= context.now) {
    throw conflict(
      'meetingId',
      `“${meeting.title}” is not a meeting still to come: put ${what} to a scheduled meeting of the ${consultation.bodyTitle}.`,
    );
  }
  if (meeting.noticesSent > 0) {
    throw conflict(
      'meetingId',
      `Notice of “${meeting.title}” has already been sent, stating its business: put ${what} to a meeting whose notice has not yet gone out.`,
    );
  }
  const { agendaItemId } = await addAgendaItem({
    db: transaction,
    context,
    actor,
    meetingId: meeting.id,
    title: `Consultation: ${consultation.title}`,
    purpose: 'decision',
    isConfidential: false,
  });
  const { proposalId } = await createProposal({
    db: transaction,
    context,
    actor,
    meetingId: meeting.id,
    agendaItemId,
    title: options.question.title,
    text: options.question.text,
    decisionKind: options.question.decisionKind,
    ballot: 'named',
  });
  return { meetingId: meeting.id, agendaItemId, proposalId };
}
