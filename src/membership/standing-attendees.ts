/**
 * Standing deputies and non-voting attendees: people who attend a body's meetings without holding
 * a seat. A deputy is named for one member's seat and may attend in their place; a non-voting
 * attendee is invited in their own right (a Director of Public Health, invited). Neither is a
 * member, so neither counts toward the quorum or votes unless the terms' deputies rule says a
 * deputy does — the engine reads that rule, and the page quotes it.
 */

import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBodyWithVersions, termsInForceAmong } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { selectPerson } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound } from '../shared/problems.ts';
import { assertMayManage } from './membership-access.ts';
import {
  lockBody,
  selectCurrentHoldings,
  selectHoldingForUpdate,
  selectOrganisation,
} from './membership-queries.ts';
import { deputyPeriodProblems, periodProblems } from './membership-terms.ts';
import {
  insertStandingAttendee,
  lockStandingAttendee,
  type StandingAttendeeView,
  selectStandingAttendee,
  selectStandingAttendeesOfBody,
  setStandingAttendeeEnd,
  standingAttendeeView,
} from './standing-attendee-queries.ts';

export type { StandingAttendeeView };

function overlaps(
  left: { startsOn: string; endsOn: string | null },
  right: { startsOn: string; endsOn: string | null },
): boolean {
  return (
    left.startsOn <= (right.endsOn ?? '9999-12-31') &&
    right.startsOn <= (left.endsOn ?? '9999-12-31')
  );
}

export interface NameStandingAttendeeOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  capacity: 'deputy' | 'non-voting';
  personId: string;
  organisationId?: string | null | undefined;
  /** The member's seat holding a deputy stands in for; required for a deputy, refused otherwise. */
  deputyForHoldingId?: string | null | undefined;
  /** Why a non-voting attendee attends ("Director of Public Health, invited"). */
  description?: string | null | undefined;
  startsOn: string;
  /** The last day; a deputy's defaults to the last day of the member's holding, if it has one. */
  endsOn?: string | null | undefined;
}

/**
 * Names a standing deputy for a member's seat, or a non-voting attendee, from a date. Refused,
 * writing nothing, when the dates are out of order or outside the member's holding, when the
 * person already sits on the body (a member attends in their own right), or when they already
 * stand in the same capacity for an overlapping period.
 */
export async function nameStandingAttendee(
  options: NameStandingAttendeeOptions,
): Promise<StandingAttendeeView> {
  const { db, context } = options;
  const { body, versions } = await loadBodyWithVersions(db, options.slug);
  assertMayManage(options.actor, body);
  const constitution = termsInForceAmong(versions, options.startsOn);
  if (!constitution) {
    throw invalidInput([
      {
        field: 'startsOn',
        message: `No version of ${body.title}'s terms of reference is in force on ${options.startsOn}.`,
      },
    ]);
  }
  const description = options.description?.trim() || null;
  const deputyForHoldingId = options.deputyForHoldingId ?? null;
  if (options.capacity === 'deputy' && deputyForHoldingId === null) {
    throw invalidInput([
      { field: 'deputyForHoldingId', message: 'Choose the member the deputy stands in for.' },
    ]);
  }
  if (options.capacity === 'non-voting' && deputyForHoldingId !== null) {
    throw invalidInput([
      {
        field: 'deputyForHoldingId',
        message: 'A non-voting attendee attends in their own right; only a deputy names a member.',
      },
    ]);
  }
  if (options.capacity === 'non-voting' && description === null) {
    throw invalidInput([
      {
        field: 'description',
        message:
          'Say why they attend, for example "Director of Public Health, invited on public health items".',
      },
    ]);
  }
  const period = { startsOn: options.startsOn, endsOn: options.endsOn ?? null };
  const periodErrors = periodProblems(period);
  if (periodErrors.length > 0) throw invalidInput(periodErrors);
  const person = await selectPerson(db, options.personId);
  if (!person) {
    throw invalidInput([{ field: 'personId', message: 'No person in the registry has that id.' }]);
  }
  const organisationId = options.organisationId ?? null;
  if (organisationId && !(await selectOrganisation(db, organisationId))) {
    throw invalidInput([
      { field: 'organisationId', message: 'No organisation in the registry has that id.' },
    ]);
  }

  return db.transaction(async (transaction) => {
    await lockBody(transaction, body.id);
    let deputyFor: { holdingId: string; name: string } | null = null;
    if (deputyForHoldingId !== null) {
      const holding = await selectHoldingForUpdate(transaction, deputyForHoldingId);
      if (!holding || holding.bodyId !== body.id) {
        throw invalidInput([
          {
            field: 'deputyForHoldingId',
            message: `That is not a membership of ${body.title}; choose one of its members.`,
          },
        ]);
      }
      const holder = await selectPerson(transaction, holding.personId);
      const personName = holder?.name ?? 'The member';
      if (holding.personId === person.id) {
        throw invalidInput([
          { field: 'personId', message: `${person.name} cannot be their own deputy.` },
        ]);
      }
      // Unless a last day is given, the deputy stands for as long as the member does.
      if (period.endsOn === null) period.endsOn = holding.endsOn;
      const problems = deputyPeriodProblems(period, { ...holding, personName });
      if (problems.length > 0) throw invalidInput(problems);
      deputyFor = { holdingId: holding.id, name: personName };
    }
    const members = await selectCurrentHoldings(transaction, body.id, period.startsOn);
    if (members.some((holding) => holding.personId === person.id)) {
      throw invalidInput([
        {
          field: 'personId',
          message: `${person.name} is a member of ${body.title} on ${period.startsOn} and attends in their own right, not as a ${options.capacity === 'deputy' ? 'deputy' : 'non-voting attendee'}.`,
        },
      ]);
    }
    const existing = (await selectStandingAttendeesOfBody(transaction, body.id)).find(
      (attendee) =>
        attendee.personId === person.id &&
        attendee.capacity === options.capacity &&
        attendee.deputyForHoldingId === deputyForHoldingId &&
        overlaps(attendee, period),
    );
    if (existing) {
      throw conflict(
        'personId',
        `${person.name} is already named as ${options.capacity === 'deputy' ? `deputy for ${deputyFor?.name}` : 'a non-voting attendee'} from ${existing.startsOn}${existing.endsOn ? ` to ${existing.endsOn}` : ''}.`,
      );
    }
    const id = uuidv7();
    const row = {
      id,
      bodyId: body.id,
      personId: person.id,
      organisationId,
      capacity: options.capacity,
      deputyForHoldingId,
      description,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
    };
    await insertStandingAttendee(transaction, { ...row, createdAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'membership.standing-attendee-named',
        entityType: 'body',
        entityId: body.id,
        after: {
          attendeeId: id,
          capacity: options.capacity,
          person: person.name,
          personId: person.id,
          deputyFor: deputyFor?.name ?? null,
          deputyForHoldingId,
          description,
          startsOn: period.startsOn,
          endsOn: period.endsOn,
          constitutionVersion: constitution.identity.version,
        },
      },
    ]);
    const created = await selectStandingAttendee(transaction, id);
    return standingAttendeeView(created!);
  });
}

/** Ends a standing deputy or non-voting attendee: `endsOn` is their last day. */
export async function endStandingAttendee(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  attendeeId: string;
  endsOn: string;
}): Promise<{ attendeeId: string; endsOn: string }> {
  const { db, context } = options;
  const { body } = await loadBodyWithVersions(db, options.slug);
  assertMayManage(options.actor, body);
  return db.transaction(async (transaction) => {
    await lockStandingAttendee(transaction, options.attendeeId);
    const attendee = await selectStandingAttendee(transaction, options.attendeeId);
    if (!attendee || attendee.bodyId !== body.id) {
      throw notFound(`deputy or non-voting attendee of ${body.title}`, options.attendeeId);
    }
    if (attendee.endsOn !== null && attendee.endsOn <= options.endsOn) {
      throw conflict(
        'endsOn',
        `${attendee.personName} already stands down on ${attendee.endsOn}; a later last day would extend, not end, their standing.`,
      );
    }
    const problems = periodProblems({ startsOn: attendee.startsOn, endsOn: options.endsOn });
    if (problems.length > 0) throw invalidInput(problems);
    await setStandingAttendeeEnd(transaction, attendee.id, options.endsOn);
    await recordAuditEvents(transaction, context, [
      {
        action: 'membership.standing-attendee-ended',
        entityType: 'body',
        entityId: body.id,
        before: { attendeeId: attendee.id, person: attendee.personName, endsOn: attendee.endsOn },
        after: { attendeeId: attendee.id, person: attendee.personName, endsOn: options.endsOn },
      },
    ]);
    return { attendeeId: attendee.id, endsOn: options.endsOn };
  });
}
