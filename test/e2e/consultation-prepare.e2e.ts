import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoConsultation } from '../../src/consultations/index.ts';
import { insertTestConsultation } from '../../src/consultations/testing/consultation-fixture.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import {
  addDocumentThroughForm,
  addQuestionThroughForm,
  createConsultationThroughForm,
  planEventThroughForm,
  readConsultationPage,
  recordScrutinyOnPreparePage,
} from '../support/consultation-prepare-steps.ts';
import { demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoConsultation({
    db: server.app.database.db,
    context: { actor: 'seed', now: new Date() },
  });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('preparing a consultation in the browser (2008 "Healthcare for London" bullet 1)', () => {
  it('anyone reads the consultations, "Consulting the capital" and its anchored sections', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/consultations`);
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'Consulting the capital' }).click();
    expect(await readConsultationPage(page, server.baseUrl, 'healthcare-for-london')).toBe(
      'Closed',
    );
    expect(await page.locator('table tbody tr').count()).toBe(35);
    await page.getByRole('link', { name: /the consultation document/ }).click();
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: '4 Stroke care' }).click();
    expect(page.url()).toContain('#section-4');
    await page.close();
  });

  it('NHS London’s chief executive sees the checks on the prepare page and records the scrutiny through its form (2008 "Accountabilities")', async () => {
    const { slug } = await insertTestConsultation(server.app.database.db, {
      now: new Date(),
      stage: 'preparing',
    });
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.chair, password: demoPassword },
      `/consultations/${slug}/prepare`,
    );
    expect(await page.locator('tbody tr').count()).toBe(6);
    await recordScrutinyOnPreparePage(page, server.baseUrl, slug, 'Scrutinised for NHS London.');
    expect(await page.locator('main').textContent()).toContain('Scrutinised for NHS London.');
    await page.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });

  it('the consultation team prepares a consultation entirely through forms: created, a document from lines, a question, an event', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.administrator, password: demoPassword },
      '/consultations',
    );
    const slug = await createConsultationThroughForm(page, server.baseUrl, {
      title: 'Polyclinics in north central London',
      summary: 'Proposals for polyclinics in Camden and Islington.',
      opensOn: '2027-02-01',
      closesOn: '2027-05-10',
      formativeStatement: 'No decision has been taken: the Joint Committee decides afterwards.',
      reasonsStatement: 'The case for change is in section 2 of the document.',
    });
    expect(slug).toBe('polyclinics-in-north-central-london');
    await addDocumentThroughForm(page, {
      title: 'Polyclinics for north central London',
      sections: [
        '2 | The case for change | Why services must change.',
        '4.2 | Polyclinics | A new kind of local care.',
      ],
    });
    await addQuestionThroughForm(page, {
      text: 'Do you agree that polyclinics should be developed?',
      kindName: 'Choose one',
      choices: ['Agree', 'Neither agree nor disagree', 'Disagree'],
      section: '4.2',
    });
    await planEventThroughForm(page, {
      title: 'Roadshow: Camden',
      sectorName: 'North Central London',
      venue: 'Camden Town Hall',
      date: '2027-03-10',
      time: '18:30',
    });
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('The event was added to the plan.');
    await page.goto(`${server.baseUrl}/consultations/${slug}`);
    await expectNoAccessibilityViolations(page);
    const consultation = (await page.locator('main').textContent()) ?? '';
    expect(consultation).toContain('Do you agree that polyclinics should be developed?');
    expect(consultation).toContain('Camden Town Hall');
    await page.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
