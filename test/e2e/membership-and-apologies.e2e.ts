import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
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
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

const lcg = 'london-commissioning-group';

interface Member {
  seatHoldingId: string;
  memberName: string;
  seatTitle: string;
  organisation: string | null;
  office: string | null;
}

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

async function signIn(page: Page, email: string, returnTo: string) {
  await context.clearCookies();
  await page.goto(`${server.baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.baseUrl}${returnTo}`);
}

describe('members send their apologies; the meeting compares the 2006 and 2008 quorum', () => {
  let meetingId: string;
  let members: Member[];

  beforeAll(async () => {
    const secretariat = await bearerFor(server.app, 'secretariat');
    const scheduled = await server.app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/meetings`,
      headers: secretariat,
      payload: {
        title: 'London Commissioning Group, December',
        startsAt: '2030-12-10T14:00:00Z',
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: '2030-12-01',
      },
    });
    expect(scheduled.statusCode).toBe(201);
    meetingId = scheduled.json().meetingId;
    members = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
  });

  it('the Brent chief executive, a member of the 2008 group, signs in and sends apologies', async () => {
    const brent = members.find((member) => member.organisation === 'Brent Teaching PCT');
    expect(brent?.seatTitle).toBe('London PCT Chief Executive chairing a CCG');
    const page = await context.newPage();
    await signIn(page, 'member@demo.invalid', `/meetings/${meetingId}`);
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Send apologies' }).click();
    await expect
      .poll(() => page.locator('.nhsuk-notification-banner').textContent())
      .toContain('Your apologies were sent');
    const brentRow = page.getByRole('row').filter({ hasText: brent!.memberName });
    expect(await brentRow.textContent()).toContain('Apologies');
    expect(await page.locator('#your-attendance').textContent()).toContain(
      'your apologies are recorded',
    );
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('the secretariat names a non-voting attendee on the membership page', async () => {
    const page = await context.newPage();
    await signIn(page, 'secretariat@demo.invalid', `/bodies/${lcg}/members`);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Non-voting attendee').check();
    await page.getByLabel('Person attending').selectOption({
      label: members.find((member) => member.organisation === 'Ealing PCT')!.memberName,
    });
    // From today, so the membership page (which shows today) lists them.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
      new Date(),
    );
    await fillDate(page, 'First day', today);
    await page.getByLabel('Why they attend').fill('Invited on public health items');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    // A sitting member attends in their own right: refused, with the field named.
    const summary = await page.locator('.nhsuk-error-summary').textContent();
    expect(summary).toContain('attends in their own right');
    await expectNoAccessibilityViolations(page);

    // Harrow's chief executive holds no seat on the 2008 group, so may be invited.
    const organisations = await server.app.inject('/api/v1/organisations?q=Harrow');
    const harrow = organisations.json().items[0];
    const people = await server.app.inject(`/api/v1/people?organisation=${harrow.id}`);
    const invitedName = people.json().items[0].name as string;
    await page.getByLabel('Person attending').selectOption({ label: invitedName });
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect
      .poll(() => page.locator('.nhsuk-notification-banner').textContent())
      .toContain('The deputy or non-voting attendee was recorded');
    const attendees = await page.locator('#attendees ~ table').first().textContent();
    expect(attendees).toContain(invitedName);
    expect(attendees).toContain('Invited on public health items');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('the secretariat takes attendance; the 2008 terms say inquorate, the 2006 terms quorate, each explained', async () => {
    const page = await context.newPage();
    await signIn(page, 'secretariat@demo.invalid', `/meetings/${meetingId}`);
    const chair = members.find((member) => member.office === 'chair')!;
    const nominees = members.filter((member) => member.seatTitle.includes('nominated by a CCG'));
    // One register, one save: the chair and two nominees present, the others absent, and the
    // Brent chief executive's apologies (sent above) left as they are.
    const present = new Set(
      [chair, nominees[0]!, nominees[1]!].map((member) => member.seatHoldingId),
    );
    for (const member of members) {
      const field = page.getByLabel(`Attendance of ${member.memberName}`);
      if (present.has(member.seatHoldingId)) await field.selectOption('present');
      else if (member.organisation !== 'Brent Teaching PCT') await field.selectOption('absent');
    }
    await page.getByRole('button', { name: 'Save the register' }).click();
    await expect
      .poll(() => page.locator('.nhsuk-notification-banner').textContent())
      .toContain('The register was saved');
    const under2008 = await page.locator('#meeting-quorum').textContent();
    expect(under2008).toContain('Inquorate');
    expect(under2008).toContain('2008 §Quorum');
    const comparison = await page.locator('#version-1').textContent();
    expect(comparison).toContain('Version 1, effective 1 July 2006');
    expect(comparison).toContain('Quorate under SI 2000/89 Sch 2');
    expect(comparison).toContain('quorum one third of the whole membership');
    expect(comparison).toContain('2 present of 5 voting members');
    const invitedRow = page.getByRole('row').filter({ hasText: 'Invited on public health items' });
    expect(await invitedRow.textContent()).toContain('Non-voting: not a member');
    await page.getByText('Compare with the other versions of the terms').click();
    await page.getByText('Who version 1 counts, and who it cannot').click();
    expect(await page.locator('#version-1').textContent()).toContain('could not be counted.');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
