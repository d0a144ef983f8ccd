/**
 * Issue 24, "Done when": a browser journey registers a consortium with weights, runs a tender to an
 * award carried by a weighted 75% vote that would have failed unweighted (the explanation shows
 * both), and the awarded contract appears in the register and in the OCDS export that validates;
 * the map page passes axe. axe runs on every page visited, and no page trips the CSP.
 *
 * Eight member PCTs, shares by weighted population: Brent Teaching 30%, Croydon 25% and Barnet 20%
 * (London group members, who vote for: 75.00% of the portfolio) and five 5% PCTs off the group
 * (whose chief executives vote against). By share 7500 of 10000 is 75%: carried; one vote each it
 * is 3 of 8, short of the 6 that 75% of 8 needs (2006 §111; decision 028 for who votes).
 *
 * Set-up outside the browser (beforeAll): the demo specifications, contracts register (its
 * providers) and market; a London group meeting three weeks ahead with every member recorded
 * present (quorate, 2008 §Quorum); accounts for the voting chief executives. Everything else is
 * done by people in Chromium, each signing in once (the sign-in form allows 10 a minute).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoContracts } from '../../src/contracts/index.ts';
import { organisations, posts } from '../../src/db/schema/registry.ts';
import { londonDate } from '../../src/identity/actor.ts';
import { seedDemoMarkets } from '../../src/markets/index.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import { seedDemoSpecifications } from '../../src/specifications/index.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInOncePerPerson,
} from '../support/browser.ts';
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
import { memberAccount } from '../support/member-accounts.ts';
import { ocdsPackageErrors } from '../support/ocds-validator.ts';
import { startTestServer } from '../support/running-app.ts';

const consortiumName = 'London talking therapies consortium';
const tenderTitle = 'London talking therapies 2027–2030';
const reference = 'LCG/2027/IAPT-1';
const slam = 'South London and Maudsley NHS Foundation Trust';
const oxleas = 'Oxleas NHS Foundation Trust';
const unweighted =
  'Unweighted, one vote each, the same votes would be 3 for out of a base of 8; 3/4 (75%) of 8 needs 6: it would not have been carried.';
/** The three large members sit on the London group; Brent's chief executive is the demo member. */
const large = [
  { pct: 'Brent Teaching PCT', share: '30', email: demoEmails.member },
  { pct: 'Croydon PCT', share: '25', email: 'chief-executive.croydon@demo.invalid' },
  { pct: 'Barnet PCT', share: '20', email: 'chief-executive.barnet@demo.invalid' },
];
/** Five small members off the group: their chief executives (registry posts) vote for them. */
const small = [
  'Lambeth PCT',
  'Southwark PCT',
  'Lewisham PCT',
  'Greenwich Teaching PCT',
  'Wandsworth PCT',
].map((pct) => ({
  pct,
  share: '5',
  email: `chief-executive.${pct.split(' ')[0]!.toLowerCase()}@demo.invalid`,
}));

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let signIn: (email: string, returnTo: string) => Promise<Page>;
let meeting: { id: string; title: string };
const at: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { app } = server;
  const seed = { db: app.database.db, context: { actor: 'seed', now: new Date() } };
  await seedDemoSpecifications(seed);
  await seedDemoContracts(seed);
  await seedDemoMarkets(seed);

  // A London group meeting three weeks ahead, its notice not yet sent, every member present.
  const secretariat = await bearerFor(app, 'secretariat');
  const startsAt = new Date(Date.now() + 21 * 24 * 3600 * 1000);
  startsAt.setUTCHours(14, 0, 0, 0);
  meeting = { id: '', title: 'London Commissioning Group: award of the talking therapies service' };
  const scheduled = await app.inject({
    method: 'POST',
    url: '/api/v1/bodies/london-commissioning-group/meetings',
    headers: secretariat,
    payload: {
      title: meeting.title,
      startsAt: startsAt.toISOString(),
      location: 'Southside, 105 Victoria Street, London SW1E 6QT',
      noticeGivenOn: londonDate(new Date()),
    },
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  meeting.id = scheduled.json().meetingId;
  const { attendance } = (
    await app.inject({ url: `/api/v1/meetings/${meeting.id}`, headers: secretariat })
  ).json() as { attendance: { seatHoldingId: string }[] };
  for (const seat of attendance) {
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meeting.id}/attendance/${seat.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
  }

  // Accounts for the chief executives who vote (Brent's is the demo member's own).
  for (const member of [...large.slice(1), ...small]) {
    const [chiefExecutive] = await app.database.db
      .select({ personId: posts.personId })
      .from(posts)
      .innerJoin(organisations, eq(posts.organisationId, organisations.id))
      .where(
        and(
          eq(organisations.name, member.pct),
          eq(posts.role, 'chief-executive'),
          isNull(posts.endsOn),
        ),
      );
    expect(chiefExecutive, member.pct).toBeDefined();
    await memberAccount(app, {
      personId: chiefExecutive!.personId,
      email: member.email,
      password: demoPassword,
    });
  }

  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  signIn = signInOncePerPerson(context, server.baseUrl, demoPassword);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const mainText = async (on: Page) =>
  ((await on.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

async function press(on: Page, name: string, url: string | RegExp) {
  await on.getByRole('button', { name, exact: true }).first().click();
  await on.waitForURL(url);
  await expectNoAccessibilityViolations(on);
}

describe('issue 24: a consortium’s award by a weighted 75% vote, to the contracts register and OCDS', {
  timeout: 240_000,
}, () => {
  it('the secretariat registers a consortium of eight PCTs with weights by share', async () => {
    const page = await signIn(demoEmails.secretariat, '/procurement');
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Name', { exact: true }).fill(consortiumName);
    await page
      .getByLabel('Portfolio', { exact: true })
      .fill('Psychological therapies for adults in eight London PCTs, tendered once.');
    await fillDate(page, 'Inception date', '2026-04-01');
    await page.getByLabel('75% of all members entitled to vote, present or not').check();
    await page.getByLabel('Each member’s vote weighs its share of the portfolio').check();
    await page.getByLabel('Basis of the shares').fill('Weighted population 2026/27');
    for (const [index, member] of [...large, ...small].entries()) {
      await page
        .getByLabel(`Member ${index + 1}`, { exact: true })
        .selectOption({ label: member.pct });
      await page.getByLabel(`Member ${index + 1}’s share (%)`).fill(member.share);
    }
    await press(page, 'Record consortium', /\/procurement\/consortia\/[^/?]+\?changed=consortium/);
    const main = await mainText(page);
    expect(main).toContain('This inception record is fixed');
    expect(main).toContain('30.00%');
    expect(main).toContain('5.00%');
    at.consortium = new URL(page.url()).pathname;
    await page.close();
  });

  it('opens a tender, records two bids, the evaluation and a complete decisions register', async () => {
    const page = await signIn(demoEmails.secretariat, at.consortium!);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Title', { exact: true }).fill(tenderTitle);
    await page
      .getByLabel('Service', { exact: true })
      .fill('Psychological therapies for adults (IAPT)');
    const versions = page.getByLabel('Specification version the tender buys to');
    const iapt = await versions
      .locator('option', { hasText: 'Improving Access to Psychological Therapies' })
      .getAttribute('value');
    await versions.selectOption(iapt!);
    await press(page, 'Open tender', /\/procurement\/tenders\/[^/?]+\?changed=tender/);
    at.tender = new URL(page.url()).pathname;

    for (const [provider, price] of [
      [slam, '9,000,000.00'],
      [oxleas, '8,750,000.00'],
    ] as const) {
      await page.getByLabel('Provider', { exact: true }).selectOption({ label: provider });
      await page.getByLabel('Price (£)').fill(price);
      await press(page, 'Record bid', /\?changed=bid/);
    }

    await page.getByLabel(`Quality score for ${slam} (0 to 60)`).fill('52');
    await page.getByLabel(`Price score for ${slam} (0 to 40)`).fill('36');
    await page.getByLabel(`Quality score for ${oxleas} (0 to 60)`).fill('44');
    await page.getByLabel(`Price score for ${oxleas} (0 to 40)`).fill('40');
    await page.getByRole('radio', { name: slam, exact: true }).check();
    await page
      .getByLabel('Reason for the recommendation')
      .fill(
        'Highest total score (88 of 100): the stronger stepped-care model, at a price within 3% of the lowest.',
      );
    await press(page, 'Record evaluation', /\?changed=evaluation/);
    expect(await mainText(page)).toContain(`Recommended: ${slam}`);

    // The evaluation, with a conflict declared and how it was managed; the recommendation, none.
    await page.getByRole('radio', { name: 'The evaluation', exact: true }).check();
    await page
      .getByLabel('Decision', { exact: true })
      .fill('The panel scored both bids for quality (of 60) and price (of 40).');
    for (const person of ['Harper Sample', 'Blake Sample', 'Uma Specimen']) {
      await page.getByRole('checkbox', { name: person, exact: true }).check();
    }
    await page.getByLabel('Declared by').selectOption({ label: 'Uma Specimen' });
    await page
      .getByLabel('Interest declared')
      .fill('Spouse is a non-executive director of a bidding trust');
    await page
      .getByLabel('How it was managed', { exact: true })
      .selectOption({ label: 'Left the room' });
    await press(page, 'Add to the register', /\?changed=register/);

    await page.getByRole('radio', { name: 'The award recommendation', exact: true }).check();
    await page
      .getByLabel('Decision', { exact: true })
      .fill(`The panel recommends the award to ${slam}, to be put to the consortium’s members.`);
    for (const person of ['Harper Sample', 'Blake Sample']) {
      await page.getByRole('checkbox', { name: person, exact: true }).check();
    }
    await press(page, 'Add to the register', /\?changed=register/);
    const main = await mainText(page);
    expect(main).toContain('Complete');
    expect(main).toContain('Left the room');
    await page.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });

  it('puts the award to the consortium; the large PCTs vote for, the small against; carried by share', async () => {
    let page = await signIn(demoEmails.secretariat, at.tender!);
    const meetings = page.getByLabel('Meeting of London Commissioning Group', { exact: false });
    expect(await meetings.locator(`option[value="${meeting.id}"]`).textContent()).toContain(
      meeting.title,
    );
    await meetings.selectOption(meeting.id);
    await press(page, 'Put the award to the consortium', /\?changed=put/);
    await page.getByRole('link', { name: 'question', exact: true }).click();
    await page.waitForURL(/\/proposals\/[^/?]+$/);
    at.question = new URL(page.url()).pathname;
    await expectNoAccessibilityViolations(page);
    await press(page, 'Open for votes', new RegExp(`${at.question}`));
    expect(await mainText(page)).toContain('Close and apply the rules');
    await page.close();

    // Every voter in the browser, each signing in once: with the secretariat's, 9 sign-ins of
    // the form's 10 a minute.
    for (const [index, member] of [...large, ...small].entries()) {
      const choice = index < large.length ? 'For' : 'Against';
      page = await signIn(member.email, at.question!);
      await expectNoAccessibilityViolations(page);
      // A member of the body votes as such; a PCT off the body, by its chief executive (decision 028).
      const as =
        index < large.length ? 'its member of London Commissioning Group' : 'its chief executive';
      const ballot = page.getByRole('group', { name: `Your vote, for ${member.pct}, as ${as}` });
      await ballot.getByLabel(choice, { exact: true }).check();
      await press(page, 'Cast vote', new RegExp(at.question!));
      expect(await mainText(page)).toContain(`You voted ${choice.toLowerCase()}.`);
      await page.close();
    }

    page = await signIn(demoEmails.secretariat, at.question!);
    await press(page, 'Close and apply the rules', new RegExp(at.question!));
    const question = await mainText(page);
    expect(question).toContain('Weight for: 7500 of 10000.');
    expect(question).toContain(unweighted);

    await page.goto(`${server.baseUrl}${at.tender}`);
    await press(page, 'Record the award', /\?changed=awarded/);
    const tender = await mainText(page);
    expect(tender).toContain(`Awarded to ${slam}`);
    expect(tender).toContain('Carried: the award was recorded.');
    expect(tender).toContain('Weight for: 7500 of 10000.');
    expect(tender).toContain(unweighted);
    await page.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });

  it('records the awarded contract: in the register and in the OCDS export, which validates', async () => {
    const page = await signIn(demoEmails.secretariat, at.tender!);
    await page
      .getByRole('link', { name: 'Record the awarded contract in the contracts register' })
      .click();
    await page.waitForURL(/\/contracts\/from-tender\//);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Reference', { exact: true }).fill(reference);
    await fillDate(page, 'Starts on', '2027-04-01');
    await fillDate(page, 'Ends on', '2030-03-31');
    await page.getByLabel('Annual value (£)').fill('3000000.00');
    await page.getByLabel('Shares by weighted population').check();
    await page.getByLabel('Lead commissioner').selectOption({ label: 'Brent Teaching PCT' });
    await press(page, 'Record the awarded contract', /\/contracts\/[^/?]+\?changed=recorded/);
    const contract = await mainText(page);
    expect(contract).toContain('Awarded');
    expect(contract).toContain(slam);
    expect(contract).toContain('£9,000,000.00');
    expect(contract).toContain('Brent Teaching PCT (lead commissioner)');

    await page.goto(`${server.baseUrl}/contracts`);
    await expectNoAccessibilityViolations(page);
    const row = page.getByRole('row', { name: new RegExp(reference) });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Awarded');

    const ocds = await page.request.get(`${server.baseUrl}/contracts.ocds.json`);
    expect(ocds.status()).toBe(200);
    const releasePackage = await ocds.json();
    expect(ocdsPackageErrors(releasePackage)).toEqual([]);
    expect(JSON.stringify(releasePackage)).toContain(reference);
    await page.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });

  it('the map page passes axe', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/markets`);
    expect(await page.locator('main svg').count()).toBeGreaterThan(0);
    await expectNoAccessibilityViolations(page);
    await page.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
