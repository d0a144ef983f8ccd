/**
 * Recording the quality-assurance review of a version in review (2006 §3.1(b) "quality
 * assurance"): signed off (it then waits for approval) or changes needed (it goes back to draft),
 * with comments and the date. The reviewer is the account recording it (its person and name, never
 * a name typed in the request), and is never the version's author nor the account that drafted it.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { businessServiceMayNotOwn } from '../governance/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import {
  actorAsNamed,
  draftingAccount,
  loadSpecificationToChange,
  notAfterToday,
  ruleBroken,
  versionNumbered,
} from './specification-access.ts';
import {
  insertReview,
  lockSpecification,
  selectPostOrganisationTypes,
  updateVersionStatus,
} from './specification-queries.ts';
import { type ReviewOutcome, reviewRefusals, statusAfterReview } from './specification-rules.ts';

export interface RecordReviewOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  specificationId: string;
  version: number;
  outcome: ReviewOutcome;
  comments: string;
  reviewedOn: string;
}

export async function recordReview(
  options: RecordReviewOptions,
): Promise<{ specificationId: string; version: number; reviewId: string; status: string }> {
  const { db, context, actor, specificationId, version } = options;
  await loadSpecificationToChange(
    db,
    actor,
    specificationId,
    'record the quality-assurance review of a specification',
  );
  const dateProblems = notAfterToday(
    'reviewedOn',
    options.reviewedOn,
    londonDate(context.now),
    'A review',
  );
  if (dateProblems.length) throw invalidInput(dateProblems);
  const reviewer = actorAsNamed(actor);
  return db.transaction(async (transaction) => {
    await lockSpecification(transaction, specificationId);
    const { found } = await versionNumbered(transaction, specificationId, version);
    const refusals = reviewRefusals(found, {
      reviewer,
      reviewerAccount: draftingAccount(actor),
      reviewedOn: options.reviewedOn,
    });
    // 2006 §3.2: the Business Service quality-assures (2006 §3.1(b)) but never gives the sign-off.
    if (options.outcome === 'signed-off' && reviewer.personId) {
      const types = await selectPostOrganisationTypes(
        transaction,
        reviewer.personId,
        options.reviewedOn,
      );
      const refusal = types
        .map((type) => businessServiceMayNotOwn(type, 'sign-off'))
        .find((each) => each !== undefined);
      if (refusal) {
        refusals.push({
          field: 'outcome',
          rule: 'the Business Service never signs off',
          clause: refusal.clause,
          message: `${reviewer.name} holds a post at the Business Service, which may record that changes are needed but may not sign a specification off: ${refusal.message}`,
        });
      }
    }
    if (refusals.length) throw ruleBroken(refusals);
    const reviewId = uuidv7();
    const status = statusAfterReview(options.outcome);
    await insertReview(transaction, {
      id: reviewId,
      versionId: found.id,
      reviewerPersonId: reviewer.personId,
      reviewerName: reviewer.name,
      reviewedOn: options.reviewedOn,
      outcome: options.outcome,
      comments: options.comments,
      recordedBy: reviewer.name,
      recordedAt: context.now,
    });
    if (status !== found.status) await updateVersionStatus(transaction, found.id, { status });
    await recordAuditEvents(transaction, context, [
      {
        action: 'specification.reviewed',
        entityType: 'specification',
        entityId: specificationId,
        before: { version, versionId: found.id, status: found.status },
        after: {
          version,
          versionId: found.id,
          reviewId,
          outcome: options.outcome,
          comments: options.comments,
          reviewerName: reviewer.name,
          reviewedOn: options.reviewedOn,
          status,
        },
      },
    ]);
    return { specificationId, version, reviewId, status };
  });
}
