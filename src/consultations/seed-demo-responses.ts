/**
 * Demo data (issue 25 part 7): about 3,000 synthetic responses imported into the Healthcare for
 * London consultation THROUGH the importer, as a file of paper forms would be — so the demo's
 * tallies, import record and audit trail are the ones a real import leaves. The file is the same
 * every time (a fixed seed), so seeding again answers "already imported" and writes nothing. The
 * organisations' responses that consented to publication are then read and cleared.
 */
import { Readable } from 'node:stream';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { selectConsultationBySlug, selectQuestions } from './consultation-queries.ts';
import { type ImportOutcome, importRefusal, importResponses } from './import-responses.ts';
import { selectResponsePage } from './response-queries.ts';
import { reviewResponse } from './review-responses.ts';
import { syntheticCsv } from './synthetic-responses.ts';

export const demoConsultationSlug = 'healthcare-for-london';
export const demoResponseCount = 3_000;

/** The seed acts as an administrator on the server, as the command line does. */
const seedAdministrator: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@localhost',
  displayName: 'The demo seed (an administrator on the server)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

/**
 * Imports the demo's synthetic responses, or nothing when the consultation is not there (yet) or
 * not at a stage that takes responses; the outcome says which.
 */
export async function seedDemoResponses(options: {
  db: Database;
  context: ActionContext;
  slug?: string;
  count?: number;
}): Promise<ImportOutcome | { kind: 'skipped'; reason: string }> {
  const slug = options.slug ?? demoConsultationSlug;
  const consultation = await selectConsultationBySlug(options.db, slug);
  if (!consultation) return { kind: 'skipped', reason: `there is no consultation ${slug}` };
  const refusal = importRefusal(consultation, options.context.now);
  if (refusal) return { kind: 'skipped', reason: refusal };
  const questions = await selectQuestions(options.db, consultation.id);
  const outcome = await importResponses({
    db: options.db,
    context: options.context,
    actor: seedAdministrator,
    consultationSlug: slug,
    fileName: 'paper-responses-demo.csv',
    format: 'csv',
    input: Readable.from(syntheticCsv(questions, options.count ?? demoResponseCount, 2008)),
  });
  if (outcome.kind === 'imported') await clearOrganisationResponses(options, consultation.id, slug);
  return outcome;
}

/**
 * The demo's consultation team has read the organisations' responses that consented to
 * publication and cleared them, through the same use case as the staff's page (review M8).
 */
async function clearOrganisationResponses(
  options: { db: Database; context: ActionContext },
  consultationId: string,
  slug: string,
): Promise<void> {
  const toRead = await selectResponsePage(options.db, consultationId, {
    filter: 'publication-check',
    size: 10_000,
  });
  for (const response of toRead) {
    await reviewResponse({
      db: options.db,
      context: options.context,
      actor: seedAdministrator,
      slug,
      number: response.number,
      action: 'publish',
    });
  }
}
