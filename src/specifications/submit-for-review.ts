/**
 * Submitting a draft version for quality-assurance review (2006 §3.1(b) "quality assurance"): the
 * draft moves to in review; only a draft may be submitted.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { loadSpecificationToChange, ruleBroken, versionNumbered } from './specification-access.ts';
import { lockSpecification, updateVersionStatus } from './specification-queries.ts';
import { submissionRefusal } from './specification-rules.ts';

export async function submitForReview(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  specificationId: string;
  version: number;
}): Promise<{ specificationId: string; version: number; status: 'in-review' }> {
  const { db, context, actor, specificationId, version } = options;
  await loadSpecificationToChange(
    db,
    actor,
    specificationId,
    'submit a specification for quality-assurance review',
  );
  return db.transaction(async (transaction) => {
    await lockSpecification(transaction, specificationId);
    const { found } = await versionNumbered(transaction, specificationId, version);
    const refusal = submissionRefusal(found);
    if (refusal) throw ruleBroken([refusal]);
    await updateVersionStatus(transaction, found.id, { status: 'in-review' });
    await recordAuditEvents(transaction, context, [
      {
        action: 'specification.submitted-for-review',
        entityType: 'specification',
        entityId: specificationId,
        before: { version, versionId: found.id, status: found.status },
        after: { version, versionId: found.id, status: 'in-review' },
      },
    ]);
    return { specificationId, version, status: 'in-review' as const };
  });
}
