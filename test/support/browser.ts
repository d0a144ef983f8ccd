import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumPath } from './system-packages.ts';

/**
 * Debian's Chromium, headless, with the flags this closed network needs (no background
 * networking, no component updates) and a fresh profile per run.
 */
export async function launchChromium(options: { javaScriptEnabled?: boolean } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'concordat-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every page a browser test visits must pass axe (WCAG 2.2 AA rules) with no violations. */
export async function expectNoAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Collects what Chromium reports on the console when the Content-Security-Policy blocks
 * something (an inline style or script, a foreign origin) on any page of the context.
 */
export function recordContentSecurityPolicyViolations(context: BrowserContext) {
  const violations: { pageUrl: string; message: string }[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      violations.push({ pageUrl: message.page()?.url() ?? 'unknown', message: message.text() });
    }
  });
  return violations;
}

/** Each distinct violation once, naming the first page it happened on, for a readable failure. */
export function describeContentSecurityPolicyViolations(
  violations: { pageUrl: string; message: string }[],
): string[] {
  const firstPageOfEach = new Map<string, string>();
  for (const { pageUrl, message } of violations) {
    if (!firstPageOfEach.has(message)) firstPageOfEach.set(message, pageUrl);
  }
  return [...firstPageOfEach].map(([message, pageUrl]) => `${message} (first on ${pageUrl})`);
}

/**
 * Signs in through the sign-in form in a fresh page of the context (cookies cleared first, so
 * the previous person is signed out) and waits until the app has sent the browser to returnTo.
 */
export async function signInThroughForm(
  context: BrowserContext,
  baseUrl: string,
  account: { email: string; password: string },
  returnTo: string,
): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  // Short step timeouts, so that a failure names its step rather than the whole test's.
  page.setDefaultTimeout(10_000);
  await page.goto(`${baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  const arrived = async () => {
    await page.getByLabel('E-mail address').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signing in verifies an Argon2 hash, slow by design; on a loaded two-core CI machine it has
    // taken more than the 10 s step timeout, so this one step waits longer. Arriving is the
    // redirect's response; the page's own loading is waited for apart, so a failure says which.
    return page
      .waitForURL(`**${returnTo}`, { timeout: 30_000, waitUntil: 'commit' })
      .then(() => true)
      .catch(() => false);
  };
  if (!(await arrived())) {
    // Three times in CI, never locally, the form was left on the sign-in page; say what it said,
    // and try once more as a person would.
    const said = await mainTextOf(page);
    console.warn(`Signing in as ${account.email} stayed on ${page.url()}: "${said.slice(0, 400)}"`);
    // A long journey's many sign-ins can meet the form's limit (10 a minute from one address,
    // seen in CI): wait as the refusal says, then sign in again.
    const wait = /retry in (\d+) seconds?/i.exec(said)?.[1];
    if (wait) await page.waitForTimeout((Number(wait) + 1) * 1000);
    // The refusal is a page of its own, not the form: open the form again.
    await page.goto(`${baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    if (!(await arrived())) {
      throw new Error(
        `Signing in as ${account.email} did not reach ${returnTo}: the browser is on ${page.url()}, which says "${(await mainTextOf(page)).slice(0, 400)}"`,
      );
    }
  }
  await page.waitForLoadState('load', { timeout: 60_000 });
  return page;
}

async function mainTextOf(page: Page): Promise<string> {
  const text = await page
    .locator('main')
    .textContent({ timeout: 5_000 })
    .catch(() => '');
  return (text ?? '').replace(/\s+/g, ' ');
}

/**
 * A sign-in for journeys that return to the same people: each person signs in through the form
 * once; when the journey comes back to them their session cookies are put back, as their own
 * browser would still hold them, and they sign in again only if that session has lapsed. A long journey otherwise trips the sign-in form's rate limit
 * (10 a minute from one address) on a fast machine.
 */
export function signInOncePerPerson(
  context: BrowserContext,
  baseUrl: string,
  password: string,
): (email: string, returnTo: string) => Promise<Page> {
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['cookies']>>>();
  return async (email, returnTo) => {
    const saved = sessions.get(email);
    if (saved) {
      await context.clearCookies();
      await context.addCookies(saved);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${baseUrl}${returnTo}`);
      // A session that has lapsed (the journey's clock moved on) leaves the person signed out.
      if ((await page.locator('a[href="/sign-out"]').count()) > 0) return page;
      await page.close();
    }
    const page = await signInThroughForm(context, baseUrl, { email, password }, returnTo);
    sessions.set(email, await context.cookies());
    return page;
  };
}

/**
 * Types an ISO date into the NHS.UK date input whose legend is `legend` (day, month, year), as
 * a person would; the legend may be part of a longer one ("Last day for …").
 */
export async function fillDate(scope: Page | Locator, legend: string | RegExp, isoDate: string) {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  const group = scope.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

/** The date an NHS.UK date input holds, as YYYY-MM-DD (for comparing with a test's dates). */
export async function dateIn(scope: Page | Locator, legend: string | RegExp): Promise<string> {
  const group = scope.getByRole('group', { name: legend });
  const [day, month, year] = await Promise.all(
    ['Day', 'Month', 'Year'].map((part) => group.getByLabel(part).inputValue()),
  );
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
