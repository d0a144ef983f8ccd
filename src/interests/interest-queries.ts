import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { annualDeclarations, registeredInterests } from '../db/schema/interests.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { people } from '../db/schema/registry.ts';

export interface InterestRecord {
  id: string;
  personId: string;
  kind: string;
  description: string;
  aroseOn: string;
  declaredOn: string;
  endedOn: string | null;
  withheldReason: string | null;
  recordedAt: Date;
}

export interface AnnualDeclarationRecord {
  id: string;
  personId: string;
  year: number;
  isNilReturn: boolean;
  declaredOn: string;
  recordedAt: Date;
}

const interestColumns = {
  id: registeredInterests.id,
  personId: registeredInterests.personId,
  kind: registeredInterests.kind,
  description: registeredInterests.description,
  aroseOn: registeredInterests.aroseOn,
  declaredOn: registeredInterests.declaredOn,
  endedOn: registeredInterests.endedOn,
  withheldReason: registeredInterests.withheldReason,
  recordedAt: registeredInterests.recordedAt,
};

const declarationColumns = {
  id: annualDeclarations.id,
  personId: annualDeclarations.personId,
  year: annualDeclarations.year,
  isNilReturn: annualDeclarations.isNilReturn,
  declaredOn: annualDeclarations.declaredOn,
  recordedAt: annualDeclarations.recordedAt,
};

/**
 * Locks the person's row: one person's register changes one at a time, so a nil return is
 * never accepted alongside an interest recorded at the same moment.
 */
export async function lockPerson(transaction: Transaction, personId: string): Promise<void> {
  await transaction
    .select({ id: people.id })
    .from(people)
    .where(eq(people.id, personId))
    .for('update');
}

/** The slugs of the bodies on which the person holds a seat on the date. */
export async function selectBodySlugsOfPerson(
  reader: Reader,
  personId: string,
  asOf: string,
): Promise<string[]> {
  const rows = await reader
    .selectDistinct({ slug: bodies.slug })
    .from(seatHoldings)
    .innerJoin(bodies, eq(seatHoldings.bodyId, bodies.id))
    .where(
      and(
        eq(seatHoldings.personId, personId),
        lte(seatHoldings.startsOn, asOf),
        or(isNull(seatHoldings.endsOn), gte(seatHoldings.endsOn, asOf)),
      ),
    );
  return rows.map((row) => row.slug);
}

/** The interests of these people, latest to arise first. */
export async function selectInterestsOfPeople(
  reader: Reader,
  personIds: readonly string[],
): Promise<InterestRecord[]> {
  if (personIds.length === 0) return [];
  return reader
    .select(interestColumns)
    .from(registeredInterests)
    .where(inArray(registeredInterests.personId, [...personIds]))
    .orderBy(desc(registeredInterests.aroseOn), asc(registeredInterests.id));
}

export async function insertInterest(transaction: Transaction, row: InterestRecord): Promise<void> {
  await transaction.insert(registeredInterests).values(row);
}

/** The person's annual declarations, latest year first. */
export async function selectAnnualDeclarations(
  reader: Reader,
  personId: string,
): Promise<AnnualDeclarationRecord[]> {
  return reader
    .select(declarationColumns)
    .from(annualDeclarations)
    .where(eq(annualDeclarations.personId, personId))
    .orderBy(desc(annualDeclarations.year));
}

/** These people's declarations for one year: who has made theirs. */
export async function selectAnnualDeclarationsForYear(
  reader: Reader,
  personIds: readonly string[],
  year: number,
): Promise<AnnualDeclarationRecord[]> {
  if (personIds.length === 0) return [];
  return reader
    .select(declarationColumns)
    .from(annualDeclarations)
    .where(
      and(inArray(annualDeclarations.personId, [...personIds]), eq(annualDeclarations.year, year)),
    );
}

export async function insertAnnualDeclaration(
  transaction: Transaction,
  row: AnnualDeclarationRecord,
): Promise<void> {
  await transaction.insert(annualDeclarations).values(row);
}

/**
 * Whether the person holds a seat on any body on `asOf`, and whether their annual declaration for
 * `year` is made: one query, for the home page's "your annual declaration is due".
 */
export async function selectAnnualDeclarationStanding(
  reader: Reader,
  personId: string,
  asOf: string,
  year: number,
): Promise<{ sitsOnABody: boolean; declared: boolean }> {
  const [row] = await reader
    .select({
      sitsOnABody: sql<boolean>`exists (select 1 from ${seatHoldings}
        where ${seatHoldings.personId} = ${personId} and ${seatHoldings.startsOn} <= ${asOf}
          and (${seatHoldings.endsOn} is null or ${seatHoldings.endsOn} >= ${asOf}))`,
      declared: sql<boolean>`exists (select 1 from ${annualDeclarations}
        where ${annualDeclarations.personId} = ${personId} and ${annualDeclarations.year} = ${year})`,
    })
    .from(people)
    .where(eq(people.id, personId));
  return { sitsOnABody: row?.sitsOnABody === true, declared: row?.declared === true };
}
