/**
 * Use case: record a clinical network, the group it formally reports to (one at sector or London
 * level, 2006 §2.3) and its objectives (2008 Commissioning development: "commissioning networks
 * with clear objectives"). Nothing is written on a refusal.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, isUniqueViolation } from '../shared/problems.ts';
import { refuseUnlessMayManage, reportingGroup } from './market-access.ts';
import { insertNetwork } from './market-queries.ts';
import { marketClauses } from './market-rules.ts';

export async function recordNetwork(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  name: string;
  /** The slug of the group it reports to. */
  reportsTo: string;
  objectives: string;
}): Promise<{ networkId: string }> {
  const { db, context, actor } = options;
  await refuseUnlessMayManage(db, actor, context.now, 'record clinical networks');
  const body = await reportingGroup(db, options.reportsTo, context.now);
  const networkId = uuidv7();
  const row = {
    id: networkId,
    name: options.name,
    reportsToBodyId: body.id,
    objectives: options.objectives,
    recordedAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await insertNetwork(transaction, row);
      await recordAuditEvents(transaction, context, [
        {
          action: 'clinical-network.recorded',
          entityType: 'clinical-network',
          entityId: networkId,
          after: { ...row, clause: marketClauses.networksReport.clause },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('name', `A clinical network called “${options.name}” is already recorded.`);
    }
    throw error;
  }
  return { networkId };
}
