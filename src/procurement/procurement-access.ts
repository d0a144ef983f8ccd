/**
 * Who may act on procurement, where the policy's facts are not enough: the consortium or tender a
 * path names, and whether the actor runs the business of the body at whose meetings the
 * consortium votes (its secretariat, or an administrator). Shared by the use cases and read models.
 */
import type { Reader } from '../db/connection.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import {
  type ConsortiumRecord,
  selectConsortium,
  selectTender,
  type TenderRecord,
} from './procurement-queries.ts';
import { implementationClause } from './procurement-rules.ts';

export function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

export function signedInOnly(actor: Actor): void {
  if (actor.kind !== 'account') {
    throw new ProblemError({
      status: 401,
      code: 'unauthenticated',
      title: 'Sign in to continue',
      detail: 'Procurement consortia and tenders are shown to signed-in accounts only.',
    });
  }
}

export async function loadConsortium(reader: Reader, id: string): Promise<ConsortiumRecord> {
  const consortium = await selectConsortium(reader, id);
  if (!consortium) throw notFound('procurement consortium', id);
  return consortium;
}

export async function loadTender(
  reader: Reader,
  id: string,
): Promise<{ tender: TenderRecord; consortium: ConsortiumRecord }> {
  const tender = await selectTender(reader, id);
  if (!tender) throw notFound('tender', id);
  return { tender, consortium: await loadConsortium(reader, tender.consortiumId) };
}

/** Whether the actor runs the consortium's procurement: the secretariat of its body, or an administrator. */
export function runsConsortium(actor: Actor, consortium: { bodySlug: string }): boolean {
  return mayRunBody(actor, consortium.bodySlug);
}

export function assertRunsConsortium(
  actor: Actor,
  consortium: { name: string; bodySlug: string; bodyTitle: string },
): void {
  if (!runsConsortium(actor, consortium)) {
    throw forbidden(
      `Only an administrator or the secretariat of ${consortium.bodyTitle} may run the procurement of ${consortium.name} (${implementationClause.clause}).`,
    );
  }
}

/** Who the record names as having acted: the account's name, never its id. */
export function nameOf(actor: Actor, fallback: string): string {
  return actor.kind === 'account' ? actor.displayName : fallback;
}
