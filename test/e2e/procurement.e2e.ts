import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoProcurement } from '../../src/procurement/index.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import { seedDemoSpecifications } from '../../src/specifications/index.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

// A reduced journey (issue 24 part 2): the secretariat registers a consortium with weights (a
// refusal first), and the demo's London IAPT tender — put to the consortium and carried by share
// though not by head count — shows both lines of the explanation. Axe on every page.
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

beforeAll(async () => {
  server = await startTestServer();
  const seed = { db: server.app.database.db, context: { actor: 'seed', now: new Date() } };
  await seedDemoSpecifications(seed);
  expect(await seedDemoProcurement(seed)).toBe(1);
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (email: string, returnTo: string) =>
  signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);

describe('procurement consortia and the award by a weighted 75% vote (2006 §111)', () => {
  it('the secretariat registers a consortium with weights; shares that miss 100% are refused first', async () => {
    const page = await signIn(demoEmails.secretariat, '/procurement');
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Name', { exact: true }).fill('North London IAPT consortium');
    await page
      .getByLabel('Portfolio', { exact: true })
      .fill('Psychological therapies for three PCTs.');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Year').fill('2008');
    await page.getByLabel('75% of all members entitled to vote, present or not').check();
    await page.getByLabel('Each member’s vote weighs its share of the portfolio').check();
    await page.getByLabel('Basis of the shares').fill('Weighted population 2008/09');
    await page.getByLabel('Member 1', { exact: true }).selectOption({ label: 'Camden PCT' });
    await page.getByLabel('Member 1’s share (%)').fill('50');
    await page.getByLabel('Member 2', { exact: true }).selectOption({ label: 'Islington PCT' });
    await page.getByLabel('Member 2’s share (%)').fill('49');
    await page.getByRole('button', { name: 'Record consortium' }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'add up to 99.00%, not 100.00%',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Member 2’s share (%)').fill('50');
    await page.getByRole('button', { name: 'Record consortium' }).click();
    await page.waitForURL(/\/procurement\/consortia\//);
    const main = await page.locator('main').textContent();
    expect(main).toContain('This inception record is fixed');
    expect(main).toContain('50.00%');
    await expectNoAccessibilityViolations(page);
  });

  it('the demo tender shows the award carried by share, with the unweighted line beside it', async () => {
    const page = await signIn(demoEmails.member, '/procurement');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'London IAPT service 2008–2011' }).click();
    await page.waitForURL(/\/procurement\/tenders\//);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Awarded to South London and Maudsley NHS Foundation Trust');
    expect(main).toContain('Weight for:');
    expect(main).toContain('Unweighted, one vote each');
    expect(main).toContain('it would not have been carried');
    expect(main).toContain('Complete');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'London IAPT procurement consortium' }).first().click();
    await expectNoAccessibilityViolations(page);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
