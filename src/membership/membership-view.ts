/**
 * The membership read model: who holds the body's seats on a date, seat by seat, with former
 * members, standing attendees, what the terms in force say about deputies and invited attendees,
 * and the engine's verdict on the composition (refusals, vacancies and the explanation with the
 * clauses of the terms of reference it applied). What the membership page and
 * `GET /api/v1/bodies/:slug/members` return; it writes nothing.
 */

import { loadBodyWithVersions, termsInForceAmong } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import {
  bodyName,
  type CompositionResult,
  type CompositionViolation,
  type Constitution,
  describeRoute,
  validateComposition,
} from '../governance/index.ts';
import type { ResolvedHolding } from './membership-facts.ts';
import { type HoldingRecord, selectFormerHoldings } from './membership-queries.ts';
import {
  deputiesRule,
  type ElectedOffice,
  electedOffice,
  invitedAttendeesRule,
  type RuleWords,
  type TermStatus,
  termStatus,
} from './membership-terms.ts';
import { resolvedMembership } from './resolved-membership.ts';
import {
  type ElectionRecord,
  type StandingAttendeeView,
  selectElectionsOfBody,
  selectStandingAttendeesOn,
  standingAttendeeView,
} from './standing-attendee-queries.ts';

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
  /** Who nominated, elected or appointed, by the name the terms give it ("Sector Commissioning Group"). */
  filledByName: string | null;
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
    filledByName:
      holding.filledBy === null ? null : bodyName(extras.filledUnder(holding), holding.filledBy),
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
  /** The body and its versions when the caller has read them already (the page, once). */
  loaded?: Awaited<ReturnType<typeof loadBodyWithVersions>>;
}): Promise<MembershipReport> {
  const { body, versions } =
    options.loaded ?? (await loadBodyWithVersions(options.db, options.slug));
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
