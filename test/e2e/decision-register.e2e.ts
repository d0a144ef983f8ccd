import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { bearerFor } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let scripted: Awaited<ReturnType<typeof launchChromium>>;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let scriptedViolations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let proposalId: string;

beforeAll(async () => {
  server = await startTestServer();
  // No JavaScript: the register's search is a plain GET form.
  browser = await launchChromium({ javaScriptEnabled: false });
  violations = recordContentSecurityPolicyViolations(browser.context);
  // axe runs as page script, so it cannot run in the context without JavaScript: each page the
  // journey visits is checked by loading the same address (the same server-rendered HTML) here.
  scripted = await launchChromium();
  scriptedViolations = recordContentSecurityPolicyViolations(scripted.context);
  const secretariat = await bearerFor(server.app, 'secretariat');
  const scheduled = await server.app.inject({
    method: 'POST',
    url: '/api/v1/bodies/london-commissioning-group/meetings',
    headers: secretariat,
    payload: {
      title: 'London Commissioning Group, December',
      startsAt: '2030-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2030-12-01',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  const meetingId = scheduled.json().meetingId;
  const item = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'London-wide stroke pathway', purpose: 'decision' },
  });
  const created = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/proposals`,
    headers: secretariat,
    payload: {
      agendaItemId: item.json().agendaItemId,
      title: 'Adopt the stroke pathway',
      text: 'The group agrees the hyper-acute stroke pathways for London.',
      decisionKind: 'london-wide-view',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  proposalId = created.json().proposalId;
  const opened = await server.app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers: secretariat,
  });
  expect(opened.statusCode).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await scripted?.close();
  await server?.stop();
});

/** Runs axe on the page the script-less browser is showing, by loading its address with script. */
async function expectPageAccessible(page: Page) {
  const checked = await scripted.context.newPage();
  try {
    await checked.goto(page.url());
    expect(await checked.locator('h1').textContent()).toBe(await page.locator('h1').textContent());
    await expectNoAccessibilityViolations(checked);
  } finally {
    await checked.close();
  }
}

describe('the decision register, without JavaScript', () => {
  it('searches by a stemmed word, filters, and opens one decision’s page', async () => {
    const page = await browser.context.newPage();
    // Short step timeouts, so that a failure names its step rather than the whole test's.
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/decisions`);
    await expectPageAccessible(page);
    // "adopted" is nowhere in the question; only its stem matches the title's "Adopt".
    await page.getByLabel('Search decisions').fill('adopted');
    await page.getByLabel('Status').selectOption('open');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'adopted', { timeout: 10_000 });
    expect(await page.locator('#results').textContent()).toContain('1 decision found');
    await expectPageAccessible(page);
    const csvLink = await page.getByRole('link', { name: /as CSV/ }).getAttribute('href');
    expect(csvLink).toContain('q=adopted');
    expect(csvLink).toContain('status=open');
    const csv = await page.request.get(`${server.baseUrl}${csvLink}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('Adopt the stroke pathway');

    await fillDate(page, 'Meetings from', '2030-12-11');
    await fillDate(page, 'Meetings up to', '2030-12-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('from[day]') === '11', {
      timeout: 10_000,
    });
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'The last meeting date must be the same as or after the first',
    );
    await expectPageAccessible(page);

    await page.goto(
      `${server.baseUrl}/decisions?q=${encodeURIComponent('"stroke pathway" -cardiac')}`,
    );
    expect(await page.locator('#results').textContent()).toContain('1 decision found');
    await expectPageAccessible(page);
    await page.getByRole('link', { name: 'Adopt the stroke pathway' }).click();
    await page.waitForURL((url) => url.pathname === `/decisions/${proposalId}`, {
      timeout: 10_000,
    });
    const main = await page.locator('main').textContent();
    expect(main).toContain('2008 §Decision-making');
    expect(main).toContain('Opened for views');
    await expectPageAccessible(page);
    await page.getByRole('link', { name: 'The question’s page at the meeting' }).click();
    await page.waitForURL((url) => url.pathname === `/proposals/${proposalId}`, {
      timeout: 10_000,
    });
    expect(await page.locator('h1').textContent()).toContain('Adopt the stroke pathway');
    await expectPageAccessible(page);
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
    expect(describeContentSecurityPolicyViolations(scriptedViolations)).toEqual([]);
  });
});
