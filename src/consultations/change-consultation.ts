/**
 * Use case: change a consultation's title, summary, period and Gunning statements while it is
 * being prepared. Refused once the approval has been put; a recorded scrutiny by NHS London is
 * cleared (2008 "Accountabilities": it scrutinises the documents as they stand).
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { type ConsultationDetails, checkDetails } from './create-consultation.ts';
import {
  loadConsultationForChange,
  refuseUnlessPreparing,
  scrutinyCleared,
} from './preparation-access.ts';
import { updateConsultation } from './preparation-queries.ts';

export async function changeConsultation(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  details: ConsultationDetails;
}): Promise<{ slug: string; scrutinyCleared: boolean }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'prepare its consultations');
    refuseUnlessPreparing(consultation, 'consultation’s details');
    const details = checkDetails(options.details);
    const cleared = scrutinyCleared(consultation);
    await updateConsultation(transaction, consultation.id, {
      ...details,
      ...cleared,
      updatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.changed',
        entityType: 'consultation',
        entityId: consultation.id,
        before: {
          title: consultation.title,
          summary: consultation.summary,
          opensAt: consultation.opensAt,
          closesAt: consultation.closesAt,
          shortPeriodReason: consultation.shortPeriodReason,
          formativeStatement: consultation.formativeStatement,
          reasonsStatement: consultation.reasonsStatement,
        },
        after: { ...details, ...cleared },
      },
    ]);
    return { slug: consultation.slug, scrutinyCleared: 'scrutinyRecordedAt' in cleared };
  });
}
