import type { Database } from '../db/connection.ts';
import type { Actor } from '../shared/actor.ts';
import { ProblemError } from '../shared/problems.ts';
import { selectOwningBodySlug } from './audit-trail-queries.ts';

// The registry is maintained by every body's secretariat, so its trails are open to them.
const registryEntityTypes = new Set(['organisation', 'person', 'post', 'sector']);

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
  const bodySlug = await selectOwningBodySlug(options.db, entityType, entityId);
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
