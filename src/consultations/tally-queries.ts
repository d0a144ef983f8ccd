/**
 * The analysis's counts, kept as responses arrive and are coded (issue 25: the analysis page reads
 * aggregates, it never counts a million responses at request time). Every use case that submits,
 * imports, releases, confirms as duplicate or codes calls `applyTallyDeltas` in its own
 * transaction, so the counts and the record never disagree.
 */
import { eq, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { consultationResponseCounts, consultationTallies } from '../db/schema/index.ts';
import type { RespondentCategory, ResponseChannel } from './response-rules.ts';
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

/** A change to how many responses count, by channel and respondent category. */
export interface ResponseCountDelta {
  channel: ResponseChannel;
  respondentCategory: RespondentCategory;
  change: number;
}

/** Adds to the responses counted (issue 25: the analysis's totals, kept as the tallies are). */
export async function applyResponseCountDeltas(
  transaction: Transaction,
  consultationId: string,
  deltas: readonly ResponseCountDelta[],
): Promise<void> {
  const sums = new Map<string, ResponseCountDelta>();
  for (const delta of deltas) {
    const key = `${delta.channel}\u0000${delta.respondentCategory}`;
    const sum = sums.get(key);
    if (sum) sum.change += delta.change;
    else sums.set(key, { ...delta });
  }
  const rows = [...sums.values()].filter((row) => row.change !== 0);
  if (rows.length === 0) return;
  await transaction.execute(sql`
    insert into consultation_response_counts (consultation_id, channel, respondent_category, count)
    select ${consultationId}::uuid, change.channel, change.respondent_category, change.count
    from unnest(
      ${sql.param(rows.map((row) => row.channel))}::text[],
      ${sql.param(rows.map((row) => row.respondentCategory))}::text[],
      ${sql.param(rows.map((row) => row.change))}::bigint[]
    ) as change(channel, respondent_category, count)
    on conflict (consultation_id, channel, respondent_category)
    do update set count = consultation_response_counts.count + excluded.count`);
}

export interface ResponseCountRow {
  channel: ResponseChannel;
  respondentCategory: RespondentCategory;
  count: number;
}

/** The responses counted, a row per channel and category (at most twelve). */
export async function selectResponseCounts(
  reader: Reader,
  consultationId: string,
): Promise<ResponseCountRow[]> {
  const rows = await reader
    .select({
      channel: consultationResponseCounts.channel,
      respondentCategory: consultationResponseCounts.respondentCategory,
      count: consultationResponseCounts.count,
    })
    .from(consultationResponseCounts)
    .where(eq(consultationResponseCounts.consultationId, consultationId));
  return rows as ResponseCountRow[];
}
