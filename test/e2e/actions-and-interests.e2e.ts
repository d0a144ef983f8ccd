import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/governance/index.ts';
import { londonDate } from '../../src/identity/actor.ts';
import { selectAccountByEmail } from '../../src/identity/identity-queries.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  dateIn,
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
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
let memberPersonId: string;
// The server runs on the real clock, so dates are counted from today in London.
const today = londonDate(new Date());

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  memberPersonId = (await selectAccountByEmail(server.app.database.db, demoEmails.member))!
    .personId!;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs in through the real form as a fresh browser session, landing on `returnTo`. */
function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

describe('the register of interests and the action log, in the browser', () => {
  it('a member adds an interest that arose 40 days ago to their own register and sees it flagged late', async () => {
    const page = await signIn(demoEmails.member, `/people/${memberPersonId}`);
    await page.getByRole('link', { name: 'Register of interests' }).click();
    await page.waitForURL(`**/people/${memberPersonId}/interests`);
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Kind of interest').selectOption('financial');
    await page.getByLabel('The interest', { exact: true }).fill('Shares in a pathology provider');
    await fillDate(page, 'Date it arose', addDays(today, -40));
    await expect(dateIn(page, 'Date declared')).resolves.toBe(today);
    await page.getByRole('button', { name: 'Add to the register' }).click();
    await page.waitForURL(/changed=entry-late/);
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(
      'flagged as declared late',
    );
    const row = page.locator('tr', { hasText: 'Shares in a pathology provider' });
    await expect(row.textContent()).resolves.toContain('Declared late');
    await expect(row.textContent()).resolves.toContain(
      'declared 40 days after it arose; interests are to be declared within 28 days of arising',
    );
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('I confirm the interests listed above are complete').check();
    await page.getByRole('button', { name: 'Make declaration' }).click();
    await page.waitForURL(/changed=declaration/);
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(
      'The annual declaration was recorded.',
    );
    await expect(page.locator('#annual-declarations ~ ul').textContent()).resolves.toContain(
      `${today.slice(0, 4)}: the interests listed confirmed`,
    );
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/bodies/london-commissioning-group/register-of-interests`);
    await expect(page.locator('#declaration-summary').textContent()).resolves.toContain(
      `11 members; 10 have not made their ${today.slice(0, 4)} declaration`,
    );
    await expectNoAccessibilityViolations(page);
    await page.close();
  }, 120_000);

  it('the secretariat records an action with a past due date from a meeting; the overdue view lists it; the owner marks it done', async () => {
    const secretariat = await bearerFor(server.app, 'secretariat');
    const scheduled = await server.app.inject({
      method: 'POST',
      url: '/api/v1/bodies/london-commissioning-group/meetings',
      headers: secretariat,
      payload: {
        title: 'London Commissioning Group, last month',
        startsAt: `${addDays(today, -30)}T13:00:00Z`,
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: addDays(today, -40),
      },
    });
    expect(scheduled.statusCode).toBe(201);
    const meetingId = scheduled.json().meetingId as string;

    const page = await signIn(demoEmails.secretariat, `/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Actions from this meeting' }).click();
    await page.waitForURL(/\/actions\?meeting=/);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('The action', { exact: true }).fill('Circulate the pathology review');
    await page.getByLabel('Owner').selectOption(memberPersonId);
    await fillDate(page, 'Due on', addDays(today, -31));
    await page.getByRole('button', { name: 'Record action' }).click();
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'before the meeting that agreed it',
    );
    await expectNoAccessibilityViolations(page);
    await fillDate(page, 'Due on', addDays(today, -10));
    await page.getByRole('button', { name: 'Record action' }).click();
    await page.waitForURL(/changed=recorded/);
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(
      'The action was recorded.',
    );
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/actions/overdue`);
    const overdueRow = page.locator('tr', { hasText: 'Circulate the pathology review' });
    // Counted at the moment of looking: a run that crosses midnight sees one day more.
    const daysLate = daysBetween(addDays(today, -10), londonDate(new Date()));
    await expect(overdueRow.textContent()).resolves.toContain(`${daysLate} days overdue`);
    await expectNoAccessibilityViolations(page);
    await page.close();

    const owner = await signIn(demoEmails.member, '/actions/overdue');
    const row = owner.locator('tr', { hasText: 'Circulate the pathology review' });
    await row.locator('summary').click();
    await expectNoAccessibilityViolations(owner);
    await row.getByLabel('New status').selectOption('done');
    await expect(dateIn(row, 'Date done')).resolves.toBe(today);
    await row.getByRole('button', { name: 'Update action' }).click();
    await owner.waitForURL(/changed=status/);
    await expect(owner.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(
      'The action’s status was updated.',
    );
    await expect(owner.locator('main').textContent()).resolves.not.toContain(
      'Circulate the pathology review',
    );
    await expectNoAccessibilityViolations(owner);

    await owner.goto(`${server.baseUrl}/bodies/london-commissioning-group/actions?status=done`);
    const doneRow = owner.locator('tr', { hasText: 'Circulate the pathology review' });
    await expect(doneRow.textContent()).resolves.toContain('Done');
    await expectNoAccessibilityViolations(owner);
    await owner.close();
    // Three sign-ins and nine axe runs: more than the default minute on a busy machine.
  }, 180_000);

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
