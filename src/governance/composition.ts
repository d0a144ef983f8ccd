/**
 * Composition: is this membership allowed by the constitution? Each holder must be eligible for
 * their seat (post, organisation, sector) and filled by the seat's route; each seat, sector and
 * seat group must be within its count. Breaches that add someone who may not sit ("a third chief
 * executive from one sector", "a fourth patient representative") are refusals citing the clause;
 * seats not yet filled are vacancies, reported but not refused.
 */

import { identifyOfficeHolder } from './chair.ts';
import {
  bodyById,
  bodyName,
  fillingBody,
  seatByRole,
  seatSectors,
  sectorName,
} from './constitution-model.ts';
import type { Constitution, Count, FillMethod, Provenance, Seat } from './constitution-schema.ts';
import { type Bounds, boundsOf, describeCount } from './counts.ts';
import {
  type CountedFact,
  citationOf,
  type Explanation,
  listInWords,
  plural,
  uniqueCitations,
} from './explanation.ts';
import { type MemberFact, memberFactSchema } from './facts.ts';
import { parseFacts, type ResolvedMember, resolveMembers } from './membership.ts';
import { type EngineResult, success } from './result.ts';

export type CompositionFinding =
  | 'tooMany'
  | 'tooFew'
  | 'notEligible'
  | 'wrongRoute'
  | 'officeUnfilled';

/** A breach of the constitution's membership rules, with the clause it breaks. */
export interface CompositionViolation {
  readonly finding: CompositionFinding;
  /** Refused: the membership may not stand. Vacancy: a seat still to be filled. */
  readonly severity: 'refused' | 'vacancy';
  readonly clause: string;
  readonly text: string;
  readonly message: string;
  /** The seat role or seat group concerned. */
  readonly role?: string;
  readonly sector?: string;
  readonly organisation?: string;
  /** The members concerned (the holders counted, or the ineligible holder). */
  readonly memberIds: readonly string[];
}

export interface CompositionResult {
  /** No refusals: everyone may sit where they sit and no count is exceeded. */
  readonly valid: boolean;
  /** Valid and no vacancies. */
  readonly complete: boolean;
  readonly refusals: readonly CompositionViolation[];
  readonly vacancies: readonly CompositionViolation[];
  readonly explanation: Explanation;
}

interface CountCheck {
  readonly holders: readonly ResolvedMember[];
  readonly count: Count;
  readonly rule: Provenance;
  readonly what: string;
  readonly role: string;
  readonly sector?: string;
  readonly organisation?: string;
  /** ' per sector', ' per organisation' or '' after the count allowed. */
  readonly scope: string;
}

function checkCount(check: CountCheck): CompositionViolation[] {
  const bounds: Bounds = boundsOf(check.count);
  const held = check.holders.length;
  const base = {
    clause: check.rule.clause,
    text: check.rule.text,
    role: check.role,
    ...(check.sector !== undefined ? { sector: check.sector } : {}),
    ...(check.organisation !== undefined ? { organisation: check.organisation } : {}),
    memberIds: check.holders.map((member) => member.fact.id),
  };
  const holderNames =
    held > 0 ? ` (${listInWords(check.holders.map((member) => member.fact.name))})` : '';
  if (bounds.max !== undefined && held > bounds.max) {
    return [
      {
        ...base,
        finding: 'tooMany',
        severity: 'refused',
        message: `${check.what}: ${held}${holderNames}, but ${check.rule.clause} allows ${describeCount(check.count)}${check.scope}`,
      },
    ];
  }
  if (held < bounds.min) {
    return [
      {
        ...base,
        finding: 'tooFew',
        severity: 'vacancy',
        message: `${check.what}: ${held}${holderNames}, but ${check.rule.clause} requires ${describeCount(check.count)}${check.scope} (${plural(bounds.min - held, 'vacancy', 'vacancies')})`,
      },
    ];
  }
  return [];
}

function organisationType(constitution: Constitution, member: ResolvedMember): string | undefined {
  const organisation = member.fact.organisation;
  if (!organisation) return undefined;
  return organisation.type ?? bodyById(constitution, organisation.id)?.type;
}

/** A post or organisation type's id read as words: "chief-executive" is "chief executive". */
function inWords(identifier: string): string {
  return identifier.replaceAll('-', ' ');
}

function eligibilityFailures(constitution: Constitution, member: ResolvedMember): string[] {
  const eligibility = member.seat.eligibility;
  if (!eligibility) return [];
  const failures: string[] = [];
  const fact = member.fact;
  if (eligibility.posts && (fact.post === undefined || !eligibility.posts.includes(fact.post))) {
    failures.push(
      `the seat is for a ${listInWords(eligibility.posts.map(inWords))}, but ${fact.post === undefined ? 'no post is recorded' : `the post recorded is ${inWords(fact.post)}`}`,
    );
  }
  const type = organisationType(constitution, member);
  if (
    eligibility.organisationTypes &&
    (type === undefined || !eligibility.organisationTypes.includes(type))
  ) {
    failures.push(
      `the seat is for someone from a ${listInWords(eligibility.organisationTypes.map(inWords))}, but ${type === undefined ? 'no organisation type is recorded' : `their organisation is a ${inWords(type)}`}`,
    );
  }
  if (
    eligibility.organisations &&
    (fact.organisation === undefined || !eligibility.organisations.includes(fact.organisation.id))
  ) {
    failures.push(
      `the seat is for someone from ${listInWords(eligibility.organisations.map((id) => bodyName(constitution, id)))}, but ${fact.organisation === undefined ? 'no organisation is recorded' : `they are from ${fact.organisation.name ?? fact.organisation.id}`}`,
    );
  }
  if (eligibility.constituent) {
    const constituentIds = new Set((constitution.constituents ?? []).map((body) => body.id));
    if (fact.organisation === undefined || !constituentIds.has(fact.organisation.id)) {
      failures.push(
        `the seat is for someone from a constituent body, but ${fact.organisation === undefined ? 'no organisation is recorded' : `${fact.organisation.name ?? fact.organisation.id} is not one`}`,
      );
    }
  }
  if (
    Array.isArray(eligibility.sectors) &&
    (member.sector === undefined || !eligibility.sectors.includes(member.sector))
  ) {
    failures.push(
      `the seat is for ${listInWords(eligibility.sectors.map((sector) => sectorName(constitution, sector)))}, but ${member.sector === undefined ? 'no sector is recorded' : `they are in ${sectorName(constitution, member.sector)}`}`,
    );
  }
  return failures;
}

/** How a holder was recorded as filling a seat, in words. */
const fillMethodWords: Record<FillMethod, string> = {
  exOfficio: 'ex officio',
  nominated: 'nominated',
  elected: 'elected',
  appointed: 'appointed',
  coOpted: 'co-opted',
  toBeDetermined: 'filled by a route to be determined',
};

function routeFailure(constitution: Constitution, member: ResolvedMember): string | undefined {
  const recorded = member.fact.filledBy;
  if (!recorded) return undefined;
  const rule = member.seat.filledBy;
  if (recorded.method !== rule.method) {
    return `the seat is filled ${describeRoute(constitution, member.seat)}, but this holder is recorded as ${fillMethodWords[recorded.method]}`;
  }
  const expectedBy = fillingBody(member.seat);
  if (expectedBy !== undefined && recorded.by !== undefined && recorded.by !== expectedBy) {
    return `the seat is filled ${describeRoute(constitution, member.seat)}, but this holder is recorded as ${fillMethodWords[recorded.method]} by ${bodyName(constitution, recorded.by)}`;
  }
  return undefined;
}

/** How a seat is filled, in words: "nominated by the sector's CCG". */
export function describeRoute(constitution: Constitution, seat: Seat): string {
  const rule = seat.filledBy;
  switch (rule.method) {
    case 'exOfficio':
      return `ex officio by the ${rule.office}${rule.of ? ` of ${bodyName(constitution, rule.of)}` : ''}`;
    case 'nominated':
      return `by nomination of ${bodyName(constitution, rule.by)}`;
    case 'elected':
      return `by election by ${bodyName(constitution, rule.by)}`;
    case 'appointed':
      return rule.by ? `by appointment by ${bodyName(constitution, rule.by)}` : 'by appointment';
    case 'coOpted':
      return 'by co-option';
    case 'toBeDetermined':
      return 'in a way still to be determined';
  }
}

/**
 * Check a membership against the constitution: eligibility, route, and every count (per seat, per
 * sector, per organisation, per seat group), plus whether the chair and vice-chair are filled.
 *
 * To check a proposed appointment, pass the current members plus the candidate: a refusal names
 * the clause the appointment would break.
 *
 * @returns Refusals (the membership may not stand), vacancies, and an explanation; or errors when
 *   the facts do not fit the constitution (a seat it does not define, an unknown sector).
 */
export function validateComposition(
  constitution: Constitution,
  members: readonly MemberFact[],
): EngineResult<CompositionResult> {
  const facts = parseFacts(memberFactSchema.array(), members);
  if (!facts.ok) return facts;
  const resolved = resolveMembers(constitution, facts.value);
  if (!resolved.ok) return resolved;
  const chair = identifyOfficeHolder(constitution, resolved.value, 'chair', {
    countsCheckedElsewhere: true,
  });
  if (!chair.ok) return chair;
  const viceChair = identifyOfficeHolder(constitution, resolved.value, 'viceChair', {
    countsCheckedElsewhere: true,
  });
  if (!viceChair.ok) return viceChair;

  // Eligibility and per-sector or per-organisation breaches first: they say most precisely what
  // is wrong ("a third chief executive from North West"); the totals they also break come after.
  const findings: CompositionViolation[] = [];
  const totals: CompositionViolation[] = [];
  const counted: CountedFact[] = [];
  for (const member of resolved.value) {
    const failures = eligibilityFailures(constitution, member);
    if (failures.length > 0) {
      findings.push({
        finding: 'notEligible',
        severity: 'refused',
        clause: member.seat.clause,
        text: member.seat.text,
        message: `${member.fact.name} may not hold "${member.seat.title}": ${failures.join('; ')}`,
        role: member.seat.role,
        memberIds: [member.fact.id],
      });
    }
    const route = routeFailure(constitution, member);
    if (route) {
      findings.push({
        finding: 'wrongRoute',
        severity: 'refused',
        clause: member.seat.clause,
        text: member.seat.text,
        message: `${member.fact.name} may not hold "${member.seat.title}": ${route}`,
        role: member.seat.role,
        memberIds: [member.fact.id],
      });
    }
  }

  for (const group of constitution.seatGroups ?? []) {
    const roles = new Set(group.roles);
    const holders = resolved.value.filter((member) => roles.has(member.seat.role));
    if (group.count) {
      totals.push(
        ...checkCount({
          holders,
          count: group.count,
          rule: group,
          what: group.title,
          role: group.id,
          scope: '',
        }),
      );
    }
    if (group.perSector) {
      for (const sector of constitution.sectors ?? []) {
        findings.push(
          ...checkCount({
            holders: holders.filter((member) => member.sector === sector.id),
            count: group.perSector,
            rule: group,
            what: `${group.title} from ${sector.name}`,
            role: group.id,
            sector: sector.id,
            scope: ' per sector',
          }),
        );
      }
    }
  }

  for (const seat of constitution.seats) {
    const holders = resolved.value.filter((member) => member.seat.role === seat.role);
    counted.push({
      label: seat.title,
      count: holders.length,
      names: holders.map((member) => member.fact.name),
    });
    totals.push(
      ...checkCount({
        holders,
        count: seat.count,
        rule: seat,
        what: seat.title,
        role: seat.role,
        scope: '',
      }),
    );
    const sectors = seatSectors(constitution, seat);
    if (seat.perSector && sectors) {
      for (const sector of sectors) {
        findings.push(
          ...checkCount({
            holders: holders.filter((member) => member.sector === sector),
            count: seat.perSector,
            rule: seat,
            what: `${seat.title} from ${sectorName(constitution, sector)}`,
            role: seat.role,
            sector,
            scope: ' per sector',
          }),
        );
      }
    }
    if (seat.perOrganisation) {
      const organisations = new Set(
        holders.flatMap((member) =>
          member.fact.organisation ? [member.fact.organisation.id] : [],
        ),
      );
      if (seat.eligibility?.constituent) {
        const types = seat.eligibility.organisationTypes;
        for (const body of constitution.constituents ?? []) {
          if (!types || (body.type !== undefined && types.includes(body.type)))
            organisations.add(body.id);
        }
      }
      for (const organisation of organisations) {
        findings.push(
          ...checkCount({
            holders: holders.filter((member) => member.fact.organisation?.id === organisation),
            count: seat.perOrganisation,
            rule: seat,
            what: `${seat.title} from ${bodyName(constitution, organisation)}`,
            role: seat.role,
            organisation,
            scope: ' per organisation',
          }),
        );
      }
    }
  }

  findings.push(...totals);
  const offices: Array<['chair' | 'viceChair', ResolvedMember | undefined]> = [
    ['chair', chair.value],
    ['viceChair', viceChair.value],
  ];
  for (const [office, holder] of offices) {
    const rule = office === 'chair' ? constitution.chair : constitution.chair.viceChair;
    if (rule && rule.selection.method === 'elected' && !holder) {
      findings.push({
        finding: 'officeUnfilled',
        severity: 'vacancy',
        clause: rule.clause,
        text: rule.text,
        message: `no ${office === 'chair' ? 'chair' : 'vice-chair'} has been elected`,
        memberIds: [],
      });
    }
  }

  const refusals = findings.filter((finding) => finding.severity === 'refused');
  const vacancies = findings.filter((finding) => finding.severity === 'vacancy');
  const deciding = refusals[0] ?? vacancies[0];
  const firstSeat = constitution.seats[0];
  const clauseSource: Provenance = deciding ?? firstSeat ?? constitution.chair;
  const summary =
    refusals.length > 0
      ? `Refused under ${refusals[0]?.clause}: ${refusals[0]?.message}.`
      : vacancies.length > 0
        ? `Allowed, with ${plural(vacancies.length, 'vacancy', 'vacancies')}: ${vacancies.map((vacancy) => vacancy.message).join('; ')}.`
        : `Allowed: every holder is eligible and every seat is within its count.`;
  const lines = [
    `${plural(resolved.value.length, 'member')} checked against ${constitution.identity.title} (version ${constitution.identity.version}).`,
    ...counted.map((entry) => `${entry.label}: ${entry.count}.`),
    ...refusals.map((refusal) => `Refused (${refusal.clause}): ${refusal.message}.`),
    ...vacancies.map((vacancy) => `Vacancy (${vacancy.clause}): ${vacancy.message}.`),
  ];
  return success({
    valid: refusals.length === 0,
    complete: refusals.length === 0 && vacancies.length === 0,
    refusals,
    vacancies,
    explanation: {
      clause: clauseSource.clause,
      text: clauseSource.text,
      summary,
      counted,
      missing: vacancies.map((vacancy) => vacancy.message),
      excluded: [],
      citations: uniqueCitations(
        findings.length > 0
          ? findings.map((finding) => {
              const seat = finding.role ? seatByRole(constitution, finding.role) : undefined;
              return seat?.assumption && seat.clause === finding.clause
                ? citationOf(seat)
                : { clause: finding.clause, text: finding.text };
            })
          : constitution.seats.map(citationOf),
      ),
      lines,
    },
  });
}
