import { eq } from 'drizzle-orm';
import type { Database } from '../db/connection.ts';
import { bodies, meetings } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';
import { ProblemError } from '../shared/problems.ts';

// The registry is maintained by every body's secretariat, so its trails are open to them.
const registryEntityTypes = new Set(['organisation', 'person', 'post', 'sector']);

/** The body an audited entity belongs to (by slug), for the entity types that have one. */
async function owningBodySlug(
  db: Database,
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

/**
 * Audit trails can carry what a page hides (a Part II item's title, an account's sign-ins), so
 * past the route's permission each trail is checked against its entity: administrators read
 * every trail; a secretariat reads the registry's and its own body's and meetings'; anyone reads
 * their own account's. Anything else is answered as not found, revealing nothing.
 */
export async function refuseUnlessMayReadTrail(options: {
  db: Database;
  actor: Actor;
  entityType: string;
  entityId: string;
}): Promise<void> {
  const { actor, entityType, entityId } = options;
  if (actor.kind !== 'account') throw trailNotFound();
  if (actor.isAdministrator) return;
  if (entityType === 'account' && entityId === actor.accountId) return;
  const secretariatOf = new Set(
    actor.bodyRoles.filter((fact) => fact.role === 'secretariat').map((fact) => fact.bodyId),
  );
  if (secretariatOf.size > 0 && registryEntityTypes.has(entityType)) return;
  const bodySlug = await owningBodySlug(options.db, entityType, entityId);
  if (bodySlug && secretariatOf.has(bodySlug)) return;
  throw trailNotFound();
}

function trailNotFound() {
  return new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'Not found',
    detail: 'There is no audit trail here that you may read.',
  });
}
