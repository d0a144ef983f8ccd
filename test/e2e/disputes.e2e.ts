import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/governance/index.ts';
import { londonDate } from '../../src/identity/actor.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
// The server runs on the real clock, so dates are counted from today in London.
const today = londonDate(new Date());
const lcg = 'london-commissioning-group';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

describe('a service-development dispute taken through mediation to SHA facilitation, in the browser', () => {
  let page: Page;
  let disputeUrl: string;
  let reviewUrl: string;

  it('the secretariat records a joint review, which cannot start before its process is agreed (2006 §112)', async () => {
    page = await signIn(demoEmails.secretariat, `/bodies/${lcg}/joint-reviews`);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Title').fill('Cardiology services review');
    await page.getByLabel('Service development').check();
    await page
      .getByLabel('Process for decision making (optional now)')
      .fill('Recommendations by consensus of the sponsoring PCTs.');
    await page.getByRole('button', { name: 'Record review' }).click();
    await page.waitForURL('**/joint-reviews/*?changed=proposed');
    reviewUrl = page.url().split('?')[0]!;
    await expectNoAccessibilityViolations(page);

    await fillDate(page, 'Started on', addDays(today, -59));
    await page.getByRole('button', { name: 'Start review' }).click();
    const refusal = await page.locator('.nhsuk-error-summary').textContent();
    expect(refusal).toContain('cannot start until');
    expect(refusal).toContain('2006 §112');
    await expectNoAccessibilityViolations(page);

    await page
      .getByLabel('How a failure to agree will be dealt with', { exact: true })
      .fill('Mediation by the chair; at the end of the review, facilitation by NHS London.');
    await page
      .getByLabel('Process for decision making', { exact: true })
      .fill('Recommendations by consensus of the sponsoring PCTs.');
    await page.getByRole('button', { name: 'Record process' }).click();
    await page.waitForURL('**?changed=process');
    await fillDate(page, 'Agreed on', addDays(today, -60));
    await page.getByLabel('Minute reference').fill('LCG/41');
    await page.getByRole('button', { name: 'Record agreement' }).click();
    await page.waitForURL('**?changed=agreement');
    await fillDate(page, 'Started on', addDays(today, -59));
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.waitForURL('**?changed=start');
    expect(await page.locator('main').textContent()).toContain('Not ended');
  });

  it('raises a service-development dispute in the review; mediation by the chair is due', async () => {
    await page.goto(`${server.baseUrl}/bodies/${lcg}/disputes`);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Service development (2006 §111)').check();
    await page.getByLabel('Title').fill('Cardiology: where the heart attack centres go');
    await page
      .getByLabel('What is disputed')
      .fill('Sponsoring PCTs disagree on the recommendation.');
    await page.getByLabel('Joint service review it arose in').selectOption({
      label: 'Cardiology services review',
    });
    await fillDate(page, 'Raised on', addDays(today, -30));
    await page.getByRole('button', { name: 'Raise dispute' }).click();
    await page.waitForURL('**/disputes/*?changed=raised');
    disputeUrl = page.url().split('?')[0]!;
    const next = await page.locator('#next ~ .nhsuk-card').textContent();
    expect(next).toContain('mediation within the group, conducted by the chair');
    expect(next).toContain('2006 §112');
    expect(next).toContain('Disagreements will be subject to mediation within the Group');
    await expectNoAccessibilityViolations(page);
  });

  it('offers only the steps the ladder allows (no SHA facilitation yet), then records mediation by the chair (not agreed)', async () => {
    // Only the steps the ladder allows now are offered; facilitation is not among them yet.
    await expect(page.getByLabel(/facilitate reaching a decision/).count()).resolves.toBe(0);
    await page.getByLabel(/Mediation within the group, conducted by the chair/).check();
    await fillDate(page, 'Taken on', addDays(today, -20));
    await page.getByLabel('Taken by').fill('The chair, at a mediation meeting');
    await page.getByLabel('Not agreed').check();
    await page.getByRole('button', { name: 'Record step' }).click();
    await page.waitForURL('**?changed=step*');
    const main = await page.locator('main').textContent();
    expect(main).toContain('Waiting for the end of the review');
    expect(main).toContain('The chair, at a mediation meeting');
    await expectNoAccessibilityViolations(page);
  });

  it('lists the open dispute on the SHA’s oversight page, with the step due next and who must act', async () => {
    const chair = await signIn(demoEmails.chair, '/oversight/disputes');
    const row = await chair
      .locator('tr', { hasText: 'Cardiology: where the heart attack' })
      .textContent();
    expect(row).toContain('London Commissioning Group');
    expect(row).toContain('Service development');
    expect(row).toContain('30 days ago');
    expect(row).toContain('to finish the review');
    await expectNoAccessibilityViolations(chair);
    await chair.close();
  });

  it('records SHA facilitation once the review has ended; sign-off by the sponsoring PCT Boards is due', async () => {
    page = await signIn(demoEmails.secretariat, new URL(reviewUrl).pathname);
    await fillDate(page, 'Ended on', addDays(today, -10));
    await page.getByRole('button', { name: 'End review' }).click();
    await page.waitForURL('**?changed=end');

    await page.goto(disputeUrl);
    expect(await page.locator('#next ~ .nhsuk-card').textContent()).toContain(
      'Who must act: NHS London',
    );
    await page.getByLabel(/Ask NHS London to facilitate reaching a decision/).check();
    await fillDate(page, 'Taken on', addDays(today, -5));
    await page.getByLabel('Taken by').fill('NHS London, director of commissioning');
    await page.getByLabel('Agreed', { exact: true }).check();
    await page.getByRole('button', { name: 'Record step' }).click();
    await page.waitForURL('**?changed=step*');
    const trail = await page.locator('#trail ~ table').textContent();
    expect(trail).toContain('London Commissioning Group (minute LCG/41)');
    expect(trail).toContain('The chair, at a mediation meeting');
    expect(trail).toContain('NHS London, director of commissioning');
    expect(await page.locator('#next ~ .nhsuk-card').textContent()).toContain(
      'Who must act: The sponsoring PCT Boards',
    );
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/oversight/disputes`);
    const row = await page
      .locator('tr', { hasText: 'Cardiology: where the heart attack' })
      .textContent();
    expect(row).toContain('The sponsoring PCT Boards');
    await expectNoAccessibilityViolations(page);
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
