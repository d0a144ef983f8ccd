/**
 * What every intention use case does first: find the round a URL names, check the actor runs it
 * (the London group's secretariat, or an administrator), and turn a rule's refusal into a problem.
 */
import type { Reader } from '../db/connection.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import { conflict, ProblemError } from '../shared/problems.ts';
import { type RoundRecord, selectRound } from './intention-queries.ts';
import { type Refusal, roundYearText, startYearOf } from './intention-rules.ts';

export interface RoundAddress {
  slug: string;
  /** The year as URLs carry it: "2008-09". */
  year: string;
}

function noSuchRound(year: string): ProblemError {
  const startYear = startYearOf(year);
  return new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'Not found',
    detail: startYear
      ? `There is no ${roundYearText(startYear)} commissioning round of this body.`
      : 'A commissioning round is named by its year, like 2008-09.',
  });
}

export async function loadRound(
  reader: Reader,
  address: RoundAddress,
  forUpdate = false,
): Promise<RoundRecord> {
  const startYear = startYearOf(address.year);
  if (startYear === undefined) throw noSuchRound(address.year);
  const round = await selectRound(reader, address.slug, startYear, forUpdate);
  if (!round) throw noSuchRound(address.year);
  return round;
}

export function assertRunsRound(actor: Actor, round: RoundRecord): void {
  if (mayRunBody(actor, round.bodySlug)) return;
  throw new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator or the secretariat of ${round.bodyTitle} may consolidate, put, agree and publish its commissioning intentions.`,
  });
}

export function throwIfRefused(refusal: Refusal | undefined): void {
  if (refusal) throw conflict(refusal.field, refusal.message);
}
