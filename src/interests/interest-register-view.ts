import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { interestKindText } from '../meetings/index.ts';
import {
  resolveHoldings,
  selectCurrentHoldings,
  selectPostsOfPeopleAndOrganisations,
} from '../membership/index.ts';
import { selectPerson } from '../registry/index.ts';
import { notFound } from '../shared/problems.ts';
import {
  type AnnualDeclarationRecord,
  type InterestRecord,
  selectAnnualDeclarations,
  selectAnnualDeclarationsForYear,
  selectBodySlugsOfPerson,
  selectInterestsOfPeople,
} from './interest-queries.ts';
import {
  annualDeclarationRule,
  declarationLateness,
  declarationSummaryText,
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

export function declarationView(declaration: AnnualDeclarationRecord): AnnualDeclarationView {
  return {
    year: declaration.year,
    isNilReturn: declaration.isNilReturn,
    declaredOn: declaration.declaredOn,
  };
}

export async function loadPerson(db: Database, personId: string) {
  const person = await selectPerson(db, personId);
  if (!person) throw notFound('person', personId);
  return person;
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
