/**
 * The second pass's SQL: the first-coded answers of a question still without a second coding
 * (keyset paged by response number; the sample itself is drawn by `inSecondPassSample`, in one
 * place), their texts, and the pairs of passes over one question's double-coded answers.
 */
import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { consultationCodings, consultationResponses } from '../db/schema/consultations.ts';
import type { AnswerToCode } from './coding-queries.ts';
import type { PassPair } from './second-pass-rules.ts';

/** Responses that count: submitted, not confirmed a duplicate. */
const counts = sql`${consultationResponses.state} = 'submitted' and ${consultationResponses.duplicateConfirmedAt} is null`;

/**
 * Answers to a question coded in the first pass — by someone other than `notCodedBy`, when given —
 * with no second pass yet, after a response number, in order, at most `limit`: ids and numbers
 * only (the caller keeps the sample's and reads those few texts).
 */
export async function selectFirstCodedAwaitingSecond(
  reader: Reader,
  consultationId: string,
  questionId: string,
  options: { after: number; limit: number; notCodedBy: string | null },
): Promise<{ responseId: string; number: number }[]> {
  return reader
    .select({ responseId: consultationResponses.id, number: consultationResponses.number })
    .from(consultationCodings)
    .innerJoin(consultationResponses, eq(consultationCodings.responseId, consultationResponses.id))
    .where(
      and(
        eq(consultationCodings.questionId, questionId),
        eq(consultationCodings.pass, 'first'),
        eq(consultationResponses.consultationId, consultationId),
        gt(consultationResponses.number, options.after),
        counts,
        options.notCodedBy === null
          ? undefined
          : ne(consultationCodings.codedByPersonId, options.notCodedBy),
        sql`not exists (select 1 from ${consultationCodings} second where second.response_id = ${consultationResponses.id} and second.question_id = ${questionId} and second.pass = 'second')`,
      ),
    )
    .orderBy(asc(consultationResponses.number))
    .limit(options.limit);
}

/** The answers of some responses to a question (the page's few), in response order. */
export async function selectAnswersOf(
  reader: Reader,
  questionId: string,
  responseIds: readonly string[],
): Promise<AnswerToCode[]> {
  if (responseIds.length === 0) return [];
  const rows = await reader
    .select({
      responseId: consultationResponses.id,
      number: consultationResponses.number,
      respondentCategory: consultationResponses.respondentCategory,
      text: sql<string | null>`${consultationResponses.answers} ->> ${questionId}`,
    })
    .from(consultationResponses)
    .where(inArray(consultationResponses.id, [...responseIds]))
    .orderBy(asc(consultationResponses.number));
  return rows.filter((row): row is AnswerToCode => typeof row.text === 'string');
}

/** The two passes over each double-coded answer of one question (a tenth of its coded answers). */
export async function selectQuestionPassPairs(
  reader: Reader,
  questionId: string,
): Promise<PassPair[]> {
  const result = await reader.execute(sql`
    select first.theme_ids as first, second.theme_ids as second
    from consultation_codings first
    join consultation_codings second
      on second.response_id = first.response_id and second.question_id = first.question_id
         and second.pass = 'second'
    where first.pass = 'first' and first.question_id = ${questionId}`);
  return (result as unknown as { rows: PassPair[] }).rows;
}
