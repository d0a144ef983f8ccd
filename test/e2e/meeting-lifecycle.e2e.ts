import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/governance/index.ts';
import { londonDate } from '../../src/identity/actor.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
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

/** The server runs on the real clock, so meetings are set an hour ago and a week ahead. */
async function schedule(title: string, startsAt: Date): Promise<string> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/v1/bodies/london-commissioning-group/meetings',
    headers: await bearerFor(server.app, 'secretariat'),
    payload: {
      title,
      startsAt: startsAt.toISOString(),
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: addDays(londonDate(startsAt), -10),
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().meetingId;
}

async function signIn(returnTo: string): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('E-mail address').fill(demoEmails.secretariat);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**${returnTo}`);
  return page;
}

describe('recording a meeting held, and cancelling one, in the browser', () => {
  it('the secretariat records a started meeting as held', async () => {
    const meetingId = await schedule('Lifecycle: started', new Date(Date.now() - 3_600_000));
    const page = await signIn(`/meetings/${meetingId}`);
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Record that the meeting was held' }).click();
    await page.waitForURL(`**/meetings/${meetingId}?changed=held`);
    const main = await page.locator('main').textContent();
    expect(main).toContain('The meeting is recorded as held.');
    expect(main).toContain('it cannot be cancelled');
    await expect(
      page.getByRole('button', { name: 'Record that the meeting was held' }).count(),
    ).resolves.toBe(0);
    await expectNoAccessibilityViolations(page);
    await page.close();
  }, 60_000);

  it('the secretariat must give a reason to cancel; the reason then shows on the page and the list', async () => {
    const meetingId = await schedule(
      'Lifecycle: next week',
      new Date(Date.now() + 7 * 24 * 3_600_000),
    );
    const page = await signIn(`/meetings/${meetingId}`);
    expect(await page.locator('main').textContent()).toContain(
      'You can record that the meeting was held once it has started',
    );
    await page.getByText('Cancel the meeting', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Cancel the meeting' }).click();
    await page.waitForURL(`**/meetings/${meetingId}/cancellation`);
    const summary = page.locator('.nhsuk-error-summary');
    expect(await summary.textContent()).toContain('Enter why the meeting is cancelled');
    await expectNoAccessibilityViolations(page);

    await page
      .getByLabel('Why the meeting is cancelled')
      .fill('No quorum can be found: four sectors have sent apologies.');
    await page.getByRole('button', { name: 'Cancel the meeting' }).click();
    await page.waitForURL(`**/meetings/${meetingId}?changed=cancelled`);
    const main = await page.locator('main').textContent();
    expect(main).toContain('This meeting was cancelled');
    expect(main).toContain('four sectors have sent apologies');
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/bodies/london-commissioning-group/meetings`);
    const row = page.locator('tr', { hasText: 'Lifecycle: next week' });
    expect(await row.textContent()).toContain('Cancelled');
    await expectNoAccessibilityViolations(page);
    await page.close();
  }, 60_000);

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
