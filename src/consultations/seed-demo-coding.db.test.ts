import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { consultationCodings, consultationResponses } from '../db/schema/consultations.ts';
import type { App } from '../http/app-types.ts';
import { linkDemoAnalystsToPeople } from '../seed/demo-accounts.ts';
import { inSecondPassSample } from './coding-rules.ts';
import { selectConsultationBySlug, selectQuestions } from './consultation-queries.ts';
import type { QuestionFacts } from './response-rules.ts';
import { seedDemoCoding } from './seed-demo-coding.ts';
import { seedDemoConsultation } from './seed-demo-consultation.ts';
import { demoConsultationSlug, seedDemoResponses } from './seed-demo-responses.ts';
import { selectTallies } from './tally-queries.ts';

// The demo as `npm start` seeds it: Healthcare for London, its ~3,000 synthetic responses through
// the importer, then the codebooks and the coding of about 40% of the free text (first pass) and
// part of the one-in-ten sample again by the analyst (second pass).
let database: DatabaseHandle;
let app: App;
const context = { actor: 'seed', now: fixedNow };
let consultationId: string;
let questions: QuestionFacts[];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  await seedDemoConsultation({ db: database.db, context });
  const imported = await seedDemoResponses({ db: database.db, context });
  expect(imported.kind).not.toBe('skipped');
  expect(await linkDemoAnalystsToPeople({ db: database.db, context })).toBe(2);
  const coded = await seedDemoCoding({ db: database.db, context });
  expect(coded.kind).toBe('coded');
  const consultation = await selectConsultationBySlug(database.db, demoConsultationSlug);
  consultationId = consultation!.id;
  questions = await selectQuestions(database.db, consultationId);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

const keyOf = (questionId: string, kind: string, key: string, category: string) =>
  `${questionId} ${kind} ${key} ${category}`;

describe('the demo’s responses and coding', () => {
  it('keeps the tallies’ invariant: every tally equals the count of the stored responses and first-pass codings', async () => {
    const responses = await database.db
      .select()
      .from(consultationResponses)
      .where(eq(consultationResponses.consultationId, consultationId));
    const counted = responses.filter(
      (response) => response.state === 'submitted' && response.duplicateConfirmedAt === null,
    );
    expect(counted.length).toBeGreaterThan(2_500);
    const expected = new Map<string, number>();
    const add = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
    const categoryOf = new Map<string, string>();
    for (const response of counted) {
      categoryOf.set(response.id, response.respondentCategory);
      const answers = response.answers as Record<string, string | string[]>;
      for (const question of questions) {
        const answer = answers[question.id];
        if (answer === undefined) continue;
        add(keyOf(question.id, 'answered', '', response.respondentCategory));
        if (question.kind === 'free-text') continue;
        for (const choice of [answer].flat()) {
          add(keyOf(question.id, 'choice', choice, response.respondentCategory));
        }
      }
    }
    const codings = await database.db.select().from(consultationCodings);
    const firstPass = codings.filter((coding) => coding.pass === 'first');
    for (const coding of firstPass) {
      const category = categoryOf.get(coding.responseId);
      expect(category, 'a coding of a response that does not count').toBeDefined();
      add(keyOf(coding.questionId, 'theme', '', category!));
      for (const themeId of coding.themeIds) {
        add(keyOf(coding.questionId, 'theme', themeId, category!));
      }
    }
    const tallies = new Map(
      (await selectTallies(database.db, consultationId))
        .filter((row) => row.count !== 0)
        .map((row) => [
          keyOf(row.questionId, row.kind, row.key, row.respondentCategory),
          row.count,
        ]),
    );
    expect(tallies.size).toBe(expected.size);
    expect(Object.fromEntries(tallies)).toEqual(Object.fromEntries(expected));
  });

  it('codes about 40% of each open question’s answers, and a second pass by another person only on the sample', async () => {
    const codings = await database.db.select().from(consultationCodings);
    const tallies = await selectTallies(database.db, consultationId);
    const openQuestions = questions.filter((question) => question.kind === 'free-text');
    expect(openQuestions.length).toBeGreaterThan(0);
    for (const question of openQuestions) {
      const answered = tallies
        .filter((row) => row.questionId === question.id && row.kind === 'answered')
        .reduce((sum, row) => sum + row.count, 0);
      const first = codings.filter(
        (coding) => coding.questionId === question.id && coding.pass === 'first',
      );
      expect(first.length / answered).toBeGreaterThan(0.35);
      expect(first.length / answered).toBeLessThan(0.45);
    }
    const firstById = new Map(
      codings
        .filter((coding) => coding.pass === 'first')
        .map((coding) => [`${coding.responseId}/${coding.questionId}`, coding]),
    );
    const second = codings.filter((coding) => coding.pass === 'second');
    const sampled = [...firstById.values()].filter((coding) =>
      inSecondPassSample(coding.responseId, coding.questionId),
    );
    expect(second.length).toBeGreaterThan(0);
    expect(second.length).toBeLessThan(sampled.length);
    for (const coding of second) {
      const first = firstById.get(`${coding.responseId}/${coding.questionId}`);
      expect(first).toBeDefined();
      expect(inSecondPassSample(coding.responseId, coding.questionId)).toBe(true);
      expect(coding.codedByPersonId).not.toBe(first!.codedByPersonId);
    }
  });

  it('writes nothing when seeded again', async () => {
    const before = (await database.db.select().from(consultationCodings)).length;
    expect((await seedDemoCoding({ db: database.db, context })).kind).toBe('skipped');
    expect((await seedDemoResponses({ db: database.db, context })).kind).not.toBe('imported');
    expect(await linkDemoAnalystsToPeople({ db: database.db, context })).toBe(0);
    expect((await database.db.select().from(consultationCodings)).length).toBe(before);
  });

  it('shows the coding on the analysis page: themes and the agreement of the two passes', async () => {
    const page = await app.inject({
      url: `/consultations/${demoConsultationSlug}/analysis`,
      headers: await bearerFor(app, 'administrator'),
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Cohen’s kappa');
    const agreement = /Cohen’s kappa ([0-9.]+): [^,]+, over ([0-9,]+) answers coded twice/.exec(
      page.body,
    );
    expect(agreement, 'the kappa of the two passes').not.toBeNull();
    expect(Number(agreement![2]!.replaceAll(',', ''))).toBeGreaterThan(100);
  });
});
