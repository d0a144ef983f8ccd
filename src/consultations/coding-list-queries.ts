/**
 * The analysis API's lists, keyset paged and bounded (never all): a pass's codings of a question
 * after a response number, the pending suggestions of a question after a suggestion, and a
 * response's id by its number (the API names responses as people do, "response 4,211").
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import {
  consultationCodings,
  consultationResponses,
  consultationSuggestions,
} from '../db/schema/consultations.ts';
import type { CodingPass } from './coding-rules.ts';
import type { RespondentCategory } from './response-rules.ts';

/** The most rows one page of the API returns. */
export const mostRowsPerPage = 500;

export interface CodingListRow {
  responseNumber: number;
  respondentCategory: RespondentCategory;
  themeIds: string[];
  quote: string | null;
  codedByPersonId: string;
  codedAt: Date;
}

/**
 * A pass's codings of a question, by response number after `after`, at most `limit`: the walk
 * follows the responses' (consultation, number) index and probes each coding by its unique key,
 * so a page costs the same however many answers are coded.
 */
export async function selectCodingsAfter(
  reader: Reader,
  consultationId: string,
  questionId: string,
  pass: CodingPass,
  options: { after: number; limit: number },
): Promise<CodingListRow[]> {
  const rows = await reader
    .select({
      responseNumber: consultationResponses.number,
      respondentCategory: consultationResponses.respondentCategory,
      themeIds: consultationCodings.themeIds,
      quote: consultationCodings.quote,
      codedByPersonId: consultationCodings.codedByPersonId,
      codedAt: consultationCodings.codedAt,
    })
    .from(consultationCodings)
    .innerJoin(consultationResponses, eq(consultationCodings.responseId, consultationResponses.id))
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        gt(consultationResponses.number, options.after),
        eq(consultationCodings.questionId, questionId),
        eq(consultationCodings.pass, pass),
      ),
    )
    .orderBy(asc(consultationResponses.number))
    .limit(options.limit);
  return rows as CodingListRow[];
}

export interface PendingSuggestionRow {
  id: string;
  responseNumber: number;
  text: string;
  themeId: string;
  confidencePerMille: number;
  because: { feature: string; weight: number }[];
}

/** The pending suggestions of a question, in the order made (ids are time-ordered), after `after`. */
export async function selectPendingSuggestionsAfter(
  reader: Reader,
  questionId: string,
  options: { after: string | null; limit: number },
): Promise<PendingSuggestionRow[]> {
  const rows = await reader
    .select({
      id: consultationSuggestions.id,
      responseNumber: consultationResponses.number,
      text: sql<string>`${consultationResponses.answers} ->> ${questionId}`,
      themeId: consultationSuggestions.themeId,
      confidencePerMille: consultationSuggestions.confidencePerMille,
      because: consultationSuggestions.because,
    })
    .from(consultationSuggestions)
    .innerJoin(
      consultationResponses,
      eq(consultationSuggestions.responseId, consultationResponses.id),
    )
    .where(
      and(
        eq(consultationSuggestions.questionId, questionId),
        eq(consultationSuggestions.outcome, 'pending'),
        ...(options.after === null ? [] : [gt(consultationSuggestions.id, options.after)]),
      ),
    )
    .orderBy(asc(consultationSuggestions.id))
    .limit(options.limit);
  return rows as PendingSuggestionRow[];
}

/** The id of a consultation's response by its number, or undefined. */
export async function selectResponseIdByNumber(
  reader: Reader,
  consultationId: string,
  number: number,
): Promise<string | undefined> {
  const [row] = await reader
    .select({ id: consultationResponses.id })
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.number, number),
      ),
    );
  return row?.id;
}
