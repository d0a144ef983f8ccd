/**
 * Adding a specification to the library with its first version, a draft (2006 §3.1(b) "Service
 * specifications, standards of clinical effectiveness, quality assurance"): by the secretariat of
 * the London group, which keeps the library, or an administrator; audited in the same transaction.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { CitedStandard } from '../db/schema/specifications.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import {
  draftingAccount,
  libraryBodySlug,
  namedOrActor,
  notAfterToday,
  refuseUnlessMayChange,
} from './specification-access.ts';
import {
  insertSpecification,
  insertVersion,
  selectSpecificationByTitle,
} from './specification-queries.ts';

export interface VersionText {
  scope: string;
  outcomes: string;
  standards: CitedStandard[];
  /** Who wrote it; the person acting when left out. */
  authorName?: string | undefined;
  writtenOn: string;
}

export interface CreateSpecificationOptions extends VersionText {
  db: Database;
  context: ActionContext;
  actor: Actor;
  title: string;
  serviceArea: string;
}

export async function createSpecification(
  options: CreateSpecificationOptions,
): Promise<{ specificationId: string; version: number }> {
  const { db, context, actor } = options;
  const body = await loadBody(db, libraryBodySlug);
  refuseUnlessMayChange(actor, body, 'add a specification to the library');
  const problems = notAfterToday(
    'writtenOn',
    options.writtenOn,
    londonDate(context.now),
    'The date written',
  );
  if (problems.length) throw invalidInput(problems);
  const duplicate = `The library already has a specification called “${options.title}”: draft a new version of it instead.`;
  if (await selectSpecificationByTitle(db, options.title)) throw conflict('title', duplicate);

  const specificationId = uuidv7();
  const versionId = uuidv7();
  const author = namedOrActor(actor, options.authorName);
  try {
    await db.transaction(async (transaction) => {
      await insertSpecification(transaction, {
        id: specificationId,
        bodyId: body.id,
        title: options.title,
        serviceArea: options.serviceArea,
        createdAt: context.now,
      });
      await insertVersion(transaction, {
        id: versionId,
        specificationId,
        version: 1,
        scope: options.scope,
        outcomes: options.outcomes,
        standards: options.standards,
        authorPersonId: author.personId,
        authorName: author.name,
        draftedBy: draftingAccount(actor),
        writtenOn: options.writtenOn,
        status: 'draft',
        createdAt: context.now,
      });
      await recordAuditEvents(transaction, context, [
        {
          action: 'specification.created',
          entityType: 'specification',
          entityId: specificationId,
          after: {
            title: options.title,
            serviceArea: options.serviceArea,
            version: 1,
            versionId,
            status: 'draft',
            authorName: author.name,
            writtenOn: options.writtenOn,
            standards: options.standards,
          },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('title', duplicate);
    throw error;
  }
  return { specificationId, version: 1 };
}
