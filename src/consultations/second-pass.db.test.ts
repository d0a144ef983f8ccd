import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, csrfTokenIn, signInThroughForm } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { consultationCodings } from '../db/schema/consultations.ts';
import type { App } from '../http/app-types.ts';
import { addTheme } from './add-theme.ts';
import { insertCodings } from './coding-queries.ts';
import { inSecondPassSample } from './coding-rules.ts';
import { selectInSample } from './second-pass-queries.ts';
import { selectTallies } from './tally-queries.ts';
import {
  insertAnalystAccount,
  insertTestResponses,
  testAnalysts,
} from './testing/analysis-fixture.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

/**
 * The second pass of double coding through its page (issue 25 part 4): another analyst codes the
 * one-in-ten sample blind, and the question's page shows how far the two passes agree — so that
 * responses are "conscientiously taken into account" (Gunning 4) by more than one reading.
 */
let database: DatabaseHandle;
let app: App;
let consultation: TestConsultation;
let responseIds: string[];
const themeIds: Record<string, string> = {};
const password = 'second-pass-password-1';
const travelAnswer = (index: number) => `Travel by bus to the stroke unit takes an hour (${index})`;
const closureAnswer = (index: number) => `Keep the local hospital open, do not close it (${index})`;
/** Response index → the theme its answer raises (even: TRAVEL, odd: CLOSURES). */
const themeOfIndex = (index: number) => (index % 2 === 0 ? 'TRAVEL' : 'CLOSURES');

async function personOf(email: string): Promise<string> {
  const result = await database.db.execute(
    sql`select person_id from accounts where email = ${email}`,
  );
  return (result as unknown as { rows: { person_id: string }[] }).rows[0]!.person_id;
}

async function signedIn(email: string) {
  return (await signInThroughForm(app, email, password)).cookies;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  consultation = await insertTestConsultation(database.db, { now: fixedNow });
  const text = consultation.questions[3]!;
  // 200 answers: the one-in-ten sample (drawn by the ids' hash) holds some of each theme.
  responseIds = await insertTestResponses(
    database.db,
    consultation,
    fixedNow,
    Array.from({ length: 200 }, (_, index) => ({
      category: index % 3 === 0 ? ('clinician' as const) : ('public' as const),
      answers: { [text.id]: index % 2 === 0 ? travelAnswer(index) : closureAnswer(index) },
    })),
  );
  const [admin] = await testAnalysts(database.db);
  for (const [code, label] of [
    ['TRAVEL', 'Travel to specialist care'],
    ['CLOSURES', 'Local hospital closures'],
  ] as const) {
    const { themeId } = await addTheme({
      db: database.db,
      context: { actor: 'test', now: fixedNow },
      actor: admin,
      slug: consultation.slug,
      questionNumber: 4,
      theme: { code, label },
    });
    themeIds[code] = themeId;
  }
  for (const [email, personIndex] of [
    ['first-coder@test.invalid', 6],
    ['second-coder@test.invalid', 7],
  ] as const) {
    await insertAnalystAccount(database.db, {
      bodySlug: 'joint-committee-of-pcts',
      email,
      personIndex,
      password,
      now: fixedNow,
    });
  }
  // The first pass, by the first coder, with a quote each (the second pass must not see either).
  const firstCoder = await personOf('first-coder@test.invalid');
  await database.db.transaction((transaction) =>
    insertCodings(
      transaction,
      responseIds.map((responseId, index) => ({
        id: uuidv7(),
        responseId,
        questionId: text.id,
        pass: 'first' as const,
        themeIds: [themeIds[themeOfIndex(index)]!],
        quote: index % 2 === 0 ? 'an hour' : 'do not close it',
        codedByPersonId: firstCoder,
        codedAt: fixedNow,
      })),
    ),
  );
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const secondPassPath = () => `/consultations/${consultation.slug}/analysis/questions/4/second-pass`;
const questionPath = () => `/consultations/${consultation.slug}/analysis/questions/4`;

async function post(cookies: string, fields: Record<string, string | string[]>) {
  const page = await app.inject({ url: secondPassPath(), headers: { cookie: cookies } });
  const withPage = cookieHeader(page.headers['set-cookie'], cookies);
  const body = new URLSearchParams({ _csrf: csrfTokenIn(page.body) });
  for (const [name, value] of Object.entries(fields))
    for (const each of [value].flat()) body.append(name, each);
  return app.inject({
    method: 'POST',
    url: secondPassPath(),
    headers: { cookie: withPage, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const secondCodings = async () =>
  database.db
    .select()
    .from(consultationCodings)
    .where(
      and(
        eq(consultationCodings.questionId, consultation.questions[3]!.id),
        eq(consultationCodings.pass, 'second'),
      ),
    );

describe('the second pass of double coding (Gunning 4: "conscientiously taken into account")', () => {
  it('lists only the sample’s answers awaiting a second coding, blind to the first pass', async () => {
    const questionId = consultation.questions[3]!.id;
    const sample = responseIds.filter((id) => inSecondPassSample(id, questionId));
    expect(sample.length).toBeGreaterThan(0);
    // The page finds the sample in SQL: its mirror draws the same answers as the rule.
    expect(new Set(await selectInSample(database.db, questionId, responseIds))).toEqual(
      new Set(sample),
    );
    const cookies = await signedIn('second-coder@test.invalid');
    const page = await app.inject({ url: secondPassPath(), headers: { cookie: cookies } });
    expect(page.statusCode, page.body.slice(0, 300)).toBe(200);
    const listed = [...page.body.matchAll(/name="responseId" value="([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(listed).toEqual(sample.slice(0, 10));
    // Blind: no theme ticked, and the page says why.
    expect(page.body).not.toContain('checked');
    expect(page.body).toContain('The first pass’s themes and quote are not shown');
    expect(page.body).toContain('Second coding of question 4');
    const visible = page.body
      .replace(/<(script|style|head|svg)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
    );
    expect(visible).not.toContain(consultation.slug);
    // The question's analysis page links to it.
    const question = await app.inject({ url: questionPath(), headers: { cookie: cookies } });
    expect(question.body).toContain(`href="${secondPassPath()}"`);
    expect(question.body).toContain('not enough double coding');
  });

  it('refuses a second pass by the first pass’s analyst and outside the sample, writing nothing', async () => {
    const questionId = consultation.questions[3]!.id;
    const inSample = responseIds.find((id) => inSecondPassSample(id, questionId))!;
    const outside = responseIds.find((id) => !inSecondPassSample(id, questionId))!;
    const first = await signedIn('first-coder@test.invalid');
    const own = await app.inject({ url: secondPassPath(), headers: { cookie: first } });
    expect(own.body).toContain('Answers you coded in the first pass are left out');
    expect(own.body).not.toContain('name="responseId"');
    const same = await post(first, { responseId: inSample, codes: 'TRAVEL' });
    expect(same.statusCode).toBe(409);
    expect(same.body).toContain('There is a problem');
    expect(same.body).toContain(
      'The second pass must be by another analyst than the first: agreement between two people is what Cohen’s kappa measures (Cohen 1960).',
    );
    const second = await signedIn('second-coder@test.invalid');
    const notSampled = await post(second, { responseId: outside, codes: 'TRAVEL' });
    expect(notSampled.statusCode).toBe(409);
    expect(notSampled.body).toMatch(
      /Response [\d,]+ is not in the double-coding sample \(one answer in ten, drawn by a fixed rule, not chosen by the analyst\)/,
    );
    // A quote not in the answer comes back on that answer's card, linked, with what was typed.
    const misquoted = await post(second, {
      responseId: inSample,
      codes: ['TRAVEL'],
      quote: 'by helicopter',
    });
    expect(misquoted.statusCode).toBe(400);
    expect(misquoted.body).toContain('href="#quote"');
    expect(misquoted.body).toMatch(/id="quote"[^>]*value="by helicopter"/);
    expect(misquoted.body).toMatch(/value="TRAVEL" checked/);
    expect(misquoted.body).toContain('id="pass"');
    expect(await secondCodings()).toEqual([]);
  });

  it('codes the sample a second time, changes no count, and shows kappa per theme and pooled', async () => {
    const questionId = consultation.questions[3]!.id;
    const tallies = await selectTallies(database.db, consultation.id);
    const cookies = await signedIn('second-coder@test.invalid');
    const sampled = responseIds
      .map((id, index) => ({ id, theme: themeOfIndex(index) }))
      .filter((each) => inSecondPassSample(each.id, questionId));
    const travel = sampled.find((each) => each.theme === 'TRAVEL');
    const closures = sampled.find((each) => each.theme === 'CLOSURES');
    expect(travel && closures).toBeTruthy();
    for (const each of [travel!, closures!]) {
      const coded = await post(cookies, { responseId: each.id, pass: 'second', codes: each.theme });
      expect(coded.statusCode, coded.body.slice(0, 500)).toBe(303);
      expect(coded.headers.location).toBe(`${secondPassPath()}?done=coded`);
    }
    expect(await secondCodings()).toHaveLength(2);
    expect(await selectTallies(database.db, consultation.id)).toEqual(tallies);
    const page = await app.inject({
      url: `${secondPassPath()}?done=coded`,
      headers: { cookie: cookies },
    });
    expect(page.body).toContain('The second coding was saved.');
    expect(page.body).toContain('2 answers of this question coded twice so far.');
    expect(page.body).not.toContain(`value="${travel!.id}"`);
    const question = await app.inject({ url: questionPath(), headers: { cookie: cookies } });
    const text = question.body.replace(/\s+/g, ' ');
    expect(text).toContain('How far two analysts agree');
    expect(text).toContain(
      '1.00 over the codebook, almost perfect agreement, from 2 answers coded twice',
    );
    expect(text).toContain('Travel to specialist care (TRAVEL)');
    expect(text).toContain('1.00 (almost perfect agreement)');
  });
});
