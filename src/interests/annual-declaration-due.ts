/**
 * Whether the reader's own annual declaration of interests is due, for the signed-in home page:
 * they sit on a body today and have made no declaration (nor nil return) for this year
 * (Managing Conflicts of Interest in the NHS: decision-making staff declare annually).
 */
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { selectAnnualDeclarationStanding } from './interest-queries.ts';
import { annualDeclarationRule, guidance } from './interest-rules.ts';

export interface AnnualDeclarationDue {
  year: number;
  personId: string;
  /** The rule it is due under, in words, with its source. */
  rule: string;
}

export async function annualDeclarationDueFor(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<AnnualDeclarationDue | null> {
  const { actor } = options;
  if (actor.kind !== 'account' || actor.personId === null) return null;
  const today = londonDate(options.now);
  const year = Number(today.slice(0, 4));
  const standing = await selectAnnualDeclarationStanding(options.db, actor.personId, today, year);
  if (!standing.sitsOnABody || standing.declared) return null;
  return {
    year,
    personId: actor.personId,
    rule: `${guidance}: ${annualDeclarationRule}`,
  };
}
