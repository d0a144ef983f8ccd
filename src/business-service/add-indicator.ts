/**
 * Use case: add a key performance indicator to a service of the catalogue — what it measures, its
 * target in its unit, and whether higher or lower is better. The London group's secretariat or an
 * administrator; one transaction with its audit event.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import { loadBusinessService, refuseUnlessManages } from './business-service-access.ts';
import { insertIndicator, selectOffering } from './business-service-queries.ts';
import { type Direction, figureText, parseFigure, type Unit } from './performance-rules.ts';

export async function addIndicator(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  offeringId: string;
  name: string;
  measures: string;
  target: string;
  unit: Unit;
  direction: Direction;
}): Promise<{ indicatorId: string }> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'change the Business Service’s performance indicators');
  const service = await loadBusinessService(db);
  const offering = await selectOffering(db, options.offeringId);
  const problems = [];
  if (!offering || offering.organisationId !== service.id) {
    problems.push({
      field: 'offeringId',
      message: 'Choose the catalogue service the indicator measures.',
    });
  }
  const target = parseFigure(options.target);
  if (target === undefined) {
    problems.push({
      field: 'target',
      message: 'Enter the target as a number with up to two decimal places, like 95 or 92.5.',
    });
  } else if (options.unit === 'percent' && target > 10_000) {
    problems.push({ field: 'target', message: 'A target in per cent is at most 100%.' });
  }
  if (problems.length > 0 || target === undefined || !offering) throw invalidInput(problems);
  const row = {
    id: uuidv7(),
    offeringId: offering.id,
    name: options.name,
    measures: options.measures,
    targetHundredths: target,
    unit: options.unit,
    direction: options.direction,
    createdAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await insertIndicator(transaction, row);
      await recordAuditEvents(transaction, context, [
        {
          action: 'business-service.indicator-added',
          entityType: 'organisation',
          entityId: service.id,
          after: { ...row, service: offering.name, target: figureText(target, options.unit) },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('name', `There is already an indicator called “${options.name}”.`);
    }
    throw error;
  }
  return { indicatorId: row.id };
}
