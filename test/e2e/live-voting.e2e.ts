/**
 * Voting in the room, in Chromium (issue 22): a member votes from the live page, sees what they
 * recorded, and changes it; the person presiding, in a second browser, sees the question appear
 * without a reload, records a show of hands for a member without an account, and closes the
 * question. axe runs on every page visited.
 */
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccountActor } from '../../src/identity/actor.ts';
import { selectAccountByEmail } from '../../src/identity/identity-queries.ts';
import { moveLiveAgendaItem } from '../../src/live/live-service.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { bearerFor } from '../support/demo-actors.ts';
import { memberAccount } from '../support/member-accounts.ts';
import { startTestServer } from '../support/running-app.ts';

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  office: string | null;
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let memberBrowser: Awaited<ReturnType<typeof launchChromium>>;
let chairBrowser: Awaited<ReturnType<typeof launchChromium>>;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let chairViolations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let meetingId: string;
let proposalId: string;
let secretariat: { authorization: string };
let members: Member[];
let chair: Member;
let voter: Member;
let chairEmail: string;
const memberEmail = 'live-voter@test.invalid';
const memberPassword = 'correct horse battery staple';

async function emailOf(personId: string): Promise<string | undefined> {
  const result = (await server.app.database.db.execute(
    sql`select email from accounts where person_id = ${personId}`,
  )) as unknown as { rows: { email: string }[] };
  return result.rows[0]?.email;
}

beforeAll(async () => {
  server = await startTestServer();
  memberBrowser = await launchChromium();
  chairBrowser = await launchChromium();
  violations = recordContentSecurityPolicyViolations(memberBrowser.context);
  chairViolations = recordContentSecurityPolicyViolations(chairBrowser.context);
  secretariat = await bearerFor(server.app, 'secretariat');
  const scheduled = await server.app.inject({
    method: 'POST',
    url: '/api/v1/bodies/london-commissioning-group/meetings',
    headers: secretariat,
    payload: {
      title: 'London Commissioning Group, voting in the room',
      startsAt: '2030-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2030-12-01',
    },
  });
  meetingId = scheduled.json().meetingId;
  const item = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Stroke services across London', purpose: 'decision' },
  });
  const itemId = item.json().agendaItemId;
  members = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
  for (const member of members) {
    const attended = await server.app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(attended.statusCode).toBe(200);
  }
  chair = members.find((member) => member.office === 'chair')!;
  // The chair signs in with the demo account where the seed linked it to the chair's person.
  chairEmail = (await emailOf(chair.personId)) ?? 'live-chair@test.invalid';
  if (chairEmail === 'live-chair@test.invalid') {
    await memberAccount(server.app, {
      personId: chair.personId,
      email: chairEmail,
      bodySlug: 'london-commissioning-group',
      password: demoPassword,
    });
  }
  const accountless: Member[] = [];
  for (const member of members) {
    if (member !== chair && !(await emailOf(member.personId))) accountless.push(member);
  }
  voter = accountless[0]!;
  await memberAccount(server.app, {
    personId: voter.personId,
    email: memberEmail,
    bodySlug: 'london-commissioning-group',
    password: memberPassword,
  });
  const created = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/proposals`,
    headers: secretariat,
    payload: {
      agendaItemId: itemId,
      title: 'Commission hyper-acute stroke units',
      text: 'The group agrees to commission eight hyper-acute stroke units across London.',
      decisionKind: 'coordination-between-sectors',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  proposalId = created.json().proposalId;
  // The secretariat moves the meeting to the item; the question is opened later, while both watch.
  const secretariatAccount = await selectAccountByEmail(
    server.app.database.db,
    'secretariat@demo.invalid',
  );
  const actor = await loadAccountActor(server.app.database.db, secretariatAccount!.id, new Date(), {
    authenticatedBy: 'session',
  });
  await moveLiveAgendaItem({
    db: server.app.database.db,
    context: { actor: 'test', now: new Date() },
    actor: actor!,
    meetingId,
    agendaItemId: itemId,
  });
});

afterAll(async () => {
  await memberBrowser?.close();
  await chairBrowser?.close();
  await server?.stop();
});

const textOf = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('voting from the live page', () => {
  let member: Page;
  let chairPage: Page;
  const livePath = () => `/meetings/${meetingId}/live`;

  it('shows the member no form until the question is opened, then one without a reload', async () => {
    member = await signInThroughForm(
      memberBrowser.context,
      server.baseUrl,
      { email: memberEmail, password: memberPassword },
      livePath(),
    );
    chairPage = await signInThroughForm(
      chairBrowser.context,
      server.baseUrl,
      { email: chairEmail, password: demoPassword },
      livePath(),
    );
    expect(await member.locator('#live-room form').count()).toBe(0);
    await expectNoAccessibilityViolations(member);
    await member.evaluate("document.body.setAttribute('data-not-reloaded', 'yes')");
    const opened = await server.app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/open`,
      headers: secretariat,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    await member.locator('#live-room form').first().waitFor();
    expect(await member.locator('body').getAttribute('data-not-reloaded')).toBe('yes');
    await chairPage.getByRole('button', { name: 'Close the question' }).waitFor();
    await expectNoAccessibilityViolations(member);
    await expectNoAccessibilityViolations(chairPage);
  });

  it('records the member’s choice and says which, then lets them change it', async () => {
    const room = member.locator('#live-room');
    const labels = await room.locator('.nhsuk-radios__label').allTextContents();
    const consensus = labels.some((label) => label.trim() === 'Agree');
    await room.getByLabel(consensus ? 'Agree' : 'For', { exact: true }).check();
    await room.getByRole('button', { name: consensus ? 'Record view' : 'Cast vote' }).click();
    await member.waitForURL((url) => url.search === '?changed=voted');
    expect(await textOf(member, '[data-your-choice]')).toContain(
      consensus ? 'Your view: agree.' : 'You voted for.',
    );
    await expectNoAccessibilityViolations(member);

    await room.getByLabel(consensus ? 'Stand aside' : 'Abstain', { exact: true }).check();
    await room.getByRole('button', { name: consensus ? 'Change view' : 'Change vote' }).click();
    await member.waitForURL((url) => url.search === '?changed=changed');
    expect(await textOf(member, '[data-your-choice]')).toContain(
      consensus ? 'Your view: stand aside.' : 'You abstained.',
    );
    expect(await textOf(member, 'main')).toContain('only your latest choice is counted');
    await expectNoAccessibilityViolations(member);
    const stored = (await server.app.database.db.execute(
      sql`select choice from votes where proposal_id = ${proposalId} and voter_id = ${voter.seatHoldingId}`,
    )) as unknown as { rows: { choice: string }[] };
    expect(stored.rows).toEqual([{ choice: 'abstain' }]);
  });

  it('lets the chair record a show of hands, naming who recorded it', async () => {
    await chairPage.reload();
    const hands = chairPage.locator('#live-room');
    const options = await hands.getByLabel('Member', { exact: true }).locator('option').all();
    expect(options.length).toBeGreaterThan(1);
    const name = ((await options[1]!.textContent()) ?? '').trim();
    await hands.getByLabel('Member', { exact: true }).selectOption({ index: 1 });
    await hands.locator('input[name="choice"][value="for"]').last().check();
    await hands.getByRole('button', { name: 'Record for this member' }).click();
    await chairPage.waitForURL((url) => url.search === '?changed=hand');
    const row = chairPage.locator('#live-room tr', { hasText: name });
    expect(await row.textContent()).toMatch(/recorded|chair/i);
    expect(((await row.textContent()) ?? '').replace(/\s+/g, ' ')).toContain(', chair');
    await expectNoAccessibilityViolations(chairPage);
  });

  it('lets the chair close the question, and the member sees the outcome without a reload', async () => {
    await member.evaluate("document.body.setAttribute('data-not-reloaded', 'yes')");
    await chairPage.getByRole('button', { name: 'Close the question' }).click();
    await chairPage.waitForURL((url) => /changed=(closed|tied)/.test(url.search));
    await expectNoAccessibilityViolations(chairPage);
    await member.locator('#live-outcome').waitFor();
    expect(await member.locator('body').getAttribute('data-not-reloaded')).toBe('yes');
    // The question is no longer taking votes, so the member's form is gone.
    await member.locator('#live-room form').first().waitFor({ state: 'detached' });
    await expectNoAccessibilityViolations(member);
  });

  it('broke no Content-Security-Policy rule on any page', async () => {
    await member.close();
    await chairPage.close();
    expect(describeContentSecurityPolicyViolations([...violations, ...chairViolations])).toEqual(
      [],
    );
  });
});
