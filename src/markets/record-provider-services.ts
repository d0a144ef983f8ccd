/**
 * Use case: record that a provider supplies a service area to one or more London sectors, so the
 * market shows where a sector has no provider (2006 §104 "ensure that a comprehensive range of
 * patient services exists within reasonable access of all Londoners"; §106 "where gaps in service
 * provision … are identified"). Every refusal names its rule; nothing is written.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
} from '../shared/problems.ts';
import { londonServiceAreas } from '../specifications/index.ts';
import { refuseUnlessMayManage } from './market-access.ts';
import {
  insertProviderServices,
  selectOrganisationFacts,
  selectSectorRows,
} from './market-queries.ts';
import {
  canonicalServiceArea,
  isProviderType,
  marketClauses,
  serviceAreaProblem,
} from './market-rules.ts';

export interface RecordProviderServicesOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  providerOrganisationId: string;
  serviceArea: string;
  sectorIds: string[];
}

export async function recordProviderServices(
  options: RecordProviderServicesOptions,
): Promise<{ providerServiceIds: string[] }> {
  const { db, context, actor } = options;
  await refuseUnlessMayManage(db, actor, context.now, 'record which providers supply a service');
  const problems: FieldProblem[] = [];
  const [provider] = await selectOrganisationFacts(db, [options.providerOrganisationId]);
  if (!provider) {
    problems.push({
      field: 'providerOrganisationId',
      message: 'Choose the provider from the registry.',
    });
  } else if (!isProviderType(provider.type)) {
    problems.push({
      field: 'providerOrganisationId',
      message: `${provider.name} is not a provider: choose an NHS trust or foundation trust, the organisations the market is made of (${marketClauses.londonMarket.clause}).`,
    });
  }
  problems.push(...serviceAreaProblem(options.serviceArea, londonServiceAreas));
  const sectors = await selectSectorRows(db);
  const sectorIds = [...new Set(options.sectorIds)];
  if (sectorIds.length === 0) {
    problems.push({
      field: 'sectorIds',
      message: 'Choose at least one sector the provider serves.',
    });
  }
  for (const sectorId of sectorIds) {
    if (!sectors.some((sector) => sector.id === sectorId)) {
      problems.push({
        field: 'sectorIds',
        message: `There is no sector “${sectorId}”: choose from ${sectors.map((sector) => sector.name).join(', ')}.`,
      });
    }
  }
  if (problems.length > 0 || !provider) throw invalidInput(problems);

  const serviceArea = canonicalServiceArea(options.serviceArea, londonServiceAreas);
  const rows = sectorIds.map((sectorId) => ({
    id: uuidv7(),
    providerOrganisationId: provider.id,
    serviceArea,
    sectorId,
    recordedAt: context.now,
  }));
  try {
    await db.transaction(async (transaction) => {
      await insertProviderServices(transaction, rows);
      await recordAuditEvents(
        transaction,
        context,
        rows.map((row) => ({
          action: 'provider-service.recorded',
          entityType: 'organisation',
          entityId: provider.id,
          after: { ...row, clause: marketClauses.londonMarket.clause },
        })),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        'sectorIds',
        `${provider.name} is already recorded as supplying ${serviceArea.toLowerCase()} services in one of those sectors: each provider, service and sector is recorded once.`,
      );
    }
    throw error;
  }
  return { providerServiceIds: rows.map((row) => row.id) };
}
