/**
 * Who may manage the markets, shared by the use cases and the read models: an administrator, or
 * the secretariat of the London group or of a local group (a body whose terms in force name one
 * sector), never through a read-only token (2006 §104 for London, §106 for the local groups). And
 * the group a clinical network may report to: one at sector or London level (2006 §2.3).
 */
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';
import { marketClauses } from './market-rules.ts';

export const londonGroupSlug = 'london-commissioning-group';

export function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

/** Whether the body is a group at sector level (its terms name one sector) or the London group. */
export async function groupLevelOf(
  reader: Reader,
  bodyId: string,
  slug: string,
  now: Date,
): Promise<'london' | 'sector' | undefined> {
  if (slug === londonGroupSlug) return 'london';
  const terms = await termsInForce(reader, bodyId, londonDate(now));
  return terms?.sectors?.length === 1 ? 'sector' : undefined;
}

/** Whether the actor may manage the markets and networks: see the file's comment. */
export async function mayManageMarkets(reader: Reader, actor: Actor, now: Date): Promise<boolean> {
  if (actor.kind !== 'account') return false;
  if (actor.isAdministrator) return mayRunBody(actor, londonGroupSlug);
  for (const fact of actor.bodyRoles) {
    if (fact.role !== 'secretariat' || !mayRunBody(actor, fact.bodyId)) continue;
    try {
      const body = await loadBody(reader, fact.bodyId);
      if (await groupLevelOf(reader, body.id, body.slug, now)) return true;
    } catch {
      // A role on a body that no longer exists gives nothing.
    }
  }
  return false;
}

export async function refuseUnlessMayManage(
  reader: Reader,
  actor: Actor,
  now: Date,
  what: string,
): Promise<void> {
  if (!(await mayManageMarkets(reader, actor, now))) {
    throw forbidden(
      `Only an administrator, or the secretariat of the London Commissioning Group or of a local commissioning group, may ${what} (${marketClauses.londonMarket.clause}; ${marketClauses.localMarket.clause}).`,
    );
  }
}

/** The body a network reports to, refused unless it is a group at sector or London level. */
export async function reportingGroup(reader: Reader, slug: string, now: Date) {
  let body: Awaited<ReturnType<typeof loadBody>>;
  try {
    body = await loadBody(reader, slug);
  } catch {
    throw invalidInput([
      { field: 'reportsTo', message: 'Choose the group the network reports to.' },
    ]);
  }
  if (!(await groupLevelOf(reader, body.id, body.slug, now))) {
    const { clause, text } = marketClauses.networksReport;
    throw invalidInput([
      {
        field: 'reportsTo',
        message: `${body.title} is not a commissioning group at sector or London level: a clinical network reports to the London Commissioning Group or a local commissioning group (${clause}: “…${text.slice(text.indexOf('so that'))}”).`,
      },
    ]);
  }
  return body;
}

/** Who the record names as having acted: the account's name, never its id. */
export function nameOf(actor: Actor, fallback: string): string {
  return actor.kind === 'account' ? actor.displayName : fallback;
}
