import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
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

describe('bodies and their terms of reference in a browser', () => {
  it('lists the bodies, shows the London group with its overdue review and its versions', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/bodies`);
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'London Commissioning Group' }).click();
    await page.waitForURL('**/bodies/london-commissioning-group');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Review overdue since 30 September 2008',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'What changed from version 1' }).click();
    await page.waitForURL('**/diff?from=1&to=2');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'What changed from version 1 to version 2',
    );
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('shows a version clause by clause with who has and has not adopted it', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/bodies/london-commissioning-group/versions/2`);
    const main = await page.locator('main').textContent();
    expect(main).toContain(
      'To remain quorate there will need to be a minimum of 8 London PCT Chief Executives',
    );
    expect(main).toContain('27 of 31');
    expect(
      await page
        .locator('#adoption + p + p + table .nhsuk-tag--red, #adoption ~ table .nhsuk-tag--red')
        .count(),
    ).toBe(4);
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it("lets the secretariat record a board's adoption, and refuses a bad date with the NHS error summary", async () => {
    const page = await context.newPage();
    await page.goto(
      `${server.baseUrl}/sign-in?returnTo=${encodeURIComponent('/bodies/london-commissioning-group/versions/2')}`,
    );
    await page.getByLabel('E-mail address').fill('secretariat@demo.invalid');
    await page.getByLabel('Password', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/bodies/london-commissioning-group/versions/2');

    const board = page.locator('#organisationId');
    const firstPending = await board.locator('option').nth(1).textContent();
    await board.selectOption({ index: 1 });
    await fillDate(page, 'Date of the board meeting', '2008-02-30');
    await page.getByLabel('Minute reference').fill('B/08/77');
    await page.getByRole('button', { name: 'Record adoption' }).click();
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'Enter a real date',
    );
    await expectNoAccessibilityViolations(page);

    await fillDate(page, 'Date of the board meeting', '2008-05-29');
    await page.getByRole('button', { name: 'Record adoption' }).click();
    await page.waitForURL(/recorded=/);
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(
      `Adoption by ${firstPending?.trim()} recorded.`,
    );
    expect(await page.locator('main').textContent()).toContain('28 of 31');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});

describe('membership in a browser', () => {
  it('shows the 2008 group seat by seat with the engine’s verdict, and refuses a third chief executive from one sector', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/bodies/london-commissioning-group`);
    await page
      .getByRole('link', { name: 'Members, seat by seat, checked against these terms' })
      .click();
    await page.waitForURL('**/bodies/london-commissioning-group/members');
    await expect(page.locator('main').textContent()).resolves.toContain(
      '11 members checked against London Commissioning Group (version 2).',
    );
    await expectNoAccessibilityViolations(page);
    await page.close();
  });
});
