import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { parseConstitutionYaml, presetsDirectory } from '../constitutions/index.ts';
import type { Database } from '../db/connection.ts';
import {
  type AdoptionStatus,
  adoptionStatus,
  businessServiceMayNotOwn,
  type Constitution,
  type ConstitutionDiff,
  diffConstitutions,
  type EngineResult,
  type ReviewStatus,
  reviewStatus,
} from '../governance/index.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  invalidInput,
  isUniqueViolation,
  notFound,
  ProblemError,
} from '../shared/problems.ts';
import { adoptingBoards } from './adopting-boards.ts';
import { loadBodyWithVersions, termsInForceAmong } from './body-in-force.ts';
import {
  type ConstitutionVersionRow,
  endOpenDrafting,
  insertAdoptions,
  insertBody,
  insertConstitutionVersion,
  selectAdoption,
  selectAdoptions,
  selectBodies,
  selectBodyBySlug,
  selectConstitutionVersions,
  selectLatestVersionNumber,
  selectRegistryOrganisations,
  updateBodyTitle,
} from './body-queries.ts';
import { earlierReviewCallers, reviewCallOfTermsInForce } from './review-call.ts';

/** An engine refusal as a problem: the engine's words, with the path into what was sent. */
function engineProblem(
  result: Extract<EngineResult<unknown>, { ok: false }>,
  field: string,
): ProblemError {
  return invalidInput(
    result.errors.map((error) => ({
      field: error.path?.length ? `${field}.${error.path.join('.')}` : field,
      message: error.message,
    })),
  );
}

function engineValue<T>(result: EngineResult<T>, field: string): T {
  if (!result.ok) throw engineProblem(result, field);
  return result.value;
}

/**
 * Uploaded constitutions may extend the shipped templates (`extends: local-commissioning-group-
 * 2006.template.yaml`) and nothing else: no path of the server's is readable through an upload.
 */
async function readShippedTemplate(requested: string): Promise<string> {
  const name = path.basename(requested);
  if (!name.endsWith('.template.yaml')) {
    throw new Error(
      `only the shipped templates (*.template.yaml) may be extended, not ${requested}`,
    );
  }
  return readFile(path.join(presetsDirectory, name), 'utf8');
}

export async function parseUploadedConstitution(
  sourceText: string,
  fileName: string,
): Promise<Constitution> {
  const result = await parseConstitutionYaml(sourceText, {
    file: path.join(presetsDirectory, path.basename(fileName)),
    readTemplate: readShippedTemplate,
  });
  if (result.ok) return result.constitution;
  throw new ProblemError({
    status: 400,
    code: 'invalid-constitution',
    title: 'The constitution is not valid',
    detail: `${result.errors.length} problem${result.errors.length === 1 ? '' : 's'} in ${path.basename(fileName)}; each is given with its line.`,
    errors: result.errors.map((error) => ({
      field: 'constitution',
      message: `line ${error.line}, column ${error.column}: ${error.message}${error.path ? ` (at ${error.path})` : ''}`,
    })),
  });
}

/**
 * Adds a version of a body's terms of reference, creating the body with its first version.
 * Amending terms is a new version: numbered one past the last, effective after it.
 */
export async function addConstitutionVersion(options: {
  db: Database;
  context: ActionContext;
  sourceText: string;
  fileName: string;
}): Promise<{ slug: string; version: number; created: boolean }> {
  const constitution = await parseUploadedConstitution(options.sourceText, options.fileName);
  const { identity } = constitution;
  return runRefusingDuplicates(
    'constitution',
    `${identity.title} version ${identity.version} was just added by someone else.`,
    () =>
      options.db.transaction(async (transaction) => {
        let body = await selectBodyBySlug(transaction, identity.id);
        const created = !body;
        if (!body) {
          body = { id: uuidv7(), slug: identity.id, title: identity.title };
          await insertBody(transaction, { ...body, createdAt: options.context.now });
        }
        const latest = await selectLatestVersionNumber(transaction, body.id);
        const previous = (await selectConstitutionVersions(transaction, body.id)).at(-1);
        if (!created && identity.version !== latest + 1) {
          throw identity.version <= latest
            ? conflict(
                'constitution',
                `${identity.title} already has version ${identity.version}; the next version is ${latest + 1}.`,
              )
            : invalidInput([
                {
                  field: 'constitution',
                  message: `The next version of ${identity.title} is ${latest + 1}, not ${identity.version}.`,
                },
              ]);
        }
        if (previous && constitution.effective.date <= previous.effectiveOn) {
          throw invalidInput([
            {
              field: 'constitution',
              message: `Version ${identity.version} must take effect after version ${previous.version} (effective ${previous.effectiveOn}), not on ${constitution.effective.date}.`,
            },
          ]);
        }
        if (!created && body.title !== identity.title)
          await updateBodyTitle(transaction, body.id, identity.title);
        const versionId = uuidv7();
        await insertConstitutionVersion(transaction, {
          id: versionId,
          bodyId: body.id,
          version: identity.version,
          document: constitution,
          sourceText: options.sourceText,
          effectiveOn: constitution.effective.date,
          reviewOn: constitution.review.date,
          createdAt: options.context.now,
        });
        // A new version ends the drafting a called review started (decision 068).
        const ended = created
          ? []
          : await endOpenDrafting(transaction, body.id, londonDate(options.context.now), versionId);
        await recordAuditEvents(transaction, options.context, [
          ...ended.map((drafting) => ({
            action: 'constitution.drafting-ended',
            entityType: 'body',
            entityId: body.id,
            before: { draftingId: drafting.id, state: 'drafting', startedOn: drafting.startedOn },
            after: { draftingId: drafting.id, state: 'ended', version: identity.version },
          })),
          ...(created
            ? [
                {
                  action: 'body.created',
                  entityType: 'body',
                  entityId: body.id,
                  after: { slug: body.slug, title: body.title },
                },
              ]
            : []),
          {
            action: 'constitution.version-added',
            entityType: 'body',
            entityId: body.id,
            after: {
              version: identity.version,
              effectiveOn: constitution.effective.date,
              reviewOn: constitution.review.date,
            },
          },
        ]);
        return { slug: body.slug, version: identity.version, created };
      }),
  );
}

/** Two people adding the same thing at once: the unique index decides, and the loser gets a 409. */
async function runRefusingDuplicates<T>(
  field: string,
  message: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(field, message);
    throw error;
  }
}

function versionOf(versions: ConstitutionVersionRow[], version: number, slug: string) {
  const row = versions.find((candidate) => candidate.version === version);
  if (!row) throw notFound(`version of ${slug}`, String(version));
  return row;
}

export interface BodySummary {
  slug: string;
  title: string;
  latestVersion: number;
  inForce: { version: number; effectiveOn: string } | null;
  review: ReviewStatus | null;
}

export async function listBodies(options: { db: Database; asOf: string }): Promise<BodySummary[]> {
  const summaries: BodySummary[] = [];
  for (const body of await selectBodies(options.db)) {
    const versions = await selectConstitutionVersions(options.db, body.id);
    const inForce = termsInForceAmong(versions, options.asOf);
    summaries.push({
      slug: body.slug,
      title: body.title,
      latestVersion: versions.at(-1)?.version ?? 0,
      inForce: inForce
        ? { version: inForce.identity.version, effectiveOn: inForce.effective.date }
        : null,
      review: inForce ? engineValue(reviewStatus(inForce, options.asOf), 'asOf') : null,
    });
  }
  return summaries;
}

export async function getBody(options: { db: Database; slug: string; asOf: string }) {
  const { body, versions } = await loadBodyWithVersions(options.db, options.slug);
  const inForce = termsInForceAmong(versions, options.asOf);
  const reviewCall = await reviewCallOfTermsInForce(options.db, versions, options.asOf);
  return {
    id: body.id,
    slug: body.slug,
    title: body.title,
    versions: versions.map((row) => ({
      version: row.version,
      effectiveOn: row.effectiveOn,
      reviewOn: row.reviewOn,
      createdAt: row.createdAt,
    })),
    inForce: inForce ?? null,
    review: inForce ? engineValue(reviewStatus(inForce, options.asOf), 'asOf') : null,
    /** Who the terms in force let call an earlier review (2008 §Review), if anyone. */
    earlierReview: inForce ? earlierReviewCallers(inForce) : null,
    /** The earlier review called on the terms in force, and the drafting it started. */
    reviewCall,
    /** A review called and its new version still being drafted: the review is under way. */
    reviewUnderWay: reviewCall?.drafting?.state === 'drafting',
  };
}

export async function getConstitutionVersion(options: {
  db: Database;
  slug: string;
  version: number;
}) {
  const { versions } = await loadBodyWithVersions(options.db, options.slug);
  const row = versionOf(versions, options.version, options.slug);
  return { constitution: row.document, sourceText: row.sourceText };
}

export async function compareVersions(options: {
  db: Database;
  slug: string;
  from: number;
  to: number;
}): Promise<ConstitutionDiff> {
  const { versions } = await loadBodyWithVersions(options.db, options.slug);
  const before = versionOf(versions, options.from, options.slug);
  const after = versionOf(versions, options.to, options.slug);
  return engineValue(diffConstitutions(before.document, after.document), 'to');
}

export interface AdoptionReport {
  status: AdoptionStatus;
  /** Constituents named by the constitution that the registry does not hold. */
  unmatchedBoards: string[];
}

/** Who has and has not adopted a version (2006 §101–103), with the engine's explanation. */
export async function getAdoptionReport(options: {
  db: Database;
  slug: string;
  version: number;
  asOf: string;
}): Promise<AdoptionReport> {
  const { versions } = await loadBodyWithVersions(options.db, options.slug);
  const row = versionOf(versions, options.version, options.slug);
  const { boards, unmatched } = adoptingBoards(
    row.document,
    await selectRegistryOrganisations(options.db),
  );
  const adoptions = await selectAdoptions(options.db, row.id);
  const status = engineValue(
    adoptionStatus(
      row.document,
      {
        boards: boards.map((board) => ({ id: board.id, name: board.name })),
        adoptions: adoptions.map((adoption) => ({
          boardId: adoption.organisationId,
          version: row.version,
          adoptedOn: adoption.adoptedOn,
          minuteReference: adoption.minuteReference,
        })),
      },
      options.asOf,
    ),
    'version',
  );
  return { status, unmatchedBoards: unmatched };
}

/**
 * Records that a board adopted a version: the board, the date and its minute reference. Only an
 * administrator or the body's own secretariat may record it.
 */
export async function recordAdoption(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  version: number;
  organisationId: string;
  adoptedOn: string;
  minuteReference: string;
}): Promise<void> {
  const { actor } = options;
  const { body, versions } = await loadBodyWithVersions(options.db, options.slug);
  if (!mayRunBody(actor, body.slug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${body.title} may record adoptions of its terms of reference.`,
    });
  }
  const row = versionOf(versions, options.version, options.slug);
  const registry = await selectRegistryOrganisations(options.db);
  // 2006 §3.2: adopting terms of reference is a board's sign-off, which the Business Service never gives.
  const named = registry.find((candidate) => candidate.id === options.organisationId);
  const refusal = businessServiceMayNotOwn(named?.type, 'sign-off');
  if (refusal) throw conflict('organisationId', refusal.message);
  const { boards } = adoptingBoards(row.document, registry);
  const board = boards.find((candidate) => candidate.id === options.organisationId);
  if (!board) {
    throw invalidInput([
      {
        field: 'organisationId',
        message: `That organisation's board is not one of those asked to adopt ${body.title} version ${row.version} (${row.document.adoption?.clause ?? 'no adoption rule'}).`,
      },
    ]);
  }
  if (options.adoptedOn > londonDate(options.context.now)) {
    throw invalidInput([
      { field: 'adoptedOn', message: 'An adoption cannot be recorded before it happens.' },
    ]);
  }
  await runRefusingDuplicates(
    'organisationId',
    `${board.name} has already adopted version ${row.version}.`,
    () =>
      options.db.transaction(async (transaction) => {
        if (await selectAdoption(transaction, row.id, board.id)) {
          throw conflict(
            'organisationId',
            `${board.name} has already adopted version ${row.version}.`,
          );
        }
        const id = uuidv7();
        await insertAdoptions(transaction, [
          {
            id,
            constitutionVersionId: row.id,
            organisationId: board.id,
            adoptedOn: options.adoptedOn,
            minuteReference: options.minuteReference,
            recordedAt: options.context.now,
          },
        ]);
        await recordAuditEvents(transaction, options.context, [
          {
            action: 'constitution.adopted',
            entityType: 'body',
            entityId: body.id,
            after: {
              version: row.version,
              board: board.name,
              adoptedOn: options.adoptedOn,
              minuteReference: options.minuteReference,
            },
          },
        ]);
      }),
  );
}
