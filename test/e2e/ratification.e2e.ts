import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let secretariat: { authorization: string };
let meetingId: string;
const voters: { authorization: string }[] = [];

const lcg = 'london-commissioning-group';
const signOffClause = '2006 §112';
// The server runs on the real clock: a board may sign on the day the decision was taken, not after today.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  secretariat = await bearerFor(server.app, 'secretariat');
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
  const members: { seatHoldingId: string; personId: string }[] = (
    await server.app.inject(`/api/v1/meetings/${meetingId}`)
  ).json().attendance;
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
      email: `ratify-e2e-${member.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
    });
    voters.push({ authorization: account.authorization });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A question the whole group agrees, closed by consensus; returns its id. */
async function decideByConsensus(title: string): Promise<string> {
  const item = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title, purpose: 'decision' },
  });
  expect(item.statusCode, item.body).toBe(201);
  const created = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/proposals`,
    headers: secretariat,
    payload: {
      agendaItemId: item.json().agendaItemId,
      title,
      text: `The group agrees: ${title.toLowerCase()}.`,
      decisionKind: 'london-wide-view',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const proposalId = created.json().proposalId as string;
  const opened = await server.app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers: secretariat,
  });
  expect(opened.statusCode, opened.body).toBe(200);
  for (const voter of voters) {
    const cast = await server.app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: voter,
      payload: { choice: 'for' },
    });
    expect(cast.statusCode, cast.body).toBe(201);
  }
  const closed = await server.app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/close`,
    headers: secretariat,
  });
  expect(closed.statusCode, closed.body).toBe(200);
  return proposalId;
}

/** The PCT Boards the secretariat may name for a decision, as the API offers them. */
async function candidateBoards(proposalId: string): Promise<{ id: string; name: string }[]> {
  const view = await server.app.inject({
    url: `/api/v1/proposals/${proposalId}/ratification`,
    headers: secretariat,
  });
  expect(view.statusCode, view.body).toBe(200);
  const candidates = view.json().candidates as { id: string; name: string }[];
  expect(candidates.length).toBeGreaterThanOrEqual(3);
  return candidates;
}

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

const sectionText = async (page: Page) =>
  (await page.locator('main').textContent())!.slice(
    (await page.locator('main').textContent())!.indexOf('Effect and sign-off'),
  );

/** The status cell of a board's row in the sign-off table. */
const boardStatus = (page: Page, board: string) =>
  page
    .getByRole('table', { name: /Sign-off by/ })
    .getByRole('row')
    .filter({ hasText: board })
    .getByRole('cell')
    .nth(1)
    .textContent();

async function recordBoardDecision(
  page: Page,
  board: string,
  decision: 'Signed off' | 'Refused to sign off',
  minute: string,
) {
  await page.getByLabel('Board', { exact: true }).selectOption({ label: board });
  await page.getByLabel(decision, { exact: true }).check();
  await fillDate(page, 'Date of the board meeting', today);
  await page.getByLabel('Minute reference').fill(minute);
  await page.getByRole('button', { name: 'Record the board’s decision' }).click();
  await page.waitForURL((url) => url.searchParams.get('changed') === 'signed-off');
  expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain(
    'The board’s decision is recorded.',
  );
}

describe(`${signOffClause}: a decision takes effect only when the sponsoring PCT Boards sign off`, () => {
  it('each board is shown pending, then signed off, and the decision is in effect when all have signed', async () => {
    const proposalId = await decideByConsensus('Adopt the stroke pathway');
    const path = `/proposals/${proposalId}`;
    const [first, second, third] = (await candidateBoards(proposalId)).slice(0, 3) as [
      { id: string; name: string },
      { id: string; name: string },
      { id: string; name: string },
    ];

    // A member sees the effect, but no secretariat forms.
    const memberPage = await signIn(demoEmails.member, path);
    expect(await sectionText(memberPage)).toContain('In effect');
    expect(
      await memberPage.getByRole('button', { name: 'Name the sponsoring boards' }).count(),
    ).toBe(0);
    await expectNoAccessibilityViolations(memberPage);
    await memberPage.close();

    const page = await signIn(demoEmails.secretariat, path);
    expect(await sectionText(page)).toContain('no sign-off by sponsoring boards was asked for');
    await expectNoAccessibilityViolations(page);

    // Naming no board is refused, with the error summary linking to the field.
    await page.getByRole('button', { name: 'Name the sponsoring boards' }).click();
    await page.waitForURL(`**${path}/ratification`);
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'Choose at least one sponsoring PCT Board.',
    );
    await expectNoAccessibilityViolations(page);

    const boards = page.getByRole('group', { name: 'Ask the sponsoring PCT Boards to sign off' });
    for (const board of [first, second, third]) {
      await boards.getByLabel(board.name, { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Name the sponsoring boards' }).click();
    // The redirect lands on the section: ?changed=ratification#ratification.
    await page.waitForURL((url) => url.searchParams.get('changed') === 'ratification');
    const awaiting = await sectionText(page);
    expect(awaiting).toContain('Awaiting sign-off');
    expect(awaiting).toContain(
      `Awaiting sign-off by ${first.name}, ${second.name} and ${third.name}`,
    );
    expect(awaiting).toContain('0 of 3 have');
    expect(awaiting).toContain(signOffClause);
    for (const board of [first, second, third]) {
      expect(await boardStatus(page, board.name)).toBe('Not yet signed off');
    }
    expect(await page.getByRole('button', { name: 'Name the sponsoring boards' }).count()).toBe(0);
    await expectNoAccessibilityViolations(page);

    // A board's decision without its fields is refused, naming each.
    await page.getByRole('button', { name: 'Record the board’s decision' }).click();
    await page.waitForURL(`**${path}/ratification/sign-offs`);
    const problems = await page.locator('.nhsuk-error-summary').textContent();
    expect(problems).toContain('Choose the board whose decision you are recording.');
    expect(problems).toContain('Choose whether the board signed off or refused to.');
    expect(problems).toContain('Enter the minute reference of the board decision.');
    await expectNoAccessibilityViolations(page);

    await recordBoardDecision(page, first.name, 'Signed off', '26/101');
    expect(await boardStatus(page, first.name)).toBe('Signed off');
    expect(await boardStatus(page, second.name)).toBe('Not yet signed off');
    const oneSigned = await sectionText(page);
    expect(oneSigned).toContain(`Awaiting sign-off by ${second.name} and ${third.name}`);
    expect(oneSigned).toContain('1 of 3 have');
    expect(oneSigned).toContain('26/101');
    // A board decides once: it is no longer offered.
    expect(
      await page
        .getByLabel('Board', { exact: true })
        .locator('option')
        .filter({ hasText: first.name })
        .count(),
    ).toBe(0);
    await expectNoAccessibilityViolations(page);

    // The second board's decision arrives through the API; the page shows it on reload.
    const signed = await server.app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/ratification/sign-offs`,
      headers: secretariat,
      payload: {
        organisationId: second.id,
        decision: 'signed',
        decidedOn: today,
        minuteReference: '26/102',
      },
    });
    expect(signed.statusCode, signed.body).toBe(201);
    await page.reload();
    expect(await boardStatus(page, second.name)).toBe('Signed off');
    expect(await sectionText(page)).toContain(`Awaiting sign-off by ${third.name}:`);

    await recordBoardDecision(page, third.name, 'Signed off', '26/103');
    for (const board of [first, second, third]) {
      expect(await boardStatus(page, board.name)).toBe('Signed off');
    }
    const inEffect = await sectionText(page);
    expect(inEffect).toContain(`In effect from ${today}: every one of`);
    expect(inEffect).toContain(`${first.name}, ${second.name} and ${third.name}`);
    expect(await page.getByRole('button', { name: 'Record the board’s decision' }).count()).toBe(0);
    await expectNoAccessibilityViolations(page);
    await page.close();

    const api = (await server.app.inject(`/api/v1/proposals/${proposalId}/ratification`)).json();
    expect(api.effect.status).toBe('inEffect');
    expect(api.effect.inEffectFrom).toBe(today);
  });

  it('a board’s refusal leaves the decision not in effect and sends it to the dispute procedure', async () => {
    const proposalId = await decideByConsensus('Concentrate cardiac surgery');
    const path = `/proposals/${proposalId}`;
    const [first, second] = (await candidateBoards(proposalId)).slice(3, 5) as [
      { id: string; name: string },
      { id: string; name: string },
    ];
    const named = await server.app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/ratification`,
      headers: secretariat,
      payload: { organisationIds: [first.id, second.id] },
    });
    expect(named.statusCode, named.body).toBe(201);

    const page = await signIn(demoEmails.secretariat, path);
    expect(await boardStatus(page, first.name)).toBe('Not yet signed off');
    await expectNoAccessibilityViolations(page);
    await recordBoardDecision(page, first.name, 'Refused to sign off', '26/201');
    expect(await boardStatus(page, first.name)).toBe('Refused to sign off');
    expect(await boardStatus(page, second.name)).toBe('Not yet signed off');
    const refused = await sectionText(page);
    expect(refused).toContain(`Not in effect: ${first.name} refused to sign off`);
    expect(refused).toContain('The refusal is a disagreement for the dispute procedure');
    expect(refused).toContain('Next: mediation within the group by the chair.');
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Disputes of London Commissioning Group' }).click();
    await page.waitForURL(`**/bodies/${lcg}/disputes`);
    await expectNoAccessibilityViolations(page);
    await page.close();

    const api = (await server.app.inject(`/api/v1/proposals/${proposalId}/ratification`)).json();
    expect(api.effect.status).toBe('signOffRefused');
    expect(api.effect.refusedBy).toEqual([first.name]);
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
