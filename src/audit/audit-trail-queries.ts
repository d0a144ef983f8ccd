import { and, desc, eq } from 'drizzle-orm';
import type { Database, Reader } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { bodies } from '../db/schema/bodies.ts';
import { meetings } from '../db/schema/meetings.ts';

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

/** The body an audited entity belongs to (by slug), for the entity types that have one. */
export async function selectOwningBodySlug(
  db: Reader,
  entityType: string,
  entityId: string,
): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(entityId)) return undefined;
  if (entityType === 'body') {
    const [row] = await db
      .select({ slug: bodies.slug })
      .from(bodies)
      .where(eq(bodies.id, entityId));
    return row?.slug;
  }
  if (entityType === 'meeting') {
    const [row] = await db
      .select({ slug: bodies.slug })
      .from(meetings)
      .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
      .where(eq(meetings.id, entityId));
    return row?.slug;
  }
  return undefined;
}
