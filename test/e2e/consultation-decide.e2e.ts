import type { BrowserContext, Page } from 'playwright-core';
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
  codingPagePath,
  produceReportStep,
  recordThemeResponseStep,
} from '../support/consultation-analyse-steps.ts';
import {
  decisionRefusalsStep,
  downloadReportPdfStep,
  mainTextStep,
  putDecisionFollowingConsultationStep,
  secondPassCodeStep,
  secondPassPagePath,
} from '../support/consultation-decide-steps.ts';
import { bearerFor } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

/**
 * Issue 25 parts 4–5 in the browser: the second pass of double coding, "we heard / we did", the
 * analysis report and its PDF, and the Joint Committee's decision after consultation — refused
 * before close and put to a meeting after it (Gunning 4: responses "conscientiously taken into
 * account"; 2008 "Accountabilities": the Joint Committee of PCTs decides). The server's clock
 * starts ten minutes before the consultation closes and is moved past it.
 */
let clock = new Date('2026-11-23T10:00:00Z');
const closesAt = new Date('2026-11-23T10:10:00Z');
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let consultation: TestConsultation;
let page: Page;
const password = 'decide-password-e2e';
const email = 'decide-analyst-e2e@test.invalid';
const travel = (index: number) => `The bus to the stroke unit takes an hour, answer ${index}`;
const closure = (index: number) => `Keep the local hospital open for us, answer ${index}`;
const themes = {
  TRAVEL: {
    code: 'TRAVEL',
    label: 'Travel to specialist care',
    weHeard: 'The journey to a specialist centre is too long by bus.',
    weDid: 'Transport for London will add routes to each stroke unit.',
  },
  CLOSURES: {
    code: 'CLOSURES',
    label: 'Local hospital closures',
    weHeard: 'People fear losing their local hospital.',
    weDid: 'Every local hospital keeps an urgent care centre open all day.',
  },
};

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  const db = server.app.database.db;
  consultation = await insertTestConsultation(db, {
    now: clock,
    stage: 'approved',
    opensAt: new Date('2026-10-01T09:00:00Z'),
    closesAt,
  });
  const [choice, , , text] = consultation.questions;
  // 100 answers, half of each theme: the one-in-ten sample holds some whatever the ids draw.
  const ids = await insertTestResponses(
    db,
    consultation,
    clock,
    Array.from({ length: 100 }, (_, index) => ({
      category: index % 2 === 0 ? ('public' as const) : ('nhs-staff' as const),
      answers: {
        [text!.id]: index % 2 === 0 ? travel(index) : closure(index),
        [choice!.id]: index % 4 === 0 ? 'Disagree' : 'Agree',
      },
    })),
  );
  // The codebook and the first pass by another analyst than the browser's.
  const [first] = await testAnalysts(db);
  const seedContext = { actor: 'test', now: clock };
  for (const theme of Object.values(themes)) {
    await addTheme({
      db,
      context: seedContext,
      actor: first,
      slug: consultation.slug,
      questionNumber: 4,
      theme: { code: theme.code, label: theme.label },
    });
  }
  for (const [index, responseId] of ids.entries()) {
    await codeAnswer({
      db,
      context: seedContext,
      actor: first,
      slug: consultation.slug,
      questionNumber: 4,
      coding: { responseId, pass: 'first', codes: [index % 2 === 0 ? 'TRAVEL' : 'CLOSURES'] },
    });
  }
  await insertAnalystAccount(db, {
    bodySlug: 'joint-committee-of-pcts',
    email,
    personIndex: 3,
    password,
    now: clock,
  });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  page = await signInThroughForm(
    context,
    server.baseUrl,
    { email, password },
    decisionPagePathOf(),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function decisionPagePathOf() {
  return `/consultations/${consultation.slug}/decision`;
}

describe('deciding after a consultation (Gunning 4: "conscientiously taken into account")', () => {
  it('refuses to put the decision before close, naming each reason', async () => {
    const refusals = (await decisionRefusalsStep(page, server.baseUrl, consultation.slug)).join(
      ' | ',
    );
    expect(refusals).toContain(
      'The consultation has not closed (it closes on 23 November 2026): every response must be in',
    );
    expect(refusals).toContain('No analysis report has been produced');
    expect(refusals).toContain('2 themes have no “we heard / we did” yet');
    expect(refusals).toContain('TRAVEL (question 4)');
    expect(
      await page.getByRole('button', { name: 'Put the decision to the meeting' }).count(),
    ).toBe(0);
  });

  it('codes a sample answer a second time, blind, and shows the agreement on the question’s page', async () => {
    await page.goto(`${server.baseUrl}${codingPagePath(consultation.slug, 4)}`);
    await page.getByRole('link', { name: /Code the double-coding sample of question 4/ }).click();
    await page.waitForURL(`**${secondPassPagePath(consultation.slug, 4)}`);
    await expectNoAccessibilityViolations(page);
    const intro = await mainTextStep(page);
    expect(intro).toContain('The first pass’s themes and quote are not shown');
    expect(await page.locator('input[type=checkbox]:checked').count()).toBe(0);
    const answer = (await page.locator('.nhsuk-card blockquote').first().textContent()) ?? '';
    const theme = answer.includes('bus') ? themes.TRAVEL : themes.CLOSURES;
    // A quote that is not in the answer is refused on the page, with the rule, nothing written.
    const card = page.locator('.nhsuk-card').first();
    await card.getByLabel(new RegExp(`^${theme.label} \\(`)).check();
    await card.getByLabel('Quote that shows it (optional)').fill('by helicopter');
    await card.getByRole('button', { name: /Save the second coding of response/ }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'The quote is not part of the answer',
    );
    await expectNoAccessibilityViolations(page);
    expect(await mainTextStep(page)).toContain('0 answers of this question coded twice so far.');
    const number = await secondPassCodeStep(page, {
      themeLabels: [theme.label],
      quote: answer.includes('bus') ? 'takes an hour' : 'local hospital',
    });
    expect(number).toMatch(/^\d+$/);
    expect(await mainTextStep(page)).toContain('1 answer of this question coded twice so far.');
    await page.getByRole('link', { name: 'See how far the two passes agree' }).click();
    await expectNoAccessibilityViolations(page);
    const agreement = await mainTextStep(page);
    expect(agreement).toContain('How far two analysts agree');
    expect(agreement).toContain('from 1 answer coded twice');
    expect(agreement).toContain('(Cohen 1960; words from Landis and Koch 1977)');
  });

  it('records "we heard / we did" for each theme and produces the report, as a page and a PDF', async () => {
    await page.goto(`${server.baseUrl}${codingPagePath(consultation.slug, 4)}`);
    for (const theme of Object.values(themes)) await recordThemeResponseStep(page, theme);
    await expectNoAccessibilityViolations(page);
    await page.goto(`${server.baseUrl}/consultations/${consultation.slug}/analysis`);
    await expectNoAccessibilityViolations(page);
    expect(await produceReportStep(page)).toBe(1);
    await expectNoAccessibilityViolations(page);
    const report = await mainTextStep(page);
    expect(report).toContain('Report version 1 was produced.');
    expect(report).toContain('23 November 2026 at 10:00');
    expect(report).toContain('Question 4: What else should we consider about local care?');
    expect(report).toContain('100 answered. 100 coded, 0 not yet coded.');
    expect(report).toContain(`We heard: ${themes.TRAVEL.weHeard}`);
    expect(report).toContain(`We did: ${themes.CLOSURES.weDid}`);
    expect(await page.getByRole('img', { name: /Question 4: answers by theme/ }).count()).toBe(1);
    expect(await page.locator('svg text', { hasText: '50 (50%)' }).count()).toBe(2);
    expect(await page.locator('svg text', { hasText: '75 (75%)' }).count()).toBe(1);

    const pdf = await downloadReportPdfStep(page, server.baseUrl, consultation.slug);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.text).toContain('Analysis of the responses: Consulting the capital (test)');
    expect(pdf.text).toContain('Report version 1, produced on 23 November 2026 at 10:00');
    expect(pdf.text).toContain('Question 4: answers by theme');
    expect(pdf.text).toContain('Travel to specialist care');
    expect(pdf.text).toContain('50 (50%)');
    expect(pdf.text).toContain('75 (75%)');
    expect(pdf.text).toContain('25 (25%)');
    expect(pdf.text).toContain(`We heard: ${themes.TRAVEL.weHeard}`);
    expect(pdf.text).toContain(`We did: ${themes.CLOSURES.weDid}`);
    // The charts are drawn: a rectangle per bar at least (Agree, Disagree, the two themes).
    expect(pdf.rectangles).toBeGreaterThanOrEqual(4);
  });

  it('after close, puts the decision to a meeting of the Joint Committee of PCTs', async () => {
    clock = new Date('2026-11-23T10:20:00Z');
    const scheduled = await server.app.inject({
      method: 'POST',
      url: '/api/v1/bodies/joint-committee-of-pcts/meetings',
      headers: await bearerFor(server.app, 'administrator'),
      payload: {
        title: 'Joint Committee: the decision on Healthcare for London',
        startsAt: '2026-12-15T14:00:00Z',
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: '2026-12-01',
      },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    await putDecisionFollowingConsultationStep(
      page,
      server.baseUrl,
      consultation.slug,
      'Joint Committee: the decision on Healthcare for London',
    );
    const decision = await mainTextStep(page);
    expect(decision).toContain('Put to the Joint Committee');
    expect(decision).toContain('Record the decision');
    expect(decision).not.toContain('Not yet: the decision cannot be put');
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
