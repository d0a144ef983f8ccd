import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { bearerFor } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

/**
 * Finding a meeting without typing a URL (issue 22, item 1): from the home page through the
 * header's Meetings to the meeting, and from a body's page to its next meeting; axe on each page.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let meetingId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
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
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  meetingId = scheduled.json().meetingId as string;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('finding a meeting by following links', () => {
  it('goes from the home page through Meetings in the header to the meeting', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.baseUrl}/`);
    await expectNoAccessibilityViolations(page);

    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Meetings', exact: true })
      .click();
    await page.waitForURL('**/meetings');
    await expect(page.locator('h1').textContent()).resolves.toBe('Meetings');
    const upcoming = page.locator('#upcoming + table');
    await expect(upcoming.textContent()).resolves.toContain('10 December 2030 14:00');
    await expectNoAccessibilityViolations(page);

    await upcoming.getByRole('link', { name: 'London Commissioning Group, December' }).click();
    await page.waitForURL(`**/meetings/${meetingId}`);
    await expect(page.locator('h1').textContent()).resolves.toContain(
      'London Commissioning Group, December',
    );
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('filters the calendar by body, and reaches the next meeting from the body’s page', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.baseUrl}/meetings`);
    await page
      .getByLabel('Show the meetings of')
      .selectOption({ label: 'Joint Committee of PCTs (Healthcare for London)' });
    await page.getByRole('button', { name: 'Show meetings' }).click();
    await page.waitForURL('**/meetings?body=joint-committee-of-pcts');
    expect(await page.locator('main').textContent()).not.toContain(
      'London Commissioning Group, December',
    );
    await expectNoAccessibilityViolations(page);

    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Bodies', exact: true })
      .click();
    await page.waitForURL('**/bodies');
    await page.getByRole('link', { name: 'London Commissioning Group', exact: true }).click();
    await page.waitForURL('**/bodies/london-commissioning-group');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'London Commissioning Group, December' }).click();
    await page.waitForURL(`**/meetings/${meetingId}`);
    await page.goBack();
    await page.getByRole('link', { name: 'All meetings of London Commissioning Group' }).click();
    await page.waitForURL('**/bodies/london-commissioning-group/meetings');
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
