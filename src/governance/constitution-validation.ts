/**
 * Turns an untrusted document into a `Constitution`, or into a list of issues each with the path
 * of the offending value, so a loader can point at the line. Shape comes from the zod schema; the
 * checks here need the whole document: every reference resolves (a ladder step naming a body that
 * does not exist is refused), counts do not contradict each other, a quorum can be met at all, a
 * body that may not decide is never named as deciding, and every clause names a declared source.
 */
import type { z } from 'zod';
import { dayNumber } from './calendar.ts';
import {
  allBodies,
  bodyById,
  expandRoles,
  fillingBody,
  methodById,
  seatByRole,
  seatGroupById,
  seatSectors,
  sectorIds,
} from './constitution-model.ts';
import {
  type Constitution,
  constitutionSchema,
  eachConstituent,
  type QuorumCondition,
  type Seat,
} from './constitution-schema.ts';
import {
  addBounds,
  type Bounds,
  boundsOf,
  boundsOverlap,
  describeBounds,
  describeCount,
  scaleBounds,
} from './counts.ts';

export type ConstitutionIssueCode =
  | 'schema'
  | 'duplicate-id'
  | 'unknown-reference'
  | 'unknown-source'
  | 'contradiction'
  | 'not-decision-making'
  | 'ladder-order';

export type IssuePath = ReadonlyArray<string | number>;

/** Something wrong with a constitution document, at a path into it. */
export interface ConstitutionIssue {
  readonly code: ConstitutionIssueCode;
  readonly path: IssuePath;
  readonly message: string;
}

export type ParseConstitutionResult =
  | { readonly ok: true; readonly constitution: Constitution }
  | { readonly ok: false; readonly issues: readonly ConstitutionIssue[] };

/**
 * Validate an untrusted value (parsed YAML or JSON) as a constitution: its shape, then every
 * cross-reference and contradiction. Returns the typed constitution or every issue found, each
 * with a path into the document.
 */
export function parseConstitution(input: unknown): ParseConstitutionResult {
  const parsed = constitutionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: describeSchemaIssues(parsed.error.issues, input) };
  }
  const issues = checkConstitution(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, constitution: parsed.data };
}

// --- Shape issues -----------------------------------------------------------------------------

type SchemaIssue = z.core.$ZodIssue;

function valueAt(input: unknown, path: IssuePath): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The issues of one branch of a union that only say "this is not the branch you meant". */
function branchMismatches(branch: readonly SchemaIssue[], value: unknown): number {
  return branch.filter(
    (issue) =>
      issue.path.length === 0 ||
      (issue.path.length === 1 && valueAt(value, issue.path as IssuePath) === undefined),
  ).length;
}

/** The keys a union's branches wanted, for "expected one of …" when no branch fits. */
function branchKeys(branches: readonly (readonly SchemaIssue[])[], value: unknown): string[] {
  const keys = new Set<string>();
  for (const branch of branches) {
    for (const issue of branch) {
      const [key] = issue.path;
      if (
        issue.path.length === 1 &&
        typeof key === 'string' &&
        valueAt(value, [key]) === undefined
      ) {
        keys.add(key);
      }
    }
  }
  return [...keys];
}

/**
 * zod reports a failed union as every branch's failures; for a person only the branch they meant
 * matters. The branch meant is the one whose keys the value has: follow it, and when no branch
 * fits at all, say which forms are allowed.
 */
export function describeSchemaIssues(
  issues: readonly SchemaIssue[],
  input: unknown,
  basePath: IssuePath = [],
): ConstitutionIssue[] {
  const described: ConstitutionIssue[] = [];
  for (const issue of issues) {
    const path = [...basePath, ...(issue.path as IssuePath)];
    const value = valueAt(input, path);
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const ranked = issue.errors
        .map((branch) => ({ branch, mismatches: branchMismatches(branch, value) }))
        .sort((left, right) => left.mismatches - right.mismatches);
      const best = ranked[0];
      if (best && best.mismatches === 0) {
        described.push(...describeSchemaIssues(best.branch, input, path));
      } else {
        const allowed = branchKeys(issue.errors, value);
        const given =
          value !== null && typeof value === 'object'
            ? Object.keys(value).join(', ')
            : typeof value;
        described.push({
          code: 'schema',
          path,
          message:
            allowed.length > 0
              ? `not a recognised form (${given}): expected one of ${allowed.join(', ')}`
              : 'does not match any allowed form',
        });
      }
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        described.push({ code: 'schema', path: [...path, key], message: `unknown field "${key}"` });
      }
    } else if (issue.code === 'invalid_type' && value === undefined) {
      const field = path[path.length - 1];
      described.push({
        code: 'schema',
        path,
        message: `missing required field "${String(field)}"`,
      });
    } else {
      described.push({ code: 'schema', path, message: issue.message });
    }
  }
  return described;
}

// --- Whole-document checks --------------------------------------------------------------------

class IssueList {
  readonly issues: ConstitutionIssue[] = [];
  add(code: ConstitutionIssueCode, path: IssuePath, message: string): void {
    this.issues.push({ code, path, message });
  }
}

function checkUnique(
  found: IssueList,
  entries: ReadonlyArray<{ id: string; path: IssuePath }>,
  what: string,
): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id))
      found.add('duplicate-id', entry.path, `${what} "${entry.id}" is defined twice`);
    seen.add(entry.id);
  }
}

function checkConstitution(constitution: Constitution): ConstitutionIssue[] {
  const found = new IssueList();
  checkSources(constitution, found);
  checkSectorsAndBodies(constitution, found);
  checkSeats(constitution, found);
  checkSeatGroups(constitution, found);
  checkChair(constitution, found);
  checkQuorum(constitution, constitution.quorum.rule, ['quorum', 'rule'], found);
  checkDecisions(constitution, found);
  checkDisputes(constitution, found);
  checkDuties(constitution, found);
  if (dayNumber(constitution.review.date) < dayNumber(constitution.effective.date)) {
    found.add(
      'contradiction',
      ['review', 'date'],
      `the review date ${constitution.review.date} is before the effective date ${constitution.effective.date}`,
    );
  }
  return found.issues;
}

/** Every `clause` must start with a declared source id, so each rule names where it comes from. */
function checkSources(constitution: Constitution, found: IssueList): void {
  checkUnique(
    found,
    constitution.sources.map((source, index) => ({
      id: source.id,
      path: ['sources', index, 'id'],
    })),
    'source',
  );
  const sourceIds = constitution.sources.map((source) => source.id);
  const visit = (value: unknown, path: IssuePath): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index]);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'clause' && typeof child === 'string') {
          if (!sourceIds.some((id) => child === id || child.startsWith(`${id} `))) {
            found.add(
              'unknown-source',
              [...path, key],
              `clause "${child}" does not start with a declared source id (${sourceIds.join(', ')})`,
            );
          }
        } else {
          visit(child, [...path, key]);
        }
      }
    }
  };
  visit(constitution, []);
}

function checkSectorsAndBodies(constitution: Constitution, found: IssueList): void {
  const sectors = constitution.sectors ?? [];
  checkUnique(
    found,
    sectors.map((sector, index) => ({ id: sector.id, path: ['sectors', index, 'id'] })),
    'sector',
  );
  const known = new Set(sectorIds(constitution));
  const bodyEntries = [
    ...(constitution.bodies ?? []).map((body, index) => ({ body, path: ['bodies', index] })),
    ...(constitution.constituents ?? []).map((body, index) => ({
      body,
      path: ['constituents', index],
    })),
  ];
  checkUnique(
    found,
    bodyEntries.map((entry) => ({ id: entry.body.id, path: [...entry.path, 'id'] })),
    'body',
  );
  for (const { body, path } of bodyEntries) {
    if (body.id === eachConstituent || body.id === constitution.identity.id) {
      found.add(
        'duplicate-id',
        [...path, 'id'],
        `"${body.id}" is reserved: it already means ${body.id === eachConstituent ? 'each constituent body' : 'this body'}`,
      );
    }
    if (body.sector !== undefined && !known.has(body.sector)) {
      found.add('unknown-reference', [...path, 'sector'], unknownSectorMessage(body.sector, known));
    }
    if (body.perSector && known.size === 0) {
      found.add(
        'contradiction',
        [...path, 'perSector'],
        'a body per sector needs the constitution to declare its sectors',
      );
    }
  }
}

function unknownSectorMessage(sector: string, known: ReadonlySet<string>): string {
  return known.size === 0
    ? `sector "${sector}" is referred to but the constitution declares no sectors`
    : `unknown sector "${sector}": the sectors are ${[...known].join(', ')}`;
}

interface BodyReferenceOptions {
  /** When set, the body named must be allowed to take decisions; the words say in what role. */
  readonly deciding?: string;
}

function checkBodyReference(
  constitution: Constitution,
  reference: string,
  path: IssuePath,
  found: IssueList,
  options: BodyReferenceOptions = {},
): void {
  if (reference === constitution.identity.id) return;
  if (reference === eachConstituent) {
    if ((constitution.constituents ?? []).length === 0) {
      found.add(
        'unknown-reference',
        path,
        '"constituents" is used but no constituent bodies are declared',
      );
    }
    return;
  }
  const body = bodyById(constitution, reference);
  if (!body) {
    const known = [constitution.identity.id, ...allBodies(constitution).map((entry) => entry.id)];
    found.add(
      'unknown-reference',
      path,
      `unknown body "${reference}": declare it under bodies or constituents (known: ${known.join(', ')})`,
    );
    return;
  }
  if (options.deciding && body.decisionMaking?.allowed === false) {
    found.add(
      'not-decision-making',
      path,
      `${body.name} cannot be named ${options.deciding}: ${body.decisionMaking.clause} says "${body.decisionMaking.text}"`,
    );
  }
}

function checkRoleReferences(
  constitution: Constitution,
  references: readonly string[],
  path: IssuePath,
  found: IssueList,
  allowGroups: boolean,
): void {
  references.forEach((reference, index) => {
    if (seatByRole(constitution, reference)) return;
    if (allowGroups && seatGroupById(constitution, reference)) return;
    const known = [
      ...constitution.seats.map((seat) => seat.role),
      ...(allowGroups ? (constitution.seatGroups ?? []).map((group) => group.id) : []),
    ];
    found.add(
      'unknown-reference',
      [...path, index],
      `unknown role "${reference}": the ${allowGroups ? 'roles and seat groups' : 'roles'} are ${known.join(', ')}`,
    );
  });
}

function checkSeats(constitution: Constitution, found: IssueList): void {
  checkUnique(
    found,
    constitution.seats.map((seat, index) => ({ id: seat.role, path: ['seats', index, 'role'] })),
    'seat role',
  );
  const known = new Set(sectorIds(constitution));
  constitution.seats.forEach((seat, index) => {
    const path: IssuePath = ['seats', index];
    const eligibility = seat.eligibility;
    if (eligibility?.sectors === 'all' && known.size === 0) {
      found.add(
        'contradiction',
        [...path, 'eligibility', 'sectors'],
        'sectors "all" needs the constitution to declare its sectors',
      );
    } else if (Array.isArray(eligibility?.sectors)) {
      eligibility.sectors.forEach((sector, sectorIndex) => {
        if (!known.has(sector)) {
          found.add(
            'unknown-reference',
            [...path, 'eligibility', 'sectors', sectorIndex],
            unknownSectorMessage(sector, known),
          );
        }
      });
    }
    eligibility?.organisations?.forEach((organisation, organisationIndex) => {
      checkBodyReference(
        constitution,
        organisation,
        [...path, 'eligibility', 'organisations', organisationIndex],
        found,
      );
    });
    if (eligibility?.constituent && (constitution.constituents ?? []).length === 0) {
      found.add(
        'contradiction',
        [...path, 'eligibility', 'constituent'],
        'the seat is for constituent bodies but none are declared',
      );
    }
    const filledBy = seat.filledBy;
    const filler = fillingBody(seat);
    if (filler !== undefined) {
      checkBodyReference(
        constitution,
        filler,
        [...path, 'filledBy', filledBy.method === 'exOfficio' ? 'of' : 'by'],
        found,
      );
    }
    if (seat.perSector && known.size === 0) {
      found.add(
        'contradiction',
        [...path, 'perSector'],
        'a per-sector count needs the constitution to declare its sectors',
      );
    }
    checkSeatCounts(constitution, seat, path, found);
  });
}

function checkSeatCounts(
  constitution: Constitution,
  seat: Seat,
  path: IssuePath,
  found: IssueList,
): void {
  const total = boundsOf(seat.count);
  const sectors = seatSectors(constitution, seat);
  if (seat.perSector && sectors && sectors.length > 0) {
    const fromSectors = scaleBounds(boundsOf(seat.perSector), sectors.length);
    if (!boundsOverlap(total, fromSectors)) {
      found.add(
        'contradiction',
        [...path, 'perSector'],
        `contradictory count: ${describeCount(seat.perSector)} per sector across ${sectors.length} sectors is ${describeBounds(fromSectors)}, but the seat's count is ${describeCount(seat.count)}`,
      );
    }
  }
  if (seat.perOrganisation && seat.eligibility?.constituent) {
    const types = seat.eligibility.organisationTypes;
    const organisations = (constitution.constituents ?? []).filter(
      (body) => !types || (body.type !== undefined && types.includes(body.type)),
    );
    const fromOrganisations = scaleBounds(boundsOf(seat.perOrganisation), organisations.length);
    if (!boundsOverlap(total, fromOrganisations)) {
      found.add(
        'contradiction',
        [...path, 'perOrganisation'],
        `contradictory count: ${describeCount(seat.perOrganisation)} per constituent across ${organisations.length} constituents is ${describeBounds(fromOrganisations)}, but the seat's count is ${describeCount(seat.count)}`,
      );
    }
  }
}

function checkSeatGroups(constitution: Constitution, found: IssueList): void {
  const groups = constitution.seatGroups ?? [];
  checkUnique(
    found,
    groups.map((group, index) => ({ id: group.id, path: ['seatGroups', index, 'id'] })),
    'seat group',
  );
  groups.forEach((group, index) => {
    const path: IssuePath = ['seatGroups', index];
    if (seatByRole(constitution, group.id)) {
      found.add(
        'duplicate-id',
        [...path, 'id'],
        `seat group "${group.id}" has the same id as a seat role`,
      );
    }
    checkRoleReferences(constitution, group.roles, [...path, 'roles'], found, false);
    const seats = group.roles
      .map((role) => seatByRole(constitution, role))
      .filter((seat): seat is Seat => seat !== undefined);
    if (seats.length !== group.roles.length) return;
    const fromSeats = seats.map((seat) => boundsOf(seat.count)).reduce(addBounds);
    if (group.count && !boundsOverlap(boundsOf(group.count), fromSeats)) {
      found.add(
        'contradiction',
        [...path, 'count'],
        `contradictory count: the group's seats allow ${describeBounds(fromSeats)} in total, but the group's count is ${describeCount(group.count)}`,
      );
    }
    if (group.perSector) {
      const sectors = sectorIds(constitution);
      if (sectors.length === 0) {
        found.add(
          'contradiction',
          [...path, 'perSector'],
          'a per-sector count needs the constitution to declare its sectors',
        );
        return;
      }
      const fromSectors = scaleBounds(boundsOf(group.perSector), sectors.length);
      if (group.count && !boundsOverlap(boundsOf(group.count), fromSectors)) {
        found.add(
          'contradiction',
          [...path, 'perSector'],
          `contradictory count: ${describeCount(group.perSector)} per sector across ${sectors.length} sectors is ${describeBounds(fromSectors)}, but the group's count is ${describeCount(group.count)}`,
        );
      }
      if (seats.every((seat) => seat.perSector)) {
        const seatsPerSector = seats
          .map((seat) => boundsOf(seat.perSector ?? { atLeast: 0 }))
          .reduce(addBounds);
        if (!boundsOverlap(boundsOf(group.perSector), seatsPerSector)) {
          found.add(
            'contradiction',
            [...path, 'perSector'],
            `contradictory count: the group's seats allow ${describeBounds(seatsPerSector)} per sector, but the group allows ${describeCount(group.perSector)}`,
          );
        }
      }
    }
  });
}

function checkChair(constitution: Constitution, found: IssueList): void {
  const checkSelection = (
    selection: Constitution['chair']['selection'],
    path: IssuePath,
    office: string,
  ): void => {
    if (selection.method === 'exOfficio') {
      const seat = seatByRole(constitution, selection.role);
      if (!seat) {
        found.add(
          'unknown-reference',
          [...path, 'role'],
          `unknown role "${selection.role}": the roles are ${constitution.seats.map((entry) => entry.role).join(', ')}`,
        );
        return;
      }
      const bounds = boundsOf(seat.count);
      if (bounds.max !== 1) {
        found.add(
          'contradiction',
          [...path, 'role'],
          `the ${office} is the holder of seat "${seat.role}", so that seat must have at most one holder (its count is ${describeCount(seat.count)})`,
        );
      }
    } else if (selection.fromRoles) {
      checkRoleReferences(constitution, selection.fromRoles, [...path, 'fromRoles'], found, true);
    }
  };
  checkSelection(constitution.chair.selection, ['chair', 'selection'], 'chair');
  if (constitution.chair.viceChair) {
    checkSelection(
      constitution.chair.viceChair.selection,
      ['chair', 'viceChair', 'selection'],
      'vice-chair',
    );
  }
  const presiding = constitution.chair.whenAbsent.presiding;
  if (
    (presiding === 'viceChair' || presiding === 'viceChairThenMembersElect') &&
    !constitution.chair.viceChair
  ) {
    found.add(
      'contradiction',
      ['chair', 'whenAbsent', 'presiding'],
      `"${presiding}" needs a vice-chair, but none is defined`,
    );
  }
}

/** The most holders the named roles can ever have, or undefined when unlimited. */
function maximumHolders(
  constitution: Constitution,
  references: readonly string[],
): number | undefined {
  let total: Bounds = { min: 0, max: 0 };
  for (const role of expandRoles(constitution, references)) {
    const seat = seatByRole(constitution, role);
    if (seat) total = addBounds(total, boundsOf(seat.count));
  }
  for (const reference of references) {
    const groupCount = seatGroupById(constitution, reference)?.count;
    if (groupCount && references.length === 1) {
      const groupMax = boundsOf(groupCount).max;
      if (groupMax !== undefined && (total.max === undefined || groupMax < total.max))
        return groupMax;
    }
  }
  return total.max;
}

function checkQuorum(
  constitution: Constitution,
  condition: QuorumCondition,
  path: IssuePath,
  found: IssueList,
): void {
  if ('allOf' in condition) {
    condition.allOf.forEach((child, index) => {
      checkQuorum(constitution, child, [...path, 'allOf', index], found);
    });
  } else if ('anyOf' in condition) {
    condition.anyOf.forEach((child, index) => {
      checkQuorum(constitution, child, [...path, 'anyOf', index], found);
    });
  } else if ('atLeast' in condition) {
    const rolesPath = [...path, 'atLeast', 'roles'];
    const before = found.issues.length;
    checkRoleReferences(constitution, condition.atLeast.roles, rolesPath, found, true);
    if (found.issues.length > before) return;
    const maximum = maximumHolders(constitution, condition.atLeast.roles);
    if (maximum !== undefined && condition.atLeast.count > maximum) {
      found.add(
        'contradiction',
        [...path, 'atLeast', 'count'],
        `the quorum can never be met: it needs at least ${condition.atLeast.count} but the seats allow at most ${maximum}`,
      );
    }
  } else if ('atLeastOnePerSector' in condition) {
    const rolesPath = [...path, 'atLeastOnePerSector', 'roles'];
    const before = found.issues.length;
    checkRoleReferences(constitution, condition.atLeastOnePerSector.roles, rolesPath, found, true);
    if (found.issues.length > before) return;
    const sectors = sectorIds(constitution);
    if (sectors.length === 0) {
      found.add(
        'contradiction',
        [...path, 'atLeastOnePerSector'],
        'a per-sector quorum needs the constitution to declare its sectors',
      );
      return;
    }
    const covered = new Set<string>();
    for (const role of expandRoles(constitution, condition.atLeastOnePerSector.roles)) {
      const seat = seatByRole(constitution, role);
      const seatSectorList = seat ? seatSectors(constitution, seat) : undefined;
      if (!seatSectorList) {
        found.add(
          'contradiction',
          rolesPath,
          `seat "${role}" is not tied to a sector (give it eligibility.sectors or a per-sector count), so it cannot be counted per sector`,
        );
        return;
      }
      for (const sector of seatSectorList) covered.add(sector);
    }
    const uncovered = sectors.filter((sector) => !covered.has(sector));
    if (uncovered.length > 0) {
      found.add(
        'contradiction',
        rolesPath,
        `the quorum can never be met: no seat counted can be held from ${uncovered.join(', ')}`,
      );
    }
  } else if ('fractionOfMembership' in condition) {
    if (
      condition.fractionOfMembership.membership === 'voting' &&
      !constitution.seats.some((seat) => seat.voting.entitled)
    ) {
      found.add(
        'contradiction',
        [...path, 'fractionOfMembership'],
        'a fraction of the voting membership needs at least one voting seat',
      );
    }
  } else if ('officerAndNonOfficer' in condition) {
    const types = new Set(constitution.seats.map((seat) => seat.memberType));
    if (!types.has('officer') || !types.has('nonOfficer')) {
      found.add(
        'contradiction',
        [...path, 'officerAndNonOfficer'],
        'an officer and a non-officer member are required, so seats must be marked memberType: officer and memberType: nonOfficer',
      );
    }
  }
}

function checkDecisions(constitution: Constitution, found: IssueList): void {
  const methods = constitution.decisionMethods;
  checkUnique(
    found,
    methods.map((method, index) => ({ id: method.id, path: ['decisionMethods', index, 'id'] })),
    'decision method',
  );
  methods.forEach((method, index) => {
    const path: IssuePath = ['decisionMethods', index];
    if (method.kind === 'consensus') {
      const fallback = method.withoutConsensus;
      if (fallback.fallback === 'advice') {
        fallback.to.forEach((body, bodyIndex) => {
          checkBodyReference(
            constitution,
            body,
            [...path, 'withoutConsensus', 'to', bodyIndex],
            found,
          );
        });
      } else if (!constitution.disputes) {
        found.add(
          'unknown-reference',
          [...path, 'withoutConsensus', 'fallback'],
          'the fallback is the dispute procedure, but the constitution has none (add disputes)',
        );
      }
    } else if (method.kind === 'reserved') {
      method.decidedBy.forEach((body, bodyIndex) => {
        checkBodyReference(constitution, body, [...path, 'decidedBy', bodyIndex], found, {
          deciding: 'as deciding a reserved matter',
        });
      });
      if (method.adviceBy !== undefined) {
        const advice = methodById(constitution, method.adviceBy);
        if (!advice) {
          found.add(
            'unknown-reference',
            [...path, 'adviceBy'],
            `unknown decision method "${method.adviceBy}"`,
          );
        } else if (advice.kind !== 'consensus') {
          found.add(
            'contradiction',
            [...path, 'adviceBy'],
            `advice is formed by consensus, but "${advice.id}" is ${advice.kind}`,
          );
        }
      }
    }
  });
  const kinds = constitution.decisionKinds;
  checkUnique(
    found,
    kinds.map((kind, index) => ({ id: kind.id, path: ['decisionKinds', index, 'id'] })),
    'decision kind',
  );
  kinds.forEach((kind, index) => {
    const path: IssuePath = ['decisionKinds', index];
    if (!methodById(constitution, kind.method)) {
      found.add(
        'unknown-reference',
        [...path, 'method'],
        `unknown decision method "${kind.method}": the methods are ${methods.map((method) => method.id).join(', ')}`,
      );
    }
    kind.binds?.on.forEach((body, bodyIndex) => {
      checkBodyReference(constitution, body, [...path, 'binds', 'on', bodyIndex], found, {
        deciding: 'as bound by a decision',
      });
    });
  });
}

function checkDisputes(constitution: Constitution, found: IssueList): void {
  const disputes = constitution.disputes;
  if (!disputes) return;
  if (disputes.alongside) {
    checkBodyReference(
      constitution,
      disputes.alongside.performanceManagementBy,
      ['disputes', 'alongside', 'performanceManagementBy'],
      found,
    );
  }
  checkUnique(
    found,
    disputes.categories.map((category, index) => ({
      id: category.id,
      path: ['disputes', 'categories', index, 'id'],
    })),
    'dispute category',
  );
  disputes.categories.forEach((category, categoryIndex) => {
    const ladderPath: IssuePath = ['disputes', 'categories', categoryIndex, 'ladder'];
    checkUnique(
      found,
      category.ladder.map((step, index) => ({ id: step.id, path: [...ladderPath, index, 'id'] })),
      'ladder step',
    );
    const last = category.ladder.length - 1;
    category.ladder.forEach((step, index) => {
      const path: IssuePath = [...ladderPath, index];
      if (step.step === 'agreeProcess') {
        if (index !== 0) {
          found.add(
            'ladder-order',
            [...path, 'step'],
            'agreeing the decision process must be the first step: joint work may not start without it',
          );
        }
        if (step.agreedBy !== undefined)
          checkBodyReference(constitution, step.agreedBy, [...path, 'agreedBy'], found);
      } else if (step.step === 'signOff') {
        if (index !== last)
          found.add(
            'ladder-order',
            [...path, 'step'],
            'sign-off must be the last step of the ladder',
          );
        checkBodyReference(constitution, step.by, [...path, 'by'], found, {
          deciding: 'as signing off',
        });
      } else if (step.step === 'facilitation') {
        checkBodyReference(constitution, step.by, [...path, 'by'], found);
      } else if (step.step === 'vote') {
        const method = methodById(constitution, step.method);
        if (!method) {
          found.add(
            'unknown-reference',
            [...path, 'method'],
            `unknown decision method "${step.method}"`,
          );
        } else if (method.kind !== 'simpleMajority' && method.kind !== 'supermajority') {
          found.add(
            'contradiction',
            [...path, 'method'],
            `a vote step needs a majority method, but "${method.id}" is ${method.kind}`,
          );
        }
      }
    });
    const resolving = category.ladder.filter(
      (step) => step.step === 'vote' || step.step === 'mediation' || step.step === 'facilitation',
    );
    if (resolving.length === 0) {
      found.add(
        'ladder-order',
        ladderPath,
        'the ladder needs at least one step that can resolve the dispute (vote, mediation or facilitation)',
      );
    }
  });
}

function checkDuties(constitution: Constitution, found: IssueList): void {
  constitution.accountableTo.forEach((accountability, index) => {
    accountability.to.forEach((body, bodyIndex) => {
      checkBodyReference(constitution, body, ['accountableTo', index, 'to', bodyIndex], found);
    });
  });
  if (constitution.adoption)
    checkBodyReference(constitution, constitution.adoption.by, ['adoption', 'by'], found);
  if (constitution.delegation)
    checkBodyReference(constitution, constitution.delegation.from, ['delegation', 'from'], found);
  constitution.review.earlierReview?.by.forEach((body, index) => {
    checkBodyReference(constitution, body, ['review', 'earlierReview', 'by', index], found);
  });
  const reporting = constitution.reporting ?? [];
  checkUnique(
    found,
    reporting.map((duty, index) => ({ id: duty.id, path: ['reporting', index, 'id'] })),
    'reporting duty',
  );
  reporting.forEach((duty, index) => {
    duty.to.forEach((body, bodyIndex) => {
      checkBodyReference(constitution, body, ['reporting', index, 'to', bodyIndex], found);
    });
    if (duty.by)
      checkRoleReferences(constitution, duty.by, ['reporting', index, 'by'], found, true);
  });
  checkUnique(
    found,
    (constitution.provisions ?? []).map((provision, index) => ({
      id: provision.id,
      path: ['provisions', index, 'id'],
    })),
    'provision',
  );
}
