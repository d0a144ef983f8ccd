/**
 * Use case: the consortium's secretariat records how a declared conflict of interest was managed —
 * left the room; took no part in the decision; declared, no material conflict (with the reason);
 * referred to an unconflicted panel (Managing Conflicts of Interest in the NHS). Once recorded it
 * stands: the register keeps what was done at the time.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound } from '../shared/problems.ts';
import { assertRunsConsortium, loadTender, nameOf } from './procurement-access.ts';
import { lockTender } from './procurement-queries.ts';
import { type ConflictManagement, managementWords } from './procurement-rules.ts';
import { selectConflict, updateConflictManagement } from './register-queries.ts';

/** Why a management cannot be recorded as given, or null. */
export function managementProblem(
  management: ConflictManagement,
  reason: string | undefined,
): string | null {
  if (management === 'no-material-conflict' && !reason?.trim()) {
    return `“${managementWords[management]}” needs the reason the conflict is not material.`;
  }
  return null;
}

export async function recordConflictManagement(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  conflictId: string;
  management: ConflictManagement;
  reason?: string | undefined;
}): Promise<{ tenderId: string }> {
  const { db, context, actor } = options;
  const declared = await selectConflict(db, options.conflictId);
  if (!declared) throw notFound('declared conflict', options.conflictId);
  const { tender, consortium } = await loadTender(db, declared.tenderId);
  assertRunsConsortium(actor, consortium);
  const problem = managementProblem(options.management, options.reason);
  if (problem) throw invalidInput([{ field: 'reason', message: problem }]);
  const reason = options.reason?.trim() ? options.reason.trim() : null;
  await db.transaction(async (transaction) => {
    await lockTender(transaction, tender.id);
    const current = await selectConflict(transaction, declared.id);
    if (current?.management) {
      throw conflict(
        'management',
        `How ${current.personName}'s conflict was managed is already recorded (${managementWords[current.management].toLowerCase()}): the register keeps what was done at the time.`,
      );
    }
    const recordedBy = nameOf(actor, context.actor);
    await updateConflictManagement(
      transaction,
      declared.id,
      options.management,
      reason,
      recordedBy,
    );
    await recordAuditEvents(transaction, context, [
      {
        action: 'procurement-register.conflict-managed',
        entityType: 'tender',
        entityId: tender.id,
        before: { conflictId: declared.id, management: null },
        after: { conflictId: declared.id, management: options.management, reason },
      },
    ]);
  });
  return { tenderId: tender.id };
}
