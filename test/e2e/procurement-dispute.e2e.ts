import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../src/identity/actor.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
import { memberAccount } from '../support/member-accounts.ts';
import { startTestServer } from '../support/running-app.ts';

// 2006 §111: "Disputes involving issues about collective procurement will normally be resolved by
// a 75% majority." The 2008 London Commissioning Group carries the 2006 procedure over; its PCT
// members are the consortium: ten PCTs, so 3/4 of 10 needs 8.

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  seatTitle: string;
}

const lcg = 'london-commissioning-group';
const today = londonDate(new Date());
let meetingId: string;
let pctChiefExecutives: Member[];
const tokens = new Map<string, { authorization: string }>();
let demoMemberSeat: string;

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
    payload: {
      title: 'London Commissioning Group, pathology',
      startsAt: '2030-11-12T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2030-11-01',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
  const members: Member[] = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json()
    .attendance;
  for (const member of members) {
    const attended = await server.app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(attended.statusCode).toBe(200);
  }
  pctChiefExecutives = members.filter((member) =>
    member.seatTitle.startsWith('London PCT Chief Executive'),
  );
  expect(pctChiefExecutives).toHaveLength(10);
  for (const member of pctChiefExecutives) {
    const account = await memberAccount(server.app, {
      personId: member.personId,
      email: `procurement-${member.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
    });
    tokens.set(member.seatHoldingId, { authorization: account.authorization });
  }
  const brent = (
    await server.app.inject({ url: '/api/v1/me', headers: await bearerFor(server.app, 'member') })
  ).json();
  demoMemberSeat = pctChiefExecutives.find(
    (member) => member.personId === brent.personId,
  )!.seatHoldingId;
  const added = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Pathology procurement: choice of provider', purpose: 'decision' },
  });
  expect(added.statusCode).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

describe('2006 §111: a collective-procurement dispute settled by a 75% vote, in the browser', () => {
  let disputeUrl: string;
  let proposalPath: string;

  it('the secretariat raises the dispute: the next step is the consortium’s 75% vote', async () => {
    const page = await signIn(demoEmails.secretariat, `/bodies/${lcg}/disputes`);
    await page.getByLabel('Collective procurement (2006 §111)').check();
    await page.getByLabel('Title').fill('Pathology: which provider the consortium contracts with');
    await page
      .getByLabel('What is disputed')
      .fill('Two PCTs want to keep their local laboratories.');
    await fillDate(page, 'Raised on', today);
    await page.getByRole('button', { name: 'Raise dispute' }).click();
    await page.waitForURL('**/disputes/*?changed=raised');
    disputeUrl = page.url().split('?')[0]!;
    const next = await page.locator('#next ~ .nhsuk-card').textContent();
    expect(next).toContain('75% majority');
    expect(next).toContain('2006 §111');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('puts the vote to the meeting under the ladder’s method, not a kind of decision', async () => {
    const page = await signIn(demoEmails.secretariat, `/meetings/${meetingId}/proposals`);
    await page
      .getByLabel('Agenda item')
      .selectOption({ label: '1. Pathology procurement: choice of provider' });
    await page.getByLabel('Title').fill('Award pathology to the preferred bidder');
    await page
      .getByLabel('The question: what the body is asked to agree')
      .fill('That the consortium awards the pathology contract to the preferred bidder.');
    await page
      .getByLabel('Or a vote the dispute procedure calls for')
      .selectOption('collective-procurement-majority');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Put the question' }).click();
    await page.waitForURL('**/proposals/*?changed=created');
    expect(await page.locator('main').textContent()).toContain('2006 §111');
    await page.getByRole('button', { name: /^Open/ }).click();
    await page.waitForURL('**?changed=opened');
    proposalPath = new URL(page.url()).pathname;
    await page.close();
  });

  it('the PCTs vote, one vote each: eight for and two against of ten carries it', async () => {
    // The demo member (Brent) votes in the browser; the other PCTs' chief executives through the API.
    const memberPage = await signIn(demoEmails.member, proposalPath);
    await memberPage.getByLabel('For', { exact: true }).check();
    await memberPage.getByRole('button', { name: 'Cast vote' }).click();
    await memberPage.waitForURL('**?changed=voted');
    await expectNoAccessibilityViolations(memberPage);
    await memberPage.close();
    const others = pctChiefExecutives.filter((member) => member.seatHoldingId !== demoMemberSeat);
    for (const [index, member] of others.entries()) {
      const cast = await server.app.inject({
        method: 'POST',
        url: `/api/v1${proposalPath}/votes`,
        headers: tokens.get(member.seatHoldingId)!,
        payload: { choice: index < 7 ? 'for' : 'against' },
      });
      expect(cast.statusCode, cast.body).toBe(201);
    }
    const again = await server.app.inject({
      method: 'POST',
      url: `/api/v1${proposalPath}/votes`,
      headers: tokens.get(others[0]!.seatHoldingId)!,
      payload: { choice: 'against' },
    });
    expect(again.statusCode).toBe(409);

    const page = await signIn(demoEmails.secretariat, proposalPath);
    await page.getByRole('button', { name: 'Close and apply the rules' }).click();
    await page.waitForURL('**?changed=closed');
    const main = await page.locator('main').textContent();
    expect(main).toContain('Carried');
    expect(main).toContain('8 for');
    expect(main).toContain('2006 §111');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('the vote, named as the step, settles the dispute; the trail keeps it', async () => {
    const page = await signIn(demoEmails.secretariat, new URL(disputeUrl).pathname);
    await fillDate(page, 'Taken on', today);
    await page.getByLabel('Taken by').fill('The PCT members of the London Commissioning Group');
    await page
      .getByLabel('Proposal voted on')
      .selectOption({ label: 'Award pathology to the preferred bidder' });
    await page.getByRole('button', { name: 'Record step' }).click();
    await page.waitForURL('**?changed=step*');
    const main = await page.locator('main').textContent();
    expect(main).toContain('Resolved');
    const trail = await page.locator('#trail ~ table').textContent();
    expect(trail).toContain('The PCT members of the London Commissioning Group');
    await expect(page.getByRole('link', { name: 'The vote' }).count()).resolves.toBe(1);
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
