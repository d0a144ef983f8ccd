/**
 * Who may act on lead commissioning, where the policy's facts are not enough: the local group a
 * path names (a body whose terms name one sector), the PCTs at which the actor holds a post today,
 * and the arrangement a path names. Shared by the use cases and the read models.
 */
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import {
  type ArrangementRecord,
  selectArrangement,
  selectPostOrganisationIds,
} from './arrangement-queries.ts';
import { negotiationsClause } from './arrangement-rules.ts';

export function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

export function signedInOnly(actor: Actor): asserts actor is Extract<Actor, { kind: 'account' }> {
  if (actor.kind !== 'account') {
    throw new ProblemError({
      status: 401,
      code: 'unauthenticated',
      title: 'Sign in to continue',
      detail: 'Negotiations are shown to signed-in accounts only (decision 027).',
    });
  }
}

export interface LocalGroup {
  id: string;
  slug: string;
  title: string;
  sectorId: string;
  sectorName: string;
}

/**
 * The local commissioning group a path names: a body whose terms in force name exactly one sector
 * (2006 §106: each local group manages the lead commissioning "across its geographical area").
 */
export async function loadLocalGroup(reader: Reader, slug: string, now: Date): Promise<LocalGroup> {
  const body = await loadBody(reader, slug);
  const terms = await termsInForce(reader, body.id, londonDate(now));
  const sectors = terms?.sectors ?? [];
  const [sector] = sectors;
  if (sectors.length !== 1 || !sector) {
    throw new ProblemError({
      status: 404,
      code: 'not-a-local-group',
      title: 'Not a local commissioning group',
      detail: `${body.title} is not a local commissioning group: negotiations are recorded in the area of one sector's local group (${negotiationsClause.clause} "${negotiationsClause.text}").`,
    });
  }
  return {
    id: body.id,
    slug: body.slug,
    title: body.title,
    sectorId: sector.id,
    sectorName: sector.name,
  };
}

export async function loadArrangement(reader: Reader, id: string): Promise<ArrangementRecord> {
  const arrangement = await selectArrangement(reader, id);
  if (!arrangement) throw notFound('lead commissioning arrangement', id);
  return arrangement;
}

/** The organisations at which the actor's person holds a post today. */
export async function postsOf(reader: Reader, actor: Actor, now: Date): Promise<Set<string>> {
  if (actor.kind !== 'account' || actor.personId === null) return new Set();
  return new Set(await selectPostOrganisationIds(reader, actor.personId, londonDate(now)));
}

/** Whether the actor runs the local group's business: its secretariat, or an administrator. */
export function runsTheArea(actor: Actor, bodySlug: string): boolean {
  return mayRunBody(actor, bodySlug);
}

/** A write token or a session: a read-only API token never changes anything. */
export function mayWrite(actor: Actor): boolean {
  return (
    actor.kind === 'account' && (actor.tokenScope === undefined || actor.tokenScope === 'write')
  );
}

/** Who the record names as having acted: the account's name, never its id. */
export function nameOf(actor: Actor, fallback: string): string {
  return actor.kind === 'account' ? actor.displayName : fallback;
}
