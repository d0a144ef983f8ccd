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
let members: { seatHoldingId: string; memberName: string; organisation: string | null }[];

const lcg = 'london-commissioning-group';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  const secretariat = await bearerFor(server.app, 'secretariat');
  const scheduled = await server.app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    // Notice is given on 1 December 2030, so until then the agenda may still change.
    payload: {
      title: 'London Commissioning Group, December 2030',
      startsAt: '2030-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2030-12-01',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
  for (const title of ['Finance report', 'Urgent care strategy', 'Any other business']) {
    const added = await server.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/agenda-items`,
      headers: secretariat,
      payload: { title, purpose: 'decision' },
    });
    expect(added.statusCode).toBe(201);
  }
  members = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

const mainText = (page: Page) => page.locator('main').textContent();

describe('recording in the room: the agenda edited before notice, the register in one save, members checking in', () => {
  it('the secretariat edits, reorders and withdraws agenda items', async () => {
    const page = await signIn(demoEmails.secretariat, `/meetings/${meetingId}`);
    await expectNoAccessibilityViolations(page);

    await page
      .getByRole('link', { name: /^Edit item 1\W+Finance report\s+or withdraw it$/ })
      .click();
    await page.waitForURL('**/edit');
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Description (optional)').fill('The position at the end of November.');
    await page
      .getByLabel('Presented by a member (optional)')
      .selectOption({ label: members[0]!.memberName });
    await page.getByLabel('Start time, London (optional)').fill('14:05');
    await page.getByRole('button', { name: 'Save item' }).click();
    await page.waitForURL('**?changed=item-edited#item-*');
    const edited = await mainText(page);
    expect(edited).toContain(`Presented by ${members[0]!.memberName}. From 14:05.`);
    expect(edited).toContain('The position at the end of November.');

    await page.getByRole('button', { name: /^Move up\W+item 3\W+Any other business\s*$/ }).click();
    await page.waitForURL('**?changed=item-moved#item-*');
    const headings = await page.locator('#agenda ~ div h3').allTextContents();
    expect(headings.map((heading) => heading.trim())).toEqual([
      '1. Finance report',
      '2. Any other business',
      '3. Urgent care strategy',
    ]);

    await page
      .getByRole('link', { name: /^Edit item 3\W+Urgent care strategy\s+or withdraw it$/ })
      .click();
    await page.waitForURL('**/edit');
    await page.getByLabel('Why the item is withdrawn').fill('It goes to the January meeting.');
    await page.getByRole('button', { name: 'Withdraw the item' }).click();
    await page.waitForURL('**?changed=item-withdrawn#item-*');
    const withdrawn = await mainText(page);
    expect(withdrawn).toContain('Withdrawn before notice: It goes to the January meeting.');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('the secretariat takes the register in one save and opens it; a member checks in from the live page', async () => {
    const brent = members.find((member) => member.organisation === 'Brent Teaching PCT')!;
    const away = members.find((member) => member.seatHoldingId !== brent.seatHoldingId)!;
    const page = await signIn(demoEmails.secretariat, `/meetings/${meetingId}`);
    // The demo member is not here yet; another member sent apologies; everyone else is present.
    await page.getByLabel(`Attendance of ${brent.memberName}`).selectOption('absent');
    await page.getByLabel(`Attendance of ${away.memberName}`).selectOption('apologies');
    await page.getByRole('button', { name: 'Save the register' }).click();
    await page.waitForURL(`**/meetings/${meetingId}?changed=register#register`);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain(
      'The register was saved',
    );
    // Back at the register, not the top of the page.
    expect(await page.evaluate<number>('window.scrollY')).toBeGreaterThan(0);
    // Compact: the London group's page was 8,240 px tall with a Save form per member.
    expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeLessThan(6000);
    await expectNoAccessibilityViolations(page);

    await page.getByRole('button', { name: 'Open the register for members' }).click();
    await page.waitForURL('**?changed=register-opened#register');
    await page.close();

    const member = await signIn(demoEmails.member, `/meetings/${meetingId}/live`);
    await expectNoAccessibilityViolations(member);
    await member.getByRole('button', { name: 'I am here: mark me present' }).click();
    await member.waitForURL(`**/meetings/${meetingId}/live?changed=checked-in`);
    expect(await member.locator('.nhsuk-notification-banner').textContent()).toContain(
      'You are recorded as present',
    );
    await expectNoAccessibilityViolations(member);
    await member.goto(`${server.baseUrl}/meetings/${meetingId}`);
    expect(await member.locator('#check-in').textContent()).toContain(
      'You are recorded as present',
    );
    await member.close();

    const report = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json();
    const statuses = new Map(
      (report.attendance as { seatHoldingId: string; status: string }[]).map((row) => [
        row.seatHoldingId,
        row.status,
      ]),
    );
    expect(statuses.get(brent.seatHoldingId)).toBe('present');
    expect(statuses.get(away.seatHoldingId)).toBe('apologies');
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
