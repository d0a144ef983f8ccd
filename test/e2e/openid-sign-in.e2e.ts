import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { startOpenIdTestProvider, type TestIdentity } from '../support/oidc-test-provider.ts';
import { findFreePort } from '../support/postgres-global-setup.ts';
import { startTestServer } from '../support/running-app.ts';

const memberOfBrent: TestIdentity = {
  subject: 'entra-object-id-member-brent',
  email: 'member@demo.invalid',
  emailVerified: true,
  name: 'Brent Member (NHSmail)',
};
const personWithoutAccount: TestIdentity = {
  subject: 'entra-object-id-stranger',
  email: 'stranger@nhs.invalid',
  emailVerified: true,
  name: 'Someone Without An Account',
};
/** Claims the chair's e-mail address but the provider has not verified it. */
const unverifiedChairAddress: TestIdentity = {
  subject: 'entra-object-id-unverified',
  email: 'chair@demo.invalid',
  emailVerified: false,
  name: 'Unverified Claimant',
};

const client = {
  clientId: 'concordat-browser-tests',
  clientSecret: 'a-confidential-client-secret-for-tests',
};

let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let contentSecurityPolicyViolations: ReturnType<typeof recordContentSecurityPolicyViolations>;

beforeAll(async () => {
  browser = await launchChromium();
  context = browser.context;
  contentSecurityPolicyViolations = recordContentSecurityPolicyViolations(context);
});

beforeEach(async () => {
  // Each journey starts signed out of both Concordat and the identity provider.
  await context.clearCookies();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * An identity provider and a Concordat configured to trust it. The redirect URI is built from
 * PUBLIC_URL, so the app's port is chosen before either starts.
 */
async function startProviderAndApp(options: { scopeClaimsOnlyFromUserInfo: boolean }) {
  const appPort = await findFreePort();
  const appBaseUrl = `http://127.0.0.1:${appPort}`;
  const provider = await startOpenIdTestProvider({
    client: { ...client, redirectUri: `${appBaseUrl}/sign-in/openid/callback` },
    identities: [memberOfBrent, personWithoutAccount, unverifiedChairAddress],
    scopeClaimsOnlyFromUserInfo: options.scopeClaimsOnlyFromUserInfo,
  });
  const server = await startTestServer({
    port: appPort,
    environment: {
      PUBLIC_URL: appBaseUrl,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: client.clientId,
      OIDC_CLIENT_SECRET: client.clientSecret,
      OIDC_LABEL: 'Test NHSmail',
    },
  });
  return {
    appBaseUrl,
    provider,
    stop: async () => {
      await server.stop();
      await provider.stop();
    },
  };
}

let appBaseUrl: string;
let provider: Awaited<ReturnType<typeof startOpenIdTestProvider>>;

/** Runs a describe block's journeys against its own provider and app. */
function useProviderAndApp(options: { scopeClaimsOnlyFromUserInfo: boolean }) {
  let running: Awaited<ReturnType<typeof startProviderAndApp>> | undefined;
  beforeAll(async () => {
    running = await startProviderAndApp(options);
    ({ appBaseUrl, provider } = running);
  });
  afterAll(async () => {
    await running?.stop();
  });
}

/**
 * From Concordat's sign-in page through the provider's own login and consent pages. Those pages
 * are the provider's (a stand-in for Microsoft's), so axe checks Concordat's pages only.
 */
async function signInAtProvider(page: Page, subject: string) {
  await page.goto(`${appBaseUrl}/sign-in`);
  await expectNoAccessibilityViolations(page);
  await page.getByRole('button', { name: 'Sign in with Test NHSmail' }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(subject);
  // The development login page accepts any password; it only asks who is signing in.
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function expectSignedOut(page: Page) {
  const cookies = await context.cookies(appBaseUrl);
  expect(cookies.map((cookie) => cookie.name)).not.toContain('concordat_session');
  await expect(page.getByRole('navigation', { name: 'Account' }).textContent()).resolves.toContain(
    'Sign in',
  );
  await page.goto(`${appBaseUrl}/account`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
}

/** The browser comes to rest on Concordat at `path`; a failure names the page it reached. */
async function expectBackOnConcordatAt(page: Page, path: string) {
  // The pages the journey left from do not count as coming back.
  await page.waitForURL(
    (url) => url.origin === appBaseUrl && !['/sign-in', '/sign-in/openid'].includes(url.pathname),
  );
  const reached = new URL(page.url()).pathname;
  const heading = (await page.locator('h1').textContent())?.trim();
  expect(reached, `back on Concordat at ${reached}, page "${heading}"`).toBe(path);
}

async function expectSignedInAsMemberOfBrent(page: Page) {
  await expect(page.getByRole('navigation', { name: 'Account' }).textContent()).resolves.toContain(
    'Demo Member (Brent)',
  );
  await expectNoAccessibilityViolations(page);
  await page.goto(`${appBaseUrl}/account`);
  const summary = await page.locator('main .nhsuk-summary-list').textContent();
  expect(summary).toContain('Demo Member (Brent)');
  expect(summary).toContain('member@demo.invalid');
  expect(summary).toContain('member of London Commissioning Group');
  await expectNoAccessibilityViolations(page);
}

async function signOut(page: Page) {
  await page.goto(`${appBaseUrl}/sign-out`);
  await expectNoAccessibilityViolations(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.origin === appBaseUrl && url.pathname === '/');
}

describe('with a provider that puts e-mail and name in the ID token, as Entra ID does', () => {
  useProviderAndApp({ scopeClaimsOnlyFromUserInfo: false });

  it('links a Concordat account by verified e-mail, then recognises the identity even after its e-mail changes', async () => {
    const page = await context.newPage();
    await signInAtProvider(page, memberOfBrent.subject);
    await expectBackOnConcordatAt(page, '/');
    await expectSignedInAsMemberOfBrent(page);
    await signOut(page);
    await expectSignedOut(page);

    // The link is to the provider's subject, not the address: a new address still signs in,
    // and the provider's remembered session and consent send the browser straight back.
    provider.changeEmail(memberOfBrent.subject, 'brent.member.renamed@nhs.invalid');
    await page.goto(`${appBaseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with Test NHSmail' }).click();
    await expectBackOnConcordatAt(page, '/');
    await expectSignedInAsMemberOfBrent(page);
    await page.close();
  });

  it('refuses an identity whose e-mail has no Concordat account, and starts no session', async () => {
    const page = await context.newPage();
    const callbackResponse = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/sign-in/openid/callback',
    );
    await signInAtProvider(page, personWithoutAccount.subject);
    expect((await callbackResponse).status()).toBe(403);
    await expectBackOnConcordatAt(page, '/sign-in/openid/callback');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'No Concordat account for this sign-in',
    );
    await expect(page.locator('main').textContent()).resolves.toContain('stranger@nhs.invalid');
    await expectNoAccessibilityViolations(page);
    await expectSignedOut(page);
    await page.close();
  });

  it('does not link an account through an e-mail address the provider has not verified', async () => {
    const page = await context.newPage();
    await signInAtProvider(page, unverifiedChairAddress.subject);
    await expectBackOnConcordatAt(page, '/sign-in/openid/callback');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'No Concordat account for this sign-in',
    );
    await expectNoAccessibilityViolations(page);
    await expectSignedOut(page);
    await page.close();
  });

  it('refuses a callback that did not start here (no sign-in flow cookie)', async () => {
    const page = await context.newPage();
    const response = await page.goto(
      `${appBaseUrl}/sign-in/openid/callback?code=forged-code&state=forged-state`,
    );
    expect(response?.status()).toBe(400);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'The sign-in took too long or did not start here',
    );
    await expectNoAccessibilityViolations(page);
    await expectSignedOut(page);
    await page.close();
  });

  it('refuses a forged answer to a sign-in that did start here (state does not match)', async () => {
    const page = await context.newPage();
    await page.goto(`${appBaseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with Test NHSmail' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    // The browser now holds the signed flow cookie; an attacker's code and state arrive instead.
    const forgedCallback = `${appBaseUrl}/sign-in/openid/callback?code=forged-code&state=forged-state&iss=${encodeURIComponent(provider.issuer)}`;
    const response = await page.goto(forgedCallback);
    expect({ url: page.url(), status: response?.status() }).toEqual({
      url: forgedCallback,
      status: 401,
    });
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Sign-in with your organisation failed',
    );
    await expectNoAccessibilityViolations(page);
    await expectSignedOut(page);
    await page.close();
  });

  it('refuses a replayed callback: the flow cookie is spent by the first use', async () => {
    const page = await context.newPage();
    const callbackRequest = page.waitForRequest(
      (request) => new URL(request.url()).pathname === '/sign-in/openid/callback',
    );
    await signInAtProvider(page, memberOfBrent.subject);
    const callbackUrl = (await callbackRequest).url();
    await expectBackOnConcordatAt(page, '/');
    await signOut(page);

    const response = await page.goto(callbackUrl);
    expect(response?.status()).toBe(400);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'The sign-in took too long or did not start here',
    );
    await expectNoAccessibilityViolations(page);
    await expectSignedOut(page);
    await page.close();
  });
});

describe('with a provider that returns e-mail and name from UserInfo only (OpenID Connect Core 5.4)', () => {
  useProviderAndApp({ scopeClaimsOnlyFromUserInfo: true });

  it('links a Concordat account by verified e-mail', async () => {
    const page = await context.newPage();
    await signInAtProvider(page, memberOfBrent.subject);
    await expectBackOnConcordatAt(page, '/');
    await expectSignedInAsMemberOfBrent(page);
    await page.close();
  });
});

// Last, so it covers every journey above: vitest runs a file's tests in order.
it('no Concordat page on any journey broke the Content-Security-Policy', () => {
  expect(describeContentSecurityPolicyViolations(contentSecurityPolicyViolations)).toEqual([]);
});
