import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
  notFound,
} from '../shared/problems.ts';
import {
  insertOrganisations,
  type OrganisationRow,
  sectorExists,
  selectClashingOrganisations,
  selectOrganisationById,
  selectOrganisationRowForUpdate,
  selectOrganisations,
  selectSectors,
  updateOrganisationRow,
} from './organisation-queries.ts';
import { checkOrganisationRules } from './organisation-rules.ts';
import type {
  CreateOrganisationInput,
  ListOrganisationsQuery,
  Organisation,
  UpdateOrganisationInput,
} from './schemas.ts';

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export async function listOrganisations(options: {
  db: Database;
  query: ListOrganisationsQuery;
}): Promise<Page<Organisation>> {
  const { query } = options;
  const { items, total } = await selectOrganisations(
    options.db,
    { type: query.type, sectorId: query.sector, nameContains: query.q },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items, page: query.page, pageSize: query.pageSize, total };
}

export async function getOrganisation(options: {
  db: Database;
  id: string;
}): Promise<Organisation> {
  const organisation = await selectOrganisationById(options.db, options.id);
  if (!organisation) throw notFound('organisation', options.id);
  return organisation;
}

export async function listSectors(options: { db: Database }) {
  return selectSectors(options.db);
}

export async function createOrganisation(options: {
  db: Database;
  context: ActionContext;
  input: CreateOrganisationInput;
}): Promise<Organisation> {
  const { input, context } = options;
  const row: OrganisationRow = {
    id: uuidv7(),
    name: input.name,
    type: input.type,
    odsCode: input.odsCode ?? null,
    sectorId: input.sector ?? null,
    population: input.population ?? null,
    source: input.source ?? null,
  };
  return runWritingOrganisations(options.db, async (transaction) => {
    await refuseInvalidOrganisation(transaction, row);
    await insertOrganisations(transaction, [{ ...row, createdAt: context.now }]);
    await recordAuditEvents(transaction, context, [
      { action: 'organisation.created', entityType: 'organisation', entityId: row.id, after: row },
    ]);
    return (await selectOrganisationById(transaction, row.id))!;
  });
}

export async function updateOrganisation(options: {
  db: Database;
  context: ActionContext;
  id: string;
  input: UpdateOrganisationInput;
}): Promise<Organisation> {
  const { input, context, id } = options;
  return runWritingOrganisations(options.db, async (transaction) => {
    const before = await selectOrganisationRowForUpdate(transaction, id);
    if (!before) throw notFound('organisation', id);
    const after: OrganisationRow = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.type !== undefined && { type: input.type }),
      ...(input.odsCode !== undefined && { odsCode: input.odsCode }),
      ...(input.sector !== undefined && { sectorId: input.sector }),
      ...(input.population !== undefined && { population: input.population }),
      ...(input.source !== undefined && { source: input.source }),
    };
    await refuseInvalidOrganisation(transaction, after);
    await updateOrganisationRow(transaction, { ...after, updatedAt: context.now });
    await recordAuditEvents(transaction, context, [
      { action: 'organisation.updated', entityType: 'organisation', entityId: id, before, after },
    ]);
    return (await selectOrganisationById(transaction, id))!;
  });
}

async function refuseInvalidOrganisation(transaction: Transaction, row: OrganisationRow) {
  const problems: FieldProblem[] = checkOrganisationRules(row);
  if (row.sectorId !== null && !(await sectorExists(transaction, row.sectorId))) {
    const known = (await selectSectors(transaction)).map((sector) => sector.id).join(', ');
    problems.push({
      field: 'sector',
      message: `There is no sector "${row.sectorId}". Known sectors: ${known}.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  const clashes = await selectClashingOrganisations(transaction, {
    name: row.name,
    odsCode: row.odsCode,
    exceptId: row.id,
  });
  for (const clash of clashes) {
    if (row.odsCode !== null && clash.odsCode === row.odsCode) {
      throw conflict('odsCode', `${clash.name} already has the ODS code ${row.odsCode}.`);
    }
    throw conflict('name', `An organisation called ${clash.name} already exists.`);
  }
}

/** Runs a write; a unique index catching a race the checks could not see still answers 409. */
async function runWritingOrganisations<T>(
  db: Database,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('name', 'Another organisation with this name or ODS code was just saved.');
    }
    throw error;
  }
}

export interface SectorGroup {
  sector: { id: string; name: string };
  organisations: Organisation[];
}

/** The registry as a person reads it: each sector with its PCTs, then everyone else. */
export async function listOrganisationsBySector(options: {
  db: Database;
}): Promise<{ sectors: SectorGroup[]; others: Organisation[] }> {
  const [allSectors, { items }] = await Promise.all([
    selectSectors(options.db),
    selectOrganisations(options.db, {}, { limit: 100_000, offset: 0 }),
  ]);
  return {
    sectors: allSectors.map((sector) => ({
      sector,
      organisations: items.filter((organisation) => organisation.sector?.id === sector.id),
    })),
    others: items.filter((organisation) => organisation.sector === null),
  };
}
