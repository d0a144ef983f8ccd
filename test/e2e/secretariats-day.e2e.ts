/**
 * Issue 22, "Done when": the demo secretariat runs next month's London Commissioning Group meeting
 * from the home page by following links and pressing buttons only (no URL typed after signing in):
 * the register taken in one save, a question put on a decision item, members voting from the live
 * page, the chair closing it, consensus not reached on another item and the advice note produced,
 * the minutes drafted from the record and approved at the following meeting. axe runs on every
 * page visited. The server's clock is moved to each meeting's day.
 */
import { asc, eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodies } from '../../src/db/schema/bodies.ts';
import { accounts } from '../../src/db/schema/identity.ts';
import { meetings } from '../../src/db/schema/meetings.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import { seedDemoMeetings } from '../../src/seed/demo-meetings.ts';
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

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  office: string | null;
  organisation: string | null;
}

const lcg = 'london-commissioning-group';
const votingQuestion = 'Adopt the final commissioning intentions';
const consensusQuestion = 'A London-wide view on stroke rehabilitation';
const objection = 'The sectors have not yet seen the rehabilitation figures.';
const memberPassword = 'correct horse battery staple';

// The app's clock: the real one, shifted to the day the journey is on.
let offset = 0;
const setClock = (iso: string) => {
  offset = new Date(iso).getTime() - Date.now();
};

let server: Awaited<ReturnType<typeof startTestServer>>;
let secretariatBrowser: Awaited<ReturnType<typeof launchChromium>>;
// One browser per person in the room, each signed in once (sign-ins are rate-limited per address).
const browsers: Awaited<ReturnType<typeof launchChromium>>[] = [];
const violations: ReturnType<typeof recordContentSecurityPolicyViolations>[] = [];
const voterPages: Page[] = [];
let chairPage: Page;
let december: { id: string; title: string; startsAt: Date };
let january: { id: string; title: string; startsAt: Date };
let members: Member[];
let chairSignIn: { email: string; password: string };
let away: Member;
const voterSignIns: { email: string; password: string }[] = [];
let page: Page;

beforeAll(async () => {
  // The demo is seeded as `npm start` would on 23 November 2026: two meetings held, two to come.
  setClock('2026-11-23T10:00:00Z');
  server = await startTestServer({ now: () => new Date(Date.now() + offset) });
  const { app } = server;
  await seedDemoMeetings({
    db: app.database.db,
    context: { actor: 'seed', now: app.now() },
    publicUrl: server.baseUrl,
  });
  const upcoming = await app.database.db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(bodies.slug, lcg))
    .orderBy(asc(meetings.startsAt));
  const coming = upcoming.filter((meeting) => meeting.startsAt > app.now());
  december = coming[0]!;
  january = coming[1]!;
  expect(december.startsAt.toISOString().slice(0, 10)).toBe('2026-12-10');

  // What the demo lacks: a second decision item for the consensus question, and accounts for
  // some members so they can vote from their own browser.
  const secretariat = await bearerFor(app, 'secretariat');
  const added = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${december.id}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Stroke rehabilitation across London', purpose: 'decision' },
  });
  expect(added.statusCode, added.body).toBe(201);
  members = (await app.inject(`/api/v1/meetings/${december.id}`)).json().attendance;
  const chair = members.find((member) => member.office === 'chair')!;
  // The demo chair and member already have accounts (the demo password); the others get one.
  const signInOf = async (personId: string, email: string) => {
    const [existing] = await app.database.db
      .select({ email: accounts.email })
      .from(accounts)
      .where(eq(accounts.personId, personId));
    if (existing) return { email: existing.email, password: demoPassword };
    await memberAccount(app, { personId, email, bodySlug: lcg, password: memberPassword });
    return { email, password: memberPassword };
  };
  chairSignIn = await signInOf(chair.personId, 'day-chair@test.invalid');
  // One member sends apologies on the day; three others vote from their own browser.
  away = members.find((member) => member !== chair && !member.organisation?.includes('Brent'))!;
  const others = members.filter((member) => member !== chair && member !== away);
  for (const [index, member] of others.slice(0, 2).entries()) {
    voterSignIns.push(await signInOf(member.personId, `day-member-${index}@test.invalid`));
  }

  for (let index = 0; index < 4; index++) {
    const browser = await launchChromium();
    browsers.push(browser);
    violations.push(recordContentSecurityPolicyViolations(browser.context));
  }
  secretariatBrowser = browsers[0]!;
}, 180_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await server?.stop();
});

const mainText = async (on: Page) =>
  ((await on.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

/** Signs in and lands on the home page: the last URL the journey ever types. */
async function signInHome(context: BrowserContext, email: string, password = memberPassword) {
  const home = await signInThroughForm(context, server.baseUrl, { email, password }, '/');
  await expectNoAccessibilityViolations(home);
  return home;
}

async function follow(on: Page, name: string | RegExp, url: string | RegExp) {
  await on
    .getByRole('link', { name, exact: typeof name === 'string' })
    .first()
    .click();
  await on.waitForURL(url);
  await expectNoAccessibilityViolations(on);
}

async function press(
  on: Page,
  name: string | RegExp,
  url: string | RegExp | ((url: URL) => boolean),
) {
  await on
    .getByRole('button', { name, exact: typeof name === 'string' })
    .first()
    .click();
  await on.waitForURL(url);
  await expectNoAccessibilityViolations(on);
}

/** From any page to the meeting's page, through the header's Meetings calendar. */
async function toMeeting(on: Page, meeting: { id: string; title: string }) {
  await follow(on, 'Meetings', '**/meetings');
  await follow(on, meeting.title, `**/meetings/${meeting.id}`);
}

/** From a person's home page to the meeting's live page, by links. */
async function toLivePage(on: Page, meeting: { id: string; title: string }) {
  await toMeeting(on, meeting);
  await follow(on, 'Follow the meeting live', `**/meetings/${meeting.id}/live`);
}

async function voteFromLivePage(member: Page, choice: string, button: string, reason?: string) {
  await follow(member, 'Home', `${server.baseUrl}/`);
  await toLivePage(member, december);
  const room = member.locator('#live-room');
  await room.getByLabel(choice, { exact: true }).check();
  if (reason) await room.locator('textarea[name="reason"]').first().fill(reason);
  await room.getByRole('button', { name: button }).click();
  await member.waitForURL((url) => url.search === '?changed=voted');
  expect(
    ((await member.locator('[data-your-choice]').textContent()) ?? '').toLowerCase(),
  ).toContain(choice.toLowerCase());
  await expectNoAccessibilityViolations(member);
}

async function putQuestion(itemTitle: string, title: string, kind: RegExp) {
  await toMeeting(page, december);
  await follow(page, 'Questions and votes', `**/meetings/${december.id}/proposals`);
  const item = page.getByLabel('Agenda item');
  const itemLabel = (await item.locator('option').allTextContents()).find((text) =>
    text.includes(itemTitle),
  )!;
  await item.selectOption({ label: itemLabel });
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page
    .getByLabel('The question: what the body is asked to agree')
    .fill(`The Group agrees: ${title.toLowerCase()}.`);
  const kinds = await page.getByLabel('Kind of decision').locator('option').allTextContents();
  const kindLabel = kinds.find((text) => kind.test(text));
  expect(kindLabel, kinds.join('\n')).toBeDefined();
  await page.getByLabel('Kind of decision').selectOption({ label: kindLabel! });
  await press(page, 'Put the question', /\/proposals\/[0-9a-f-]+/);
  await press(page, /^Open for (votes|views)$/, /\/proposals\/[0-9a-f-]+/);
  // The secretariat moves the live page to the item, so members see the question there.
  await follow(page, 'Home', `${server.baseUrl}/`);
  await toLivePage(page, december);
  const position = page.getByLabel('Move the meeting to item');
  const positionLabel = (await position.locator('option').allTextContents()).find((text) =>
    text.includes(itemTitle),
  )!;
  await position.selectOption({ label: positionLabel });
  await press(page, 'Move to item', (url) => url.pathname.endsWith('/live'));
}

// Each step is a few pages with axe on each, in up to four browsers on a busy machine.
describe('the secretariat’s day: next month’s London group meeting, from the home page', {
  timeout: 240_000,
}, () => {
  it('finds December’s meeting from the home page and takes the register in one save', async () => {
    setClock('2026-12-10T13:50:00Z');
    page = await signInHome(secretariatBrowser.context, demoEmails.secretariat, demoPassword);
    await toMeeting(page, december);
    await page.getByLabel(`Attendance of ${away.memberName}`).selectOption('apologies');
    await press(page, 'Save the register', `**/meetings/${december.id}?changed=register#register`);
    expect(await mainText(page)).toContain('The register was saved');
  });

  it('puts a question on a decision item, members give their views from the live page, the chair declares the sense of the meeting and closes it', async () => {
    setClock('2026-12-10T14:05:00Z');
    await follow(page, 'Home', `${server.baseUrl}/`);
    await putQuestion(
      'Commissioning intentions: final draft',
      votingQuestion,
      /co-ordination between sectors/,
    );
    for (const [index, voter] of voterSignIns.entries()) {
      voterPages.push(await signInHome(browsers[1 + index]!.context, voter.email, voter.password));
      await voteFromLivePage(voterPages[index]!, 'Agree', 'Record view');
    }

    // The 2008 terms leave consensus to the chair's declaration (decision 022): the chair goes
    // from the live page's controls to the declaration, with no one objecting.
    chairPage = await signInHome(browsers[3]!.context, chairSignIn.email, chairSignIn.password);
    await toLivePage(chairPage, december);
    await follow(chairPage, /^Declare the sense of the meeting on /, /\/proposals\/[0-9a-f-]+/);
    await chairPage.getByLabel('Agreed', { exact: true }).check();
    await press(chairPage, 'Declare the sense of the meeting and close', (url) =>
      url.search.includes('changed=declared'),
    );
    const declared = await mainText(chairPage);
    expect(declared).toContain('The sense of the meeting is recorded');
    expect(declared).not.toContain('No consensus');
  });

  it('consensus is not reached on another item and the advice note is produced', async () => {
    setClock('2026-12-10T14:20:00Z');
    await follow(page, 'Home', `${server.baseUrl}/`);
    await putQuestion('Stroke rehabilitation across London', consensusQuestion, /London-wide view/);
    await voteFromLivePage(voterPages[0]!, 'Agree', 'Record view');
    await voteFromLivePage(voterPages[1]!, 'Object', 'Record view', objection);

    await follow(chairPage, 'Home', `${server.baseUrl}/`);
    await toLivePage(chairPage, december);
    await press(chairPage, 'Close the question', (url) => /changed=(closed|tied)/.test(url.search));
    expect(await mainText(chairPage)).toContain('The question is closed.');

    await toMeeting(page, december);
    await follow(page, 'Questions and votes', `**/meetings/${december.id}/proposals`);
    await follow(page, consensusQuestion, /\/proposals\/[0-9a-f-]+$/);
    expect(await mainText(page)).toContain(
      'No consensus under 2008 §Decision-making (1 objection recorded',
    );
    await follow(page, /^Advice note to /, /\/advice-note$/);
    expect(await mainText(page)).toContain(objection);
  });

  it('records the meeting held and drafts the minutes from the record', async () => {
    setClock('2026-12-10T14:35:00Z');
    await toMeeting(page, december);
    await press(page, 'Record that the meeting was held', (url) =>
      url.pathname.endsWith(december.id),
    );
    await follow(page, 'Minutes of this meeting', `**/meetings/${december.id}/minutes`);
    const draft = await mainText(page);
    expect(draft).toContain('From the record, not saved yet.');
    expect(draft).toContain(`The question “${votingQuestion}” was put to the meeting`);
    expect(draft).toContain('Consensus was not reached');
    await press(
      page,
      'Save the record as the minute of every item not yet written',
      `**/meetings/${december.id}/minutes?changed=from-the-record*`,
    );
    // The secretary writes the narrative of the items the record says nothing about.
    for (const [position, minute] of [
      [1, 'The minutes of the meeting held on 12 November 2026 were AGREED as a correct record.'],
      [3, 'The Group NOTED the single winter escalation route agreed with the five sectors.'],
    ] as const) {
      await page.getByText(`Write the minute of item ${position}`).click();
      await page.getByLabel(`Minute of item ${position}`, { exact: true }).fill(minute);
      await page
        .locator('form', { has: page.getByLabel(`Minute of item ${position}`, { exact: true }) })
        .getByRole('button', { name: 'Save minute' })
        .click();
      await page.waitForURL(`**/meetings/${december.id}/minutes?changed=minute*`);
      await expectNoAccessibilityViolations(page);
      expect(await mainText(page)).toContain(minute);
    }
  });

  it('approves the minutes at the following meeting', async () => {
    setClock('2027-01-14T13:50:00Z');
    page = await signInHome(secretariatBrowser.context, demoEmails.secretariat, demoPassword);
    await toMeeting(page, january);
    await press(page, 'Save the register', `**/meetings/${january.id}?changed=register#register`);
    await follow(page, 'Minutes of this meeting', `**/meetings/${january.id}/minutes`);
    await press(
      page,
      `Add the minutes of ${december.title} for approval`,
      `**/meetings/${january.id}/minutes?changed=on-agenda`,
    );
    await follow(page, `minutes of ${december.title}`, `**/meetings/${december.id}/minutes`);
    await press(
      page,
      'Approve and sign the minutes',
      `**/meetings/${december.id}/minutes?changed=approved*`,
    );
    expect(await mainText(page)).toContain('The minutes were approved, signed');
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations.flat())).toEqual([]);
  });
});
