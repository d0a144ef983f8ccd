import { and, asc, desc, eq } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  bodies,
  constitutionAdoptions,
  constitutionVersions,
  reviewCalls,
  termsDrafting,
} from '../db/schema/bodies.ts';
import { organisations } from '../db/schema/registry.ts';
import type { Constitution } from '../governance/index.ts';
import type { RegistryOrganisation } from './adopting-boards.ts';

export interface BodyRow {
  id: string;
  slug: string;
  title: string;
}

export interface ConstitutionVersionRow {
  id: string;
  bodyId: string;
  version: number;
  document: Constitution;
  sourceText: string;
  effectiveOn: string;
  reviewOn: string | null;
  createdAt: Date;
}

const versionColumns = {
  id: constitutionVersions.id,
  bodyId: constitutionVersions.bodyId,
  version: constitutionVersions.version,
  document: constitutionVersions.document,
  sourceText: constitutionVersions.sourceText,
  effectiveOn: constitutionVersions.effectiveOn,
  reviewOn: constitutionVersions.reviewOn,
  createdAt: constitutionVersions.createdAt,
};

export async function selectBodies(reader: Reader): Promise<BodyRow[]> {
  return reader
    .select({ id: bodies.id, slug: bodies.slug, title: bodies.title })
    .from(bodies)
    .orderBy(asc(bodies.title));
}

export async function selectBodyBySlug(reader: Reader, slug: string): Promise<BodyRow | undefined> {
  const [row] = await reader
    .select({ id: bodies.id, slug: bodies.slug, title: bodies.title })
    .from(bodies)
    .where(eq(bodies.slug, slug));
  return row;
}

export async function insertBody(transaction: Transaction, row: BodyRow & { createdAt: Date }) {
  await transaction.insert(bodies).values(row);
}

export async function updateBodyTitle(transaction: Transaction, id: string, title: string) {
  await transaction.update(bodies).set({ title }).where(eq(bodies.id, id));
}

/** Every version of a body, oldest first. */
export async function selectConstitutionVersions(
  reader: Reader,
  bodyId: string,
): Promise<ConstitutionVersionRow[]> {
  const rows = await reader
    .select(versionColumns)
    .from(constitutionVersions)
    .where(eq(constitutionVersions.bodyId, bodyId))
    .orderBy(asc(constitutionVersions.version));
  return rows.map((row) => ({ ...row, document: row.document as Constitution }));
}

export async function selectLatestVersionNumber(reader: Reader, bodyId: string): Promise<number> {
  const [row] = await reader
    .select({ version: constitutionVersions.version })
    .from(constitutionVersions)
    .where(eq(constitutionVersions.bodyId, bodyId))
    .orderBy(desc(constitutionVersions.version))
    .limit(1)
    .for('update');
  return row?.version ?? 0;
}

export async function insertConstitutionVersion(
  transaction: Transaction,
  row: Omit<ConstitutionVersionRow, 'document'> & { document: Constitution },
) {
  await transaction.insert(constitutionVersions).values(row);
}

export interface AdoptionRow {
  id: string;
  organisationId: string;
  organisationName: string;
  adoptedOn: string;
  minuteReference: string;
}

export async function selectAdoptions(reader: Reader, versionId: string): Promise<AdoptionRow[]> {
  return reader
    .select({
      id: constitutionAdoptions.id,
      organisationId: constitutionAdoptions.organisationId,
      organisationName: organisations.name,
      adoptedOn: constitutionAdoptions.adoptedOn,
      minuteReference: constitutionAdoptions.minuteReference,
    })
    .from(constitutionAdoptions)
    .innerJoin(organisations, eq(constitutionAdoptions.organisationId, organisations.id))
    .where(eq(constitutionAdoptions.constitutionVersionId, versionId))
    .orderBy(asc(organisations.name));
}

export async function selectAdoption(reader: Reader, versionId: string, organisationId: string) {
  const [row] = await reader
    .select({ id: constitutionAdoptions.id })
    .from(constitutionAdoptions)
    .where(
      and(
        eq(constitutionAdoptions.constitutionVersionId, versionId),
        eq(constitutionAdoptions.organisationId, organisationId),
      ),
    );
  return row;
}

export async function insertAdoptions(
  transaction: Transaction,
  rows: {
    id: string;
    constitutionVersionId: string;
    organisationId: string;
    adoptedOn: string;
    minuteReference: string;
    recordedAt: Date;
  }[],
) {
  if (rows.length > 0) await transaction.insert(constitutionAdoptions).values(rows);
}

/** The registry's organisations, for matching the boards a constitution names. */
export async function selectRegistryOrganisations(reader: Reader): Promise<RegistryOrganisation[]> {
  return reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      odsCode: organisations.odsCode,
      sectorId: organisations.sectorId,
    })
    .from(organisations);
}

export interface ReviewCallRecord {
  id: string;
  bodyId: string;
  constitutionVersionId: string;
  calledBy: string;
  calledByName: string;
  calledOn: string;
  reason: string;
  reference: string;
  draftingId: string | null;
  draftingState: string | null;
  draftingStartedOn: string | null;
  draftingEndedOn: string | null;
}

/** The review call made on a version of the terms, with the drafting it started. */
export async function selectReviewCallOfVersion(
  reader: Reader,
  versionId: string,
): Promise<ReviewCallRecord | undefined> {
  const [row] = await reader
    .select({
      id: reviewCalls.id,
      bodyId: reviewCalls.bodyId,
      constitutionVersionId: reviewCalls.constitutionVersionId,
      calledBy: reviewCalls.calledBy,
      calledByName: reviewCalls.calledByName,
      calledOn: reviewCalls.calledOn,
      reason: reviewCalls.reason,
      reference: reviewCalls.reference,
      draftingId: termsDrafting.id,
      draftingState: termsDrafting.state,
      draftingStartedOn: termsDrafting.startedOn,
      draftingEndedOn: termsDrafting.endedOn,
    })
    .from(reviewCalls)
    .leftJoin(termsDrafting, eq(termsDrafting.reviewCallId, reviewCalls.id))
    .where(eq(reviewCalls.constitutionVersionId, versionId));
  return row;
}

/** The drafting of a new version under way for a body, if any. */
export async function selectOpenDrafting(
  reader: Reader,
  bodyId: string,
): Promise<{ id: string; startedOn: string } | undefined> {
  const [row] = await reader
    .select({ id: termsDrafting.id, startedOn: termsDrafting.startedOn })
    .from(termsDrafting)
    .where(and(eq(termsDrafting.bodyId, bodyId), eq(termsDrafting.state, 'drafting')));
  return row;
}

export async function insertReviewCall(
  transaction: Transaction,
  call: {
    id: string;
    bodyId: string;
    constitutionVersionId: string;
    calledBy: string;
    calledByName: string;
    calledOn: string;
    reason: string;
    reference: string;
    recordedAt: Date;
  },
  drafting: { id: string; startedOn: string; createdAt: Date },
): Promise<void> {
  await transaction.insert(reviewCalls).values(call);
  await transaction.insert(termsDrafting).values({
    ...drafting,
    bodyId: call.bodyId,
    reviewCallId: call.id,
    state: 'drafting',
  });
}

/** Ends the drafting under way for a body: a new version of its terms was added. */
export async function endOpenDrafting(
  transaction: Transaction,
  bodyId: string,
  endedOn: string,
  versionId: string,
): Promise<{ id: string; startedOn: string }[]> {
  return transaction
    .update(termsDrafting)
    .set({ state: 'ended', endedOn, endedByVersionId: versionId })
    .where(and(eq(termsDrafting.bodyId, bodyId), eq(termsDrafting.state, 'drafting')))
    .returning({ id: termsDrafting.id, startedOn: termsDrafting.startedOn });
}
