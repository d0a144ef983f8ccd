/**
 * The analysis's counts, kept as responses arrive and are coded (issue 25: the analysis page reads
 * aggregates, it never counts a million responses at request time). Every use case that submits,
 * imports, releases, confirms as duplicate or codes calls `applyTallyDeltas` in its own
 * transaction, so the counts and the record never disagree.
 */
import { eq, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { consultationTallies } from '../db/schema/index.ts';
import { sumTallyDeltas, type TallyDelta } from './response-rules.ts';

/** Adds the deltas, summed per row, in one statement. */
export async function applyTallyDeltas(
  transaction: Transaction,
  consultationId: string,
  deltas: Iterable<TallyDelta>,
): Promise<void> {
  const rows = sumTallyDeltas(deltas);
  if (rows.length === 0) return;
  await transaction.execute(sql`
    insert into consultation_tallies
      (consultation_id, question_id, kind, key, respondent_category, count)
    select ${consultationId}::uuid, change.question_id, change.kind, change.key,
           change.respondent_category, change.count
    from unnest(
      ${sql.param(rows.map((row) => row.questionId))}::uuid[],
      ${sql.param(rows.map((row) => row.kind))}::text[],
      ${sql.param(rows.map((row) => row.key))}::text[],
      ${sql.param(rows.map((row) => row.respondentCategory))}::text[],
      ${sql.param(rows.map((row) => row.change))}::bigint[]
    ) as change(question_id, kind, key, respondent_category, count)
    on conflict (question_id, kind, key, respondent_category)
    do update set count = consultation_tallies.count + excluded.count`);
}

export interface TallyRow {
  questionId: string;
  kind: 'choice' | 'answered' | 'theme';
  key: string;
  respondentCategory: string;
  count: number;
}

/** Every tally of a consultation: a few rows per question, however many responses. */
export async function selectTallies(reader: Reader, consultationId: string): Promise<TallyRow[]> {
  const rows = await reader
    .select({
      questionId: consultationTallies.questionId,
      kind: consultationTallies.kind,
      key: consultationTallies.key,
      respondentCategory: consultationTallies.respondentCategory,
      count: consultationTallies.count,
    })
    .from(consultationTallies)
    .where(eq(consultationTallies.consultationId, consultationId));
  return rows as TallyRow[];
}
