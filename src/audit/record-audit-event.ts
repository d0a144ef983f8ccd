import { uuidv7 } from 'uuidv7';
import type { Transaction } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import type { ActionContext } from '../shared/context.ts';

export interface AuditEventInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export type AuditEventRow = typeof auditEvents.$inferInsert & { id: string; occurredAt: Date };

/** The row an event is recorded as: for writers that insert it in a statement of their own. */
export function auditEventRow(context: ActionContext, event: AuditEventInput): AuditEventRow {
  return {
    id: uuidv7(),
    occurredAt: context.now,
    actor: context.actor,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: context.requestId ?? null,
  };
}

/** Records a state change inside the caller's transaction, so the change and its record commit together. */
export async function recordAuditEvents(
  transaction: Transaction,
  context: ActionContext,
  events: AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await transaction
    .insert(auditEvents)
    .values(events.map((event) => auditEventRow(context, event)));
}
