import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { type InterestKind, interestKindText } from '../meetings/index.ts';
import {
  resolveHoldings,
  selectCurrentHoldings,
  selectPostsOfPeopleAndOrganisations,
} from '../membership/index.ts';
import { selectPerson } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  invalidInput,
  isUniqueViolation,
  notFound,
  ProblemError,
} from '../shared/problems.ts';
import {
  type AnnualDeclarationRecord,
  type InterestRecord,
  insertAnnualDeclaration,
  insertInterest,
  lockPerson,
  selectAnnualDeclarations,
  selectAnnualDeclarationsForYear,
  selectBodySlugsOfPerson,
  selectInterestsOfPeople,
} from './interest-queries.ts';
import {
  annualDeclarationProblem,
  annualDeclarationRule,
  declarationLateness,
  declarationSummaryText,
  entryDateProblems,
  guidance,
  isCurrentOn,
  type Lateness,
  mayReadWithheldEntries,
  mayRecordInterests,
} from './interest-rules.ts';

/** One entry as a reader sees it: a withheld entry's description only for those entitled. */
export interface InterestView {
  id: string;
  kind: string;
  kindText: string;
  /** Null when the entry is withheld from this reader. */
  description: string | null;
  withheld: boolean;
  withheldReason: string | null;
  aroseOn: string;
  declaredOn: string;
  endedOn: string | null;
  current: boolean;
  lateness: Lateness;
}

export interface AnnualDeclarationView {
  year: number;
  isNilReturn: boolean;
  declaredOn: string;
}

function interestView(
  entry: InterestRecord,
  mayReadWithheld: boolean,
  today: string,
): InterestView {
  const withheld = entry.withheldReason !== null;
  return {
    id: entry.id,
    kind: entry.kind,
    kindText: interestKindText(entry.kind),
    description: withheld && !mayReadWithheld ? null : entry.description,
    withheld,
    withheldReason: entry.withheldReason,
    aroseOn: entry.aroseOn,
    declaredOn: entry.declaredOn,
    endedOn: entry.endedOn,
    current: isCurrentOn(entry, today),
    lateness: declarationLateness(entry),
  };
}

function declarationView(declaration: AnnualDeclarationRecord): AnnualDeclarationView {
  return {
    year: declaration.year,
    isNilReturn: declaration.isNilReturn,
    declaredOn: declaration.declaredOn,
  };
}

async function loadPerson(db: Database, personId: string) {
  const person = await selectPerson(db, personId);
  if (!person) throw notFound('person', personId);
  return person;
}

/**
 * The person whose register is to change, once the actor is known to be allowed to change it
 * (the person, an administrator, or the secretariat of a body they sit on); 404 or 403 otherwise.
 * Decided from the person alone, so the routes ask it before the body is read: a refusal never
 * depends on what was sent (docs/security.md).
 */
export async function personWhoseRegisterMayChange(options: {
  db: Database;
  actor: Actor;
  personId: string;
  now: Date;
}) {
  const person = await loadPerson(options.db, options.personId);
  const bodySlugs = await selectBodySlugsOfPerson(options.db, person.id, londonDate(options.now));
  if (mayRecordInterests(options.actor, { ...person, bodySlugs })) return person;
  throw new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only ${person.name}, an administrator or the secretariat of a body ${person.name} sits on may change this register of interests.`,
  });
}

export interface PersonRegister {
  person: { id: string; name: string; isFictional: boolean };
  today: string;
  year: number;
  entries: InterestView[];
  annualDeclarations: AnnualDeclarationView[];
  /** Whether this year's declaration (or nil return) has been made. */
  declaredThisYear: boolean;
  /** Whether this reader may add entries and make the annual declaration. */
  mayRecord: boolean;
  mayReadWithheld: boolean;
  rule: { guidance: string; twentyEightDays: string; annual: string };
}

/** A person's register of interests, with late flags and annual declarations. */
export async function getPersonRegister(options: {
  db: Database;
  actor: Actor;
  personId: string;
  now: Date;
}): Promise<PersonRegister> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const year = Number(today.slice(0, 4));
  const person = await loadPerson(db, options.personId);
  const bodySlugs = await selectBodySlugsOfPerson(db, person.id, today);
  const subject = { id: person.id, bodySlugs };
  const mayReadWithheld = mayReadWithheldEntries(actor, subject);
  const [entries, declarations] = await Promise.all([
    selectInterestsOfPeople(db, [person.id]),
    selectAnnualDeclarations(db, person.id),
  ]);
  return {
    person,
    today,
    year,
    entries: entries.map((entry) => interestView(entry, mayReadWithheld, today)),
    annualDeclarations: declarations.map(declarationView),
    declaredThisYear: declarations.some((declaration) => declaration.year === year),
    mayRecord: mayRecordInterests(actor, subject),
    mayReadWithheld,
    rule: {
      guidance,
      twentyEightDays: 'Declare within 28 days of an interest arising',
      annual: annualDeclarationRule,
    },
  };
}

export interface RecordInterestOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  personId: string;
  kind: InterestKind;
  description: string;
  aroseOn: string;
  /** Defaults to today in London. */
  declaredOn?: string | undefined;
  endedOn?: string | undefined;
  /** Withholds the entry from the published register, for this reason. */
  withheldReason?: string | undefined;
}

/**
 * Adds an entry to a person's register. A declaration more than 28 days after the interest arose
 * is accepted — the register must be complete — but flagged late, quoting the rule.
 */
export async function recordInterest(
  options: RecordInterestOptions,
): Promise<{ interestId: string; declaredOn: string; lateness: Lateness }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const person = await personWhoseRegisterMayChange({
    db,
    actor,
    personId: options.personId,
    now: context.now,
  });
  const declaredOn = options.declaredOn ?? today;
  const dates = { aroseOn: options.aroseOn, declaredOn, endedOn: options.endedOn };
  const problems = entryDateProblems(dates, today);
  if (problems.length > 0) throw invalidInput(problems);
  const lateness = declarationLateness(dates);
  const entry: InterestRecord = {
    id: uuidv7(),
    personId: person.id,
    kind: options.kind,
    description: options.description,
    aroseOn: options.aroseOn,
    declaredOn,
    endedOn: options.endedOn ?? null,
    withheldReason: options.withheldReason?.trim() || null,
    recordedAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await lockPerson(transaction, person.id);
    await insertInterest(transaction, entry);
    await recordAuditEvents(transaction, context, [
      {
        action: 'interests.entry-recorded',
        entityType: 'register-of-interests',
        entityId: person.id,
        after: {
          interestId: entry.id,
          person: person.name,
          kind: entry.kind,
          description: entry.description,
          aroseOn: entry.aroseOn,
          declaredOn: entry.declaredOn,
          endedOn: entry.endedOn,
          withheldReason: entry.withheldReason,
          late: lateness.explanation,
        },
      },
    ]);
  });
  return { interestId: entry.id, declaredOn, lateness };
}

/**
 * The annual declaration for a year: confirming the interests listed, or a nil return ("nothing
 * to declare"), which is refused while an interest on the register was current that year. One
 * per person per year; a second is a conflict.
 */
export async function makeAnnualDeclaration(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  personId: string;
  year: number;
  isNilReturn: boolean;
}): Promise<AnnualDeclarationView> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const person = await personWhoseRegisterMayChange({
    db,
    actor,
    personId: options.personId,
    now: context.now,
  });
  const duplicate = () =>
    conflict(
      'year',
      `${person.name} has already made the annual declaration for ${options.year}; there is one per year.`,
    );
  const declaration: AnnualDeclarationRecord = {
    id: uuidv7(),
    personId: person.id,
    year: options.year,
    isNilReturn: options.isNilReturn,
    declaredOn: today,
    recordedAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await lockPerson(transaction, person.id);
      const made = await selectAnnualDeclarations(transaction, person.id);
      if (made.some((existing) => existing.year === options.year)) throw duplicate();
      const entries = await selectInterestsOfPeople(transaction, [person.id]);
      const problem = annualDeclarationProblem(declaration, entries, today);
      if (problem) throw invalidInput([problem]);
      await insertAnnualDeclaration(transaction, declaration);
      await recordAuditEvents(transaction, context, [
        {
          action: 'interests.annual-declaration-made',
          entityType: 'register-of-interests',
          entityId: person.id,
          after: {
            person: person.name,
            year: declaration.year,
            isNilReturn: declaration.isNilReturn,
            declaredOn: declaration.declaredOn,
          },
        },
      ]);
    });
  } catch (error) {
    // Two declarations racing past the check meet the unique index; the loser is told the same.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return declarationView(declaration);
}

export interface BodyRegister {
  body: { slug: string; title: string };
  today: string;
  year: number;
  summary: string;
  memberCount: number;
  missingDeclarationCount: number;
  members: {
    personId: string;
    name: string;
    seats: string[];
    interests: InterestView[];
    declaration: AnnualDeclarationView | null;
  }[];
  mayReadWithheld: boolean;
}

/**
 * The register of a body: each current member with their current interests, late flags, and
 * whether this year's declaration is made. A holding whose ex officio post has lapsed is not a
 * member, as the membership page counts it.
 */
export async function getBodyRegister(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}): Promise<BodyRegister> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const year = Number(today.slice(0, 4));
  const body = await loadBody(db, options.slug);
  const holdings = await selectCurrentHoldings(db, body.id, today);
  const inForce = await termsInForce(db, body.id, today);
  const standing = inForce
    ? resolveHoldings(
        inForce,
        holdings,
        await selectPostsOfPeopleAndOrganisations(
          db,
          [...new Set(holdings.map((holding) => holding.personId))],
          [...new Set(holdings.flatMap((holding) => holding.organisationId ?? []))],
        ),
        today,
      )
        .filter((resolved) => resolved.fact !== undefined)
        .map((resolved) => ({ holding: resolved.holding, seatTitle: resolved.seat?.title }))
    : holdings.map((holding) => ({ holding, seatTitle: undefined }));
  const members = new Map<string, { personId: string; name: string; seats: string[] }>();
  for (const { holding, seatTitle } of standing) {
    const member = members.get(holding.personId) ?? {
      personId: holding.personId,
      name: holding.personName,
      seats: [],
    };
    const seat = seatTitle ?? holding.seatRole;
    member.seats.push(holding.organisationName ? `${seat}, ${holding.organisationName}` : seat);
    members.set(holding.personId, member);
  }
  const personIds = [...members.keys()];
  const [entries, declarations] = await Promise.all([
    selectInterestsOfPeople(db, personIds),
    selectAnnualDeclarationsForYear(db, personIds, year),
  ]);
  const mayReadWithheld = mayReadWithheldEntries(actor, { id: '', bodySlugs: [body.slug] });
  const rows = [...members.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((member) => {
      const declaration = declarations.find((candidate) => candidate.personId === member.personId);
      // Each person reads their own withheld entries even where the body's register hides them.
      const readsWithheld =
        mayReadWithheld || (actor.kind === 'account' && actor.personId === member.personId);
      return {
        ...member,
        interests: entries
          .filter((entry) => entry.personId === member.personId && isCurrentOn(entry, today))
          .map((entry) => interestView(entry, readsWithheld, today)),
        declaration: declaration ? declarationView(declaration) : null,
      };
    });
  const missing = rows.filter((row) => row.declaration === null).length;
  return {
    body: { slug: body.slug, title: body.title },
    today,
    year,
    summary: declarationSummaryText(rows.length, missing, year),
    memberCount: rows.length,
    missingDeclarationCount: missing,
    members: rows,
    mayReadWithheld,
  };
}
