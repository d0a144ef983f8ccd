/**
 * Use case: add a service the consortium commissions, optionally to a version of a library
 * specification (decision 023: a record cites a specification version, never a specification).
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import { loadConsortium, refuseUnlessManages } from './consortium-access.ts';
import { insertService, selectSpecificationVersion } from './consortium-queries.ts';

export async function addService(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  consortiumId: string;
  name: string;
  specificationVersionId?: string | undefined;
}): Promise<{ serviceId: string }> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'change the services a consortium commissions');
  const { consortium } = await loadConsortium(db, options.consortiumId);
  if (
    options.specificationVersionId &&
    !(await selectSpecificationVersion(db, options.specificationVersionId))
  ) {
    throw invalidInput([
      {
        field: 'specificationVersionId',
        message: 'Choose a version of a specification in the library, or none.',
      },
    ]);
  }
  const row = {
    id: uuidv7(),
    consortiumId: consortium.id,
    name: options.name,
    specificationVersionId: options.specificationVersionId ?? null,
    createdAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await insertService(transaction, row);
      await recordAuditEvents(transaction, context, [
        {
          action: 'specialised-consortium.service-added',
          entityType: 'specialised-consortium',
          entityId: consortium.id,
          after: row,
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('name', `${consortium.name} already commissions “${options.name}”.`);
    }
    throw error;
  }
  return { serviceId: row.id };
}
