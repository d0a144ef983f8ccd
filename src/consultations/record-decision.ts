/**
 * Use case (issue 25 part 5): once the Joint Committee's `decide-following-consultation` question
 * is closed, record what it said (as the approval is, decision 040). Carried or consensus: decided —
 * and, as the constitution's decision kind says (2008 "Accountabilities"), the decision binds the
 * PCT Boards that delegated to the Joint Committee, shown on the question's ratification page.
 * Anything else: back to approved, the question kept, so the decision can be put again.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { readApproval, stageText } from './consultation-rules.ts';
import { loadConsultationForChange } from './preparation-access.ts';
import { selectApprovalQuestion, updateConsultation } from './preparation-queries.ts';

export async function recordDecision(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
}): Promise<{ stage: 'decided' | 'approved'; outcome: string; proposalId: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'record the decision after its consultations');
    if (consultation.stage !== 'decision-put' || !consultation.decisionProposalId) {
      throw conflict(
        'stage',
        `The consultation is not waiting on the ${consultation.bodyTitle}’s decision: it is ${stageText(consultation.stage)}.`,
      );
    }
    // The approval's reading of a closed question serves the decision too (carried or consensus).
    const question = await selectApprovalQuestion(transaction, consultation.decisionProposalId);
    if (!question) throw conflict('stage', 'The decision question is missing.');
    const reading = readApproval(question);
    if (reading.kind === 'undecided') {
      throw conflict(
        'decisionProposalId',
        reading.message.replace('record the approval', 'record the decision'),
      );
    }
    const decided = reading.kind === 'approved';
    const stage = decided ? ('decided' as const) : ('approved' as const);
    const outcome = question.outcome ?? '';
    await updateConsultation(transaction, consultation.id, { stage, updatedAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: decided ? 'consultation.decided' : 'consultation.not-decided',
        entityType: 'consultation',
        entityId: consultation.id,
        before: { stage: consultation.stage, decisionProposalId: consultation.decisionProposalId },
        after: { stage, proposalId: question.id, outcome },
      },
    ]);
    return {
      stage,
      outcome: outcomeText(outcome as Parameters<typeof outcomeText>[0]),
      proposalId: question.id,
    };
  });
}
