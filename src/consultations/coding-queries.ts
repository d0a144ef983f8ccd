/**
 * The analysis's SQL: the codebook, the answers to code (keyset paged, never all), the codings of
 * both passes, the suggestions and the small counts the analysis page reads beside the tallies
 * (suggestions decided per theme, the double-coded sample's pairs). Only analysis use cases write
 * these rows.
 */
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  consultationCodings,
  consultationQuestions,
  consultationResponses,
  consultationSuggestions,
  consultationThemes,
} from '../db/schema/consultations.ts';
import type { CodingPass } from './coding-rules.ts';
import type { RespondentCategory } from './response-rules.ts';

export interface ThemeRow {
  id: string;
  questionId: string;
  code: string;
  label: string;
  description: string | null;
  position: number;
}

const themeColumns = {
  id: consultationThemes.id,
  questionId: consultationThemes.questionId,
  code: consultationThemes.code,
  label: consultationThemes.label,
  description: consultationThemes.description,
  position: consultationThemes.position,
};

/** The codebook of one question, in order. */
export async function selectCodebook(reader: Reader, questionId: string): Promise<ThemeRow[]> {
  return reader
    .select(themeColumns)
    .from(consultationThemes)
    .where(eq(consultationThemes.questionId, questionId))
    .orderBy(asc(consultationThemes.position), asc(consultationThemes.code));
}

/** The codebooks of every question of a consultation: a few dozen themes. */
export async function selectCodebooks(reader: Reader, consultationId: string): Promise<ThemeRow[]> {
  return reader
    .select(themeColumns)
    .from(consultationThemes)
    .innerJoin(consultationQuestions, eq(consultationThemes.questionId, consultationQuestions.id))
    .where(eq(consultationQuestions.consultationId, consultationId))
    .orderBy(
      asc(consultationQuestions.number),
      asc(consultationThemes.position),
      asc(consultationThemes.code),
    );
}

export async function insertTheme(transaction: Transaction, row: ThemeRow): Promise<void> {
  await transaction.insert(consultationThemes).values(row);
}

export async function updateTheme(
  transaction: Transaction,
  id: string,
  change: { code: string; label: string; description: string | null; position: number },
): Promise<void> {
  await transaction.update(consultationThemes).set(change).where(eq(consultationThemes.id, id));
}

/** An answer as coding needs it: the response that counts, its category and the answer's text. */
export interface AnswerToCode {
  responseId: string;
  number: number;
  respondentCategory: RespondentCategory;
  text: string;
}

/** Responses that count: submitted, not confirmed a duplicate. */
export const countedResponse = sql`${consultationResponses.state} = 'submitted' and ${consultationResponses.duplicateConfirmedAt} is null`;

/** An answer to one question as the coding pages show it: the response, its number and the text. */
export function answerToCodeColumns(questionId: string) {
  return {
    responseId: consultationResponses.id,
    number: consultationResponses.number,
    respondentCategory: consultationResponses.respondentCategory,
    text: sql<string | null>`${consultationResponses.answers} ->> ${questionId}`,
  };
}

export async function selectAnswerToCode(
  reader: Reader,
  consultationId: string,
  questionId: string,
  responseId: string,
): Promise<AnswerToCode | undefined> {
  const [row] = await reader
    .select(answerToCodeColumns(questionId))
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.id, responseId),
        eq(consultationResponses.consultationId, consultationId),
        countedResponse,
      ),
    );
  if (!row || typeof row.text !== 'string') return undefined;
  return row as AnswerToCode;
}

/**
 * The next answers to a question with no first-pass coding, after a response number (keyset: the
 * page never reads what it skips), at most `limit`.
 */
export async function selectUncodedAnswers(
  reader: Reader,
  consultationId: string,
  questionId: string,
  options: { after: number; limit: number },
): Promise<AnswerToCode[]> {
  const rows = await reader
    .select(answerToCodeColumns(questionId))
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        gt(consultationResponses.number, options.after),
        countedResponse,
        sql`${consultationResponses.answers} ? ${questionId}`,
        sql`not exists (select 1 from ${consultationCodings} where ${consultationCodings.responseId} = ${consultationResponses.id} and ${consultationCodings.questionId} = ${questionId} and ${consultationCodings.pass} = 'first')`,
      ),
    )
    .orderBy(asc(consultationResponses.number))
    .limit(options.limit);
  return rows as AnswerToCode[];
}

export interface CodingRow {
  id: string;
  responseId: string;
  questionId: string;
  pass: CodingPass;
  themeIds: string[];
  quote: string | null;
  codedByPersonId: string;
  codedAt: Date;
}

export async function selectCoding(
  reader: Reader,
  responseId: string,
  questionId: string,
  pass: CodingPass,
): Promise<CodingRow | undefined> {
  const [row] = await reader
    .select()
    .from(consultationCodings)
    .where(
      and(
        eq(consultationCodings.responseId, responseId),
        eq(consultationCodings.questionId, questionId),
        eq(consultationCodings.pass, pass),
      ),
    )
    .for('update');
  return row as CodingRow | undefined;
}

/** Writes a pass's coding of an answer, replacing the one before. */
export async function upsertCoding(transaction: Transaction, row: CodingRow): Promise<void> {
  await transaction
    .insert(consultationCodings)
    .values(row)
    .onConflictDoUpdate({
      target: [
        consultationCodings.responseId,
        consultationCodings.questionId,
        consultationCodings.pass,
      ],
      set: {
        themeIds: row.themeIds,
        quote: row.quote,
        codedByPersonId: row.codedByPersonId,
        codedAt: row.codedAt,
      },
    });
}

/** The first-pass coded answers the suggestions learn from: the earliest coded, at most `limit`. */
export async function selectCodedAnswers(
  reader: Reader,
  questionId: string,
  limit: number,
): Promise<{ text: string; themeIds: string[] }[]> {
  const rows = await reader
    .select({
      text: sql<string>`${consultationResponses.answers} ->> ${questionId}`,
      themeIds: consultationCodings.themeIds,
    })
    .from(consultationCodings)
    .innerJoin(consultationResponses, eq(consultationCodings.responseId, consultationResponses.id))
    .where(
      and(eq(consultationCodings.questionId, questionId), eq(consultationCodings.pass, 'first')),
    )
    .orderBy(asc(consultationCodings.codedAt), asc(consultationCodings.id))
    .limit(limit);
  return rows.filter((row) => typeof row.text === 'string');
}

export interface SuggestionRow {
  id: string;
  responseId: string;
  questionId: string;
  themeId: string;
  confidencePerMille: number;
  because: { feature: string; weight: number }[];
  outcome: 'pending' | 'accepted' | 'rejected';
  decidedByPersonId: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** Stores new suggestions; one already made for the answer and theme is left as it is. */
export async function insertSuggestions(
  transaction: Transaction,
  rows: SuggestionRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await transaction
    .insert(consultationSuggestions)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: consultationSuggestions.id });
  return inserted.length;
}

export async function selectSuggestion(
  reader: Reader,
  id: string,
): Promise<SuggestionRow | undefined> {
  const [row] = await reader
    .select()
    .from(consultationSuggestions)
    .where(eq(consultationSuggestions.id, id))
    .for('update');
  return row as SuggestionRow | undefined;
}

export async function decideSuggestionRow(
  transaction: Transaction,
  id: string,
  decision: { outcome: 'accepted' | 'rejected'; personId: string; at: Date },
): Promise<void> {
  await transaction
    .update(consultationSuggestions)
    .set({
      outcome: decision.outcome,
      decidedByPersonId: decision.personId,
      decidedAt: decision.at,
    })
    .where(eq(consultationSuggestions.id, id));
}

/** The pending suggestions for some answers of a question (the page's few). */
export async function selectPendingSuggestions(
  reader: Reader,
  questionId: string,
  responseIds: string[],
): Promise<SuggestionRow[]> {
  if (responseIds.length === 0) return [];
  const rows = await reader
    .select()
    .from(consultationSuggestions)
    .where(
      and(
        eq(consultationSuggestions.questionId, questionId),
        inArray(consultationSuggestions.responseId, responseIds),
        eq(consultationSuggestions.outcome, 'pending'),
        isNull(consultationSuggestions.decidedAt),
      ),
    )
    .orderBy(asc(consultationSuggestions.confidencePerMille));
  return rows as SuggestionRow[];
}

/** Suggestions decided, per theme: the agreement between suggestions and people. */
export async function selectSuggestionOutcomes(
  reader: Reader,
  consultationId: string,
): Promise<{ themeId: string; outcome: string; count: number }[]> {
  const result = await reader.execute(sql`
    select suggestion.theme_id, suggestion.outcome, count(*) as count
    from consultation_suggestions suggestion
    join consultation_questions question on question.id = suggestion.question_id
    where question.consultation_id = ${consultationId}
    group by suggestion.theme_id, suggestion.outcome`);
  const rows = (
    result as unknown as { rows: { theme_id: string; outcome: string; count: string | number }[] }
  ).rows;
  return rows.map((row) => ({
    themeId: row.theme_id,
    outcome: row.outcome,
    count: Number(row.count),
  }));
}

/** Writes many new codings at once (the demo seed's batches; a use case codes one at a time). */
export async function insertCodings(transaction: Transaction, rows: CodingRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 1_000) {
    await transaction.insert(consultationCodings).values(rows.slice(start, start + 1_000));
  }
}
