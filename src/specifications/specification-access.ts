/**
 * Who may change the library, shared by its use cases: the secretariat of the body that keeps a
 * specification (the London group) or an administrator, never through a read-only token; and the
 * refusals they give.
 */
import type { FastifyRequest } from 'fastify';
import type { Reader } from '../db/connection.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import { selectSpecification, selectVersions } from './specification-queries.ts';
import type { Named, Refusal } from './specification-rules.ts';

/** The body whose secretariat keeps the library: the London group. */
export const libraryBodySlug = 'london-commissioning-group';

export function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

/** A rule of the library broken: 409, naming the rule and its clause; nothing is written. */
export function ruleBroken(refusals: readonly Refusal[]): ProblemError {
  const problem = invalidInput(
    refusals.map((refusal) => ({ field: refusal.field, message: refusal.message })),
    refusals.map((refusal) => refusal.message).join(' '),
  );
  return new ProblemError({
    ...problem.problem,
    status: 409,
    code: 'rule-broken',
    title: 'This breaks a rule of the specification library',
  });
}

export function refuseUnlessMayChange(
  actor: Actor,
  body: { slug: string; title: string },
  what: string,
) {
  if (!mayRunBody(actor, body.slug)) {
    throw forbidden(
      `Only an administrator or the secretariat of ${body.title}, which keeps the specification library, may ${what}.`,
    );
  }
}

/** Someone acting, as the library names people: their registry person and display name. */
export function actorAsNamed(actor: Actor): Named {
  return actor.kind === 'account'
    ? { personId: actor.personId, name: actor.displayName }
    : { personId: null, name: 'Someone not signed in' };
}

/** The account drafting a version, kept so it never reviews that version. */
export function draftingAccount(actor: Actor): string | null {
  return actor.kind === 'account' ? actor.accountId : null;
}

/** The person named for a version's author or a review's reviewer: the actor, or someone named. */
export function namedOrActor(actor: Actor, name: string | undefined): Named {
  const self = actorAsNamed(actor);
  if (!name || name.trim().toLowerCase() === self.name.trim().toLowerCase()) return self;
  return { personId: null, name: name.trim() };
}

/** The specification and its versions, after checking the actor may change it. */
export async function loadSpecificationToChange(
  reader: Reader,
  actor: Actor,
  specificationId: string,
  what: string,
) {
  const specification = await selectSpecification(reader, specificationId);
  if (!specification) throw notFound('specification', specificationId);
  refuseUnlessMayChange(
    actor,
    { slug: specification.bodySlug, title: specification.bodyTitle },
    what,
  );
  return specification;
}

/** One numbered version of the specification's, or 404. */
export async function versionNumbered(reader: Reader, specificationId: string, version: number) {
  const versions = await selectVersions(reader, specificationId);
  const found = versions.find((candidate) => candidate.version === version);
  if (!found) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `This specification has no version ${version}.`,
    });
  }
  return { found, versions };
}

/** A date the record says happened: never after today. */
export function notAfterToday(field: string, date: string, today: string, what: string) {
  return date > today ? [{ field, message: `${what} cannot be after today (${today}).` }] : [];
}

/**
 * The library belongs to the London group: its secretariat (or an administrator) changes it. The
 * policy admits any body's secretariat; this decides before the request's body is read, so a
 * refusal never depends on what was sent.
 */
export async function refuseUnlessMaintainsLibrary(request: FastifyRequest) {
  if (request.actor.kind === 'account' && !mayRunBody(request.actor, libraryBodySlug)) {
    throw forbidden(
      'Only an administrator or the secretariat of the London Commissioning Group, which keeps the specification library, may change it.',
    );
  }
}
