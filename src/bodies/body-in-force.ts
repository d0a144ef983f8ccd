/**
 * The shared reads about a body that every capability asks for: the body named in a path, and the
 * terms of reference in force for it on a date. One home, so "which version applies on this day"
 * is decided in one place (the engine's `constitutionInForce`) and read the same way everywhere.
 */
import type { Reader } from '../db/connection.ts';
import { type Constitution, constitutionInForce } from '../governance/index.ts';
import { notFound } from '../shared/problems.ts';
import {
  type BodyRow,
  type ConstitutionVersionRow,
  selectBodyBySlug,
  selectConstitutionVersions,
} from './body-queries.ts';

/** The body a path names, or a 404 naming what was not found. */
export async function loadBody(reader: Reader, slug: string): Promise<BodyRow> {
  const body = await selectBodyBySlug(reader, slug);
  if (!body) throw notFound('body', slug);
  return body;
}

/** The body a path names with every version of its terms, oldest first. */
export async function loadBodyWithVersions(
  reader: Reader,
  slug: string,
): Promise<{ body: BodyRow; versions: ConstitutionVersionRow[] }> {
  const body = await loadBody(reader, slug);
  return { body, versions: await selectConstitutionVersions(reader, body.id) };
}

/** Of versions already read, the one in force on a date; none before the first takes effect. */
export function termsInForceAmong(
  versions: readonly { document: Constitution }[],
  date: string,
): Constitution | undefined {
  const inForce = constitutionInForce(
    versions.map((row) => row.document),
    date,
  );
  return inForce.ok ? inForce.value : undefined;
}

/** The body's terms of reference in force on a date, read from the record. */
export async function termsInForce(
  reader: Reader,
  bodyId: string,
  date: string,
): Promise<Constitution | undefined> {
  return termsInForceAmong(await selectConstitutionVersions(reader, bodyId), date);
}
