/**
 * The contracts register's SQL: its own tables, and the joins it needs from others — the
 * organisations (providers, PCTs and their sectors) and the specification version a contract buys.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  contractCommissioners,
  contractExtensionOptions,
  contracts,
} from '../db/schema/contracts.ts';
import { organisations, sectors } from '../db/schema/registry.ts';
import { specifications, specificationVersions } from '../db/schema/specifications.ts';

export type ContractRow = typeof contracts.$inferInsert;
export type CommissionerRow = typeof contractCommissioners.$inferInsert;
export type ExtensionOptionRow = typeof contractExtensionOptions.$inferInsert;

export interface OrganisationFact {
  id: string;
  name: string;
  type: string;
  odsCode: string | null;
  sectorId: string | null;
  sectorName: string | null;
  population: number | null;
}

const organisationFacts = {
  id: organisations.id,
  name: organisations.name,
  type: organisations.type,
  odsCode: organisations.odsCode,
  sectorId: organisations.sectorId,
  sectorName: sectors.name,
  population: organisations.population,
};

export async function selectOrganisationFacts(
  reader: Reader,
  ids: readonly string[],
): Promise<OrganisationFact[]> {
  if (ids.length === 0) return [];
  return reader
    .select(organisationFacts)
    .from(organisations)
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(inArray(organisations.id, [...new Set(ids)]));
}

/** The organisations of the types, by name: a form's choices, an import's names. */
export async function selectOrganisationsOfTypes(
  reader: Reader,
  types: readonly string[],
): Promise<OrganisationFact[]> {
  return reader
    .select(organisationFacts)
    .from(organisations)
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(inArray(organisations.type, [...types]))
    .orderBy(asc(organisations.name));
}

export interface VersionFact {
  id: string;
  title: string;
  version: number;
  status: string;
  serviceArea: string;
}

const versionFacts = {
  id: specificationVersions.id,
  title: specifications.title,
  version: specificationVersions.version,
  status: specificationVersions.status,
  serviceArea: specifications.serviceArea,
};

export async function selectVersionFact(
  reader: Reader,
  id: string,
): Promise<VersionFact | undefined> {
  const [row] = await reader
    .select(versionFacts)
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(eq(specificationVersions.id, id));
  return row;
}

/** Every version of every specification: an import names one by title and number. */
export async function selectVersionFacts(reader: Reader): Promise<VersionFact[]> {
  return reader
    .select(versionFacts)
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id));
}

export interface ContractRecord {
  id: string;
  reference: string;
  title: string;
  service: string;
  providerOrganisationId: string;
  specificationVersionId: string | null;
  procurementRoute: string;
  singleTenderReason: string | null;
  extendsContractId: string | null;
  startsOn: string;
  endsOn: string;
  totalValuePence: number;
  annualValuePence: number;
  shareBasis: string;
  leadOrganisationId: string;
  status: string;
  tenderId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export async function selectContract(
  reader: Reader,
  id: string,
): Promise<ContractRecord | undefined> {
  const [row] = await reader.select().from(contracts).where(eq(contracts.id, id));
  return row;
}

/** The contract, locked until the transaction ends, so a change sees the row it replaces. */
export async function lockContract(
  transaction: Transaction,
  id: string,
): Promise<ContractRecord | undefined> {
  const [row] = await transaction
    .select()
    .from(contracts)
    .where(eq(contracts.id, id))
    .for('update');
  return row;
}

export async function selectContractByReference(
  reader: Reader,
  reference: string,
): Promise<{ id: string; reference: string } | undefined> {
  const [row] = await reader
    .select({ id: contracts.id, reference: contracts.reference })
    .from(contracts)
    .where(sql`lower(${contracts.reference}) = lower(${reference})`);
  return row;
}

/** Every reference already in the register, lower-cased, with its contract: an import's check. */
export async function selectReferences(reader: Reader): Promise<Map<string, string>> {
  const rows = await reader
    .select({ id: contracts.id, reference: contracts.reference })
    .from(contracts);
  return new Map(rows.map((row) => [row.reference.toLowerCase(), row.id]));
}

export async function selectContracts(reader: Reader): Promise<ContractRecord[]> {
  return reader.select().from(contracts).orderBy(asc(contracts.reference));
}

export async function selectCommissioners(
  reader: Reader,
  contractIds: readonly string[],
): Promise<(CommissionerRow & { shareBasisPoints: number })[]> {
  if (contractIds.length === 0) return [];
  return reader
    .select()
    .from(contractCommissioners)
    .where(inArray(contractCommissioners.contractId, [...contractIds]))
    .orderBy(
      asc(contractCommissioners.contractId),
      sql`${contractCommissioners.shareBasisPoints} desc`,
    );
}

export async function selectExtensionOptions(
  reader: Reader,
  contractIds: readonly string[],
): Promise<{ contractId: string; position: number; months: number; exercised: boolean }[]> {
  if (contractIds.length === 0) return [];
  return reader
    .select()
    .from(contractExtensionOptions)
    .where(inArray(contractExtensionOptions.contractId, [...contractIds]))
    .orderBy(asc(contractExtensionOptions.contractId), asc(contractExtensionOptions.position));
}

export async function selectAllVersionsById(
  reader: Reader,
  ids: readonly string[],
): Promise<VersionFact[]> {
  if (ids.length === 0) return [];
  return reader
    .select(versionFacts)
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(inArray(specificationVersions.id, [...new Set(ids)]));
}

/** Inserts contracts with their commissioners and options, batched. */
export async function insertContracts(
  transaction: Transaction,
  rows: readonly {
    contract: ContractRow;
    commissioners: CommissionerRow[];
    options: ExtensionOptionRow[];
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await transaction.insert(contracts).values(rows.map((row) => row.contract));
  const commissioners = rows.flatMap((row) => row.commissioners);
  if (commissioners.length) await transaction.insert(contractCommissioners).values(commissioners);
  const options = rows.flatMap((row) => row.options);
  if (options.length) await transaction.insert(contractExtensionOptions).values(options);
}

/** Replaces what a contract says, its commissioners and options with it. */
export async function replaceContract(
  transaction: Transaction,
  contract: ContractRow & { id: string },
  commissioners: CommissionerRow[],
  options: ExtensionOptionRow[],
): Promise<void> {
  const { id, createdAt: _createdAt, ...changes } = contract;
  await transaction.update(contracts).set(changes).where(eq(contracts.id, id));
  await transaction.delete(contractCommissioners).where(eq(contractCommissioners.contractId, id));
  await transaction
    .delete(contractExtensionOptions)
    .where(eq(contractExtensionOptions.contractId, id));
  if (commissioners.length) await transaction.insert(contractCommissioners).values(commissioners);
  if (options.length) await transaction.insert(contractExtensionOptions).values(options);
}

export async function countContracts(reader: Reader): Promise<number> {
  const [row] = await reader.select({ n: sql<number>`count(*)::int` }).from(contracts);
  return Number(row?.n ?? 0);
}

/** Whether a contract is extended by another (so the page can say so). */
export async function selectExtensionsOf(
  reader: Reader,
  contractId: string,
): Promise<{ id: string; reference: string }[]> {
  return reader
    .select({ id: contracts.id, reference: contracts.reference })
    .from(contracts)
    .where(and(eq(contracts.extendsContractId, contractId)));
}
