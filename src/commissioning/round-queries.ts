/**
 * The SQL of commissioning rounds and the returns to them: reads (joining the registry's
 * organisations, posts and sectors, and the bodies' terms, into what the round needs) and writes
 * of the round's own tables.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies, constitutionVersions } from '../db/schema/bodies.ts';
import {
  commissioningRounds,
  roundPriorities,
  roundSubmissions,
} from '../db/schema/commissioning.ts';
import { organisations, posts, sectors } from '../db/schema/registry.ts';
import type { RoundStatus, Timetable } from './round-rules.ts';

export interface RoundRecord extends Timetable {
  id: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  startYear: number;
  status: RoundStatus;
  createdAt: Date;
}

const roundColumns = {
  id: commissioningRounds.id,
  bodyId: commissioningRounds.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  startYear: commissioningRounds.startYear,
  status: commissioningRounds.status,
  submissionsOpenOn: commissioningRounds.submissionsOpenOn,
  submissionsDueOn: commissioningRounds.submissionsDueOn,
  consolidationBy: commissioningRounds.consolidationBy,
  agreementBy: commissioningRounds.agreementBy,
  publicationBy: commissioningRounds.publicationBy,
  createdAt: commissioningRounds.createdAt,
};

function asRound(row: { status: string } & Omit<RoundRecord, 'status'>): RoundRecord {
  return { ...row, status: row.status as RoundStatus };
}

/** Every round, newest year first. */
export async function selectRounds(reader: Reader): Promise<RoundRecord[]> {
  const rows = await reader
    .select(roundColumns)
    .from(commissioningRounds)
    .innerJoin(bodies, eq(commissioningRounds.bodyId, bodies.id))
    .orderBy(desc(commissioningRounds.startYear), asc(bodies.title));
  return rows.map(asRound);
}

export async function selectRound(
  reader: Reader,
  bodyId: string,
  startYear: number,
): Promise<RoundRecord | undefined> {
  const [row] = await reader
    .select(roundColumns)
    .from(commissioningRounds)
    .innerJoin(bodies, eq(commissioningRounds.bodyId, bodies.id))
    .where(
      and(eq(commissioningRounds.bodyId, bodyId), eq(commissioningRounds.startYear, startYear)),
    );
  return row ? asRound(row) : undefined;
}

/** The round, locked for the rest of the transaction so changes and returns to it queue. */
export async function selectRoundForUpdate(
  transaction: Transaction,
  bodyId: string,
  startYear: number,
): Promise<RoundRecord | undefined> {
  const [row] = await transaction
    .select(roundColumns)
    .from(commissioningRounds)
    .innerJoin(bodies, eq(commissioningRounds.bodyId, bodies.id))
    .where(
      and(eq(commissioningRounds.bodyId, bodyId), eq(commissioningRounds.startYear, startYear)),
    )
    .for('update', { of: commissioningRounds });
  return row ? asRound(row) : undefined;
}

export async function insertRound(
  transaction: Transaction,
  row: Timetable & {
    id: string;
    bodyId: string;
    startYear: number;
    status: RoundStatus;
    createdAt: Date;
  },
): Promise<void> {
  await transaction.insert(commissioningRounds).values(row);
}

export async function updateRoundTimetable(
  transaction: Transaction,
  roundId: string,
  timetable: Timetable,
): Promise<void> {
  await transaction
    .update(commissioningRounds)
    .set(timetable)
    .where(eq(commissioningRounds.id, roundId));
}

/** The sectors the body's latest terms of reference name (the London group's: all five). */
export async function selectSectorsOfBody(
  reader: Reader,
  bodyId: string,
): Promise<{ id: string; name: string }[]> {
  const [latest] = await reader
    .select({ document: constitutionVersions.document })
    .from(constitutionVersions)
    .where(eq(constitutionVersions.bodyId, bodyId))
    .orderBy(desc(constitutionVersions.version))
    .limit(1);
  const named = (latest?.document as { sectors?: { id: string; name: string }[] } | undefined)
    ?.sectors;
  return (named ?? []).map(({ id, name }) => ({ id, name }));
}

export interface PrimaryCareTrust {
  id: string;
  name: string;
  sectorId: string;
  sectorName: string;
}

/** The PCTs of the round: primary care trusts in its sectors, by sector then name. */
export async function selectPrimaryCareTrustsIn(
  reader: Reader,
  sectorIds: readonly string[],
): Promise<PrimaryCareTrust[]> {
  if (sectorIds.length === 0) return [];
  return reader
    .select({
      id: organisations.id,
      name: organisations.name,
      sectorId: sectors.id,
      sectorName: sectors.name,
    })
    .from(organisations)
    .innerJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(
      and(
        eq(organisations.type, 'primary-care-trust'),
        inArray(organisations.sectorId, [...sectorIds]),
      ),
    )
    .orderBy(asc(sectors.displayOrder), asc(organisations.name));
}

export interface LocalGroup {
  id: string;
  slug: string;
  title: string;
  sectorId: string;
}

/** Bodies with the number of sectors their latest terms name, and the first of them. */
async function selectBodiesWithSectors(
  reader: Reader,
): Promise<(LocalGroup & { sectorCount: number })[]> {
  const result = await reader.execute(sql`
    select ${bodies.id} as id, ${bodies.slug} as slug, ${bodies.title} as title,
      latest.document -> 'sectors' -> 0 ->> 'id' as "sectorId",
      jsonb_array_length(latest.document -> 'sectors') as "sectorCount"
    from ${bodies}
    join lateral (
      select ${constitutionVersions.document} as document from ${constitutionVersions}
      where ${constitutionVersions.bodyId} = ${bodies.id}
      order by ${constitutionVersions.version} desc limit 1
    ) latest on true
    left join ${sectors} on ${sectors.id} = latest.document -> 'sectors' -> 0 ->> 'id'
    where jsonb_typeof(latest.document -> 'sectors') = 'array'
    order by ${sectors.displayOrder}, ${bodies.title}`);
  return (result as unknown as { rows: (LocalGroup & { sectorCount: number })[] }).rows.map(
    (row) => ({ ...row, sectorCount: Number(row.sectorCount) }),
  );
}

/**
 * The local groups of the round: bodies whose latest terms name exactly one of its sectors (a
 * sector's local commissioning group), by the sectors' order.
 */
export async function selectLocalGroupsIn(
  reader: Reader,
  sectorIds: readonly string[],
): Promise<LocalGroup[]> {
  if (sectorIds.length === 0) return [];
  return (await selectBodiesWithSectors(reader))
    .filter((row) => row.sectorCount === 1 && sectorIds.includes(row.sectorId))
    .map(({ id, slug, title, sectorId }) => ({ id, slug, title, sectorId }));
}

/** London-wide bodies (terms naming more than one sector): who may run a round. */
export async function selectLondonWideBodies(
  reader: Reader,
): Promise<{ id: string; slug: string; title: string }[]> {
  return (await selectBodiesWithSectors(reader))
    .filter((row) => row.sectorCount > 1)
    .map(({ id, slug, title }) => ({ id, slug, title }));
}

/** The organisations the person holds a post at on the day. */
export async function selectOrganisationsWherePostHeld(
  reader: Reader,
  personId: string,
  today: string,
): Promise<string[]> {
  const rows = await reader
    .select({ organisationId: posts.organisationId })
    .from(posts)
    .where(
      and(
        eq(posts.personId, personId),
        lte(posts.startsOn, today),
        or(isNull(posts.endsOn), gte(posts.endsOn, today)),
      ),
    );
  return rows.map((row) => row.organisationId);
}

export async function selectOrganisation(
  reader: Reader,
  id: string,
): Promise<{ id: string; name: string; type: string; sectorId: string | null } | undefined> {
  const [row] = await reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      sectorId: organisations.sectorId,
    })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row;
}

/** Whether the person holds a post at the organisation on the day. */
export async function holdsCurrentPostAt(
  reader: Reader,
  personId: string,
  organisationId: string,
  today: string,
): Promise<boolean> {
  const [row] = await reader
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(
        eq(posts.personId, personId),
        eq(posts.organisationId, organisationId),
        lte(posts.startsOn, today),
        or(isNull(posts.endsOn), gte(posts.endsOn, today)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export interface SubmissionRecord {
  id: string;
  organisationId: string | null;
  bodyId: string | null;
  isNilReturn: boolean;
  isLate: boolean;
  lateReason: string | null;
  submittedOn: string;
  submittedBy: string;
  priorityCount: number;
}

const submissionColumns = {
  id: roundSubmissions.id,
  organisationId: roundSubmissions.organisationId,
  bodyId: roundSubmissions.bodyId,
  isNilReturn: roundSubmissions.isNilReturn,
  isLate: roundSubmissions.isLate,
  lateReason: roundSubmissions.lateReason,
  submittedOn: roundSubmissions.submittedOn,
  submittedBy: roundSubmissions.submittedBy,
  priorityCount: count(roundPriorities.id),
};

/** Every return to the round, with how many priorities each gives. */
export async function selectSubmissions(
  reader: Reader,
  roundId: string,
): Promise<SubmissionRecord[]> {
  return reader
    .select(submissionColumns)
    .from(roundSubmissions)
    .leftJoin(roundPriorities, eq(roundPriorities.submissionId, roundSubmissions.id))
    .where(eq(roundSubmissions.roundId, roundId))
    .groupBy(roundSubmissions.id);
}

/** How many returns the round has received. */
export async function countSubmissions(reader: Reader, roundId: string): Promise<number> {
  const [row] = await reader
    .select({ received: count() })
    .from(roundSubmissions)
    .where(eq(roundSubmissions.roundId, roundId));
  return row?.received ?? 0;
}

export type Submitter = { organisationId: string } | { bodyId: string };

function submitterIs(submitter: Submitter) {
  return 'organisationId' in submitter
    ? eq(roundSubmissions.organisationId, submitter.organisationId)
    : eq(roundSubmissions.bodyId, submitter.bodyId);
}

export async function selectSubmission(
  reader: Reader,
  roundId: string,
  submitter: Submitter,
): Promise<SubmissionRecord | undefined> {
  const [row] = await reader
    .select(submissionColumns)
    .from(roundSubmissions)
    .leftJoin(roundPriorities, eq(roundPriorities.submissionId, roundSubmissions.id))
    .where(and(eq(roundSubmissions.roundId, roundId), submitterIs(submitter)))
    .groupBy(roundSubmissions.id);
  return row;
}

export interface PriorityRecord {
  position: number;
  title: string;
  serviceArea: string;
  rationale: string;
  expectedEffect: string;
  population: string;
}

export async function selectPriorities(
  reader: Reader,
  submissionId: string,
): Promise<PriorityRecord[]> {
  return reader
    .select({
      position: roundPriorities.position,
      title: roundPriorities.title,
      serviceArea: roundPriorities.serviceArea,
      rationale: roundPriorities.rationale,
      expectedEffect: roundPriorities.expectedEffect,
      population: roundPriorities.population,
    })
    .from(roundPriorities)
    .where(eq(roundPriorities.submissionId, submissionId))
    .orderBy(asc(roundPriorities.position));
}

export interface SubmissionRow {
  id: string;
  roundId: string;
  organisationId: string | null;
  bodyId: string | null;
  isNilReturn: boolean;
  isLate: boolean;
  lateReason: string | null;
  submittedOn: string;
  submittedBy: string;
  createdAt: Date;
}

/** A return and its priorities, in two batched statements. */
export async function insertSubmission(
  transaction: Transaction,
  row: SubmissionRow,
  priorities: readonly (PriorityRecord & { id: string })[],
): Promise<void> {
  await transaction.insert(roundSubmissions).values(row);
  await insertPriorities(transaction, row.id, row.createdAt, priorities);
}

async function insertPriorities(
  transaction: Transaction,
  submissionId: string,
  createdAt: Date,
  priorities: readonly (PriorityRecord & { id: string })[],
) {
  if (priorities.length === 0) return;
  await transaction
    .insert(roundPriorities)
    .values(priorities.map((priority) => ({ ...priority, submissionId, createdAt })));
}

/** A return replaced: its facts changed and its priorities swapped for the new ones. */
export async function replaceSubmission(
  transaction: Transaction,
  submissionId: string,
  changes: Pick<
    SubmissionRow,
    'isNilReturn' | 'isLate' | 'lateReason' | 'submittedOn' | 'submittedBy'
  >,
  priorities: readonly (PriorityRecord & { id: string })[],
  now: Date,
): Promise<void> {
  await transaction
    .update(roundSubmissions)
    .set(changes)
    .where(eq(roundSubmissions.id, submissionId));
  await transaction.delete(roundPriorities).where(eq(roundPriorities.submissionId, submissionId));
  await insertPriorities(transaction, submissionId, now, priorities);
}

/** Returns and priorities of many rounds at once, for the demo seed (batched). */
export async function insertSubmissionsInBulk(
  transaction: Transaction,
  rows: readonly SubmissionRow[],
  priorities: readonly (PriorityRecord & { id: string; submissionId: string; createdAt: Date })[],
): Promise<void> {
  if (rows.length > 0) await transaction.insert(roundSubmissions).values([...rows]);
  if (priorities.length > 0) await transaction.insert(roundPriorities).values([...priorities]);
}
