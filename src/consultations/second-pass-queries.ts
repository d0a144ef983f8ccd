/**
 * The second pass's SQL: the double-coding sample's first-coded answers to a question still
 * without a second coding (keyset paged by response number), and the pairs of passes over one
 * question's double-coded answers.
 */
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { consultationCodings, consultationResponses } from '../db/schema/consultations.ts';
import { type AnswerToCode, answerToCodeColumns, countedResponse } from './coding-queries.ts';
import type { AgreementTable } from './kappa-rules.ts';

/** Responses that count: submitted, not confirmed a duplicate. */

/**
 * `inSecondPassSample` in SQL, for the page to find the sample without reading the other nine in
 * ten: the first two bytes of sha-256("response id/question id"), big-endian, modulo 1,000, below
 * 100. The JavaScript rule is the definition; second-pass.db.test.ts checks the two agree.
 */
function inSampleSql(questionId: string) {
  return sql`(('x' || left(encode(sha256(convert_to(${consultationResponses.id}::text || '/' || ${questionId}::text, 'UTF8')), 'hex'), 4))::bit(16)::int % 1000 < 100)`;
}

/**
 * The double-coding sample's answers to a question coded in the first pass — by someone other than
 * `notCodedBy`, when given — with no second pass yet, after a response number, in order, at most
 * `limit`, among the response numbers up to `upTo` (a page searches a bounded window). Driven by the responses' (consultation, number) index with the codings looked up by
 * their unique key, as the first pass's "next uncoded" is.
 */
export async function selectSampleAwaitingSecond(
  reader: Reader,
  consultationId: string,
  questionId: string,
  options: { after: number; upTo: number; limit: number; notCodedBy: string | null },
): Promise<AnswerToCode[]> {
  const byOther =
    options.notCodedBy === null
      ? sql``
      : sql` and first.coded_by_person_id <> ${options.notCodedBy}`;
  const rows = await reader
    .select(answerToCodeColumns(questionId))
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        gt(consultationResponses.number, options.after),
        lte(consultationResponses.number, options.upTo),
        countedResponse,
        sql`exists (select 1 from ${consultationCodings} first where first.response_id = ${consultationResponses.id} and first.question_id = ${questionId} and first.pass = 'first'${byOther})`,
        inSampleSql(questionId),
        sql`not exists (select 1 from ${consultationCodings} second where second.response_id = ${consultationResponses.id} and second.question_id = ${questionId} and second.pass = 'second')`,
      ),
    )
    .orderBy(asc(consultationResponses.number))
    .limit(options.limit);
  return rows.filter((row): row is AnswerToCode => typeof row.text === 'string');
}

/** Whether the consultation has any response numbered after `after` (one index probe). */
export async function hasResponseAfter(
  reader: Reader,
  consultationId: string,
  after: number,
): Promise<boolean> {
  const rows = await reader
    .select({ number: consultationResponses.number })
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        gt(consultationResponses.number, after),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Which of some responses are in a question's sample, by the SQL mirror (tests compare it). */
export async function selectInSample(
  reader: Reader,
  questionId: string,
  responseIds: readonly string[],
): Promise<string[]> {
  if (responseIds.length === 0) return [];
  const rows = await reader
    .select({ responseId: consultationResponses.id })
    .from(consultationResponses)
    .where(and(inArray(consultationResponses.id, [...responseIds]), inSampleSql(questionId)));
  return rows.map((row) => row.responseId);
}

/**
 * The two passes over one question's double-coded answers, summed in SQL into each theme's 2×2
 * table (both gave it, only the first, only the second; "neither" is the rest): a row per theme,
 * however many answers were coded twice.
 */
export async function selectQuestionAgreementTables(
  reader: Reader,
  questionId: string,
): Promise<{ doubleCoded: number; tables: Map<string, AgreementTable> }> {
  const pairs = sql`
    select first.theme_ids as first, second.theme_ids as second
    from consultation_codings first
    join consultation_codings second
      on second.response_id = first.response_id and second.question_id = first.question_id
         and second.pass = 'second'
    where first.pass = 'first' and first.question_id = ${questionId}`;
  const result = await reader.execute(sql`
    with pair as (${pairs})
    select theme.id as theme_id,
      (select count(*) from pair) as answers,
      count(pair.first) filter (where pair.first ? theme.id::text and pair.second ? theme.id::text) as both,
      count(pair.first) filter (where pair.first ? theme.id::text and not pair.second ? theme.id::text) as first_only,
      count(pair.first) filter (where not pair.first ? theme.id::text and pair.second ? theme.id::text) as second_only
    from consultation_themes theme
    left join pair on true
    where theme.question_id = ${questionId}
    group by theme.id`);
  const rows = (
    result as unknown as {
      rows: {
        theme_id: string;
        answers: string | number;
        both: string | number;
        first_only: string | number;
        second_only: string | number;
      }[];
    }
  ).rows;
  const doubleCoded = Number(rows[0]?.answers ?? 0);
  const tables = new Map(
    rows.map((row) => {
      const both = Number(row.both);
      const firstOnly = Number(row.first_only);
      const secondOnly = Number(row.second_only);
      return [
        row.theme_id,
        { both, firstOnly, secondOnly, neither: doubleCoded - both - firstOnly - secondOnly },
      ];
    }),
  );
  return { doubleCoded, tables };
}

/** How many answers of one question are coded twice. */
export async function countQuestionDoubleCoded(
  reader: Reader,
  questionId: string,
): Promise<number> {
  const result = await reader.execute(sql`
    select count(*) as answers from consultation_codings
    where question_id = ${questionId} and pass = 'second'`);
  return Number(
    (result as unknown as { rows: { answers: string | number }[] }).rows[0]?.answers ?? 0,
  );
}
