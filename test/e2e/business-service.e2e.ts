import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

// The app's clock moves past the meeting so the group's conclusions can be recorded after it.
let offsetDays = 0;
const now = () => new Date(Date.now() + offsetDays * 86_400_000);
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let meetingOn: string;

beforeAll(async () => {
  server = await startTestServer({ now });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  const { app } = server;
  const headers = await bearerFor(app, 'secretariat');
  const api = async (url: string, payload: object) => {
    const response = await app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const { offeringId } = await api('/business-service/services', {
    name: 'Contract negotiation support',
    area: 'contracting-and-contract-management',
    description: 'Support to lead commissioners negotiating the acute contracts.',
  });
  await api('/business-service/indicators', {
    offeringId,
    name: 'Acute contracts signed by the deadline',
    measures: 'Share of acute contracts signed by the national deadline.',
    target: '100',
    unit: 'percent',
    direction: 'higher-is-better',
  });
  await api('/business-service/indicators', {
    offeringId,
    name: 'Days to answer a query',
    measures: 'Average working days to answer a commissioner’s query.',
    target: '10',
    unit: 'working-days',
    direction: 'lower-is-better',
  });
  const startsAt = new Date(Date.now() + 10 * 86_400_000);
  meetingOn = londonDate(startsAt);
  await api('/bodies/london-commissioning-group/meetings', {
    title: 'Business Service review meeting',
    startsAt: startsAt.toISOString(),
    location: 'Southside, 105 Victoria Street',
    noticeGivenOn: londonDate(new Date()),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('2006 §106: the London group performance-manages the Business Service', () => {
  let reportUrl: string;

  it('the secretariat records a quarterly report; a figure left blank is refused first', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      '/business-service',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Financial year starting').fill('2007');
    await page.getByLabel('3 (October to December)').check();
    await fillDate(page, 'Prepared on', '2008-01-21');
    await page
      .getByRole('group', { name: /Acute contracts signed by the deadline/ })
      .getByLabel('Figure, in per cent')
      .fill('82');
    await page.getByRole('button', { name: 'Record the report' }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'Enter the figure for “Days to answer a query”',
    );
    await expectNoAccessibilityViolations(page);
    await page
      .getByRole('group', { name: /Days to answer a query/ })
      .getByLabel('Figure, in working days')
      .fill('10.5');
    await page.getByRole('button', { name: 'Record the report' }).click();
    await page.waitForURL(/\/business-service\/reports\//);
    reportUrl = page.url().split('?')[0] ?? '';
    const main = await page.locator('main').textContent();
    expect(main).toContain('Performance report: Quarter 3, 2007/08');
    expect(main).toContain('Red: off target by more than 10%');
    expect(main).toContain('Amber: within 10% of target');
    await expectNoAccessibilityViolations(page);
  });

  it('presents it as an item of the London group’s meeting, then records the group’s conclusions after it', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      new URL(reportUrl).pathname,
    );
    await page.getByLabel(/Business Service review meeting/).check();
    await page.getByRole('button', { name: 'Put the report on the agenda' }).click();
    await page.waitForURL(/changed=presented/);
    expect(await page.locator('main').textContent()).toContain('Business Service review meeting');
    await expectNoAccessibilityViolations(page);

    // Eleven days on, the meeting held: sign in afresh, as the secretariat would after the meeting.
    offsetDays = 11;
    const later = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      new URL(reportUrl).pathname,
    );
    await later
      .getByLabel('Conclusions of London Commissioning Group')
      .fill('The Group asked for a recovery plan for contract signature.');
    await fillDate(later, 'Concluded on', meetingOn);
    await later.getByRole('button', { name: 'Record the conclusions' }).click();
    await later.waitForURL(/changed=concluded/);
    const main = await later.locator('main').textContent();
    expect(main).toContain('The Group asked for a recovery plan');
    expect(main).toContain('Concluded by the group');
    await expectNoAccessibilityViolations(later);

    await later.goto(`${server.baseUrl}/specialised-commissioning`);
    await expectNoAccessibilityViolations(later);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
