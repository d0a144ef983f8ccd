/**
 * Use case: the committee's response to a theme — "we heard" (what people said) and "we did" (what
 * changed, or why not) — recorded by those running the consultation before the decision after it
 * (Gunning 4: responses "conscientiously taken into account"). Recording again replaces it.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound } from '../shared/problems.ts';
import {
  loadConsultationToAnalyse,
  openQuestionOf,
  requireRecordStillOpen,
} from './analysis-access.ts';
import { selectCodebook } from './coding-queries.ts';
import { selectThemeResponse, upsertThemeResponse } from './report-queries.ts';

export async function recordThemeResponse(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  questionNumber: number;
  themeCode: string;
  weHeard: string;
  weDid: string;
}): Promise<void> {
  const { db, context, actor } = options;
  const { consultation, questions } = await loadConsultationToAnalyse(
    db,
    actor,
    options.slug,
    'record the response to a theme',
  );
  requireRecordStillOpen(consultation, 'record “we heard / we did”');
  const question = openQuestionOf(questions, options.questionNumber);
  const problems = [];
  if (options.weHeard.trim() === '' || options.weHeard.length > 5000)
    problems.push({ field: 'weHeard', message: 'Say what we heard, in up to 5,000 characters.' });
  if (options.weDid.trim() === '' || options.weDid.length > 5000)
    problems.push({
      field: 'weDid',
      message: 'Say what we did, or why nothing changed, in up to 5,000 characters.',
    });
  if (problems.length > 0) throw invalidInput(problems);
  const theme = (await selectCodebook(db, question.id)).find(
    (each) => each.code.toLowerCase() === options.themeCode.trim().toLowerCase(),
  );
  if (!theme) throw notFound(`theme of question ${question.number}`, options.themeCode);
  const personId = actor.kind === 'account' ? actor.personId : null;
  await db.transaction(async (transaction) => {
    const before = await selectThemeResponse(transaction, theme.id);
    const row = {
      id: before?.id ?? uuidv7(),
      themeId: theme.id,
      weHeard: options.weHeard.trim(),
      weDid: options.weDid.trim(),
      recordedByPersonId: personId,
      recordedAt: context.now,
    };
    await upsertThemeResponse(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.theme-response-recorded',
        entityType: 'consultation-theme-response',
        entityId: row.id,
        ...(before && { before }),
        after: { ...row, themeCode: theme.code, questionNumber: question.number },
      },
    ]);
  });
}
