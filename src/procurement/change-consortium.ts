/**
 * Use case: a change to a consortium's inception record — always refused once the record is made
 * (2006 §111 "Any new procurement consortium will agree its financial and decision making
 * arrangements at inception"; decision 032): the members voted under the rule as fixed, so a
 * change would alter past and pending votes. A new consortium is recorded instead.
 */
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { assertRunsConsortium, loadConsortium } from './procurement-access.ts';
import { inceptionIsFixed } from './procurement-rules.ts';

export async function changeConsortium(options: {
  db: Database;
  actor: Actor;
  consortiumId: string;
}): Promise<never> {
  const consortium = await loadConsortium(options.db, options.consortiumId);
  assertRunsConsortium(options.actor, consortium);
  throw new ProblemError({
    status: 409,
    code: 'inception-record-fixed',
    title: 'The inception record is fixed',
    detail: inceptionIsFixed(consortium.name),
  });
}
