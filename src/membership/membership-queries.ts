import { and, asc, desc, eq, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { organisations, people, posts, sectors } from '../db/schema/registry.ts';

/** A seat holding with who holds it and whom they represent, as the registry has them. */
export interface HoldingRecord {
  id: string;
  seatRole: string;
  personId: string;
  personName: string;
  personIsFictional: boolean;
  organisationId: string | null;
  organisationName: string | null;
  organisationType: string | null;
  organisationSectorId: string | null;
  /** The sector's name in the registry ("North East"). */
  organisationSectorName: string | null;
  organisationOdsCode: string | null;
  fillMethod: string;
  filledBy: string | null;
  office: string | null;
  startsOn: string;
  endsOn: string | null;
}

/** A post someone holds or held at an organisation (chief executive of Brent Teaching PCT). */
export interface PostRecord {
  personId: string;
  personName: string;
  organisationId: string;
  role: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
}

export interface OrganisationRecord {
  id: string;
  name: string;
  type: string;
  sectorId: string | null;
  odsCode: string | null;
}

const holdingColumns = {
  id: seatHoldings.id,
  seatRole: seatHoldings.seatRole,
  personId: seatHoldings.personId,
  personName: people.name,
  personIsFictional: people.isFictional,
  organisationId: seatHoldings.organisationId,
  organisationName: organisations.name,
  organisationType: organisations.type,
  organisationSectorId: organisations.sectorId,
  organisationSectorName: sectors.name,
  organisationOdsCode: organisations.odsCode,
  fillMethod: seatHoldings.fillMethod,
  filledBy: seatHoldings.filledBy,
  office: seatHoldings.office,
  startsOn: seatHoldings.startsOn,
  endsOn: seatHoldings.endsOn,
};

/** Holdings in force on a date: started by then and not ended before it (`endsOn` is the last day). */
export async function selectCurrentHoldings(
  reader: Reader,
  bodyId: string,
  asOf: string,
): Promise<HoldingRecord[]> {
  return reader
    .select(holdingColumns)
    .from(seatHoldings)
    .innerJoin(people, eq(seatHoldings.personId, people.id))
    .leftJoin(organisations, eq(seatHoldings.organisationId, organisations.id))
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(
      and(
        eq(seatHoldings.bodyId, bodyId),
        lte(seatHoldings.startsOn, asOf),
        or(isNull(seatHoldings.endsOn), gte(seatHoldings.endsOn, asOf)),
      ),
    )
    .orderBy(asc(seatHoldings.seatRole), asc(organisations.name), asc(people.name));
}

/** Holdings that ended before a date, the most recently ended first: the former members. */
export async function selectFormerHoldings(
  reader: Reader,
  bodyId: string,
  asOf: string,
): Promise<HoldingRecord[]> {
  return reader
    .select(holdingColumns)
    .from(seatHoldings)
    .innerJoin(people, eq(seatHoldings.personId, people.id))
    .leftJoin(organisations, eq(seatHoldings.organisationId, organisations.id))
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(and(eq(seatHoldings.bodyId, bodyId), lt(seatHoldings.endsOn, asOf)))
    .orderBy(desc(seatHoldings.endsOn), asc(people.name));
}

/**
 * `column = any(ids)` with the ids as one array parameter: Drizzle's inArray makes a parameter of
 * each id, and building that query for a 2,000-member body took ~9 ms of CPU on every vote.
 */
function isAnyOf(column: AnyPgColumn, ids: readonly string[]) {
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}

/**
 * Every post, past or present, held by these people or at these organisations: enough to say what
 * post each member holds on a date, and who holds an ex officio post after it changed hands.
 */
export async function selectPostsOfPeopleAndOrganisations(
  reader: Reader,
  personIds: readonly string[],
  organisationIds: readonly string[],
): Promise<PostRecord[]> {
  if (personIds.length === 0 && organisationIds.length === 0) return [];
  return reader
    .select({
      personId: posts.personId,
      personName: people.name,
      organisationId: posts.organisationId,
      role: posts.role,
      title: posts.title,
      startsOn: posts.startsOn,
      endsOn: posts.endsOn,
    })
    .from(posts)
    .innerJoin(people, eq(posts.personId, people.id))
    .where(
      or(
        personIds.length > 0 ? isAnyOf(posts.personId, personIds) : undefined,
        organisationIds.length > 0 ? isAnyOf(posts.organisationId, organisationIds) : undefined,
      ),
    )
    .orderBy(asc(posts.startsOn));
}

/** People holding a post on a date, with the post and organisation: who may be appointed. */
export async function selectPeopleWithCurrentPosts(
  reader: Reader,
  asOf: string,
): Promise<(PostRecord & { organisationName: string })[]> {
  return reader
    .select({
      personId: posts.personId,
      personName: people.name,
      organisationId: posts.organisationId,
      organisationName: organisations.name,
      role: posts.role,
      title: posts.title,
      startsOn: posts.startsOn,
      endsOn: posts.endsOn,
    })
    .from(posts)
    .innerJoin(people, eq(posts.personId, people.id))
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .where(and(lte(posts.startsOn, asOf), or(isNull(posts.endsOn), gte(posts.endsOn, asOf))))
    .orderBy(asc(people.name), asc(organisations.name));
}

export async function selectOrganisations(reader: Reader): Promise<OrganisationRecord[]> {
  return reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      sectorId: organisations.sectorId,
      odsCode: organisations.odsCode,
    })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

export async function selectOrganisation(
  reader: Reader,
  id: string,
): Promise<OrganisationRecord | undefined> {
  const [row] = await reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      sectorId: organisations.sectorId,
      odsCode: organisations.odsCode,
    })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row;
}

/** Locks the body's row so two changes to its membership are checked one after the other. */
export async function lockBody(transaction: Transaction, bodyId: string): Promise<void> {
  await transaction
    .select({ id: bodies.id })
    .from(bodies)
    .where(eq(bodies.id, bodyId))
    .for('update');
}

export async function selectHoldingForUpdate(
  transaction: Transaction,
  id: string,
): Promise<
  | {
      id: string;
      bodyId: string;
      seatRole: string;
      personId: string;
      organisationId: string | null;
      fillMethod: string;
      office: string | null;
      startsOn: string;
      endsOn: string | null;
    }
  | undefined
> {
  const [row] = await transaction
    .select({
      id: seatHoldings.id,
      bodyId: seatHoldings.bodyId,
      seatRole: seatHoldings.seatRole,
      personId: seatHoldings.personId,
      organisationId: seatHoldings.organisationId,
      fillMethod: seatHoldings.fillMethod,
      office: seatHoldings.office,
      startsOn: seatHoldings.startsOn,
      endsOn: seatHoldings.endsOn,
    })
    .from(seatHoldings)
    .where(eq(seatHoldings.id, id))
    .for('update');
  return row;
}

export interface NewHolding {
  id: string;
  bodyId: string;
  seatRole: string;
  personId: string;
  organisationId: string | null;
  fillMethod: string;
  filledBy: string | null;
  office: 'chair' | 'viceChair' | null;
  startsOn: string;
  endsOn: string | null;
  createdAt: Date;
}

export async function insertHoldings(transaction: Transaction, rows: NewHolding[]): Promise<void> {
  if (rows.length > 0) await transaction.insert(seatHoldings).values(rows);
}

export async function setHoldingEnd(
  transaction: Transaction,
  id: string,
  endsOn: string,
): Promise<void> {
  await transaction.update(seatHoldings).set({ endsOn }).where(eq(seatHoldings.id, id));
}

export async function bodyHasAnyHolding(reader: Reader, bodyId: string): Promise<boolean> {
  const [row] = await reader
    .select({ id: seatHoldings.id })
    .from(seatHoldings)
    .where(eq(seatHoldings.bodyId, bodyId))
    .limit(1);
  return row !== undefined;
}

/** Everyone in the registry, by name: who may be named a deputy or invited to attend. */
export async function selectPeopleByName(reader: Reader): Promise<{ id: string; name: string }[]> {
  return reader
    .select({ id: people.id, name: people.name })
    .from(people)
    .orderBy(asc(people.name), asc(people.id));
}

/** Every seat the person has held on any body, with the body's slug: where their meetings are. */
export async function selectHoldingsOfPerson(
  reader: Reader,
  personId: string,
): Promise<{ bodyId: string; bodySlug: string; startsOn: string; endsOn: string | null }[]> {
  return reader
    .select({
      bodyId: seatHoldings.bodyId,
      bodySlug: bodies.slug,
      startsOn: seatHoldings.startsOn,
      endsOn: seatHoldings.endsOn,
    })
    .from(seatHoldings)
    .innerJoin(bodies, eq(seatHoldings.bodyId, bodies.id))
    .where(eq(seatHoldings.personId, personId))
    .orderBy(asc(bodies.slug), asc(seatHoldings.startsOn));
}
