/**
 * Use case: the consortium's secretariat opens a tender for a service, buying to an approved
 * version of a specification in the library (decision 023: a version, never a specification). The
 * tender starts taking bids; the step is dated, attributed and audited.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput } from '../shared/problems.ts';
import { assertRunsConsortium, loadConsortium, nameOf } from './procurement-access.ts';
import {
  insertTender,
  insertTenderStep,
  selectSpecificationVersionLabel,
} from './procurement-queries.ts';

export async function openTender(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  consortiumId: string;
  title: string;
  service: string;
  specificationVersionId: string;
  openedOn?: string | undefined;
}): Promise<{ tenderId: string }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const consortium = await loadConsortium(db, options.consortiumId);
  assertRunsConsortium(actor, consortium);
  const problems: FieldProblem[] = [];
  const version = await selectSpecificationVersionLabel(db, options.specificationVersionId);
  if (!version) {
    problems.push({
      field: 'specificationVersionId',
      message: 'Choose an approved version of a specification in the library.',
    });
  } else if (version.status !== 'approved') {
    problems.push({
      field: 'specificationVersionId',
      message: `Version ${version.version} of “${version.title}” is ${version.status === 'superseded' ? 'superseded' : 'not yet approved'}: a tender buys to the approved version of a specification (decision 023).`,
    });
  }
  const openedOn = options.openedOn ?? today;
  if (openedOn > today) {
    problems.push({ field: 'openedOn', message: `A tender cannot open after today (${today}).` });
  }
  if (openedOn < consortium.inceptedOn) {
    problems.push({
      field: 'openedOn',
      message: `${consortium.name} was formed on ${consortium.inceptedOn}: its tenders open on or after that.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  const tenderId = uuidv7();
  const row = {
    id: tenderId,
    consortiumId: consortium.id,
    title: options.title,
    service: options.service,
    specificationVersionId: options.specificationVersionId,
    stage: 'bidding',
    openedOn,
    createdAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await insertTender(transaction, row);
    await insertTenderStep(transaction, {
      id: uuidv7(),
      tenderId,
      stage: 'bidding',
      happenedOn: openedOn,
      note: `Tender opened for bids, to ${version?.title ?? 'the specification'}, version ${version?.version ?? ''}.`,
      recordedBy: nameOf(actor, context.actor),
      recordedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      { action: 'tender.opened', entityType: 'tender', entityId: tenderId, after: row },
    ]);
  });
  return { tenderId };
}
