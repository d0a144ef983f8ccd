/**
 * Linking a good-practice example to a specification (2008 terms of reference, Commissioning
 * development: "Facilitate the development of good commissioning practice across London PCTs,
 * e.g. demand management initiatives, design of A&E services").
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { loadSpecificationToChange } from './specification-access.ts';
import { insertGoodPractice, selectOrganisationExists } from './specification-queries.ts';

export async function addGoodPractice(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  specificationId: string;
  title: string;
  summary: string;
  organisationId?: string | undefined;
  link?: string | undefined;
}): Promise<{ specificationId: string; exampleId: string }> {
  const { db, context, actor, specificationId } = options;
  await loadSpecificationToChange(db, actor, specificationId, 'record good practice');
  if (options.organisationId && !(await selectOrganisationExists(db, options.organisationId))) {
    throw invalidInput([
      { field: 'organisationId', message: 'Choose the organisation from the list.' },
    ]);
  }
  const exampleId = uuidv7();
  const row = {
    id: exampleId,
    specificationId,
    title: options.title,
    summary: options.summary,
    organisationId: options.organisationId ?? null,
    link: options.link ?? null,
    createdAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await insertGoodPractice(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'specification.good-practice-added',
        entityType: 'specification',
        entityId: specificationId,
        after: {
          exampleId,
          title: row.title,
          summary: row.summary,
          organisationId: row.organisationId,
          link: row.link,
        },
      },
    ]);
  });
  return { specificationId, exampleId };
}
