import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/governance/index.ts';
import { londonDate } from '../../src/identity/actor.ts';
import { selectAccountByEmail } from '../../src/identity/identity-queries.ts';
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

/**
 * The signed-in home page (issue 22, item 1): the demo secretariat finds what is due for the
 * London group and the demo member finds their question, their overdue action and their annual
 * declaration, each by following a link from `/`; axe on every page visited.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let comingMeeting: string;
let questionId: string;
// The server runs on the real clock, so dates are counted from today in London.
const today = londonDate(new Date());
const lcg = 'london-commissioning-group';

async function api(url: string, headers: { authorization: string }, payload?: object) {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers,
    payload,
  });
  expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
  return response.json();
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  const secretariat = await bearerFor(server.app, 'secretariat');
  const memberPersonId = (await selectAccountByEmail(server.app.database.db, demoEmails.member))!
    .personId!;

  // Last time's meeting, held, with the member's action due 45 days ago.
  const { meetingId: past } = await api(`/bodies/${lcg}/meetings`, secretariat, {
    title: 'London Commissioning Group, last time',
    startsAt: `${addDays(today, -50)}T13:00:00Z`,
    location: 'Southside, 105 Victoria Street',
    noticeGivenOn: addDays(today, -70),
  });
  await api(`/meetings/${past}/agenda-items`, secretariat, {
    title: 'Stroke and major trauma services',
    purpose: 'decision',
  });
  await api(`/meetings/${past}/held`, secretariat);
  await api(`/meetings/${past}/actions`, secretariat, {
    description: 'Circulate the stroke recommendation to every PCT Board secretary.',
    ownerPersonId: memberPersonId,
    dueOn: addDays(today, -45),
  });

  // The coming meeting, with a question open for views.
  ({ meetingId: comingMeeting } = await api(`/bodies/${lcg}/meetings`, secretariat, {
    title: 'London Commissioning Group, next time',
    startsAt: `${addDays(today, 20)}T14:00:00Z`,
    location: 'Southside, 105 Victoria Street',
    noticeGivenOn: today,
  }));
  const { agendaItemId } = await api(`/meetings/${comingMeeting}/agenda-items`, secretariat, {
    title: 'Winter resilience',
    purpose: 'decision',
  });
  ({ proposalId: questionId } = await api(`/meetings/${comingMeeting}/proposals`, secretariat, {
    agendaItemId,
    title: 'A single winter escalation route',
    text: 'The group agrees one escalation route for the five sectors.',
    decisionKind: 'london-wide-view',
  }));
  await api(`/proposals/${questionId}/open`, secretariat);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signIn(email: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, '/');
}

describe('the signed-in home page', () => {
  it('shows the secretariat what is due for the London group, and leads to it', async () => {
    const page = await signIn(demoEmails.secretariat);
    await expect(page.locator('h1').textContent()).resolves.toBe('Your home page');
    const due = page.locator('#secretariat ~ ul').first();
    await expect(due.textContent()).resolves.toContain(
      'Send notice of London Commissioning Group, next time',
    );
    await expect(due.textContent()).resolves.toContain(
      'Draft the minutes of London Commissioning Group, last time',
    );
    await expectNoAccessibilityViolations(page);

    await due
      .getByRole('link', { name: /^Send notice of London Commissioning Group, next time/ })
      .click();
    await page.waitForURL(`**/meetings/${comingMeeting}/notices`);
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('shows the member their question, their overdue action and their annual declaration', async () => {
    const page = await signIn(demoEmails.member);
    const main = page.locator('main');
    await expect(main.textContent()).resolves.toContain('London Commissioning Group, next time');
    await expect(page.locator('#actions ~ ul').first().textContent()).resolves.toContain(
      '45 days overdue',
    );
    await expect(main.textContent()).resolves.toContain(
      `Make your annual declaration for ${today.slice(0, 4)}`,
    );
    await expect(main.textContent()).resolves.not.toContain(lcg);
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'A single winter escalation route' }).click();
    await page.waitForURL(`**/proposals/${questionId}`);
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
