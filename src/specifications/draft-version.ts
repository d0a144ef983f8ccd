/**
 * Drafting a specification's next version from the latest: its scope, outcomes, the
 * clinical-effectiveness standards it cites, its author and the date written (2006 §3.1(b)). A
 * draft not yet submitted — or sent back by a review asking for changes — is revised in place;
 * after an approved version the next number is drafted; a version in review is left alone.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import type { VersionText } from './create-specification.ts';
import {
  draftingAccount,
  loadSpecificationToChange,
  namedOrActor,
  notAfterToday,
  ruleBroken,
} from './specification-access.ts';
import {
  insertVersion,
  lockSpecification,
  selectVersions,
  updateVersionText,
} from './specification-queries.ts';
import { planDraft } from './specification-rules.ts';

export interface DraftVersionOptions extends VersionText {
  db: Database;
  context: ActionContext;
  actor: Actor;
  specificationId: string;
}

export async function draftVersion(
  options: DraftVersionOptions,
): Promise<{ specificationId: string; version: number; revised: boolean }> {
  const { db, context, actor, specificationId } = options;
  await loadSpecificationToChange(db, actor, specificationId, 'draft a version of a specification');
  const problems = notAfterToday(
    'writtenOn',
    options.writtenOn,
    londonDate(context.now),
    'The date written',
  );
  if (problems.length) throw invalidInput(problems);
  const author = namedOrActor(actor, options.authorName);
  const text = {
    scope: options.scope,
    outcomes: options.outcomes,
    standards: options.standards,
    authorPersonId: author.personId,
    authorName: author.name,
    draftedBy: draftingAccount(actor),
    writtenOn: options.writtenOn,
  };
  return db.transaction(async (transaction) => {
    await lockSpecification(transaction, specificationId);
    const versions = await selectVersions(transaction, specificationId);
    const plan = planDraft(versions);
    if (plan.kind === 'refused') throw ruleBroken([plan.refusal]);
    if (plan.kind === 'revise') {
      const before = versions.find((candidate) => candidate.id === plan.versionId);
      await updateVersionText(transaction, plan.versionId, text);
      await recordAuditEvents(transaction, context, [
        {
          action: 'specification.draft-revised',
          entityType: 'specification',
          entityId: specificationId,
          before: before && {
            version: before.version,
            scope: before.scope,
            outcomes: before.outcomes,
            standards: before.standards,
            authorName: before.authorName,
            writtenOn: before.writtenOn,
          },
          after: { version: plan.version, versionId: plan.versionId, ...text },
        },
      ]);
      return { specificationId, version: plan.version, revised: true };
    }
    const versionId = uuidv7();
    await insertVersion(transaction, {
      id: versionId,
      specificationId,
      version: plan.version,
      ...text,
      status: 'draft',
      createdAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'specification.version-drafted',
        entityType: 'specification',
        entityId: specificationId,
        after: { version: plan.version, versionId, status: 'draft', ...text },
      },
    ]);
    return { specificationId, version: plan.version, revised: false };
  });
}
