import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/connection.ts';
import { auditEvents } from '../db/schema.ts';

export interface AuditTrailEntry {
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** Its place in the sealed chain; null until the sealer has reached it. */
  sequence: number | null;
}

export const defaultAuditTrailLimit = 100;

/** What happened to one entity, newest first (served by the entity index). */
export async function listAuditTrail(options: {
  db: Database;
  entityType: string;
  entityId: string;
  limit?: number;
}): Promise<AuditTrailEntry[]> {
  return options.db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actor: auditEvents.actor,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      requestId: auditEvents.requestId,
      sequence: auditEvents.sequence,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, options.entityType),
        eq(auditEvents.entityId, options.entityId),
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(options.limit ?? defaultAuditTrailLimit);
}
