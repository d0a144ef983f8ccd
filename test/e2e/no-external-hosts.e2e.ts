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
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let meetingId: string;
/** Every request the browser made to anywhere but the app, with the page that made it. */
const offSite: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  const ownOrigin = new URL(server.baseUrl).origin;
  const isOffSite = (url: string) => {
    const { protocol, origin } = new URL(url);
    return protocol !== 'data:' && protocol !== 'blob:' && origin !== ownOrigin;
  };
  context.on('request', (request) => {
    if (isOffSite(request.url()))
      offSite.push(`${request.url()} (from ${request.frame().url() || 'the browser'})`);
  });
  // Recorded above, then refused at once: a locked-down network would leave the page waiting.
  await context.route(
    (url) => isOffSite(url.href),
    (route) => route.abort('blockedbyclient'),
  );

  const scheduled = await server.app.inject({
    method: 'POST',
    url: '/api/v1/bodies/london-commissioning-group/meetings',
    headers: await bearerFor(server.app, 'secretariat'),
    payload: {
      title: 'London Commissioning Group, December',
      startsAt: '2030-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2030-12-01',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The page has loaded everything it asks for, and no web font was declared for it to fetch. */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  // Strings, not functions: the tests are compiled without the DOM's types.
  expect(await page.evaluate('document.fonts.size')).toBe(0);
  expect(await page.evaluate('getComputedStyle(document.body).fontFamily')).toMatch(/arial/i);
}

describe('Speed without the internet (issue 22): no request to any host but the app', () => {
  it('the public reaches the home page, an organisation, a body and a meeting with every request to the app', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.baseUrl}/`);
    await settled(page);
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Organisations' }).first().click();
    await page.waitForURL('**/organisations');
    await page.getByRole('link', { name: 'Croydon PCT' }).click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
    await settled(page);
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Bodies' }).first().click();
    await page.waitForURL('**/bodies');
    await page.getByRole('link', { name: 'London Commissioning Group' }).click();
    await page.waitForURL('**/bodies/london-commissioning-group');
    await settled(page);
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/meetings/${meetingId}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'London Commissioning Group, December',
    );
    await settled(page);
    await expectNoAccessibilityViolations(page);
    await page.close();

    expect(offSite).toEqual([]);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });

  it('so does the secretariat on the meeting page, with its forms', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      `/meetings/${meetingId}`,
    );
    await expect(page.getByRole('button', { name: 'Add item' }).count()).resolves.toBe(1);
    await settled(page);
    await expectNoAccessibilityViolations(page);
    await page.close();

    expect(offSite).toEqual([]);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
