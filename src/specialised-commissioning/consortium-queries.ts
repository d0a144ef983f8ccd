/**
 * The SQL of specialised-commissioning: its own tables, and the reads it joins from the registry
 * (member PCTs), bodies (the London group as lead) and specifications (a service's version).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { organisations } from '../db/schema/registry.ts';
import {
  specialisedConsortia,
  specialisedConsortiumBudgets,
  specialisedConsortiumMembers,
  specialisedConsortiumServices,
} from '../db/schema/specialised-commissioning.ts';
import { specifications, specificationVersions } from '../db/schema/specifications.ts';

export type ConsortiumRow = typeof specialisedConsortia.$inferSelect;

export async function selectBodyBySlug(reader: Reader, slug: string) {
  const [row] = await reader
    .select({ id: bodies.id, slug: bodies.slug, title: bodies.title })
    .from(bodies)
    .where(eq(bodies.slug, slug));
  return row;
}

export async function selectOrganisationFacts(reader: Reader, ids: string[]) {
  if (ids.length === 0) return [];
  return reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      population: organisations.population,
    })
    .from(organisations)
    .where(inArray(organisations.id, ids));
}

export async function selectPrimaryCareTrusts(reader: Reader) {
  return reader
    .select({
      id: organisations.id,
      name: organisations.name,
      population: organisations.population,
    })
    .from(organisations)
    .where(eq(organisations.type, 'primary-care-trust'))
    .orderBy(asc(organisations.name));
}

export async function insertConsortium(
  transaction: Transaction,
  row: ConsortiumRow,
  members: { organisationId: string; shareBasisPoints: number }[],
) {
  await transaction.insert(specialisedConsortia).values(row);
  await transaction
    .insert(specialisedConsortiumMembers)
    .values(members.map((member) => ({ ...member, consortiumId: row.id })));
}

export async function selectConsortia(reader: Reader) {
  return reader
    .select({ consortium: specialisedConsortia, leadTitle: bodies.title, leadSlug: bodies.slug })
    .from(specialisedConsortia)
    .innerJoin(bodies, eq(specialisedConsortia.leadBodyId, bodies.id))
    .orderBy(asc(specialisedConsortia.name));
}

export async function selectConsortium(reader: Reader, id: string, lock?: 'update') {
  const query = reader
    .select({ consortium: specialisedConsortia, leadTitle: bodies.title, leadSlug: bodies.slug })
    .from(specialisedConsortia)
    .innerJoin(bodies, eq(specialisedConsortia.leadBodyId, bodies.id))
    .where(eq(specialisedConsortia.id, id));
  const [row] = lock ? await query.for('update', { of: specialisedConsortia }) : await query;
  return row;
}

export async function selectMembers(reader: Reader, consortiumId: string) {
  return reader
    .select({
      organisationId: specialisedConsortiumMembers.organisationId,
      name: organisations.name,
      shareBasisPoints: specialisedConsortiumMembers.shareBasisPoints,
    })
    .from(specialisedConsortiumMembers)
    .innerJoin(organisations, eq(specialisedConsortiumMembers.organisationId, organisations.id))
    .where(eq(specialisedConsortiumMembers.consortiumId, consortiumId))
    .orderBy(asc(organisations.name));
}

export async function selectBudgets(reader: Reader, consortiumId: string) {
  return reader
    .select()
    .from(specialisedConsortiumBudgets)
    .where(eq(specialisedConsortiumBudgets.consortiumId, consortiumId))
    .orderBy(asc(specialisedConsortiumBudgets.startYear));
}

export async function insertBudget(
  transaction: Transaction,
  row: typeof specialisedConsortiumBudgets.$inferInsert,
) {
  await transaction.insert(specialisedConsortiumBudgets).values(row);
}

export async function selectServices(reader: Reader, consortiumId: string) {
  return reader
    .select({
      id: specialisedConsortiumServices.id,
      name: specialisedConsortiumServices.name,
      specificationTitle: specifications.title,
      specificationVersion: specificationVersions.version,
    })
    .from(specialisedConsortiumServices)
    .leftJoin(
      specificationVersions,
      eq(specialisedConsortiumServices.specificationVersionId, specificationVersions.id),
    )
    .leftJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(eq(specialisedConsortiumServices.consortiumId, consortiumId))
    .orderBy(asc(specialisedConsortiumServices.name));
}

export async function selectSpecificationVersion(reader: Reader, id: string) {
  const [row] = await reader
    .select({ id: specificationVersions.id })
    .from(specificationVersions)
    .where(eq(specificationVersions.id, id));
  return row;
}

export async function insertService(
  transaction: Transaction,
  row: typeof specialisedConsortiumServices.$inferInsert,
) {
  await transaction.insert(specialisedConsortiumServices).values(row);
}
