/**
 * Use case: record that a provider has stopped supplying a service area in a sector — on a date
 * (not after today), with the reason — so the market shows the gap it leaves (2006 §106 "where gaps
 * in service provision or market failures are identified"). The row is kept, withdrawn, for the
 * record; nothing is written on a refusal.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, type FieldProblem, invalidInput } from '../shared/problems.ts';
import { londonServiceAreas } from '../specifications/index.ts';
import { refuseUnlessMayManage } from './market-access.ts';
import {
  selectCurrentSupply,
  selectOrganisationFacts,
  selectSectorRows,
  updateWithdrawn,
} from './market-queries.ts';
import { canonicalServiceArea, marketClauses, serviceAreaProblem } from './market-rules.ts';

export async function withdrawProviderService(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  providerOrganisationId: string;
  serviceArea: string;
  sectorId: string;
  withdrawnOn: string;
  reason: string;
}): Promise<{ providerServiceId: string }> {
  const { db, context, actor } = options;
  await refuseUnlessMayManage(db, actor, context.now, 'record a provider withdrawing a service');
  const today = londonDate(context.now);
  const problems: FieldProblem[] = [];
  const [provider] = await selectOrganisationFacts(db, [options.providerOrganisationId]);
  if (!provider) {
    problems.push({
      field: 'providerOrganisationId',
      message: 'Choose the provider from the registry.',
    });
  }
  problems.push(...serviceAreaProblem(options.serviceArea, londonServiceAreas));
  const sector = (await selectSectorRows(db)).find((each) => each.id === options.sectorId);
  if (!sector) {
    problems.push({ field: 'sectorId', message: `There is no sector “${options.sectorId}”.` });
  }
  if (options.withdrawnOn > today) {
    problems.push({
      field: 'withdrawnOn',
      message: `A withdrawal is recorded once it has happened: ${options.withdrawnOn} is after today (${today}).`,
    });
  }
  if (problems.length > 0 || !provider || !sector) throw invalidInput(problems);
  const serviceArea = canonicalServiceArea(options.serviceArea, londonServiceAreas);
  const supply = await selectCurrentSupply(db, provider.id, serviceArea, sector.id);
  if (!supply) {
    throw invalidInput([
      {
        field: 'serviceArea',
        message: `${provider.name} is not recorded as supplying ${serviceArea.toLowerCase()} services in ${sector.name}: there is nothing to withdraw.`,
      },
    ]);
  }
  await db.transaction(async (transaction) => {
    const changed = await updateWithdrawn(
      transaction,
      supply.id,
      options.withdrawnOn,
      options.reason,
    );
    if (changed !== 1) {
      throw conflict('serviceArea', 'The supply was withdrawn meanwhile: nothing was changed.');
    }
    await recordAuditEvents(transaction, context, [
      {
        action: 'provider-service.withdrawn',
        entityType: 'organisation',
        entityId: provider.id,
        before: { providerServiceId: supply.id, serviceArea, sectorId: sector.id },
        after: {
          providerServiceId: supply.id,
          withdrawnOn: options.withdrawnOn,
          reason: options.reason,
          clause: marketClauses.localMarket.clause,
        },
      },
    ]);
  });
  return { providerServiceId: supply.id };
}
