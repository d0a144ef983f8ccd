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
import { memberAccount } from '../support/member-accounts.ts';
import { startTestServer } from '../support/running-app.ts';
import { startSmtpTestServer } from '../support/smtp-test-server.ts';

/**
 * Issue 22, item 4: the draft minutes open pre-filled from what was recorded at the meeting, the
 * secretary edits the narrative, and the minutes are approved at the following meeting as before;
 * the Part II item's record never reaches the public minutes.
 */
const lcg = 'london-commissioning-group';
const partTwoInterest = 'Spouse is a director of a bidding provider';
const narrative = 'The chair thanked the stroke network for its work.';

let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let october: string;
let november: string;

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
}

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  server = await startTestServer({ environment: { SMTP_URL: smtp.url } });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);

  // What happened in the room is recorded over the API; the minutes journey is in the browser.
  const { app } = server;
  const secretariat = await bearerFor(app, 'secretariat');
  const call = async (
    method: 'POST' | 'PUT',
    url: string,
    payload?: Record<string, unknown>,
    headers = secretariat,
  ) => {
    const response = await app.inject({ method, url, headers, ...(payload && { payload }) });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const schedule = async (title: string, startsAt: string, noticeGivenOn: string) =>
    (
      await call('POST', `/api/v1/bodies/${lcg}/meetings`, {
        title,
        startsAt,
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn,
      })
    ).meetingId as string;
  october = await schedule('October meeting', '2030-10-10T13:00:00Z', '2030-10-01');
  november = await schedule('November meeting', '2030-11-14T14:00:00Z', '2030-11-04');
  const item = async (title: string, confidential = false) =>
    (
      await call('POST', `/api/v1/meetings/${october}/agenda-items`, {
        title,
        purpose: 'decision',
        ...(confidential && {
          isConfidential: true,
          confidentialityReason: 'Commercial interests of the bidders.',
        }),
      })
    ).agendaItemId as string;
  const stroke = await item('Stroke pathway');
  const cardiac = await item('Cardiac surgery sites');
  const bidders = await item('Preferred bidders', true);

  const members = new Map<string, { authorization: string }>();
  const present: Member[] = [];
  for (const meetingId of [october, november]) {
    const attendance = (await app.inject(`/api/v1/meetings/${meetingId}`)).json()
      .attendance as Member[];
    for (const member of attendance) {
      await call('PUT', `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`, {
        status: 'present',
      });
      if (meetingId !== october) continue;
      present.push(member);
      const account = await memberAccount(app, {
        personId: member.personId,
        email: `member-${member.seatHoldingId}@test.invalid`,
        bodySlug: lcg,
      });
      members.set(member.seatHoldingId, { authorization: account.authorization });
    }
  }
  const conflicted = present[1]!;
  await call('POST', `/api/v1/meetings/${october}/declarations`, {
    agendaItemId: bidders,
    seatHoldingId: conflicted.seatHoldingId,
    kind: 'financial',
    interest: partTwoInterest,
  });
  const question = async (agendaItemId: string, title: string, objector?: Member) => {
    const proposalId = (
      await call('POST', `/api/v1/meetings/${october}/proposals`, {
        agendaItemId,
        title,
        text: 'The group agrees.',
        decisionKind: 'london-wide-view',
        ballot: 'named',
      })
    ).proposalId as string;
    await call('POST', `/api/v1/proposals/${proposalId}/open`);
    for (const member of present) {
      if (agendaItemId === bidders && member === conflicted) continue;
      await call(
        'POST',
        `/api/v1/proposals/${proposalId}/votes`,
        member === objector
          ? { choice: 'against', reason: 'Patients would travel too far.' }
          : { choice: 'for' },
        members.get(member.seatHoldingId),
      );
    }
    await call('POST', `/api/v1/proposals/${proposalId}/close`);
  };
  await question(stroke, 'Agree the stroke pathway');
  await question(cardiac, 'Concentrate cardiac surgery on three sites', present[2]);
  await question(bidders, 'Agree the preferred bidders');
  await call('POST', `/api/v1/meetings/${october}/actions`, {
    agendaItemId: cardiac,
    description: 'Send the advice note to the PCT boards',
    ownerPersonId: present[3]!.personId,
    dueOn: '2030-11-01',
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

describe('minutes from the record', () => {
  it('the secretary opens the draft pre-filled from the record, edits the narrative, saves the rest, and the minutes are approved at the following meeting', async () => {
    const page = await signIn(demoEmails.secretariat, `/meetings/${october}`);
    await page.getByRole('link', { name: 'Minutes of this meeting' }).click();
    await page.waitForURL(`**/meetings/${october}/minutes`);
    const draft = (await page.locator('main').textContent()) ?? '';
    expect(draft).toContain('From the record, not saved yet.');
    expect(draft).toContain('The question “Agree the stroke pathway” was put to the meeting');
    expect(draft).toContain(
      'Consensus was not reached: an advice note setting out the range of views goes to',
    );
    expect(draft).toContain('Action: Send the advice note to the PCT boards.');
    expect(draft).toContain('took no part in the vote on “Agree the preferred bidders”');
    expect(draft).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    await expectNoAccessibilityViolations(page);

    await page.getByText('Edit and save the minute of item 1').click();
    const field = page.getByLabel('Minute of item 1');
    const prefilled = await field.inputValue();
    expect(prefilled).toContain('Agree the stroke pathway');
    await field.fill(`${prefilled}\n\n${narrative}`);
    await page.getByRole('button', { name: 'Save minute' }).first().click();
    await page.waitForURL(`**/meetings/${october}/minutes?changed=minute*`);
    expect(await page.locator('main').textContent()).toContain(narrative);
    await expectNoAccessibilityViolations(page);

    await page
      .getByRole('button', { name: 'Save the record as the minute of every item not yet written' })
      .click();
    await page.waitForURL(`**/meetings/${october}/minutes?changed=from-the-record*`);
    const saved = (await page.locator('main').textContent()) ?? '';
    expect(saved).toContain('The record was saved as the minute of every item not yet written.');
    expect(saved).toContain(narrative);
    expect(saved).not.toContain('From the record, not saved yet.');
    await expectNoAccessibilityViolations(page);

    // Approval at the following meeting, as before.
    await page.goto(`${server.baseUrl}/meetings/${november}/minutes`);
    await page
      .getByRole('button', { name: 'Add the minutes of October meeting for approval' })
      .click();
    await page.waitForURL(`**/meetings/${november}/minutes?changed=on-agenda`);
    await page.goto(`${server.baseUrl}/meetings/${october}/minutes`);
    await page.getByRole('button', { name: 'Approve and sign the minutes' }).click();
    await page.waitForURL(`**/meetings/${october}/minutes?changed=approved*`);
    const approved = (await page.locator('main').textContent()) ?? '';
    expect(approved).toContain('The minutes were approved, signed and sent');
    expect(approved).toContain(narrative);
    expect(approved).not.toContain('What the record says');
    await expectNoAccessibilityViolations(page);
    await page.close();
  }, 240_000);

  it('the public reads the approved minutes without the Part II item or its declaration', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/meetings/${october}/minutes`);
    const minutes = (await page.locator('main').textContent()) ?? '';
    expect(minutes).toContain(narrative);
    expect(minutes).toContain('Consensus was not reached');
    expect(minutes).not.toContain(partTwoInterest);
    expect(minutes).not.toContain('preferred bidders');
    await expectNoAccessibilityViolations(page);
    await page.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  }, 120_000);
});
