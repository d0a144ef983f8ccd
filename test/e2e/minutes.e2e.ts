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
import { startSmtpTestServer } from '../support/smtp-test-server.ts';

let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

interface Member {
  seatHoldingId: string;
  memberName: string;
  office: string | null;
  sector: string | null;
}

let meetingA: string;
let meetingB: string;
let southEast: Member;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  server = await startTestServer({ environment: { SMTP_URL: smtp.url } });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);

  // The meetings, the agenda of the first and the attendance are set up over the API; the
  // journey under test (minutes, agenda, approval, receipt) happens in the browser.
  const secretariat = await bearerFor(server.app, 'secretariat');
  const schedule = async (title: string, startsAt: string, noticeGivenOn: string) => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/bodies/london-commissioning-group/meetings',
      headers: secretariat,
      payload: { title, startsAt, location: 'Southside, 105 Victoria Street', noticeGivenOn },
    });
    expect(response.statusCode).toBe(201);
    return response.json().meetingId as string;
  };
  meetingA = await schedule('October meeting', '2030-10-10T13:00:00Z', '2030-10-01');
  meetingB = await schedule('November meeting', '2030-11-14T14:00:00Z', '2030-11-04');
  const item = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingA}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Healthcare for London consultation', purpose: 'decision' },
  });
  expect(item.statusCode).toBe(201);
  const attend = async (meetingId: string, members: Member[]) => {
    for (const member of members) {
      const response = await server.app.inject({
        method: 'PUT',
        url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
        headers: secretariat,
        payload: { status: 'present' },
      });
      expect(response.statusCode).toBe(200);
    }
  };
  const membersOf = async (meetingId: string) =>
    (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance as Member[];
  await attend(meetingA, await membersOf(meetingA));
  const membersB = await membersOf(meetingB);
  // Inquorate: no South East chief executive is recorded as present at the approving meeting.
  await attend(
    meetingB,
    membersB.filter((member) => member.sector !== 'south-east'),
  );
  southEast = membersB.find((member) => member.sector === 'south-east')!;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

const minute = 'The group agreed the consultation plan and asked for a progress report in January.';

describe('minutes: drafted, approved at the next meeting and distributed with receipts', () => {
  it('the secretariat drafts, puts them on the next agenda, is refused while inquorate, then approves and sees the distribution', async () => {
    const page = await signIn(demoEmails.secretariat, `/meetings/${meetingA}`);
    await page.getByRole('link', { name: 'Minutes of this meeting' }).click();
    await page.waitForURL(`**/meetings/${meetingA}/minutes`);
    expect(await page.locator('main').textContent()).toContain('Draft');
    await expectNoAccessibilityViolations(page);

    await page.getByText('Write the minute of item 1').click();
    await page.getByLabel('Minute of item 1').fill(minute);
    await page.getByRole('button', { name: 'Save minute' }).click();
    await page.waitForURL(`**/meetings/${meetingA}/minutes?changed=minute*`);
    const drafted = await page.locator('main').textContent();
    expect(drafted).toContain('The minute was saved.');
    expect(drafted).toContain(minute);
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/meetings/${meetingB}/minutes`);
    await expectNoAccessibilityViolations(page);
    await page
      .getByRole('button', { name: 'Add the minutes of October meeting for approval' })
      .click();
    await page.waitForURL(`**/meetings/${meetingB}/minutes?changed=on-agenda`);
    const agenda = await page.locator('main').textContent();
    expect(agenda).toContain('1. Minutes of the meeting held on 10 October 2030');
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'minutes of October meeting' }).first().click();
    await page.waitForURL(`**/meetings/${meetingA}/minutes`);
    await page.getByRole('button', { name: 'Approve and sign the minutes' }).click();
    const refusal = await page.locator('.nhsuk-error-summary').textContent();
    expect(refusal).toContain('inquorate');
    expect(refusal).toContain('South East');
    expect(refusal).toContain('2008 §Quorum');
    await expectNoAccessibilityViolations(page);

    // The South East chief executive arrives: attendance is taken on the approving meeting's page.
    await page.goto(`${server.baseUrl}/meetings/${meetingB}`);
    await page.getByLabel(`Attendance of ${southEast.memberName}`).selectOption('present');
    await page.getByRole('button', { name: 'Save the register' }).click();
    await page.waitForURL(`**/meetings/${meetingB}?changed=register*`);
    await page.getByRole('link', { name: 'Minutes of this meeting' }).click();
    await page.getByRole('link', { name: 'minutes of October meeting' }).first().click();
    await page.waitForURL(`**/meetings/${meetingA}/minutes`);
    expect(await page.locator('#quorum ~ p').first().textContent()).toContain('Quorate');
    await page.getByRole('button', { name: 'Approve and sign the minutes' }).click();
    await page.waitForURL(`**/meetings/${meetingA}/minutes?changed=approved*`);
    const approved = await page.locator('main').textContent();
    expect(approved).toContain('The minutes were approved, signed and sent');
    expect(approved).toContain('32 sent, 0 received');
    expect(await page.locator('#distribution ~ table tbody tr').count()).toBe(32);
    await expectNoAccessibilityViolations(page);
    await page.close();
    // Eight pages, each checked by axe: more than the default minute on a shared machine.
  }, 180_000);

  it('a recipient opens the receipt link from the e-mail and confirms; the distribution shows it received', async () => {
    expect(smtp.received).toHaveLength(32);
    const mail = smtp.received.find((candidate) =>
      candidate.text?.includes('board secretary of Brent Teaching PCT'),
    );
    expect(mail?.subject).toContain('Approved minutes: London Commissioning Group');
    const link = /https?:\/\/\S+\/receipts\/rcpt_[\w-]+/.exec(mail?.text ?? '')?.[0];
    expect(link).toBeDefined();
    // The e-mail names the configured public address; the test server listens elsewhere.
    const receiptPath = new URL(link!).pathname;

    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${receiptPath}`);
    const receipt = await page.locator('main').textContent();
    expect(receipt).toContain('Brent Teaching PCT');
    expect(receipt).toContain('October meeting');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Confirm receipt' }).click();
    await page.waitForURL('**?changed=confirmed');
    expect(await page.locator('main').textContent()).toContain(
      'receipt of the minutes is recorded',
    );
    await expectNoAccessibilityViolations(page);

    // The published minutes are open to the recipient without signing in.
    await page.getByRole('link', { name: 'Read the minutes' }).click();
    await page.waitForURL(`**/meetings/${meetingA}/minutes`);
    expect(await page.locator('main').textContent()).toContain(minute);
    await expectNoAccessibilityViolations(page);
    await page.close();

    const secretariatPage = await signIn(demoEmails.secretariat, `/meetings/${meetingA}/minutes`);
    expect(await secretariatPage.locator('main').textContent()).toContain('32 sent, 1 received');
    const brentRow = secretariatPage.locator('#distribution ~ table tbody tr', {
      hasText: 'Brent Teaching PCT',
    });
    expect(await brentRow.textContent()).toContain('Received');
    expect(await brentRow.textContent()).toContain('board-secretary.5k5@demo.invalid');
    await secretariatPage.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
