import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { constitutionAdoptions, constitutionVersions } from '../db/schema/bodies.ts';
import { ratifications } from '../db/schema/decisions.ts';
import { organisations } from '../db/schema/registry.ts';

export interface RatificationRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  status: 'pending' | 'signed' | 'refused';
  decidedOn: string | null;
  minuteReference: string | null;
  recordedAt: Date;
}

export async function selectRatifications(
  reader: Reader,
  proposalId: string,
  lock?: 'update',
): Promise<RatificationRecord[]> {
  const query = reader
    .select({
      id: ratifications.id,
      organisationId: ratifications.organisationId,
      organisationName: organisations.name,
      status: ratifications.status,
      decidedOn: ratifications.decidedOn,
      minuteReference: ratifications.minuteReference,
      recordedAt: ratifications.recordedAt,
    })
    .from(ratifications)
    .innerJoin(organisations, eq(ratifications.organisationId, organisations.id))
    .where(eq(ratifications.proposalId, proposalId))
    .orderBy(asc(organisations.name));
  const rows = lock ? await query.for(lock, { of: ratifications }) : await query;
  return rows.map((row) => ({ ...row, status: row.status as RatificationRecord['status'] }));
}

export async function insertRatifications(
  transaction: Transaction,
  rows: (typeof ratifications.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await transaction.insert(ratifications).values(rows);
}

/** Records a board's decision; only a pending row changes, so a second decision changes nothing. */
export async function decideRatification(
  transaction: Transaction,
  id: string,
  changes: {
    status: 'signed' | 'refused';
    decidedOn: string;
    minuteReference: string;
    recordedAt: Date;
  },
): Promise<boolean> {
  const rows = await transaction
    .update(ratifications)
    .set(changes)
    .where(and(eq(ratifications.id, id), eq(ratifications.status, 'pending')))
    .returning({ id: ratifications.id });
  return rows.length === 1;
}

export interface OrganisationRow {
  id: string;
  name: string;
  type: string;
  odsCode: string | null;
  sectorId: string | null;
}

export async function selectOrganisationsByIds(
  reader: Reader,
  ids: readonly string[],
): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  return reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      odsCode: organisations.odsCode,
      sectorId: organisations.sectorId,
    })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
}

export async function selectOrganisationsOfType(
  reader: Reader,
  type: string | undefined,
): Promise<OrganisationRow[]> {
  const query = reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      odsCode: organisations.odsCode,
      sectorId: organisations.sectorId,
    })
    .from(organisations);
  return (type ? query.where(eq(organisations.type, type)) : query).orderBy(
    asc(organisations.name),
  );
}

/** The adoptions (for a joint committee: the delegations) of one version of a body's terms. */
export async function selectAdoptionsOfVersion(
  reader: Reader,
  bodyId: string,
  version: number,
): Promise<{ organisationId: string; adoptedOn: string; minuteReference: string }[]> {
  return reader
    .select({
      organisationId: constitutionAdoptions.organisationId,
      adoptedOn: constitutionAdoptions.adoptedOn,
      minuteReference: constitutionAdoptions.minuteReference,
    })
    .from(constitutionAdoptions)
    .innerJoin(
      constitutionVersions,
      eq(constitutionAdoptions.constitutionVersionId, constitutionVersions.id),
    )
    .where(and(eq(constitutionVersions.bodyId, bodyId), eq(constitutionVersions.version, version)));
}
