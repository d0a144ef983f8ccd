/**
 * Markets' SQL: its own tables (provider services, Practice Based Commissioning consortia and their
 * pathways, clinical networks and their reviews), and the joins it needs from others — the
 * registry's organisations and sectors, and the bodies a network reports to.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  clinicalNetworks,
  consortiumPathways,
  networkReviews,
  practiceConsortia,
  providerServices,
} from '../db/schema/markets.ts';
import { organisations, sectors } from '../db/schema/registry.ts';

export interface OrganisationFact {
  id: string;
  name: string;
  type: string;
  sectorId: string | null;
}

const organisationFact = {
  id: organisations.id,
  name: organisations.name,
  type: organisations.type,
  sectorId: organisations.sectorId,
};

export async function selectOrganisationFacts(
  reader: Reader,
  ids: readonly string[],
): Promise<OrganisationFact[]> {
  if (ids.length === 0) return [];
  return reader
    .select(organisationFact)
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
}

export async function selectOrganisationsOfTypes(
  reader: Reader,
  types: readonly string[],
): Promise<OrganisationFact[]> {
  return reader
    .select(organisationFact)
    .from(organisations)
    .where(inArray(organisations.type, [...types]))
    .orderBy(asc(organisations.name));
}

export async function selectSectorRows(reader: Reader): Promise<{ id: string; name: string }[]> {
  return reader
    .select({ id: sectors.id, name: sectors.name })
    .from(sectors)
    .orderBy(asc(sectors.displayOrder));
}

// Provider services ---------------------------------------------------------------------------

export type ProviderServiceRow = typeof providerServices.$inferInsert;

export async function insertProviderServices(
  transaction: Transaction,
  rows: ProviderServiceRow[],
): Promise<void> {
  if (rows.length) await transaction.insert(providerServices).values(rows);
}

export async function countProviderServices(reader: Reader): Promise<number> {
  const [row] = await reader.select({ n: sql<number>`count(*)::int` }).from(providerServices);
  return row?.n ?? 0;
}

export async function selectSupplies(reader: Reader) {
  return reader
    .select({
      providerId: providerServices.providerOrganisationId,
      providerName: organisations.name,
      serviceArea: providerServices.serviceArea,
      sectorId: providerServices.sectorId,
    })
    .from(providerServices)
    .innerJoin(organisations, eq(organisations.id, providerServices.providerOrganisationId))
    .where(isNull(providerServices.withdrawnOn));
}

/** The provider's current supply of a service area to a sector, if any. */
export async function selectCurrentSupply(
  reader: Reader,
  providerOrganisationId: string,
  serviceArea: string,
  sectorId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await reader
    .select({ id: providerServices.id })
    .from(providerServices)
    .where(
      and(
        eq(providerServices.providerOrganisationId, providerOrganisationId),
        sql`lower(${providerServices.serviceArea}) = lower(${serviceArea})`,
        eq(providerServices.sectorId, sectorId),
        isNull(providerServices.withdrawnOn),
      ),
    );
  return row;
}

export async function updateWithdrawn(
  transaction: Transaction,
  id: string,
  withdrawnOn: string,
  reason: string,
): Promise<number> {
  const rows = await transaction
    .update(providerServices)
    .set({ withdrawnOn, withdrawalReason: reason })
    .where(and(eq(providerServices.id, id), isNull(providerServices.withdrawnOn)))
    .returning({ id: providerServices.id });
  return rows.length;
}

/** Withdrawals, newest first: who stopped supplying what, where, when and why. */
export async function selectWithdrawals(reader: Reader) {
  return reader
    .select({
      providerName: organisations.name,
      serviceArea: providerServices.serviceArea,
      sectorName: sectors.name,
      withdrawnOn: providerServices.withdrawnOn,
      reason: providerServices.withdrawalReason,
    })
    .from(providerServices)
    .innerJoin(organisations, eq(organisations.id, providerServices.providerOrganisationId))
    .innerJoin(sectors, eq(sectors.id, providerServices.sectorId))
    .where(isNotNull(providerServices.withdrawnOn))
    .orderBy(desc(providerServices.withdrawnOn), asc(organisations.name));
}

// Practice Based Commissioning consortia and pathways ----------------------------------------

export async function insertConsortium(
  transaction: Transaction,
  row: typeof practiceConsortia.$inferInsert,
): Promise<void> {
  await transaction.insert(practiceConsortia).values(row);
}

export interface ConsortiumRecord {
  id: string;
  name: string;
  primaryCareTrustId: string;
  primaryCareTrustName: string;
  sectorId: string | null;
}

export async function selectConsortia(
  reader: Reader,
  ids?: readonly string[],
): Promise<ConsortiumRecord[]> {
  const rows = await reader
    .select({
      id: practiceConsortia.organisationId,
      name: organisations.name,
      primaryCareTrustId: practiceConsortia.primaryCareTrustId,
      sectorId: organisations.sectorId,
    })
    .from(practiceConsortia)
    .innerJoin(organisations, eq(organisations.id, practiceConsortia.organisationId))
    .where(ids ? inArray(practiceConsortia.organisationId, [...ids]) : undefined)
    .orderBy(asc(organisations.name));
  const trusts = new Map(
    (
      await selectOrganisationFacts(reader, [...new Set(rows.map((row) => row.primaryCareTrustId))])
    ).map((each) => [each.id, each.name]),
  );
  return rows.map((row) => ({
    ...row,
    primaryCareTrustName: trusts.get(row.primaryCareTrustId) ?? '',
  }));
}

export async function insertPathway(
  transaction: Transaction,
  row: typeof consortiumPathways.$inferInsert,
): Promise<void> {
  await transaction.insert(consortiumPathways).values(row);
}

export async function selectPathways(reader: Reader) {
  return reader
    .select({
      id: consortiumPathways.id,
      consortiumId: consortiumPathways.consortiumOrganisationId,
      name: consortiumPathways.name,
      serviceArea: consortiumPathways.serviceArea,
      status: consortiumPathways.status,
      description: consortiumPathways.description,
      agreedOn: consortiumPathways.agreedOn,
    })
    .from(consortiumPathways)
    .orderBy(asc(consortiumPathways.name));
}

// Clinical networks ---------------------------------------------------------------------------

export async function insertNetwork(
  transaction: Transaction,
  row: typeof clinicalNetworks.$inferInsert,
): Promise<void> {
  await transaction.insert(clinicalNetworks).values(row);
}

export interface NetworkRecord {
  id: string;
  name: string;
  objectives: string;
  body: { id: string; slug: string; title: string };
}

export async function selectNetworks(reader: Reader, id?: string): Promise<NetworkRecord[]> {
  const rows = await reader
    .select({
      id: clinicalNetworks.id,
      name: clinicalNetworks.name,
      objectives: clinicalNetworks.objectives,
      bodyId: bodies.id,
      bodySlug: bodies.slug,
      bodyTitle: bodies.title,
    })
    .from(clinicalNetworks)
    .innerJoin(bodies, eq(bodies.id, clinicalNetworks.reportsToBodyId))
    .where(id ? eq(clinicalNetworks.id, id) : undefined)
    .orderBy(asc(clinicalNetworks.name));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    objectives: row.objectives,
    body: { id: row.bodyId, slug: row.bodySlug, title: row.bodyTitle },
  }));
}

export async function countNetworks(reader: Reader): Promise<number> {
  const [row] = await reader.select({ n: sql<number>`count(*)::int` }).from(clinicalNetworks);
  return row?.n ?? 0;
}

export async function insertReview(
  transaction: Transaction,
  row: typeof networkReviews.$inferInsert,
): Promise<void> {
  await transaction.insert(networkReviews).values(row);
}

export interface ReviewRecord {
  id: string;
  networkId: string;
  heldOn: string;
  findings: string;
  nextReviewDue: string;
  recordedBy: string;
}

export async function selectReviews(
  reader: Reader,
  networkIds: readonly string[],
): Promise<ReviewRecord[]> {
  if (networkIds.length === 0) return [];
  return reader
    .select({
      id: networkReviews.id,
      networkId: networkReviews.networkId,
      heldOn: networkReviews.heldOn,
      findings: networkReviews.findings,
      nextReviewDue: networkReviews.nextReviewDue,
      recordedBy: networkReviews.recordedBy,
    })
    .from(networkReviews)
    .where(and(inArray(networkReviews.networkId, [...networkIds])))
    .orderBy(desc(networkReviews.heldOn), desc(networkReviews.recordedAt));
}

export async function selectPathway(reader: Reader, id: string) {
  const [row] = await reader
    .select({
      id: consortiumPathways.id,
      consortiumId: consortiumPathways.consortiumOrganisationId,
      name: consortiumPathways.name,
      status: consortiumPathways.status,
      agreedOn: consortiumPathways.agreedOn,
    })
    .from(consortiumPathways)
    .where(eq(consortiumPathways.id, id));
  return row;
}

export async function updatePathwayStatus(
  transaction: Transaction,
  id: string,
  fromStatus: string,
  status: string,
  agreedOn: string | null,
): Promise<number> {
  const rows = await transaction
    .update(consortiumPathways)
    .set({ status, agreedOn })
    .where(and(eq(consortiumPathways.id, id), eq(consortiumPathways.status, fromStatus)))
    .returning({ id: consortiumPathways.id });
  return rows.length;
}
