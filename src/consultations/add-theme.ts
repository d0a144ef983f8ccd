/**
 * Use case: an analyst adds a theme to an open question's codebook, or changes one (code, label,
 * description, order). Codes are unique in a codebook, case aside. Audited; bad input writes
 * nothing.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation, notFound } from '../shared/problems.ts';
import { loadConsultationToAnalyse, openQuestionOf } from './analysis-access.ts';
import { insertTheme, selectCodebook, updateTheme } from './coding-queries.ts';
import { checkThemeCode } from './coding-rules.ts';

export interface ThemeInput {
  code: string;
  label: string;
  description?: string | null | undefined;
  /** Where it goes in the codebook (1 = first); at the end when not given. */
  position?: number | undefined;
}

function checkThemeInput(input: ThemeInput) {
  const problems = [];
  const codeProblem = checkThemeCode(input.code.trim());
  if (codeProblem) problems.push({ field: 'code', message: codeProblem });
  if (input.label.trim() === '' || input.label.trim().length > 120) {
    problems.push({ field: 'label', message: 'Give the theme a label of up to 120 characters.' });
  }
  if ((input.description ?? '').length > 2000) {
    problems.push({
      field: 'description',
      message: 'Keep the description under 2,000 characters.',
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
}

export async function addTheme(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  questionNumber: number;
  theme: ThemeInput;
}): Promise<{ themeId: string }> {
  const { db, context, actor, theme } = options;
  const { questions } = await loadConsultationToAnalyse(db, actor, options.slug, 'keep a codebook');
  const question = openQuestionOf(questions, options.questionNumber);
  checkThemeInput(theme);
  const themeId = uuidv7();
  try {
    await db.transaction(async (transaction) => {
      const codebook = await selectCodebook(transaction, question.id);
      const row = {
        id: themeId,
        questionId: question.id,
        code: theme.code.trim().toUpperCase(),
        label: theme.label.trim(),
        description: theme.description?.trim() || null,
        position: theme.position ?? codebook.length + 1,
      };
      await insertTheme(transaction, row);
      await recordAuditEvents(transaction, context, [
        {
          action: 'consultation.theme-added',
          entityType: 'consultation-theme',
          entityId: themeId,
          after: { ...row, questionNumber: question.number },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        'code',
        `Question ${question.number}’s codebook already has the code ${theme.code.trim().toUpperCase()}: each theme has its own code.`,
      );
    }
    throw error;
  }
  return { themeId };
}

export async function changeTheme(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  questionNumber: number;
  themeId: string;
  theme: ThemeInput;
}): Promise<void> {
  const { db, context, actor, theme } = options;
  const { questions } = await loadConsultationToAnalyse(db, actor, options.slug, 'keep a codebook');
  const question = openQuestionOf(questions, options.questionNumber);
  checkThemeInput(theme);
  try {
    await db.transaction(async (transaction) => {
      const before = (await selectCodebook(transaction, question.id)).find(
        (each) => each.id === options.themeId,
      );
      if (!before) throw notFound('theme of this question', options.themeId);
      const change = {
        code: theme.code.trim().toUpperCase(),
        label: theme.label.trim(),
        description: theme.description?.trim() || null,
        position: theme.position ?? before.position,
      };
      await updateTheme(transaction, before.id, change);
      await recordAuditEvents(transaction, context, [
        {
          action: 'consultation.theme-changed',
          entityType: 'consultation-theme',
          entityId: before.id,
          before,
          after: { ...before, ...change },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        'code',
        `Question ${question.number}’s codebook already has the code ${theme.code.trim().toUpperCase()}: each theme has its own code.`,
      );
    }
    throw error;
  }
}
