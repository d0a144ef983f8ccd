/**
 * Use case: an analyst codes one answer to an open question — the themes it raises (codes of the
 * question's codebook) and the quote that shows them (a part of the answer). The first pass is the
 * coding that counts: it changes the theme tallies in the same transaction (−1 for themes taken
 * off, +1 for themes added, the coded count once). The second pass, on the double-coding sample,
 * must be another analyst's and changes no tally. Gunning 4 ("conscientiously taken into
 * account"): a theme code not in the codebook and a quote not in the answer are refused, and
 * nothing is written.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, ProblemError } from '../shared/problems.ts';
import { analystPersonOf, loadConsultationToAnalyse, openQuestionOf } from './analysis-access.ts';
import { selectResponseIdByNumber } from './coding-list-queries.ts';
import {
  selectAnswerToCode,
  selectCodebook,
  selectCoding,
  upsertCoding,
} from './coding-queries.ts';
import {
  type CodingPass,
  checkCoding,
  checkSecondCoder,
  inSecondPassSample,
  themeDeltasOf,
} from './coding-rules.ts';
import type { QuestionFacts } from './response-rules.ts';
import { applyTallyDeltas } from './tally-queries.ts';

export interface CodeAnswerInput {
  responseId: string;
  pass: CodingPass;
  /** Theme codes of the question's codebook. */
  codes: string[];
  quote?: string | null | undefined;
}

/** The API names the response by its number ("response 4,211"), the pages by its id. */
export type CodeAnswerRequest =
  | CodeAnswerInput
  | (Omit<CodeAnswerInput, 'responseId'> & { responseNumber: number });

export async function codeAnswer(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  questionNumber: number;
  coding: CodeAnswerRequest;
}): Promise<{ codingId: string; themeIds: string[] }> {
  const { db, context, actor } = options;
  const { consultation, questions } = await loadConsultationToAnalyse(
    db,
    actor,
    options.slug,
    'code the responses',
  );
  const question = openQuestionOf(questions, options.questionNumber);
  const personId = analystPersonOf(actor);
  const { coding } = options;
  let responseId: string | undefined;
  if ('responseNumber' in coding) {
    responseId = await selectResponseIdByNumber(db, consultation.id, coding.responseNumber);
    if (!responseId) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Not found',
        detail: `This consultation has no response ${coding.responseNumber.toLocaleString('en-GB')}.`,
      });
    }
  } else responseId = coding.responseId;
  const { codes, pass, quote } = coding;
  return db.transaction((transaction) =>
    codeAnswerIn(transaction, {
      context,
      consultationId: consultation.id,
      question,
      personId,
      coding: { responseId, codes, pass, quote },
    }),
  );
}

/** The coding itself, inside the caller's transaction (accepting a suggestion codes this way too). */
export async function codeAnswerIn(
  transaction: Transaction,
  options: {
    context: ActionContext;
    consultationId: string;
    question: QuestionFacts;
    personId: string;
    coding: CodeAnswerInput;
    /** Recorded in the audit event when the coding comes from an accepted suggestion. */
    suggestionId?: string;
  },
): Promise<{ codingId: string; themeIds: string[] }> {
  const { context, question, personId, coding } = options;
  const answer = await selectAnswerToCode(
    transaction,
    options.consultationId,
    question.id,
    coding.responseId,
  );
  if (!answer) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `That response does not count (a draft, held or a confirmed duplicate) or does not answer question ${question.number}: only counted answers are coded.`,
    });
  }
  const codebook = await selectCodebook(transaction, question.id);
  const checked = checkCoding({
    codebook,
    codes: coding.codes,
    quote: coding.quote ?? null,
    answer: answer.text,
    questionNumber: question.number,
  });
  if (checked.problems.length > 0) throw invalidInput(checked.problems);
  const before = await selectCoding(transaction, answer.responseId, question.id, coding.pass);
  if (coding.pass === 'second') {
    const first = await selectCoding(transaction, answer.responseId, question.id, 'first');
    const refusal = checkSecondCoder(first?.codedByPersonId ?? null, personId);
    if (refusal) throw conflict('pass', refusal);
    if (!inSecondPassSample(answer.responseId, question.id)) {
      throw conflict(
        'pass',
        `Response ${answer.number.toLocaleString('en-GB')} is not in the double-coding sample (one answer in ten, drawn by a fixed rule, not chosen by the analyst): only the sample is coded twice.`,
      );
    }
  }
  const codingId = before?.id ?? uuidv7();
  const row = {
    id: codingId,
    responseId: answer.responseId,
    questionId: question.id,
    pass: coding.pass,
    themeIds: checked.themeIds,
    quote: checked.quote,
    codedByPersonId: personId,
    codedAt: context.now,
  };
  await upsertCoding(transaction, row);
  if (coding.pass === 'first') {
    await applyTallyDeltas(
      transaction,
      options.consultationId,
      themeDeltasOf(
        question.id,
        before?.themeIds ?? null,
        checked.themeIds,
        answer.respondentCategory,
      ),
    );
  }
  await recordAuditEvents(transaction, context, [
    {
      action: before ? 'consultation.answer-recoded' : 'consultation.answer-coded',
      entityType: 'consultation-coding',
      entityId: codingId,
      ...(before && { before }),
      after: {
        ...row,
        questionNumber: question.number,
        responseNumber: answer.number,
        ...(options.suggestionId && { suggestionId: options.suggestionId }),
      },
    },
  ]);
  return { codingId, themeIds: checked.themeIds };
}
