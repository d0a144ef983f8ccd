import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedNow, seedDemo } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { consultationCodings, consultationSuggestions } from '../db/schema/consultations.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { addTheme } from './add-theme.ts';
import { codeAnswer } from './code-answer.ts';
import { inSecondPassSample } from './coding-rules.ts';
import { decideSuggestion } from './decide-suggestion.ts';
import { suggestThemesForNext } from './suggest-themes.ts';
import { selectTallies } from './tally-queries.ts';
import { insertTestResponses, testAnalysts } from './testing/analysis-fixture.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

let database: DatabaseHandle;
let consultation: TestConsultation;
let first: Actor;
let second: Actor;
let responseIds: string[];
const themeIds: Record<string, string> = {};
const context = { actor: 'test', now: fixedNow };

const travel = [
  'Too far to travel to the stroke unit by bus',
  'The travel time by bus to specialist care is too long',
  'Two buses to the specialist hospital, travel is hard',
  'Travel for my mother by bus would take an hour',
  'Specialist care is fine but the bus travel is not',
  'Ambulance travel time matters more than the bus',
];
const closures = [
  'Do not close our local hospital',
  'Keep the local hospital open for emergencies',
  'Closing the local hospital A&E would be wrong',
  'Our local hospital is needed, no closure',
  'Local hospital closure would hurt the elderly',
  'Save the local hospital maternity unit',
];
const uncoded = [
  'The bus travel to the new specialist centre is too long',
  'Please keep the local hospital',
];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database);
  consultation = await insertTestConsultation(database.db, { now: fixedNow });
  [first, second] = await testAnalysts(database.db);
  const text = consultation.questions[3]!;
  responseIds = await insertTestResponses(
    database.db,
    consultation,
    fixedNow,
    [...travel, ...closures, ...uncoded].map((answer, index) => ({
      category: index % 3 === 0 ? 'clinician' : 'public',
      answers: { [text.id]: answer, [consultation.questions[0]!.id]: 'Agree' },
    })),
  );
  for (const [code, label] of [
    ['TRAVEL', 'Travel to specialist care'],
    ['CLOSURES', 'Local hospital closures'],
  ] as const) {
    const { themeId } = await addTheme({
      db: database.db,
      context,
      actor: first,
      slug: consultation.slug,
      questionNumber: 4,
      theme: { code, label },
    });
    themeIds[code] = themeId;
  }
});

afterAll(async () => {
  await database?.close();
});

async function refusal(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function themeCount(
  tallies: Awaited<ReturnType<typeof selectTallies>>,
  key: string,
  category?: string,
) {
  return tallies
    .filter(
      (row) =>
        row.kind === 'theme' &&
        row.key === key &&
        (category === undefined || row.respondentCategory === category),
    )
    .reduce((sum, row) => sum + row.count, 0);
}

describe('the codebook', () => {
  it('refuses a second theme with the same code, case aside, and a codebook on a closed question', async () => {
    const duplicate = await refusal(
      addTheme({
        db: database.db,
        context,
        actor: first,
        slug: consultation.slug,
        questionNumber: 4,
        theme: { code: 'travel', label: 'Again' },
      }),
    );
    expect(duplicate.problem.detail).toMatch(/already has the code TRAVEL/);
    const closed = await refusal(
      addTheme({
        db: database.db,
        context,
        actor: first,
        slug: consultation.slug,
        questionNumber: 1,
        theme: { code: 'X', label: 'X' },
      }),
    );
    expect(closed.problem.detail).toMatch(/only an open \(free-text\) question has a codebook/);
  });
});

describe('coding an answer (Gunning 4: "conscientiously taken into account")', () => {
  it('updates the theme tallies per category in the same transaction, and recoding moves them', async () => {
    const responseId = responseIds[0]!; // a clinician's
    await codeAnswer({
      db: database.db,
      context,
      actor: first,
      slug: consultation.slug,
      questionNumber: 4,
      coding: { responseId, pass: 'first', codes: ['TRAVEL'], quote: 'stroke unit by bus' },
    });
    let tallies = await selectTallies(database.db, consultation.id);
    expect(themeCount(tallies, themeIds.TRAVEL!, 'clinician')).toBe(1);
    expect(themeCount(tallies, '', 'clinician')).toBe(1);
    await codeAnswer({
      db: database.db,
      context,
      actor: first,
      slug: consultation.slug,
      questionNumber: 4,
      coding: { responseId, pass: 'first', codes: ['closures'] },
    });
    tallies = await selectTallies(database.db, consultation.id);
    expect(themeCount(tallies, themeIds.TRAVEL!)).toBe(0);
    expect(themeCount(tallies, themeIds.CLOSURES!, 'clinician')).toBe(1);
    expect(themeCount(tallies, '')).toBe(1);
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityType, 'consultation-coding'));
    expect(events.map((event) => event.action)).toEqual([
      'consultation.answer-coded',
      'consultation.answer-recoded',
    ]);
  });

  it('refuses a theme code not in the codebook and a quote not in the answer, writing nothing', async () => {
    const before = await selectTallies(database.db, consultation.id);
    const unknown = await refusal(
      codeAnswer({
        db: database.db,
        context,
        actor: first,
        slug: consultation.slug,
        questionNumber: 4,
        coding: { responseId: responseIds[1]!, pass: 'first', codes: ['COST'] },
      }),
    );
    expect(unknown.problem.status).toBe(400);
    expect(unknown.problem.detail).toMatch(/COST is not in question 4’s codebook.*Gunning 4/);
    const misquoted = await refusal(
      codeAnswer({
        db: database.db,
        context,
        actor: first,
        slug: consultation.slug,
        questionNumber: 4,
        coding: {
          responseId: responseIds[1]!,
          pass: 'first',
          codes: ['TRAVEL'],
          quote: 'by train',
        },
      }),
    );
    expect(misquoted.problem.errors?.[0]?.field).toBe('quote');
    expect(await selectTallies(database.db, consultation.id)).toEqual(before);
    const codings = await database.db
      .select()
      .from(consultationCodings)
      .where(eq(consultationCodings.responseId, responseIds[1]!));
    expect(codings).toEqual([]);
  });

  it('refuses a second pass by the first pass’s analyst, and takes another analyst’s on the sample without touching the tallies', async () => {
    // A consultation of its own, with enough answers that the one-in-ten sample holds some.
    const other = await insertTestConsultation(database.db, { now: fixedNow });
    const text = other.questions[3]!;
    const ids = await insertTestResponses(
      database.db,
      other,
      fixedNow,
      Array.from({ length: 150 }, (_, index) => ({
        category: 'public' as const,
        answers: { [text.id]: `Travel by bus takes too long, answer ${index}` },
      })),
    );
    await addTheme({
      db: database.db,
      context,
      actor: first,
      slug: other.slug,
      questionNumber: 4,
      theme: { code: 'TRAVEL', label: 'Travel' },
    });
    const sampled = ids.find((id) => inSecondPassSample(id, text.id))!;
    const notSampled = ids.find((id) => !inSecondPassSample(id, text.id))!;
    const code = (actor: Actor, responseId: string, pass: 'first' | 'second') =>
      codeAnswer({
        db: database.db,
        context,
        actor,
        slug: other.slug,
        questionNumber: 4,
        coding: { responseId, pass, codes: ['TRAVEL'] },
      });
    expect((await refusal(code(second, sampled, 'second'))).problem.detail).toMatch(
      /no first-pass coding/,
    );
    await code(first, sampled, 'first');
    await code(first, notSampled, 'first');
    const same = await refusal(code(first, sampled, 'second'));
    expect(same.problem.detail).toMatch(/another analyst than the first.*Cohen 1960/);
    expect((await refusal(code(second, notSampled, 'second'))).problem.detail).toMatch(
      /not in the double-coding sample/,
    );
    const before = await selectTallies(database.db, other.id);
    await code(second, sampled, 'second');
    expect(await selectTallies(database.db, other.id)).toEqual(before);
  });
});

describe('suggested themes, learnt from the codes people gave (decision 055)', () => {
  it('are made only once a theme has five codings with and five without, then explained, and accepting one codes the answer', async () => {
    const early = await suggestThemesForNext({
      db: database.db,
      context,
      actor: first,
      slug: consultation.slug,
      questionNumber: 4,
      count: 20,
    });
    expect(early.suggestionsMade).toBe(0);
    expect(early.notLearnt.map((each) => each.code)).toEqual(['TRAVEL', 'CLOSURES']);
    for (const [index, responseId] of responseIds.slice(0, 12).entries()) {
      await codeAnswer({
        db: database.db,
        context,
        actor: first,
        slug: consultation.slug,
        questionNumber: 4,
        coding: { responseId, pass: 'first', codes: [index < 6 ? 'TRAVEL' : 'CLOSURES'] },
      });
    }
    const result = await suggestThemesForNext({
      db: database.db,
      context,
      actor: first,
      slug: consultation.slug,
      questionNumber: 4,
      count: 20,
    });
    expect(result.answersLookedAt).toBe(2);
    expect(result.notLearnt).toEqual([]);
    const suggestions = await database.db
      .select()
      .from(consultationSuggestions)
      .where(eq(consultationSuggestions.questionId, consultation.questions[3]!.id));
    const busAnswer = suggestions.find((each) => each.responseId === responseIds[12]);
    expect(busAnswer?.themeId).toBe(themeIds.TRAVEL);
    expect(busAnswer?.because.map((each) => each.feature)).toContain('travel');
    const tallyBefore = themeCount(
      await selectTallies(database.db, consultation.id),
      themeIds.TRAVEL!,
    );
    await decideSuggestion({
      db: database.db,
      context,
      actor: first,
      slug: consultation.slug,
      questionNumber: 4,
      suggestionId: busAnswer!.id,
      outcome: 'accepted',
    });
    const tallies = await selectTallies(database.db, consultation.id);
    expect(themeCount(tallies, themeIds.TRAVEL!)).toBe(tallyBefore + 1);
    const [coding] = await database.db
      .select()
      .from(consultationCodings)
      .where(
        and(
          eq(consultationCodings.responseId, responseIds[12]!),
          eq(consultationCodings.pass, 'first'),
        ),
      );
    expect(coding?.themeIds).toEqual([themeIds.TRAVEL]);
    const again = await refusal(
      decideSuggestion({
        db: database.db,
        context,
        actor: first,
        slug: consultation.slug,
        questionNumber: 4,
        suggestionId: busAnswer!.id,
        outcome: 'rejected',
      }),
    );
    expect(again.problem.detail).toMatch(/already accepted/);
  });
});
