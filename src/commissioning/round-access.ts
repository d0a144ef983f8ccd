/**
 * What the round's use cases and read models share: the round a path names, who is a submitter of
 * it (a PCT of its sectors or one of its local groups), and the refusals they give.
 */
import { loadBody } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import {
  type LocalGroup,
  type RoundRecord,
  selectLocalGroupsIn,
  selectOrganisation,
  selectRound,
  selectSectorsOfBody,
} from './round-queries.ts';
import { horizonScanning, pctOfRound, startYearOf, yearInWords } from './round-rules.ts';

export function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

/** Returns are for signed-in accounts (decision 023): the page sends the reader to sign in. */
export function refuseUnlessSignedIn(actor: Actor): void {
  if (actor.kind === 'account') return;
  throw new ProblemError({
    status: 401,
    code: 'sign-in-required',
    title: 'Sign in to read the returns',
    detail: 'Sign in to read the returns to a commissioning round.',
  });
}

/** The financial year in a path ("2008-09"), or a 404 naming what was asked for. */
export function startYearIn(year: string): number {
  const startYear = startYearOf(year);
  if (startYear === undefined) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `“${year}” is not a financial year the register keeps: in a web address, write it like 2008-09 (from 2000-01 to 2099-00).`,
    });
  }
  return startYear;
}

/** The round a path names: the body's round for the financial year. */
export async function loadRound(reader: Reader, slug: string, year: string): Promise<RoundRecord> {
  const body = await loadBody(reader, slug);
  const startYear = startYearIn(year);
  const round = await selectRound(reader, body.id, startYear);
  if (!round) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `${body.title} has no commissioning round for ${yearInWords(startYear)}.`,
    });
  }
  return round;
}

export type SubmitterOfRound =
  | { kind: 'pct'; id: string; name: string; sectorId: string }
  | { kind: 'group'; id: string; slug: string; name: string; sectorId: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who a return is from, as the path names it (a PCT by its id, a local group by its slug); a body
 * that is not a PCT or local group of the round is refused naming 2006 §104.
 */
export async function submitterOfRound(
  reader: Reader,
  round: RoundRecord,
  submitter: string,
): Promise<SubmitterOfRound> {
  const sectorIds = (await selectSectorsOfBody(reader, round.bodyId)).map((sector) => sector.id);
  if (uuidPattern.test(submitter)) {
    const organisation = await selectOrganisation(reader, submitter);
    if (!organisation) throw notFound('organisation', submitter);
    const verdict = pctOfRound(organisation, sectorIds);
    if (!verdict.ok) throw invalidInput([{ field: 'submitter', message: verdict.message }]);
    return {
      kind: 'pct',
      id: organisation.id,
      name: organisation.name,
      sectorId: organisation.sectorId as string,
    };
  }
  const groups: LocalGroup[] = await selectLocalGroupsIn(reader, sectorIds);
  const group = groups.find((candidate) => candidate.slug === submitter);
  if (!group) {
    throw invalidInput([
      {
        field: 'submitter',
        message: `Returns come from the London PCTs and the five local commissioning groups; this is neither (${horizonScanning.clause}: “${horizonScanning.text}”).`,
      },
    ]);
  }
  return {
    kind: 'group',
    id: group.id,
    slug: group.slug,
    name: group.title,
    sectorId: group.sectorId,
  };
}
