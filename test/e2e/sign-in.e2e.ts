import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let contentSecurityPolicyViolations: ReturnType<typeof recordContentSecurityPolicyViolations>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  contentSecurityPolicyViolations = recordContentSecurityPolicyViolations(context);
});

beforeEach(async () => {
  await context.clearCookies();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What each demo account's /account page says about its roles (describeActor in policy.ts). */
const demoRoles = [
  {
    email: 'admin@demo.invalid',
    displayName: 'Demo Administrator',
    roles: 'Demo Administrator (administrator)',
  },
  {
    email: 'secretariat@demo.invalid',
    displayName: 'Demo Secretariat',
    roles: 'Demo Secretariat (secretariat of London Commissioning Group)',
  },
  {
    email: 'chair@demo.invalid',
    displayName: 'Demo Chair (NHS London)',
    roles: 'Demo Chair (NHS London) (chair of London Commissioning Group)',
  },
  {
    email: 'member@demo.invalid',
    displayName: 'Demo Member (Brent)',
    roles: 'Demo Member (Brent) (member of London Commissioning Group)',
  },
  { email: 'public@demo.invalid', displayName: 'Demo Public User', roles: 'Demo Public User' },
];

const accountNavigation = (page: Page) => page.getByRole('navigation', { name: 'Account' });

const summaryValue = (page: Page, key: string) =>
  page
    .locator('main .nhsuk-summary-list__row', {
      has: page.locator('.nhsuk-summary-list__key', { hasText: key }),
    })
    .locator('.nhsuk-summary-list__value');

async function fillSignInForm(page: Page, email: string, password: string) {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

function callApiAsMe(token: string) {
  return fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
}

describe('signing in with a Concordat password', () => {
  it.each(demoRoles)(
    '$email signs in, sees its name and roles, and signs out',
    async ({ email, displayName, roles }) => {
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/sign-in`);
      await expectNoAccessibilityViolations(page);
      await fillSignInForm(page, email, demoPassword);
      await page.waitForURL(`${server.baseUrl}/`);
      await expect(accountNavigation(page).textContent()).resolves.toContain(displayName);
      await expectNoAccessibilityViolations(page);

      await accountNavigation(page).getByRole('link', { name: displayName }).click();
      await page.waitForURL(`${server.baseUrl}/account`);
      await expect(summaryValue(page, 'Name').textContent()).resolves.toContain(displayName);
      await expect(summaryValue(page, 'E-mail address').textContent()).resolves.toContain(email);
      expect((await summaryValue(page, 'Roles').textContent())?.trim()).toBe(roles);
      await expectNoAccessibilityViolations(page);

      await accountNavigation(page).getByRole('link', { name: 'Sign out' }).click();
      await page.waitForURL(`${server.baseUrl}/sign-out`);
      await expect(page.locator('main').textContent()).resolves.toContain(
        `You are signed in as ${displayName} (${email})`,
      );
      await expectNoAccessibilityViolations(page);
      await page.locator('main').getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${server.baseUrl}/?signedOut=1`);
      await expect(page.locator('main').textContent()).resolves.toContain('You have signed out.');
      await expect(accountNavigation(page).textContent()).resolves.toContain('Sign in');
      await expectNoAccessibilityViolations(page);

      // The session is over on the server too, not only forgotten by the browser.
      const cookies = await context.cookies(server.baseUrl);
      expect(cookies.map((cookie) => cookie.name)).not.toContain('concordat_session');
      await page.goto(`${server.baseUrl}/account`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.close();
    },
  );

  it('a wrong password shows the NHS error summary linking to the e-mail field, and no session', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    const signInResponse = page.waitForResponse(
      (response) => response.request().method() === 'POST',
    );
    await fillSignInForm(page, 'member@demo.invalid', 'not-the-demo-password');
    expect((await signInResponse).status()).toBe(401);
    await expect(page.title()).resolves.toBe('Error: Sign in – Concordat');
    const summaryLink = page.locator('.nhsuk-error-summary a[href="#email"]');
    await expect(summaryLink.textContent()).resolves.toContain(
      'The e-mail address or password is not right.',
    );
    // The address typed is kept, so only the password need be typed again.
    await expect(page.getByLabel('E-mail address').inputValue()).resolves.toBe(
      'member@demo.invalid',
    );
    await expectNoAccessibilityViolations(page);
    await summaryLink.click();
    // nhsuk-frontend's error summary script moves focus to the field the link names.
    await expect(page.locator('#email:focus').count()).resolves.toBe(1);

    const cookies = await context.cookies(server.baseUrl);
    expect(cookies.map((cookie) => cookie.name)).not.toContain('concordat_session');
    await page.close();
  });

  it('an API token is shown once on /account, works as a Bearer token, and stops working when revoked', async () => {
    const page = await context.newPage();
    // Asking for /account signed out leads through sign-in and back to /account.
    await page.goto(`${server.baseUrl}/account`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await fillSignInForm(page, 'secretariat@demo.invalid', demoPassword);
    await page.waitForURL(`${server.baseUrl}/account`);
    await expect(page.locator('main').textContent()).resolves.toContain('You have no API tokens.');

    await page.getByLabel('Name').fill('board papers export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('#new-api-token').textContent())?.trim() ?? '';
    expect(token).toMatch(/^cct_/);
    await expectNoAccessibilityViolations(page);

    const asTokenHolder = await callApiAsMe(token);
    expect(asTokenHolder.status).toBe(200);
    await expect(asTokenHolder.json()).resolves.toMatchObject({
      email: 'secretariat@demo.invalid',
      authenticatedBy: 'api-token',
      tokenScope: 'read',
    });

    // Stored only as a digest: no later page can show it again.
    await page.goto(`${server.baseUrl}/account`);
    await expect(page.locator('#new-api-token').count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain(token);

    await page.getByRole('button', { name: 'Revoke board papers export' }).click();
    await page.waitForURL(`${server.baseUrl}/account`);
    await expect(page.locator('main table').textContent()).resolves.toContain('Revoked');
    await expectNoAccessibilityViolations(page);

    const afterRevoking = await callApiAsMe(token);
    expect(afterRevoking.status).toBe(401);
    expect(afterRevoking.headers.get('content-type')).toContain('application/problem+json');
    await page.close();
  });
});

// Last, so it covers every page above: vitest runs a file's tests in order.
it('no page on any journey broke the Content-Security-Policy', () => {
  expect(describeContentSecurityPolicyViolations(contentSecurityPolicyViolations)).toEqual([]);
});
