/**
 * An earlier review called (2008 §Review: "reviewed in September 2008, unless the London PCTs with
 * NHS London or LCG itself identify an earlier need for review"). Recording the call starts the
 * drafting of a new version of the terms, which ends when a new version is added (decision 068).
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { bodyName, type Constitution } from '../governance/index.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation, ProblemError } from '../shared/problems.ts';
import { loadBodyWithVersions } from './body-in-force.ts';
import {
  type ConstitutionVersionRow,
  insertReviewCall,
  selectOpenDrafting,
  selectReviewCallOfVersion,
} from './body-queries.ts';

/** Who the terms let call an earlier review, in words, with the clause that says so. */
export function earlierReviewCallers(
  constitution: Constitution,
): { clause: string; text: string; by: { id: string; name: string }[] } | null {
  const earlier = constitution.review.earlierReview;
  if (!earlier) return null;
  return {
    clause: earlier.clause,
    text: earlier.text ?? '',
    by: earlier.by.map((id) => ({ id, name: bodyName(constitution, id) })),
  };
}

/** The version in force on a date, as its row. */
function versionInForce(
  versions: readonly ConstitutionVersionRow[],
  date: string,
): ConstitutionVersionRow | undefined {
  return versions.filter((row) => row.effectiveOn <= date).at(-1);
}

export interface ReviewCallView {
  calledBy: string;
  calledOn: string;
  reason: string;
  reference: string;
  drafting: { state: 'drafting' | 'ended'; startedOn: string; endedOn: string | null } | null;
}

/** The call made on the terms in force, and the drafting it started, for the body's page. */
export async function reviewCallOfTermsInForce(
  db: Database,
  versions: readonly ConstitutionVersionRow[],
  today: string,
): Promise<ReviewCallView | null> {
  const row = versionInForce(versions, today);
  if (!row) return null;
  const call = await selectReviewCallOfVersion(db, row.id);
  if (!call) return null;
  return {
    calledBy: call.calledByName,
    calledOn: call.calledOn,
    reason: call.reason,
    reference: call.reference,
    drafting:
      call.draftingState && call.draftingStartedOn
        ? {
            state: call.draftingState as 'drafting' | 'ended',
            startedOn: call.draftingStartedOn,
            endedOn: call.draftingEndedOn,
          }
        : null,
  };
}

/**
 * Records an earlier review called by one of the parties the terms in force name, and starts the
 * drafting of a new version, in one transaction with its audit event.
 */
export async function callEarlierReview(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  calledBy: string;
  calledOn: string;
  reason: string;
  reference: string;
}): Promise<ReviewCallView> {
  const { db, context, actor } = options;
  const { body, versions } = await loadBodyWithVersions(db, options.slug);
  if (!mayRunBody(actor, body.slug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${body.title} may record a review of its terms of reference.`,
    });
  }
  const today = londonDate(context.now);
  const row = versionInForce(versions, today);
  if (!row) {
    throw conflict('calledBy', `${body.title} has no terms of reference in force to review.`);
  }
  const callers = earlierReviewCallers(row.document);
  if (!callers) {
    throw conflict(
      'calledBy',
      `These terms provide no earlier review: version ${row.version} of the terms of ${body.title} is reviewed on its date (${row.document.review.clause}).`,
    );
  }
  const caller = callers.by.find((party) => party.id === options.calledBy);
  const errors = [];
  if (!caller) {
    errors.push({
      field: 'calledBy',
      message: `An earlier review may be called only by ${callers.by.map((party) => party.name).join(', ')} (${callers.clause}: “${callers.text}”).`,
    });
  }
  if (options.calledOn > today) {
    errors.push({
      field: 'calledOn',
      message: 'A review cannot be recorded as called in the future.',
    });
  } else if (options.calledOn < row.effectiveOn) {
    errors.push({
      field: 'calledOn',
      message: `The call must be on or after the terms in force took effect (${row.effectiveOn}).`,
    });
  }
  if (errors.length || !caller) throw invalidInput(errors);
  const underWay = `A review of version ${row.version} of the terms of ${body.title} is already under way.`;
  try {
    return await db.transaction(async (transaction) => {
      if (
        (await selectReviewCallOfVersion(transaction, row.id)) ||
        (await selectOpenDrafting(transaction, body.id))
      ) {
        throw conflict('calledBy', underWay);
      }
      const call = {
        id: uuidv7(),
        bodyId: body.id,
        constitutionVersionId: row.id,
        calledBy: caller.id,
        calledByName: caller.name,
        calledOn: options.calledOn,
        reason: options.reason,
        reference: options.reference,
        recordedAt: context.now,
      };
      const drafting = { id: uuidv7(), startedOn: options.calledOn, createdAt: context.now };
      await insertReviewCall(transaction, call, drafting);
      await recordAuditEvents(transaction, context, [
        {
          action: 'constitution.earlier-review-called',
          entityType: 'body',
          entityId: body.id,
          after: {
            version: row.version,
            calledBy: caller.name,
            calledOn: options.calledOn,
            reason: options.reason,
            reference: options.reference,
            draftingId: drafting.id,
            draftingState: 'drafting',
          },
        },
      ]);
      return {
        calledBy: caller.name,
        calledOn: options.calledOn,
        reason: options.reason,
        reference: options.reference,
        drafting: { state: 'drafting', startedOn: options.calledOn, endedOn: null },
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('calledBy', underWay);
    throw error;
  }
}
