/**
 * Use case: register a Practice Based Commissioning consortium with its PCT — a registry
 * organisation of that type, in its PCT's sector, linked to the PCT (2006 §106 "the Local
 * Commissioning Groups will work with Practice Based Commissioning Consortia"). Nothing is
 * written on a refusal.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { insertOrganisations } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import { refuseUnlessMayManage } from './market-access.ts';
import { insertConsortium, selectOrganisationFacts } from './market-queries.ts';
import { marketClauses } from './market-rules.ts';

export async function registerConsortium(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  name: string;
  primaryCareTrustId: string;
}): Promise<{ consortiumId: string }> {
  const { db, context, actor } = options;
  await refuseUnlessMayManage(
    db,
    actor,
    context.now,
    'register Practice Based Commissioning consortia',
  );
  const [pct] = await selectOrganisationFacts(db, [options.primaryCareTrustId]);
  if (pct?.type !== 'primary-care-trust') {
    throw invalidInput([
      {
        field: 'primaryCareTrustId',
        message: pct
          ? `${pct.name} is not a primary care trust: a consortium commissions with its PCT (${marketClauses.practiceConsortia.clause}).`
          : 'Choose the consortium’s PCT.',
      },
    ]);
  }
  const consortiumId = uuidv7();
  const organisation = {
    id: consortiumId,
    name: options.name,
    type: 'practice-based-commissioning-consortium' as const,
    odsCode: null,
    sectorId: pct.sectorId,
    population: null,
    source: `Practice Based Commissioning consortium of ${pct.name}, registered by the markets.`,
    createdAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await insertOrganisations(transaction, [organisation]);
      await insertConsortium(transaction, {
        organisationId: consortiumId,
        primaryCareTrustId: pct.id,
        recordedAt: context.now,
      });
      await recordAuditEvents(transaction, context, [
        {
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: consortiumId,
          after: {
            name: organisation.name,
            type: organisation.type,
            sectorId: organisation.sectorId,
          },
        },
        {
          action: 'practice-consortium.registered',
          entityType: 'organisation',
          entityId: consortiumId,
          after: {
            primaryCareTrustId: pct.id,
            clause: marketClauses.practiceConsortia.clause,
          },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        'name',
        `An organisation called “${options.name}” is already in the registry.`,
      );
    }
    throw error;
  }
  return { consortiumId };
}
