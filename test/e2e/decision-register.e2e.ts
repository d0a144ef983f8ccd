import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { bearerFor } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let proposalId: string;

beforeAll(async () => {
  server = await startTestServer();
  // No JavaScript: the register's search is a plain GET form.
  browser = await launchChromium({ javaScriptEnabled: false });
  violations = recordContentSecurityPolicyViolations(browser.context);
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
  await server?.stop();
});

describe('the decision register, without JavaScript', () => {
  it('searches by a stemmed word, filters, and opens one decision’s page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/decisions`);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Search decisions').fill('pathway');
    await page.getByLabel('Status').selectOption('open');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'pathway', { timeout: 10_000 });
    expect(await page.locator('#results').textContent()).toContain('1 decision found');
    await expectNoAccessibilityViolations(page);
    const csvLink = await page.getByRole('link', { name: /as CSV/ }).getAttribute('href');
    expect(csvLink).toContain('q=pathway');
    expect(csvLink).toContain('status=open');

    await page.getByLabel('Meetings from').fill('2030-12-11');
    await page.getByLabel('Meetings up to').fill('2030-12-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === '2030-12-11', {
      timeout: 10_000,
    });
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'The last meeting date must be the same as or after the first',
    );
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/decisions?q=pathway`);
    await page.getByRole('link', { name: 'Adopt the stroke pathway' }).click();
    await page.waitForURL((url) => url.pathname === `/decisions/${proposalId}`, {
      timeout: 10_000,
    });
    const main = await page.locator('main').textContent();
    expect(main).toContain('2008 §Decision-making');
    expect(main).toContain('Opened for views');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'The question’s page at the meeting' }).click();
    await page.waitForURL((url) => url.pathname === `/proposals/${proposalId}`, {
      timeout: 10_000,
    });
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
