import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTheme } from '../../src/consultations/add-theme.ts';
import { codeAnswer } from '../../src/consultations/code-answer.ts';
import {
  insertAnalystAccount,
  insertTestResponses,
  testAnalysts,
} from '../../src/consultations/testing/analysis-fixture.ts';
import {
  insertTestConsultation,
  type TestConsultation,
} from '../../src/consultations/testing/consultation-fixture.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import {
  acceptSuggestionStep,
  addThemeStep,
  codeAnswerStep,
  codingPagePath,
  suggestThemesStep,
} from '../support/consultation-analyse-steps.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let consultation: TestConsultation;
const password = 'analyst-password-e2e';

const travel = [
  'Too far to travel to the stroke unit by bus',
  'The travel time by bus to specialist care is too long',
  'Two buses to the specialist hospital, travel is hard',
  'Travel for my mother by bus would take an hour',
  'Specialist care is fine but the bus travel is not',
];
const closures = [
  'Do not close our local hospital',
  'Keep the local hospital open for emergencies',
  'Closing the local hospital A&E would be wrong',
  'Our local hospital is needed, no closure',
  'Local hospital closure would hurt the elderly',
  'Save the local hospital maternity unit',
];
const toCode = 'Ambulance travel time matters more than the bus';
const toSuggest = 'The bus travel to the new specialist centre is too long';

beforeAll(async () => {
  server = await startTestServer();
  const db = server.app.database.db;
  const now = new Date();
  consultation = await insertTestConsultation(db, { now });
  const text = consultation.questions[3]!;
  const ids = await insertTestResponses(
    db,
    consultation,
    now,
    [...travel, ...closures, toCode, toSuggest].map((answer, index) => ({
      category: index % 2 === 0 ? 'public' : 'nhs-staff',
      answers: { [text.id]: answer, [consultation.questions[0]!.id]: 'Agree' },
    })),
  );
  // The codebook's second theme and most of the first pass by an analyst before the browser's.
  const [earlier] = await testAnalysts(db);
  const seedContext = { actor: 'test', now };
  await addTheme({
    db,
    context: seedContext,
    actor: earlier,
    slug: consultation.slug,
    questionNumber: 4,
    theme: { code: 'CLOSURES', label: 'Local hospital closures' },
  });
  await addTheme({
    db,
    context: seedContext,
    actor: earlier,
    slug: consultation.slug,
    questionNumber: 4,
    theme: { code: 'TRAVEL', label: 'Travel to specialist care' },
  });
  for (const [index, responseId] of ids.slice(0, 11).entries()) {
    await codeAnswer({
      db,
      context: seedContext,
      actor: earlier,
      slug: consultation.slug,
      questionNumber: 4,
      coding: { responseId, pass: 'first', codes: [index < 5 ? 'TRAVEL' : 'CLOSURES'] },
    });
  }
  await insertAnalystAccount(db, {
    bodySlug: 'joint-committee-of-pcts',
    email: 'analyst-e2e@test.invalid',
    personIndex: 3,
    password,
    now,
  });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('analysing a consultation’s responses (Gunning 4: "conscientiously taken into account")', () => {
  it('keeps the codebook, codes an answer, accepts a suggestion with its why, and reads the counts', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: 'analyst-e2e@test.invalid', password },
      codingPagePath(consultation.slug, 4),
    );
    await page.goto(`${server.baseUrl}${codingPagePath(consultation.slug, 4)}`);
    await expectNoAccessibilityViolations(page);
    await addThemeStep(page, {
      code: 'cost',
      label: 'Cost and funding',
      description: 'What the changes cost and who pays.',
    });
    expect(await page.locator('table').first().textContent()).toContain('COST');
    // A quote not in the answer is refused with the rule.
    const card = page.locator('.nhsuk-card', { hasText: toCode }).first();
    await card.getByLabel(/^Travel to specialist care \(/).check();
    await card.getByLabel('Quote that shows it (optional)').fill('by train');
    await card.getByRole('button', { name: /Save the coding of response/ }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'The quote is not part of the answer',
    );
    await expectNoAccessibilityViolations(page);
    await codeAnswerStep(page, {
      answerText: toCode,
      themeLabels: ['Travel to specialist care'],
      quote: 'Ambulance travel time',
    });
    await suggestThemesStep(page, 20);
    const why = await acceptSuggestionStep(page, toSuggest);
    expect(why).toMatch(
      /Suggested: Travel to specialist care \(TRAVEL\), confidence \d+(\.\d)?%\. Why: “/,
    );
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/consultations/${consultation.slug}/analysis`);
    const section = page.locator('section', { hasText: 'Question 4:' });
    expect(await section.textContent()).toContain('13 answered');
    expect(await section.textContent()).toContain('13 coded, 0 not yet coded');
    expect(await page.getByRole('img', { name: /Question 4: answers by theme/ }).count()).toBe(1);
    expect(await section.locator('svg text', { hasText: '7 (54%)' }).count()).toBe(1);
    expect(await page.textContent('body')).toContain('100% of 1 decided');
    await expectNoAccessibilityViolations(page);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
