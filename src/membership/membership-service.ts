import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/record-audit-event.ts';
import { loadBodyWithVersions, termsInForceAmong } from '../bodies/body-in-force.ts';
import type { Database } from '../db/connection.ts';
import {
  type CompositionResult,
  type CompositionViolation,
  type Constitution,
  describeRoute,
  type FillMethod,
  type Seat,
  validateComposition,
} from '../governance/index.ts';
import type { Actor } from '../identity/policy.ts';
import { mayRunBody } from '../identity/policy.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import { factProblems, refusalsOfCandidate } from './appointment-refusals.ts';
import {
  currentPost,
  memberFact,
  qualifyingPosts,
  type ResolvedHolding,
  resolveHoldings,
} from './membership-facts.ts';
import {
  type HoldingRecord,
  insertHoldings,
  lockBody,
  selectCurrentHoldings,
  selectFormerHoldings,
  selectHoldingForUpdate,
  selectOrganisation,
  selectOrganisations,
  selectPeopleByName,
  selectPeopleWithCurrentPosts,
  selectPerson,
  selectPostsOfPeopleAndOrganisations,
  selectQuestionsOfBodyWhoseCountIsFixed,
  setHoldingEnd,
} from './membership-queries.ts';
import {
  deputiesRule,
  type ElectedOffice,
  electedOffice,
  invitedAttendeesRule,
  periodProblems,
  type RuleWords,
  type TermStatus,
  termStatus,
} from './membership-terms.ts';
import {
  type ElectionRecord,
  type StandingAttendeeView,
  selectElectionsOfBody,
  selectStandingAttendeesOn,
  standingAttendeeView,
} from './standing-attendee-queries.ts';

type Reader = Parameters<typeof selectCurrentHoldings>[0];

export interface HoldingView {
  id: string;
  seatRole: string;
  seatTitle: string;
  person: { id: string; name: string; isFictional: boolean };
  organisation: { id: string; name: string; type: string; sectorId: string | null } | null;
  /** The post the holder holds at that organisation on the date, as the engine is told it. */
  post: { role: string; title: string } | null;
  fillMethod: string;
  filledBy: string | null;
  office: 'chair' | 'viceChair' | null;
  startsOn: string;
  endsOn: string | null;
  /** `lapsed`: an ex officio holding whose post has ended; not counted by the engine. */
  status: 'current' | 'lapsed';
  lapsedReason: string | null;
  successor: { personId: string; personName: string } | null;
  /** The term's end as seen on the report's date, with a warning when it is near. */
  term: TermStatus | null;
  /** When the terms fill this seat or office by election: what is elected, and the clause. */
  electedOffice: ElectedOffice | null;
  election: Omit<ElectionRecord, 'seatHoldingId'> | null;
}

export interface FindingView {
  finding: CompositionViolation['finding'];
  clause: string;
  text: string;
  message: string;
  role: string | null;
  sector: string | null;
  /** The holdings concerned. */
  holdingIds: string[];
}

export interface CompositionView {
  valid: boolean;
  complete: boolean;
  summary: string;
  clause: string;
  text: string;
  lines: string[];
  citations: { clause: string; text: string; assumption: string | null }[];
  refusals: FindingView[];
  vacancies: FindingView[];
}

export interface SeatMembership {
  role: string;
  title: string;
  clause: string;
  text: string;
  /** How the seat is filled, in words: "by nomination of the sector's CCG". */
  route: string;
  holdings: HoldingView[];
}

export interface MembershipReport {
  body: { slug: string; title: string };
  asOf: string;
  constitution: { version: number; effectiveOn: string } | null;
  seats: SeatMembership[];
  /** Holdings of seats the terms in force do not define (kept when a new version dropped a seat). */
  otherHoldings: HoldingView[];
  /** Holdings that ended before the report's date, the most recently ended first. */
  formerMembers: HoldingView[];
  /** Standing deputies and non-voting attendees in force on the date. */
  standingAttendees: StandingAttendeeView[];
  /** What the terms in force say about deputies and invited attendees, with the clauses. */
  attendeeRules: { deputies: RuleWords; invitedAttendees: RuleWords } | null;
  composition: CompositionView | null;
  /** Why the engine could not check the membership, when it could not. */
  problems: string[];
}

export function assertMayManage(actor: Actor, body: { slug: string; title: string }) {
  if (!mayRunBody(actor, body.slug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${body.title} may change its membership.`,
    });
  }
}

async function resolvedMembership(
  reader: Reader,
  constitution: Constitution,
  bodyId: string,
  asOf: string,
  extra: { personId?: string; organisationId?: string | null } = {},
) {
  const holdings = await selectCurrentHoldings(reader, bodyId, asOf);
  const personIds = [
    ...new Set([
      ...holdings.map((row) => row.personId),
      ...(extra.personId ? [extra.personId] : []),
    ]),
  ];
  const organisationIds = [
    ...new Set(
      [...holdings.map((row) => row.organisationId), extra.organisationId ?? null].filter(
        (id): id is string => id !== null,
      ),
    ),
  ];
  const posts = await selectPostsOfPeopleAndOrganisations(reader, personIds, organisationIds);
  return { holdings: resolveHoldings(constitution, holdings, posts, asOf), posts };
}

interface HoldingExtras {
  asOf: string;
  /** The terms the holding was filled under: an election is judged by those, not today's. */
  filledUnder: (holding: HoldingRecord) => Constitution;
  elections: ReadonlyMap<string, ElectionRecord>;
}

function holdingView(resolved: ResolvedHolding, extras: HoldingExtras): HoldingView {
  const { holding, seat, post, status } = resolved;
  const election = extras.elections.get(holding.id);
  return {
    id: holding.id,
    seatRole: holding.seatRole,
    seatTitle: seat?.title ?? holding.seatRole,
    person: {
      id: holding.personId,
      name: holding.personName,
      isFictional: holding.personIsFictional,
    },
    organisation: organisationView(holding),
    post: post ? { role: post.role, title: post.title } : null,
    fillMethod: holding.fillMethod,
    filledBy: holding.filledBy,
    office: holding.office === 'chair' || holding.office === 'viceChair' ? holding.office : null,
    startsOn: holding.startsOn,
    endsOn: holding.endsOn,
    status: status.status,
    lapsedReason: status.status === 'lapsed' ? status.reason : null,
    successor: status.status === 'lapsed' ? status.successor : null,
    term: termStatus(holding.endsOn, extras.asOf),
    electedOffice: electedOffice(extras.filledUnder(holding), holding),
    election: election
      ? {
          id: election.id,
          heldOn: election.heldOn,
          electorate: election.electorate,
          votesFor: election.votesFor,
          votesCast: election.votesCast,
          minuteReference: election.minuteReference,
        }
      : null,
  };
}

function organisationView(holding: HoldingRecord): HoldingView['organisation'] {
  return holding.organisationId !== null &&
    holding.organisationName !== null &&
    holding.organisationType !== null
    ? {
        id: holding.organisationId,
        name: holding.organisationName,
        type: holding.organisationType,
        sectorId: holding.organisationSectorId,
      }
    : null;
}

function findingView(violation: CompositionViolation): FindingView {
  return {
    finding: violation.finding,
    clause: violation.clause,
    text: violation.text,
    message: violation.message,
    role: violation.role ?? null,
    sector: violation.sector ?? null,
    holdingIds: [...violation.memberIds],
  };
}

function compositionView(result: CompositionResult): CompositionView {
  return {
    valid: result.valid,
    complete: result.complete,
    summary: result.explanation.summary,
    clause: result.explanation.clause,
    text: result.explanation.text,
    lines: [...result.explanation.lines],
    citations: result.explanation.citations.map((citation) => ({
      clause: citation.clause,
      text: citation.text,
      assumption: citation.assumption ?? null,
    })),
    refusals: result.refusals.map(findingView),
    vacancies: result.vacancies.map(findingView),
  };
}

/**
 * Who holds the body's seats on a date, seat by seat, and the engine's verdict on that membership
 * under the terms in force then: refusals, vacancies and the explanation with its clauses.
 */
export async function listMembership(options: {
  db: Database;
  slug: string;
  asOf: string;
}): Promise<MembershipReport> {
  const { body, versions } = await loadBodyWithVersions(options.db, options.slug);
  const constitution = termsInForceAmong(versions, options.asOf);
  const report: MembershipReport = {
    body: { slug: body.slug, title: body.title },
    asOf: options.asOf,
    constitution: null,
    seats: [],
    otherHoldings: [],
    formerMembers: [],
    standingAttendees: [],
    attendeeRules: null,
    composition: null,
    problems: [],
  };
  if (!constitution) {
    report.problems.push(
      `No version of ${body.title}'s terms of reference is in force on ${options.asOf}.`,
    );
    return report;
  }
  const { holdings } = await resolvedMembership(options.db, constitution, body.id, options.asOf);
  const elections = new Map(
    (await selectElectionsOfBody(options.db, body.id)).map((election) => [
      election.seatHoldingId,
      election,
    ]),
  );
  const extras: HoldingExtras = {
    asOf: options.asOf,
    filledUnder: (holding) => termsInForceAmong(versions, holding.startsOn) ?? constitution,
    elections,
  };
  const views = holdings.map((holding) => holdingView(holding, extras));
  // A former member's holding is shown as it was recorded; the engine no longer counts it.
  report.formerMembers = (await selectFormerHoldings(options.db, body.id, options.asOf)).map(
    (holding) => {
      const seat = extras
        .filledUnder(holding)
        .seats.find((candidate) => candidate.role === holding.seatRole);
      return holdingView(
        { holding, seat, post: undefined, status: { status: 'current' }, fact: undefined },
        extras,
      );
    },
  );
  report.standingAttendees = (
    await selectStandingAttendeesOn(options.db, body.id, options.asOf)
  ).map(standingAttendeeView);
  report.attendeeRules = {
    deputies: deputiesRule(constitution),
    invitedAttendees: invitedAttendeesRule(constitution),
  };
  report.constitution = {
    version: constitution.identity.version,
    effectiveOn: constitution.effective.date,
  };
  report.seats = constitution.seats.map((seat) => ({
    role: seat.role,
    title: seat.title,
    clause: seat.clause,
    text: seat.text,
    route: describeRoute(constitution, seat),
    holdings: views.filter((view) => view.seatRole === seat.role),
  }));
  report.otherHoldings = views.filter(
    (view) => !constitution.seats.some((seat) => seat.role === view.seatRole),
  );
  const result = validateComposition(
    constitution,
    holdings.flatMap((holding) => (holding.fact ? [holding.fact] : [])),
  );
  if (result.ok) report.composition = compositionView(result.value);
  else report.problems.push(...result.errors.map((error) => error.message));
  return report;
}

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

/**
 * Ends a membership: `endsOn` is the last day the seat is held. Ending leaves a vacancy, which the
 * membership page reports; the engine never refuses a departure.
 */
export async function endMembership(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  holdingId: string;
  endsOn: string;
}): Promise<{ holdingId: string; endsOn: string }> {
  const { body } = await loadBodyWithVersions(options.db, options.slug);
  assertMayManage(options.actor, body);
  return options.db.transaction(async (transaction) => {
    const holding = await selectHoldingForUpdate(transaction, options.holdingId);
    if (!holding || holding.bodyId !== body.id) {
      throw notFound(`membership of ${body.title}`, options.holdingId);
    }
    // Ending a seat could take a vote out of a count that must not move (a secret ballot, a tie
    // awaiting the casting vote), and so tell how it was cast: the question is settled first.
    const fixed = await selectQuestionsOfBodyWhoseCountIsFixed(transaction, body.id);
    if (fixed.length > 0) {
      throw new ProblemError({
        status: 409,
        code: 'count-fixed',
        title: 'A vote is being taken',
        detail: `Memberships of ${body.title} cannot end while ${fixed.map((question) => `“${question.title}”`).join(', ')} ${fixed.length === 1 ? 'is' : 'are'} being voted on (a secret ballot, or a tie awaiting the casting vote). Close or withdraw the question first.`,
      });
    }
    // A fixed term may be cut short; it is never extended by "ending" it later.
    if (holding.endsOn !== null && holding.endsOn <= options.endsOn) {
      throw conflict('holdingId', `This membership already ends on ${holding.endsOn}.`);
    }
    if (options.endsOn < holding.startsOn) {
      throw invalidInput([
        {
          field: 'endsOn',
          message: `The membership started on ${holding.startsOn}; it cannot end before.`,
        },
      ]);
    }
    await setHoldingEnd(transaction, holding.id, options.endsOn);
    await recordAuditEvents(transaction, options.context, [
      {
        action: 'membership.ended',
        entityType: 'body',
        entityId: body.id,
        before: { holdingId: holding.id, seatRole: holding.seatRole, endsOn: holding.endsOn },
        after: { holdingId: holding.id, seatRole: holding.seatRole, endsOn: options.endsOn },
      },
    ]);
    return { holdingId: holding.id, endsOn: options.endsOn };
  });
}

export interface AppointmentChoices {
  seats: { role: string; title: string; clause: string; route: string; fillMethod: FillMethod }[];
  people: { id: string; label: string }[];
  organisations: { id: string; name: string }[];
  /** Anyone in the registry, for naming a deputy or a non-voting attendee. */
  everyone: { id: string; name: string }[];
}

/** What the appointment form offers: the seats in force, people holding a post, organisations. */
export async function appointmentChoices(options: {
  db: Database;
  slug: string;
  asOf: string;
}): Promise<AppointmentChoices | null> {
  const { versions } = await loadBodyWithVersions(options.db, options.slug);
  const constitution = termsInForceAmong(versions, options.asOf);
  if (!constitution) return null;
  const postHolders = await selectPeopleWithCurrentPosts(options.db, options.asOf);
  const people = new Map<string, string[]>();
  const names = new Map<string, string>();
  for (const post of postHolders) {
    names.set(post.personId, post.personName);
    people.set(post.personId, [
      ...(people.get(post.personId) ?? []),
      `${post.title}, ${post.organisationName}`,
    ]);
  }
  return {
    seats: constitution.seats.map((seat) => ({
      role: seat.role,
      title: seat.title,
      clause: seat.clause,
      route: describeRoute(constitution, seat),
      fillMethod: seat.filledBy.method,
    })),
    people: [...people].map(([id, postTitles]) => ({
      id,
      label: `${names.get(id)} (${postTitles.join('; ')})`,
    })),
    organisations: (await selectOrganisations(options.db)).map((organisation) => ({
      id: organisation.id,
      name: organisation.name,
    })),
    everyone: await selectPeopleByName(options.db),
  };
}
