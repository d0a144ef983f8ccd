/**
 * Use cases: the consultation's runners look at what the form's guards set aside, so no genuine
 * response is lost (2008 "Healthcare for London" bullet 1: "taking full account of all the
 * comments received"). A held response (the honeypot filled) is released — then counted — or left
 * held; a suspected duplicate (the same normalised text as an earlier counted response) is
 * confirmed — then no longer counted — or its suspicion cleared. Each re-checks who runs the
 * consultation on the record, changes the tallies in its own transaction and is audited.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, ProblemError } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { selectQuestions } from './consultation-queries.ts';
import { isCounted, manageConsultationClause, responseNumberText } from './respond-rules.ts';
import {
  selectFirstWithText,
  selectResponseById,
  selectResponseByNumber,
  updateResponse,
} from './response-queries.ts';
import { type RespondentCategory, type ResponseChannel, tallyDeltasOf } from './response-rules.ts';
import { loadConsultation } from './submit-response.ts';
import { applyResponseCountDeltas, applyTallyDeltas } from './tally-queries.ts';

export type ReviewAction =
  | 'release'
  | 'confirm-duplicate'
  | 'clear-duplicate'
  | 'publish'
  | 'withhold';

export const reviewActionNames: Record<ReviewAction, string> = {
  release: 'released',
  'confirm-duplicate': 'confirmed as a duplicate',
  'clear-duplicate': 'cleared of the duplicate suspicion',
  publish: 'cleared for publication after the close',
  withhold: 'withheld from publication',
};

const longestReason = 2000;

export async function reviewResponse(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  number: number;
  action: ReviewAction;
  /** Why an organisation's response is withheld from publication (required to withhold). */
  reason?: string | undefined;
}): Promise<{ number: number; duplicateOfNumber: number | null }> {
  const { db, context, actor } = options;
  const consultation = await loadConsultation(db, options.slug);
  requireRunsConsultation(actor, consultation, 'review its responses');
  const found = await selectResponseByNumber(db, consultation.id, options.number);
  if (!found || found.state === 'draft') {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Response not found',
      detail: `The consultation has no response number ${responseNumberText(options.number)}.`,
    });
  }
  const questions = await selectQuestions(db, consultation.id);
  const label = `Response ${responseNumberText(found.number)}`;
  return db.transaction(async (transaction) => {
    // Locked, so two people acting on one response at once cannot count it twice.
    const response = (await selectResponseById(transaction, found.id, { forUpdate: true }))!;
    const category = response.respondentCategory as RespondentCategory;
    let changes: Parameters<typeof updateResponse>[2];
    let sign: 1 | -1 | 0 = 0;
    let duplicateOfNumber: number | null = null;
    if (options.action === 'release') {
      if (response.state !== 'held') {
        throw conflict('action', `${label} is not held: only a held response is released.`);
      }
      const first = response.normalisedTextHash
        ? await selectFirstWithText(
            transaction,
            consultation.id,
            response.normalisedTextHash,
            response.id,
          )
        : undefined;
      duplicateOfNumber = first?.number ?? null;
      changes = { state: 'submitted', duplicateOfResponseId: first?.id ?? null };
      sign = 1;
    } else if (options.action === 'confirm-duplicate') {
      if (!response.duplicateOfResponseId || !isCounted(response)) {
        throw conflict(
          'action',
          `${label} is not a suspected duplicate: only a counted response with the same text as an earlier one is confirmed.`,
        );
      }
      changes = { duplicateConfirmedAt: context.now };
      sign = -1;
    } else if (options.action === 'publish' || options.action === 'withhold') {
      if (
        response.respondentCategory !== 'organisation' ||
        !response.publishConsent ||
        !isCounted(response)
      ) {
        throw conflict(
          'action',
          `${label} is not to be published: only a counted organisation’s response that consented to publication is read for it.`,
        );
      }
      const reason = options.reason?.trim() ?? '';
      if (options.action === 'withhold' && (reason === '' || reason.length > longestReason)) {
        throw invalidInput([
          {
            field: 'reason',
            message:
              reason === ''
                ? 'Say why it is withheld from publication (for example: it names a patient).'
                : `Keep the reason to ${longestReason.toLocaleString('en-GB')} characters.`,
          },
        ]);
      }
      changes = {
        publicationDecision: options.action,
        publicationReason: options.action === 'withhold' ? reason : null,
        publicationDecidedAt: context.now,
        publicationDecidedBy: context.actor,
      };
    } else {
      if (!response.duplicateOfResponseId || response.duplicateConfirmedAt !== null) {
        throw conflict(
          'action',
          `${label} is not a suspected duplicate: only an unconfirmed suspicion is cleared.`,
        );
      }
      changes = { duplicateOfResponseId: null };
    }
    await updateResponse(transaction, response.id, { ...changes, updatedAt: context.now });
    if (sign !== 0) {
      await applyTallyDeltas(
        transaction,
        consultation.id,
        tallyDeltasOf(questions, response.answers, category, sign),
      );
      await applyResponseCountDeltas(transaction, consultation.id, [
        {
          channel: response.channel as ResponseChannel,
          respondentCategory: category,
          change: sign,
        },
      ]);
    }
    await recordAuditEvents(transaction, context, [
      {
        action: `consultation-response.${options.action}`,
        entityType: 'consultation-response',
        entityId: response.id,
        before: {
          state: response.state,
          duplicateOfResponseId: response.duplicateOfResponseId,
          duplicateConfirmedAt: response.duplicateConfirmedAt,
          publicationDecision: response.publicationDecision,
          publicationReason: response.publicationReason,
        },
        after: { ...changes, number: response.number, clause: manageConsultationClause.clause },
      },
    ]);
    return { number: response.number, duplicateOfNumber };
  });
}
