/**
 * Use case: add a service to the Business Service's catalogue, in one of the areas of 2006 §3.1
 * (or administrative support to the groups, decision 035). The London group's secretariat or an
 * administrator; one transaction with its audit event.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, isUniqueViolation } from '../shared/problems.ts';
import { loadBusinessService, refuseUnlessManages } from './business-service-access.ts';
import { insertOffering } from './business-service-queries.ts';
import { type ServiceArea, serviceAreaText } from './performance-rules.ts';

export async function addOffering(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  name: string;
  area: ServiceArea;
  description: string;
}): Promise<{ offeringId: string }> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'change the Business Service’s catalogue');
  const service = await loadBusinessService(db);
  const row = {
    id: uuidv7(),
    organisationId: service.id,
    name: options.name,
    area: options.area,
    description: options.description,
    createdAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await insertOffering(transaction, row);
      await recordAuditEvents(transaction, context, [
        {
          action: 'business-service.offering-added',
          entityType: 'organisation',
          entityId: service.id,
          after: { ...row, clause: serviceAreaText[options.area].clause },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('name', `The catalogue already has a service called “${options.name}”.`);
    }
    throw error;
  }
  return { offeringId: row.id };
}
