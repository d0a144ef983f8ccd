import type { BrowserContext } from 'playwright-core';
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

const lcg = 'london-commissioning-group';
const meetingTitle = 'Healthcare for London decisions meeting';
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
  const headers = await bearerFor(server.app, 'secretariat');
  const startsAt = new Date(Date.now() + 10 * 86_400_000);
  const created = await server.app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers,
    payload: {
      title: meetingTitle,
      startsAt: startsAt.toISOString(),
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: new Date().toISOString().slice(0, 10),
    },
  });
  expect(created.statusCode, created.body).toBeLessThan(300);
  meetingId = created.json().meetingId;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('issue 26 item 5: the forward plan, onto the agenda when its meeting is set', () => {
  it('refuses a Part II item without its reason on the page, then adds one with its meeting: it is on that agenda', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      `/bodies/${lcg}/forward-plan`,
    );
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Title').fill('Polyclinic pilots: award of the first wave');
    await page.getByLabel('Commissioning decision').check();
    await page.getByLabel('Summary').fill('To agree which bids the PCTs will commission.');
    await page.getByLabel('Expected meeting').selectOption(meetingId);
    await page.getByLabel('Expected to be taken in private (Part II)').check();
    await page.getByLabel('Who to contact').fill('Secretary to the London Commissioning Group');
    await page.getByRole('button', { name: 'Add to the forward plan' }).click();
    const summary = await page.locator('.nhsuk-error-summary').textContent();
    expect(summary).toContain('Say why the decision is expected to be taken in private');
    expect(await page.getByLabel('Title').inputValue()).toBe(
      'Polyclinic pilots: award of the first wave',
    );
    await expectNoAccessibilityViolations(page);

    await page
      .getByLabel('Why it is expected to be taken in private')
      .fill('The commercial terms of bids still under evaluation.');
    await page.getByRole('button', { name: 'Add to the forward plan' }).click();
    await page.waitForURL(/changed=added/);
    const main = await page.locator('main').textContent();
    expect(main).toContain('Polyclinic pilots: award of the first wave');
    expect(main).toContain('Expected in private (Part II): The commercial terms of bids');
    expect(main).toContain('On the agenda');
    await expectNoAccessibilityViolations(page);

    await page.goto(
      `${server.baseUrl}${await page.getByRole('link', { name: 'Polyclinic pilots: award of the first wave' }).getAttribute('href')}`,
    );
    const itemText = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(itemText).toContain(`Yes: see the agenda of ${meetingTitle}`);
    await expectNoAccessibilityViolations(page);
    await page.goto(`${server.baseUrl}/meetings/${meetingId}`);
    expect(await page.locator('main').textContent()).toContain(
      'Polyclinic pilots: award of the first wave',
    );
  });

  it('the public reads every body’s plan and its Atom, iCalendar and CSV links answer', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseUrl}/bodies/${lcg}/forward-plan`);
      expect(await page.locator('main').textContent()).toContain(
        'Polyclinic pilots: award of the first wave',
      );
      expect(await page.locator('main').textContent()).not.toContain('Add an expected decision');
      await expectNoAccessibilityViolations(page);
      const alternates = await page
        .locator('link[rel="alternate"]')
        .evaluateAll((links: { getAttribute(name: string): string | null }[]) =>
          links.map((link) => link.getAttribute('href')),
        );
      expect(alternates).toEqual([
        `/bodies/${lcg}/forward-plan.atom`,
        `/bodies/${lcg}/forward-plan.ics`,
        `/bodies/${lcg}/forward-plan.csv`,
      ]);
      for (const [name, type, text] of [
        ['Atom feed', 'application/atom+xml', '<feed'],
        ['calendar (iCalendar)', 'text/calendar', 'BEGIN:VCALENDAR'],
        ['spreadsheet (CSV)', 'text/csv', 'Body,Title'],
      ] as const) {
        const href = await page.getByRole('link', { name }).getAttribute('href');
        const response = await page.request.get(`${server.baseUrl}${href}`);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toContain(type);
        expect(await response.text()).toContain(text);
      }
      await page.goto(`${server.baseUrl}/forward-plan`);
      expect(await page.locator('main').textContent()).toContain('London Commissioning Group');
      await expectNoAccessibilityViolations(page);
    } finally {
      await page.close();
    }
  });
});

describe('issue 26 item 6: an earlier review called on the LCG’s page', () => {
  it('is recorded by the secretariat and shows on the body, the review under way', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      `/bodies/${lcg}`,
    );
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('NHS London').check();
    const called = page.getByRole('group', { name: 'Called on' });
    await called.getByLabel('Day').fill('3');
    await called.getByLabel('Month').fill('6');
    await called.getByLabel('Year').fill('2008');
    await page
      .getByLabel('Why an earlier review is needed')
      .fill('Healthcare for London needs a joint committee of the 31 PCTs.');
    await page.getByLabel('Minute or letter reference').fill('NHS London letter, 3 June 2008');
    await page.getByRole('button', { name: 'Record the earlier review' }).click();
    await page.waitForURL(/changed=review-called/);
    const main = await page.locator('main').textContent();
    expect(main).toContain(
      'An earlier review was called on 3 June 2008 by NHS London: Healthcare for London needs a joint committee of the 31 PCTs.',
    );
    expect(main).toContain('A new version of the terms is being drafted');
    expect(main).toContain('Review under way since 3 June 2008');
    await expectNoAccessibilityViolations(page);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
