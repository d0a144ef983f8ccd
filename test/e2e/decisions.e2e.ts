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

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
}

let meetingId: string;
let members: Member[];
const tokens = new Map<string, { authorization: string }>();
let demoMember: Member;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
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
  meetingId = scheduled.json().meetingId;
  members = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
  for (const member of members) {
    const attended = await server.app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(attended.statusCode).toBe(200);
    const account = await memberAccount(server.app, {
      personId: member.personId,
      email: `e2e-${member.seatHoldingId}@test.invalid`,
      bodySlug: 'london-commissioning-group',
    });
    tokens.set(member.seatHoldingId, { authorization: account.authorization });
  }
  const brent = (
    await server.app.inject({ url: '/api/v1/me', headers: await bearerFor(server.app, 'member') })
  ).json();
  demoMember = members.find((member) => member.personId === brent.personId)!;
  for (const title of [
    'London-wide stroke pathway',
    'Cardiac surgery sites',
    'Maternity pathway',
  ]) {
    const added = await server.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/agenda-items`,
      headers: secretariat,
      payload: { title, purpose: 'decision' },
    });
    expect(added.statusCode).toBe(201);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

/** The secretariat puts and opens a question in the browser; returns the question's path. */
async function putQuestion(item: string, title: string, kind: string): Promise<string> {
  const page = await signIn(demoEmails.secretariat, `/meetings/${meetingId}`);
  await page.getByRole('link', { name: 'Questions and votes' }).click();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel('Agenda item').selectOption({ label: item });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('The question: what the body is asked to agree').fill(`${title}.`);
  await page.getByLabel('Kind of decision').selectOption(kind);
  await page.getByRole('button', { name: 'Put the question' }).click();
  await page.waitForURL('**/proposals/*?changed=created');
  expect(await page.locator('main').textContent()).toContain('2008 §Decision-making');
  await page.getByRole('button', { name: 'Open for views' }).click();
  await page.waitForURL('**?changed=opened');
  await expectNoAccessibilityViolations(page);
  const path = new URL(page.url()).pathname;
  await page.close();
  return path;
}

async function othersAgree(path: string) {
  for (const member of members.filter((candidate) => candidate !== demoMember)) {
    const cast = await server.app.inject({
      method: 'POST',
      url: `/api/v1${path}/votes`,
      headers: tokens.get(member.seatHoldingId)!,
      payload: { choice: 'for' },
    });
    expect(cast.statusCode).toBe(201);
  }
}

async function closeInBrowser(path: string): Promise<Page> {
  const page = await signIn(demoEmails.secretariat, path);
  const main = await page.locator('main').textContent();
  expect(main).toContain('Who has not given a view');
  await page.getByRole('button', { name: 'Close and apply the rules' }).click();
  await page.waitForURL('**?changed=closed');
  await expectNoAccessibilityViolations(page);
  return page;
}

describe('a 2008 London Commissioning Group meeting decides by consensus, or advises', () => {
  it('consensus is reached on the stroke pathway', async () => {
    const path = await putQuestion(
      '1. London-wide stroke pathway',
      'Adopt the stroke pathway',
      'london-wide-view',
    );
    const memberPage = await signIn(demoEmails.member, path);
    await memberPage.getByLabel('Agree', { exact: true }).check();
    await memberPage.getByRole('button', { name: 'Record view' }).click();
    await memberPage.waitForURL('**?changed=voted');
    expect(await memberPage.locator('main').textContent()).toContain('Your view: agree.');
    await expectNoAccessibilityViolations(memberPage);
    await memberPage.close();
    await othersAgree(path);
    const page = await closeInBrowser(path);
    const result = await page.locator('#result ~ *').first().textContent();
    expect(result).toContain('Consensus');
    await page.close();
  });

  it('without consensus on cardiac surgery (one objection, with its reason) an advice note goes to the London PCTs and NHS London', async () => {
    const path = await putQuestion(
      '2. Cardiac surgery sites',
      'Concentrate cardiac surgery',
      'coordination-between-sectors',
    );
    const memberPage = await signIn(demoEmails.member, path);
    await memberPage.getByLabel('Object', { exact: true }).check();
    await memberPage.getByRole('button', { name: 'Record view' }).click();
    await memberPage.waitForURL(`**${path}/votes`);
    expect(await memberPage.locator('.nhsuk-error-summary').textContent()).toContain(
      'Give the reason for objecting',
    );
    await expectNoAccessibilityViolations(memberPage);
    await memberPage.getByLabel('Object', { exact: true }).check();
    await memberPage
      .getByLabel('Reason (needed when you object)')
      .fill('Patients in north-west London would travel too far.');
    await memberPage.getByRole('button', { name: 'Record view' }).click();
    await memberPage.waitForURL('**?changed=voted');
    await memberPage.close();
    await othersAgree(path);
    const page = await closeInBrowser(path);
    const main = await page.locator('main').textContent();
    expect(main).toContain('Advice, not a decision');
    await page.getByRole('link', { name: 'Advice note to London PCTs and NHS London' }).click();
    await page.waitForURL(`**${path}/advice-note`);
    const note = await page.locator('main').textContent();
    expect(note).toContain('London PCTs; NHS London');
    expect(note).toContain('2008 §Decision-making');
    expect(note).toContain(demoMember.memberName);
    expect(note).toContain('Patients in north-west London would travel too far.');
    await expectNoAccessibilityViolations(page);
    const pdf = await page.request.get(`${server.baseUrl}${path}/advice-note.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.close();
  });

  it('issue 22: the chair declares the sense of the meeting, recording one objection by name — no consensus, and the result says why', async () => {
    const path = await putQuestion(
      '3. Maternity pathway',
      'Agree the maternity pathway',
      'london-wide-view',
    );
    const page = await signIn(demoEmails.chair, path);
    const before = await page.locator('main').textContent();
    expect(before).toContain('What counts as consensus');
    expect(before).toContain('Quorum: quorate: 11 of 11 members present (2008 §Quorum).');
    await page.getByLabel('Agreed', { exact: true }).check();
    await page.getByLabel(demoMember.memberName, { exact: true }).check();
    await page
      .getByLabel(`Why ${demoMember.memberName} objects`)
      .fill('Not enough midwives in outer London.');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Declare the sense of the meeting and close' }).click();
    await page.waitForURL('**?changed=declared');
    const main = await page.locator('main').textContent();
    expect(main).toContain('Advice, not a decision');
    expect(main).toContain('1 objection recorded');
    expect(main).toContain('Quorate: 11 of 11 members present (2008 §Quorum).');
    expect(main).toContain('Not enough midwives in outer London.');
    expect(main).not.toContain('No vote or view recorded');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
