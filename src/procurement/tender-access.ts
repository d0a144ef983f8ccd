/**
 * The decisions taken before a request's body is read: whether the actor runs the procurement of
 * the consortium (or the tender's consortium) that the path names.
 */
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { assertRunsConsortium, loadConsortium, loadTender } from './procurement-access.ts';

export async function refuseUnlessRunsConsortium(options: {
  db: Database;
  actor: Actor;
  consortiumId: string;
}): Promise<void> {
  assertRunsConsortium(options.actor, await loadConsortium(options.db, options.consortiumId));
}

export async function refuseUnlessRunsTender(options: {
  db: Database;
  actor: Actor;
  tenderId: string;
}): Promise<void> {
  const { consortium } = await loadTender(options.db, options.tenderId);
  assertRunsConsortium(options.actor, consortium);
}
