/**
 * The reads and writes of responding: a response and its comments, a draft by its resume hash,
 * the first counted response with the same text, the staff's pages of responses (keyset by
 * number: a national consultation holds a million), the counts by channel and state, and the
 * organisations' published responses.
 */
import { and, asc, count, eq, gt, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  consultationComments,
  consultationEvents,
  consultationResponses,
  consultationSections,
} from '../db/schema/consultations.ts';
import type { Answers } from './response-rules.ts';

export interface ResponseRow {
  id: string;
  number: number;
  consultationId: string;
  respondentCategory: string;
  organisationName: string | null;
  publishConsent: boolean;
  channel: string;
  eventId: string | null;
  state: string;
  answers: Answers;
  normalisedTextHash: string | null;
  duplicateOfResponseId: string | null;
  duplicateConfirmedAt: Date | null;
  submittedAt: Date | null;
  createdAt: Date;
  publicationDecision: string | null;
  publicationReason: string | null;
}

const responseColumns = {
  id: consultationResponses.id,
  number: consultationResponses.number,
  consultationId: consultationResponses.consultationId,
  respondentCategory: consultationResponses.respondentCategory,
  organisationName: consultationResponses.organisationName,
  publishConsent: consultationResponses.publishConsent,
  channel: consultationResponses.channel,
  eventId: consultationResponses.eventId,
  state: consultationResponses.state,
  answers: consultationResponses.answers,
  normalisedTextHash: consultationResponses.normalisedTextHash,
  duplicateOfResponseId: consultationResponses.duplicateOfResponseId,
  duplicateConfirmedAt: consultationResponses.duplicateConfirmedAt,
  submittedAt: consultationResponses.submittedAt,
  createdAt: consultationResponses.createdAt,
  publicationDecision: consultationResponses.publicationDecision,
  publicationReason: consultationResponses.publicationReason,
};

export type NewResponse = typeof consultationResponses.$inferInsert;

/** Inserts a response and gives back its number. */
export async function insertResponse(transaction: Transaction, row: NewResponse): Promise<number> {
  const [inserted] = await transaction
    .insert(consultationResponses)
    .values(row)
    .returning({ number: consultationResponses.number });
  return inserted!.number;
}

/** Replaces a draft's content (and its state, when it is submitted); gives back its number. */
export async function updateResponse(
  transaction: Transaction,
  id: string,
  changes: Partial<NewResponse>,
): Promise<number> {
  const [updated] = await transaction
    .update(consultationResponses)
    .set(changes)
    .where(eq(consultationResponses.id, id))
    .returning({ number: consultationResponses.number });
  return updated!.number;
}

export async function replaceComments(
  transaction: Transaction,
  responseId: string,
  comments: { sectionId: string; text: string }[],
  now: Date,
): Promise<void> {
  await transaction
    .delete(consultationComments)
    .where(eq(consultationComments.responseId, responseId));
  if (comments.length === 0) return;
  await transaction.insert(consultationComments).values(
    comments.map((comment) => ({
      id: uuidv7(),
      responseId,
      sectionId: comment.sectionId,
      text: comment.text,
      createdAt: now,
    })),
  );
}

/** The comments of a response, with their sections' numbers and headings. */
export async function selectComments(reader: Reader, responseId: string) {
  return reader
    .select({
      sectionId: consultationComments.sectionId,
      section: consultationSections.number,
      heading: consultationSections.heading,
      text: consultationComments.text,
    })
    .from(consultationComments)
    .innerJoin(consultationSections, eq(consultationComments.sectionId, consultationSections.id))
    .where(eq(consultationComments.responseId, responseId))
    .orderBy(asc(consultationSections.number));
}

export async function selectResponseById(
  reader: Reader,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ResponseRow | undefined> {
  const query = reader
    .select(responseColumns)
    .from(consultationResponses)
    .where(eq(consultationResponses.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row as ResponseRow | undefined;
}

export async function selectResponseByNumber(
  reader: Reader,
  consultationId: string,
  number: number,
): Promise<ResponseRow | undefined> {
  const [row] = await reader
    .select(responseColumns)
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.number, number),
      ),
    );
  return row as ResponseRow | undefined;
}

/** The response a form's one-time submission token made, by the token's hash. */
export async function selectResponseBySubmissionHash(
  reader: Reader,
  consultationId: string,
  hash: string,
): Promise<ResponseRow | undefined> {
  const [row] = await reader
    .select(responseColumns)
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.submissionTokenHash, hash),
      ),
    );
  return row as ResponseRow | undefined;
}

/** A draft by the hash of its resume link's secret. */
export async function selectDraftByResumeHash(
  reader: Reader,
  consultationId: string,
  hash: string,
): Promise<ResponseRow | undefined> {
  const [row] = await reader
    .select(responseColumns)
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.resumeTokenHash, hash),
        eq(consultationResponses.state, 'draft'),
      ),
    );
  return row as ResponseRow | undefined;
}

/** The first counted response of the consultation with the same normalised text, if any. */
export async function selectFirstWithText(
  reader: Reader,
  consultationId: string,
  hash: string,
  exceptId: string,
): Promise<{ id: string; number: number } | undefined> {
  const [row] = await reader
    .select({ id: consultationResponses.id, number: consultationResponses.number })
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.normalisedTextHash, hash),
        eq(consultationResponses.state, 'submitted'),
        isNull(consultationResponses.duplicateConfirmedAt),
        sql`${consultationResponses.id} <> ${exceptId}`,
      ),
    )
    .orderBy(asc(consultationResponses.number))
    .limit(1);
  return row;
}

export type ResponseFilter =
  | 'all'
  | 'held'
  | 'suspected-duplicates'
  | 'confirmed-duplicates'
  | 'publication-check';

const filterOf: Record<ResponseFilter, SQL | undefined> = {
  all: sql`${consultationResponses.state} <> 'draft'`,
  held: eq(consultationResponses.state, 'held'),
  'suspected-duplicates': and(
    isNotNull(consultationResponses.duplicateOfResponseId),
    isNull(consultationResponses.duplicateConfirmedAt),
    eq(consultationResponses.state, 'submitted'),
  ),
  'confirmed-duplicates': isNotNull(consultationResponses.duplicateConfirmedAt),
  // Organisations' responses they consented to publish, not yet read for publication.
  'publication-check': and(
    eq(consultationResponses.respondentCategory, 'organisation'),
    eq(consultationResponses.publishConsent, true),
    eq(consultationResponses.state, 'submitted'),
    isNull(consultationResponses.duplicateConfirmedAt),
    isNull(consultationResponses.publicationDecision),
  ),
};

/** One page of responses after (or before) a number: keyset, never an offset into a million. */
export async function selectResponsePage(
  reader: Reader,
  consultationId: string,
  options: { filter: ResponseFilter; after?: number | undefined; size: number },
): Promise<ResponseRow[]> {
  const rows = await reader
    .select(responseColumns)
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        filterOf[options.filter],
        options.after === undefined ? undefined : gt(consultationResponses.number, options.after),
      ),
    )
    .orderBy(asc(consultationResponses.number))
    .limit(options.size);
  return rows as ResponseRow[];
}

/** Whether any response of the filter comes before a number (for the "previous" link). */
export async function hasResponsesBefore(
  reader: Reader,
  consultationId: string,
  filter: ResponseFilter,
  number: number,
): Promise<boolean> {
  const [row] = await reader
    .select({ id: consultationResponses.id })
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        filterOf[filter],
        lt(consultationResponses.number, number),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Responses by channel and state (one grouped scan of the consultation's index). */
export async function countResponses(reader: Reader, consultationId: string) {
  const rows = await reader
    .select({
      channel: consultationResponses.channel,
      state: consultationResponses.state,
      suspected: sql<boolean>`(${consultationResponses.duplicateOfResponseId} is not null and ${consultationResponses.duplicateConfirmedAt} is null)`,
      confirmed: sql<boolean>`(${consultationResponses.duplicateConfirmedAt} is not null)`,
      count: count(),
    })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, consultationId))
    .groupBy(sql`1, 2, 3, 4`);
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** The organisations' responses they consented to publish and the team cleared, in order of arrival. */
export async function selectPublishableResponses(
  reader: Reader,
  consultationId: string,
  options: { after?: number | undefined; size: number },
): Promise<ResponseRow[]> {
  const rows = await reader
    .select(responseColumns)
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.respondentCategory, 'organisation'),
        eq(consultationResponses.publishConsent, true),
        eq(consultationResponses.publicationDecision, 'publish'),
        eq(consultationResponses.state, 'submitted'),
        isNull(consultationResponses.duplicateConfirmedAt),
        options.after === undefined ? undefined : gt(consultationResponses.number, options.after),
      ),
    )
    .orderBy(asc(consultationResponses.number))
    .limit(options.size);
  return rows as ResponseRow[];
}

export async function selectEvent(reader: Reader, consultationId: string, eventId: string) {
  const [row] = await reader
    .select()
    .from(consultationEvents)
    .where(
      and(
        eq(consultationEvents.consultationId, consultationId),
        eq(consultationEvents.id, eventId),
      ),
    );
  return row;
}

export async function selectEvents(reader: Reader, consultationId: string) {
  return reader
    .select()
    .from(consultationEvents)
    .where(eq(consultationEvents.consultationId, consultationId))
    .orderBy(asc(consultationEvents.startsAt));
}
