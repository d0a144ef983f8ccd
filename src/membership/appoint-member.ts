/**
 * Appointing a member: fill a seat from a date, after the engine has checked the membership with
 * the candidate added under the terms of reference in force that day — the seat's own clause
 * (who may sit there, which post qualifies, how it is filled) and the composition's counts.
 * A refusal carries the clause and writes nothing; an appointment writes the holding and the
 * `membership.appointed` audit event in one transaction.
 */

import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBodyWithVersions, termsInForceAmong } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type FillMethod, type Seat, validateComposition } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import { selectPerson } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, ProblemError } from '../shared/problems.ts';
import { factProblems, refusalsOfCandidate } from './appointment-refusals.ts';
import { assertMayManage } from './membership-access.ts';
import { currentPost, memberFact, qualifyingPosts } from './membership-facts.ts';
import { insertHoldings, lockBody, selectOrganisation } from './membership-queries.ts';
import { periodProblems } from './membership-terms.ts';
import { resolvedMembership } from './resolved-membership.ts';

/** The seat's own filling body (the CCG that nominates, the office an ex officio seat follows). */
function defaultFilledBy(seat: Seat | undefined, fillMethod: FillMethod): string | null {
  const rule = seat?.filledBy;
  if (!rule || rule.method !== fillMethod) return null;
  switch (rule.method) {
    case 'exOfficio':
      return rule.of ?? null;
    case 'nominated':
    case 'elected':
      return rule.by;
    case 'appointed':
      return rule.by ?? null;
    default:
      return null;
  }
}

export interface AppointMemberOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  personId: string;
  seatRole: string;
  /** The organisation the member represents; their post there is what the seat's rules check. */
  organisationId?: string | null | undefined;
  fillMethod: FillMethod;
  /** The body that nominated, elected or appointed, as the constitution names it. */
  filledBy?: string | null | undefined;
  office?: 'chair' | 'viceChair' | null | undefined;
  startsOn: string;
  /** The last day of a fixed term, when the appointment is for one. */
  endsOn?: string | null | undefined;
}

/**
 * Appoints someone to a seat from a date, after the engine has checked the membership with them
 * added under the terms in force that day. Refused (422, with the clause) when the candidate may
 * not sit there or would break a count; nothing is written then.
 */
export async function appointMember(
  options: AppointMemberOptions,
): Promise<{ holdingId: string; seatRole: string; startsOn: string; endsOn: string | null }> {
  const { body } = await loadBodyWithVersions(options.db, options.slug);
  assertMayManage(options.actor, body);
  return recordAppointment(options);
}

/**
 * The appointment itself, for callers that have already decided who may make it (the demo seed).
 * The engine's check is never skipped.
 */
export async function recordAppointment(
  options: Omit<AppointMemberOptions, 'actor'>,
): Promise<{ holdingId: string; seatRole: string; startsOn: string; endsOn: string | null }> {
  const { db, context } = options;
  const { body, versions } = await loadBodyWithVersions(db, options.slug);
  const endsOn = options.endsOn ?? null;
  const termProblems = periodProblems({ startsOn: options.startsOn, endsOn });
  if (termProblems.length > 0) throw invalidInput(termProblems);
  const constitution = termsInForceAmong(versions, options.startsOn);
  if (!constitution) {
    throw invalidInput([
      {
        field: 'startsOn',
        message: `No version of ${body.title}'s terms of reference is in force on ${options.startsOn}.`,
      },
    ]);
  }
  const person = await selectPerson(db, options.personId);
  if (!person) {
    throw invalidInput([{ field: 'personId', message: 'No person in the registry has that id.' }]);
  }
  const organisationId = options.organisationId ?? null;
  const organisation = organisationId ? await selectOrganisation(db, organisationId) : undefined;
  if (organisationId && !organisation) {
    throw invalidInput([
      { field: 'organisationId', message: 'No organisation in the registry has that id.' },
    ]);
  }
  const seat = constitution.seats.find((candidate) => candidate.role === options.seatRole);
  const filledBy = options.filledBy ?? defaultFilledBy(seat, options.fillMethod);
  const holdingId = uuidv7();

  return db.transaction(async (transaction) => {
    await lockBody(transaction, body.id);
    const { holdings, posts } = await resolvedMembership(
      transaction,
      constitution,
      body.id,
      options.startsOn,
      { personId: person.id, organisationId },
    );
    if (
      holdings.some(
        (held) => held.holding.personId === person.id && held.holding.seatRole === options.seatRole,
      )
    ) {
      throw conflict(
        'personId',
        `${person.name} already holds this seat on ${body.title} on ${options.startsOn}.`,
      );
    }
    const standing = holdings.flatMap((held) => (held.fact ? [held.fact] : []));
    const post = organisation
      ? currentPost(posts, person.id, organisation.id, options.startsOn, qualifyingPosts(seat))
      : undefined;
    const candidate = memberFact(constitution, {
      id: holdingId,
      personName: person.name,
      seatRole: options.seatRole,
      organisation: organisation ?? null,
      post,
      fillMethod: options.fillMethod,
      filledBy,
      office: options.office ?? null,
    });
    const result = validateComposition(constitution, [...standing, candidate]);
    if (!result.ok) throw invalidInput(factProblems(result.errors, standing.length));
    const refusals = refusalsOfCandidate(result.value.refusals, holdingId);
    if (refusals.length > 0) {
      throw new ProblemError({
        status: 422,
        code: 'composition-refused',
        title: 'The terms of reference do not allow this appointment',
        detail: `${person.name} cannot be appointed: ${refusals.map((refusal) => refusal.message).join(' ')}`,
        errors: refusals,
      });
    }
    await insertHoldings(transaction, [
      {
        id: holdingId,
        bodyId: body.id,
        seatRole: options.seatRole,
        personId: person.id,
        organisationId,
        fillMethod: options.fillMethod,
        filledBy,
        office: options.office ?? null,
        startsOn: options.startsOn,
        endsOn,
        createdAt: context.now,
      },
    ]);
    await recordAuditEvents(transaction, context, [
      {
        action: 'membership.appointed',
        entityType: 'body',
        entityId: body.id,
        after: {
          holdingId,
          seatRole: options.seatRole,
          person: person.name,
          personId: person.id,
          organisation: organisation?.name ?? null,
          organisationId,
          post: post?.role ?? null,
          fillMethod: options.fillMethod,
          filledBy,
          office: options.office ?? null,
          startsOn: options.startsOn,
          endsOn,
          constitutionVersion: constitution.identity.version,
        },
      },
    ]);
    return { holdingId, seatRole: options.seatRole, startsOn: options.startsOn, endsOn };
  });
}
