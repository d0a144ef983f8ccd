/**
 * Who may record specialised services consortia, shared by the use cases: an administrator or the
 * London group's secretariat, never through a read-only token (2006 §104: the London group takes
 * "the lead for specialised commissioning activities on a London wide basis").
 */
import type { Reader } from '../db/connection.ts';
import { type Actor, londonGroupSlug, mayRunBody } from '../identity/index.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import { selectBodyBySlug, selectConsortium } from './consortium-queries.ts';
import { clauses } from './consortium-rules.ts';

export function refuseUnlessManages(actor: Actor, what: string) {
  if (!mayRunBody(actor, londonGroupSlug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of the London Commissioning Group, which leads specialised commissioning, may ${what} (${clauses.lead.clause}).`,
    });
  }
}

export async function loadLondonGroup(reader: Reader) {
  const body = await selectBodyBySlug(reader, londonGroupSlug);
  if (!body) {
    throw new ProblemError({
      status: 404,
      code: 'no-london-group',
      title: 'No London Commissioning Group',
      detail: 'The London Commissioning Group is not set up yet: it leads the consortia.',
    });
  }
  return body;
}

export async function loadConsortium(reader: Reader, id: string, lock?: 'update') {
  const row = await selectConsortium(reader, id, lock);
  if (!row) throw notFound('specialised services consortium', id);
  return row;
}

export function nameOf(actor: Actor, fallback: string): string {
  return actor.kind === 'account' ? actor.displayName : fallback;
}
