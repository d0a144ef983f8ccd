import { and, asc, count, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { organisations, sectors } from '../db/schema/registry.ts';
import type { OrganisationType } from './organisation-rules.ts';
import type { Organisation } from './schemas.ts';

export interface OrganisationFilter {
  type?: OrganisationType | undefined;
  sectorId?: string | undefined;
  nameContains?: string | undefined;
  ids?: string[] | undefined;
}

export interface OrganisationRow {
  id: string;
  name: string;
  type: OrganisationType;
  odsCode: string | null;
  sectorId: string | null;
  population: number | null;
  source: string | null;
}

const organisationColumns = {
  id: organisations.id,
  name: organisations.name,
  type: organisations.type,
  odsCode: organisations.odsCode,
  population: organisations.population,
  source: organisations.source,
  sectorId: sectors.id,
  sectorName: sectors.name,
};

function whereClause(filter: OrganisationFilter): SQL | undefined {
  return and(
    filter.type ? eq(organisations.type, filter.type) : undefined,
    filter.sectorId ? eq(organisations.sectorId, filter.sectorId) : undefined,
    filter.nameContains
      ? ilike(organisations.name, `%${escapeLikePattern(filter.nameContains)}%`)
      : undefined,
    filter.ids ? inArray(organisations.id, filter.ids) : undefined,
  );
}

function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toOrganisation(row: {
  id: string;
  name: string;
  type: string;
  odsCode: string | null;
  population: number | null;
  source: string | null;
  sectorId: string | null;
  sectorName: string | null;
}): Organisation {
  return {
    id: row.id,
    name: row.name,
    type: row.type as OrganisationType,
    odsCode: row.odsCode,
    sector: row.sectorId && row.sectorName ? { id: row.sectorId, name: row.sectorName } : null,
    population: row.population,
    source: row.source,
  };
}

/** Organisations ordered by sector then name (the order people read a partnership in). */
export async function selectOrganisations(
  reader: Reader,
  filter: OrganisationFilter,
  paging: { limit: number; offset: number },
): Promise<{ items: Organisation[]; total: number }> {
  const where = whereClause(filter);
  const rows = await reader
    .select(organisationColumns)
    .from(organisations)
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(where)
    .orderBy(sql`${sectors.displayOrder} nulls last`, asc(organisations.name))
    .limit(paging.limit)
    .offset(paging.offset);
  return {
    items: rows.map(toOrganisation),
    total: await totalMatching(reader, where, paging, rows.length),
  };
}

/** A short last page already tells the total; only a full page needs the count query. */
async function totalMatching(
  reader: Reader,
  where: SQL | undefined,
  paging: { limit: number; offset: number },
  rowsOnPage: number,
): Promise<number> {
  if (rowsOnPage < paging.limit && (rowsOnPage > 0 || paging.offset === 0)) {
    return paging.offset + rowsOnPage;
  }
  const [totals] = await reader.select({ total: count() }).from(organisations).where(where);
  return totals?.total ?? 0;
}

export async function selectOrganisationById(
  reader: Reader,
  id: string,
): Promise<Organisation | undefined> {
  const [row] = await reader
    .select(organisationColumns)
    .from(organisations)
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(eq(organisations.id, id));
  return row ? toOrganisation(row) : undefined;
}

export async function selectOrganisationRowForUpdate(
  transaction: Transaction,
  id: string,
): Promise<OrganisationRow | undefined> {
  const [row] = await transaction
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      odsCode: organisations.odsCode,
      sectorId: organisations.sectorId,
      population: organisations.population,
      source: organisations.source,
    })
    .from(organisations)
    .where(eq(organisations.id, id))
    .for('update');
  return row ? { ...row, type: row.type as OrganisationType } : undefined;
}

/** Finds which of the given names or ODS codes are already taken, excluding one organisation. */
export async function selectClashingOrganisations(
  reader: Reader,
  candidate: { name: string; odsCode: string | null; exceptId?: string },
): Promise<{ id: string; name: string; odsCode: string | null }[]> {
  const sameName = sql`lower(${organisations.name}) = lower(${candidate.name})`;
  const sameCode = candidate.odsCode ? eq(organisations.odsCode, candidate.odsCode) : undefined;
  const clash = sameCode ? sql`(${sameName} or ${sameCode})` : sameName;
  return reader
    .select({ id: organisations.id, name: organisations.name, odsCode: organisations.odsCode })
    .from(organisations)
    .where(
      candidate.exceptId ? and(clash, sql`${organisations.id} <> ${candidate.exceptId}`) : clash,
    );
}

export async function insertOrganisations(
  transaction: Transaction,
  rows: (OrganisationRow & { createdAt: Date })[],
): Promise<void> {
  if (rows.length === 0) return;
  await transaction
    .insert(organisations)
    .values(rows.map((row) => ({ ...row, updatedAt: row.createdAt })));
}

export async function updateOrganisationRow(
  transaction: Transaction,
  row: OrganisationRow & { updatedAt: Date },
): Promise<void> {
  const { id, ...fields } = row;
  await transaction.update(organisations).set(fields).where(eq(organisations.id, id));
}

export async function countOrganisations(reader: Reader): Promise<number> {
  const [row] = await reader.select({ total: count() }).from(organisations);
  return row?.total ?? 0;
}

export async function selectSectors(reader: Reader): Promise<{ id: string; name: string }[]> {
  return reader
    .select({ id: sectors.id, name: sectors.name })
    .from(sectors)
    .orderBy(asc(sectors.displayOrder));
}

export async function sectorExists(reader: Reader, sectorId: string): Promise<boolean> {
  const [row] = await reader
    .select({ id: sectors.id })
    .from(sectors)
    .where(eq(sectors.id, sectorId));
  return row !== undefined;
}
