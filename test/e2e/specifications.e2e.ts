import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
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

describe('a service specification drafted, reviewed by quality assurance, approved and found, in the browser (2006 §3.1(b))', () => {
  let versionPath: string;

  it('the secretariat adds a specification; its first version is a draft', async () => {
    const page = await signIn(demoEmails.secretariat, '/specifications');
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Title').fill('Urgent care centre');
    await page.getByLabel('Service area').fill('Urgent care');
    await page
      .getByLabel('Scope')
      .fill('A GP-led urgent care centre at the front door of the emergency department.');
    await page
      .getByLabel('Outcomes')
      .fill(
        'Shorter waiting for minor injuries.\nEvery unregistered patient offered registration.',
      );
    await page
      .getByLabel('Clinical-effectiveness standards cited')
      .fill('Healthcare for London: A Framework for Action (2007)');
    await page.getByRole('button', { name: 'Add specification' }).click();
    await page.waitForURL('**/specifications/*?changed=created');
    expect(await page.locator('h1').textContent()).toBe('Urgent care centre');
    expect(await page.locator('#versions ~ table').textContent()).toContain('Draft');
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Version 1' }).click();
    await page.waitForURL('**/versions/1');
    versionPath = new URL(page.url()).pathname;
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForURL('**?changed=submitted');
    expect(await page.locator('.nhsuk-tag').first().textContent()).toContain('In review');

    // Approval is not offered before quality assurance signs the version off (2006 §3.1(b)).
    expect(await page.getByRole('button', { name: 'Approve version' }).count()).toBe(0);
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Signed off', { exact: true }).check();
    await page.getByLabel('Comments').fill('I wrote it and it is fine.');
    await page.getByRole('button', { name: 'Record review' }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'Demo Secretariat wrote version 1, so cannot review it',
    );
  });

  it('another account signs it off; the secretariat approves it', async () => {
    const reviewer = await signIn(demoEmails.administrator, versionPath);
    await reviewer.getByLabel('Signed off', { exact: true }).check();
    await reviewer
      .getByLabel('Comments')
      .fill('Streaming standard is clear; outcomes are measurable from existing returns.');
    await reviewer.getByRole('button', { name: 'Record review' }).click();
    await reviewer.waitForURL('**?changed=reviewed*');
    expect(await reviewer.locator('#reviews ~ table').textContent()).toContain(
      'Demo Administrator',
    );
    await expectNoAccessibilityViolations(reviewer);

    const keeper = await signIn(demoEmails.secretariat, versionPath);
    await keeper.getByRole('button', { name: 'Approve version' }).click();
    await keeper.waitForURL('**?changed=approved');
    expect(await keeper.locator('.nhsuk-tag').first().textContent()).toContain('Approved');
    await expectNoAccessibilityViolations(keeper);
  });

  it('anyone finds the approved version by a stemmed word, the word marked', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/specifications`);
    await page.getByLabel('Search the specifications').fill('waits');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/specifications?q=waits');
    const results = page.locator('#results ~ ul');
    expect(await results.textContent()).toContain('Urgent care centre, version 1');
    expect(await results.locator('mark').first().textContent()).toBe('waiting');
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Urgent care centre, version 1' }).click();
    await page.waitForURL(`**${versionPath}`);
    expect(await page.locator('main').textContent()).toContain('Healthcare for London');
    await expectNoAccessibilityViolations(page);
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
