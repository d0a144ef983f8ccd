/**
 * The library's SQL: its own tables, and the joins that say where a version is used (the London
 * commissioning intentions and the lead commissioning arrangements).
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { commissioningIntentions, commissioningRounds } from '../db/schema/commissioning.ts';
import { leadArrangements } from '../db/schema/lead-commissioning.ts';
import { organisations, posts } from '../db/schema/registry.ts';
import {
  goodPracticeExamples,
  specificationReviews,
  specifications,
  specificationVersions,
} from '../db/schema/specifications.ts';
import type { ReviewOutcome, VersionStatus } from './specification-rules.ts';

export type SpecificationRow = typeof specifications.$inferSelect;
export type VersionInsert = typeof specificationVersions.$inferInsert;
export type ReviewInsert = typeof specificationReviews.$inferInsert;
export type GoodPracticeInsert = typeof goodPracticeExamples.$inferInsert;

export interface SpecificationRecord {
  id: string;
  title: string;
  serviceArea: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  createdAt: Date;
}

export interface VersionRecord {
  id: string;
  specificationId: string;
  version: number;
  scope: string;
  outcomes: string;
  standards: { reference: string; title: string }[];
  authorPersonId: string | null;
  authorName: string;
  draftedBy: string | null;
  writtenOn: string;
  status: VersionStatus;
  approvedOn: string | null;
  approvedBy: string | null;
  createdAt: Date;
}

export interface ReviewRecord {
  id: string;
  versionId: string;
  reviewerPersonId: string | null;
  reviewerName: string;
  reviewedOn: string;
  outcome: ReviewOutcome;
  comments: string;
  recordedBy: string;
  recordedAt: Date;
}

const versionColumns = {
  id: specificationVersions.id,
  specificationId: specificationVersions.specificationId,
  version: specificationVersions.version,
  scope: specificationVersions.scope,
  outcomes: specificationVersions.outcomes,
  standards: specificationVersions.standards,
  authorPersonId: specificationVersions.authorPersonId,
  authorName: specificationVersions.authorName,
  draftedBy: specificationVersions.draftedBy,
  writtenOn: specificationVersions.writtenOn,
  status: specificationVersions.status,
  approvedOn: specificationVersions.approvedOn,
  approvedBy: specificationVersions.approvedBy,
  createdAt: specificationVersions.createdAt,
};

const specificationColumns = {
  id: specifications.id,
  title: specifications.title,
  serviceArea: specifications.serviceArea,
  bodyId: specifications.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  createdAt: specifications.createdAt,
};

export async function insertSpecification(
  transaction: Transaction,
  row: typeof specifications.$inferInsert,
) {
  await transaction.insert(specifications).values(row);
}

export async function insertVersion(transaction: Transaction, row: VersionInsert) {
  await transaction.insert(specificationVersions).values(row);
}

export async function updateVersionText(
  transaction: Transaction,
  versionId: string,
  text: Pick<
    VersionInsert,
    'scope' | 'outcomes' | 'standards' | 'authorPersonId' | 'authorName' | 'draftedBy' | 'writtenOn'
  >,
) {
  await transaction
    .update(specificationVersions)
    .set(text)
    .where(eq(specificationVersions.id, versionId));
}

export async function updateVersionStatus(
  transaction: Transaction,
  versionId: string,
  change: { status: VersionStatus; approvedOn?: string; approvedBy?: string },
) {
  await transaction
    .update(specificationVersions)
    .set(change)
    .where(eq(specificationVersions.id, versionId));
}

export async function insertReview(transaction: Transaction, row: ReviewInsert) {
  await transaction.insert(specificationReviews).values(row);
}

export async function insertGoodPractice(transaction: Transaction, row: GoodPracticeInsert) {
  await transaction.insert(goodPracticeExamples).values(row);
}

export async function selectSpecification(
  reader: Reader,
  specificationId: string,
): Promise<SpecificationRecord | undefined> {
  const [row] = await reader
    .select(specificationColumns)
    .from(specifications)
    .innerJoin(bodies, eq(specifications.bodyId, bodies.id))
    .where(eq(specifications.id, specificationId));
  return row;
}

/** The specification's row locked for the transaction, so two writers number versions in turn. */
export async function lockSpecification(transaction: Transaction, specificationId: string) {
  await transaction.execute(
    sql`select id from ${specifications} where id = ${specificationId} for update`,
  );
}

export async function selectSpecificationByTitle(reader: Reader, title: string) {
  const [row] = await reader
    .select({ id: specifications.id })
    .from(specifications)
    .where(sql`lower(${specifications.title}) = lower(${title})`);
  return row;
}

export async function selectVersions(
  reader: Reader,
  specificationId: string,
): Promise<VersionRecord[]> {
  const rows = await reader
    .select(versionColumns)
    .from(specificationVersions)
    .where(eq(specificationVersions.specificationId, specificationId))
    .orderBy(asc(specificationVersions.version));
  return rows as VersionRecord[];
}

export async function selectReviews(
  reader: Reader,
  versionIds: readonly string[],
): Promise<ReviewRecord[]> {
  if (versionIds.length === 0) return [];
  const rows = await reader
    .select()
    .from(specificationReviews)
    .where(inArray(specificationReviews.versionId, [...versionIds]))
    .orderBy(asc(specificationReviews.recordedAt), asc(specificationReviews.id));
  return rows as ReviewRecord[];
}

export async function selectGoodPractice(reader: Reader, specificationId: string) {
  return reader
    .select({
      id: goodPracticeExamples.id,
      title: goodPracticeExamples.title,
      summary: goodPracticeExamples.summary,
      link: goodPracticeExamples.link,
      organisationName: organisations.name,
      createdAt: goodPracticeExamples.createdAt,
    })
    .from(goodPracticeExamples)
    .leftJoin(organisations, eq(goodPracticeExamples.organisationId, organisations.id))
    .where(eq(goodPracticeExamples.specificationId, specificationId))
    .orderBy(asc(goodPracticeExamples.createdAt), asc(goodPracticeExamples.id));
}

/** London's PCTs and providers, for the organisation a good-practice example comes from. */
export async function selectOrganisationChoices(reader: Reader) {
  return reader
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

export async function selectOrganisationExists(reader: Reader, organisationId: string) {
  const [row] = await reader
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row !== undefined;
}

export async function selectOrganisationIdNamed(reader: Reader, name: string) {
  const [row] = await reader
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  return row?.id;
}

/** Every specification with its latest version and its approved one, for the library. */
export async function selectLibrary(reader: Reader) {
  const rows = await reader
    .select({
      id: specifications.id,
      title: specifications.title,
      serviceArea: specifications.serviceArea,
      version: specificationVersions.version,
      status: specificationVersions.status,
      writtenOn: specificationVersions.writtenOn,
      authorName: specificationVersions.authorName,
      approvedOn: specificationVersions.approvedOn,
    })
    .from(specifications)
    .leftJoin(specificationVersions, eq(specificationVersions.specificationId, specifications.id))
    .orderBy(
      asc(specifications.serviceArea),
      asc(specifications.title),
      asc(specificationVersions.version),
    );
  return rows as {
    id: string;
    title: string;
    serviceArea: string;
    version: number | null;
    status: VersionStatus | null;
    writtenOn: string | null;
    authorName: string | null;
    approvedOn: string | null;
  }[];
}

const searchQuery = (query: string) => sql`websearch_to_tsquery('english', ${query})`;

/** Whether the words typed leave anything to search for once common words are dropped. */
export async function searchHasTerms(reader: Reader, query: string): Promise<boolean> {
  const result = await reader.execute(sql`select numnode(${searchQuery(query)}) as nodes`);
  const rows = (result as unknown as { rows: { nodes: number | string }[] }).rows;
  return Number(rows[0]?.nodes ?? 0) > 0;
}

/** Marks around each matched word in a snippet: control characters no stored text can carry. */
export const matchStart = '\u0002';
export const matchStop = '\u0003';

/**
 * Versions matching the words, best first, each with a snippet marking the matched words.
 * `approvedOnly` keeps to approved and superseded versions (what the public may read).
 */
export async function searchVersions(
  reader: Reader,
  query: string,
  options: { approvedOnly: boolean; limit: number },
) {
  const rank = sql<number>`ts_rank(${specificationVersions.search}, ${searchQuery(query)})`;
  const document = sql`${specificationVersions.scope} || ' ' || ${specificationVersions.outcomes} || ' ' || coalesce((select string_agg((standard->>'reference') || ' ' || (standard->>'title'), '; ') from jsonb_array_elements(${specificationVersions.standards}) as standard), '')`;
  const headlineOptions = `StartSel=${matchStart}, StopSel=${matchStop}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
  const conditions = [sql`${specificationVersions.search} @@ ${searchQuery(query)}`];
  if (options.approvedOnly) {
    conditions.push(inArray(specificationVersions.status, ['approved', 'superseded']));
  }
  return reader
    .select({
      specificationId: specifications.id,
      title: specifications.title,
      serviceArea: specifications.serviceArea,
      version: specificationVersions.version,
      status: specificationVersions.status,
      writtenOn: specificationVersions.writtenOn,
      authorName: specificationVersions.authorName,
      rank,
      headline: sql<string>`ts_headline('english', ${document}, ${searchQuery(query)}, ${headlineOptions})`,
    })
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(and(...conditions))
    .orderBy(desc(rank), asc(specifications.title), desc(specificationVersions.version))
    .limit(options.limit);
}

/** The approved version of each specification, for another slice's select of versions. */
export async function selectApprovedVersions(reader: Reader) {
  return reader
    .select({
      versionId: specificationVersions.id,
      specificationId: specifications.id,
      title: specifications.title,
      serviceArea: specifications.serviceArea,
      version: specificationVersions.version,
      approvedOn: specificationVersions.approvedOn,
    })
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(eq(specificationVersions.status, 'approved'))
    .orderBy(asc(specifications.serviceArea), asc(specifications.title));
}

/** Where each version is used: the London commissioning intentions and the lead arrangements. */
export async function selectVersionUses(reader: Reader, versionIds: readonly string[]) {
  if (versionIds.length === 0) return { intentions: [], arrangements: [] };
  const ids = [...versionIds];
  const intentions = await reader
    .select({
      versionId: commissioningIntentions.specificationVersionId,
      title: commissioningIntentions.title,
      startYear: commissioningRounds.startYear,
      bodySlug: bodies.slug,
      bodyTitle: bodies.title,
    })
    .from(commissioningIntentions)
    .innerJoin(commissioningRounds, eq(commissioningIntentions.roundId, commissioningRounds.id))
    .innerJoin(bodies, eq(commissioningRounds.bodyId, bodies.id))
    .where(inArray(commissioningIntentions.specificationVersionId, ids))
    .orderBy(desc(commissioningRounds.startYear), asc(commissioningIntentions.position));
  const provider = sql<string>`(select name from ${organisations} where id = ${leadArrangements.providerOrganisationId})`;
  const lead = sql<string>`(select name from ${organisations} where id = ${leadArrangements.leadOrganisationId})`;
  const arrangements = await reader
    .select({
      versionId: leadArrangements.specificationVersionId,
      arrangementId: leadArrangements.id,
      service: leadArrangements.service,
      providerName: provider,
      leadName: lead,
      startYear: commissioningRounds.startYear,
      stage: leadArrangements.stage,
    })
    .from(leadArrangements)
    .innerJoin(commissioningRounds, eq(leadArrangements.roundId, commissioningRounds.id))
    .where(inArray(leadArrangements.specificationVersionId, ids))
    .orderBy(desc(commissioningRounds.startYear), asc(leadArrangements.service));
  return {
    intentions: intentions.map((row) => ({ ...row, versionId: row.versionId as string })),
    arrangements: arrangements.map((row) => ({ ...row, versionId: row.versionId as string })),
  };
}

/** The types of the organisations at which a person holds a post on a day (a reviewer's posts). */
export async function selectPostOrganisationTypes(
  reader: Reader,
  personId: string,
  on: string,
): Promise<string[]> {
  const rows = await reader
    .selectDistinct({ type: organisations.type })
    .from(posts)
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .where(
      and(
        eq(posts.personId, personId),
        sql`${posts.startsOn} <= ${on}`,
        sql`(${posts.endsOn} is null or ${posts.endsOn} >= ${on})`,
      ),
    );
  return rows.map((row) => row.type);
}
