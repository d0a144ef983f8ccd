/**
 * Use case: once the Joint Committee's question on the consultation is closed, record what it
 * said (as the London intentions' agreement is recorded). Carried or consensus: approved, and
 * the consultation is open between its opening and closing times. Anything else: back to being
 * prepared, the question kept so its outcome shows until the approval is put again.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { periodLeftAtApprovalRefusal, readApproval, stageText } from './consultation-rules.ts';
import { loadConsultationForChange } from './preparation-access.ts';
import { selectApprovalQuestion, updateConsultation } from './preparation-queries.ts';

export async function recordApproval(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
}): Promise<{ stage: 'approved' | 'preparing'; outcome: string; periodShortfall?: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'record its approval');
    if (consultation.stage !== 'approval-put' || !consultation.approvalProposalId) {
      throw conflict(
        'stage',
        `The consultation is not waiting on the ${consultation.bodyTitle}’s approval: it is ${stageText(consultation.stage)}.`,
      );
    }
    const question = await selectApprovalQuestion(transaction, consultation.approvalProposalId);
    if (!question) throw conflict('stage', 'The approval question is missing.');
    const reading = readApproval(question);
    if (reading.kind === 'undecided') throw conflict('approvalProposalId', reading.message);
    const periodShortfall =
      reading.kind === 'approved'
        ? periodLeftAtApprovalRefusal(consultation, context.now)
        : undefined;
    const approved = reading.kind === 'approved' && periodShortfall === undefined;
    const stage = approved ? ('approved' as const) : ('preparing' as const);
    const outcome = question.outcome ?? '';
    await updateConsultation(transaction, consultation.id, {
      stage,
      updatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: approved
          ? 'consultation.approved'
          : periodShortfall
            ? 'consultation.approval-too-late'
            : 'consultation.not-approved',
        entityType: 'consultation',
        entityId: consultation.id,
        before: { stage: consultation.stage, approvalProposalId: consultation.approvalProposalId },
        after: {
          stage,
          proposalId: question.id,
          outcome,
          ...(periodShortfall ? { periodShortfall } : {}),
        },
      },
    ]);
    return {
      stage,
      outcome: outcomeText(outcome as Parameters<typeof outcomeText>[0]),
      ...(periodShortfall ? { periodShortfall } : {}),
    };
  });
}
