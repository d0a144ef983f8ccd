import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIntentionsRound } from '../../src/commissioning/intention-fixtures.ts';
import { addDays } from '../../src/governance/index.ts';
import { londonDate } from '../../src/identity/actor.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
import {
  consolidateIntentions,
  decideByConsensus,
  londonGroup,
  overlapsShown,
  putIntentionsToLondonGroup,
  readProspectusAsPublic,
  recordAgreementAndPublish,
  roundPathOf,
} from '../support/prospectus-steps.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let secretariat: { authorization: string };
let meetingId: string;
// The server runs on the real clock, so the meeting is dated from today in London.
const today = londonDate(new Date());
const year = '2008-09';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  await seedIntentionsRound(server.app.database.db, { now: new Date() });
  secretariat = await bearerFor(server.app, 'secretariat');
  const scheduled = await server.app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${londonGroup}/meetings`,
    headers: secretariat,
    payload: {
      title: 'Commissioning intentions meeting',
      startsAt: `${addDays(today, 21)}T14:00:00Z`,
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: today,
    },
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  meetingId = scheduled.json().meetingId;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the 2008/09 London commissioning intentions, from the returns to the public prospectus, in the browser', () => {
  let page: Page;
  let proposalId: string;

  it('the secretariat consolidates the returns; the overlaps between PCTs and sectors show', async () => {
    page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      `${roundPathOf(year)}/intentions`,
    );
    await consolidateIntentions(page, server.baseUrl, year, [
      {
        title: 'Hyperacute stroke care for every Londoner',
        serviceArea: 'Stroke',
        description: 'Eight hyperacute stroke units, each within 30 minutes of every Londoner.',
        priorities: [
          'Hyperacute stroke units',
          'Stroke rehabilitation at home',
          'Thrombolysis around the clock',
          'A stroke network for the North East sector',
        ],
      },
      {
        title: 'Crisis care in the community',
        serviceArea: 'Mental health',
        description: 'Crisis resolution and early intervention in every borough.',
        priorities: ['Crisis resolution teams', 'Early intervention in psychosis'],
      },
    ]);
    const overlaps = await overlapsShown(page);
    expect(overlaps).toContain(
      'Hyperacute stroke care for every Londoner: raised by 4 PCTs and local groups, from North East, North West, South East',
    );
    expect(overlaps).toContain('Crisis care in the community');
    const left = await page.locator('h2#unconsolidated + p + ul').textContent();
    expect(left).toContain('Structured education for type 2 diabetes');
  });

  it('an intention’s own page shows who raised it', async () => {
    await page.getByRole('link', { name: 'Crisis care in the community' }).click();
    await page.waitForURL('**/intentions/*');
    await expectNoAccessibilityViolations(page);
    expect(await page.locator('main').textContent()).toContain('South East');
  });

  it('puts the intentions to a London group meeting whose notice is not yet sent; they are frozen', async () => {
    await page.goto(`${server.baseUrl}${roundPathOf(year)}/intentions`);
    proposalId = await putIntentionsToLondonGroup(
      page,
      server.app,
      year,
      /^Commissioning intentions meeting/,
    );
    expect(await page.locator('main').textContent()).toContain(
      'Agree the London commissioning intentions 2008/09',
    );
    expect(await page.getByRole('button', { name: 'Add intention' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Hyperacute stroke care for every Londoner' }).click();
    await page.waitForURL('**/intentions/*');
    expect(await page.locator('main').textContent()).toContain('cannot change now');
    await expectNoAccessibilityViolations(page);
  });

  it('the London group decides by consensus (set-up), the secretariat records it and publishes', async () => {
    await decideByConsensus(server.app, secretariat, meetingId, proposalId);
    await recordAgreementAndPublish(page, server.baseUrl, year);
    expect(await page.locator('main').textContent()).toContain(
      'London commissioning prospectus 2008/09',
    );
  });

  it('the public reads the prospectus page and downloads the PDF', async () => {
    const { pageText, pdfText } = await readProspectusAsPublic(context, server.baseUrl, year);
    for (const text of [pageText, pdfText]) {
      expect(text).toContain('London commissioning prospectus 2008/09');
      expect(text).toContain('Hyperacute stroke care for every Londoner');
      expect(text).toContain('Brent Teaching PCT');
      expect(text).toContain('2008 §Key responsibilities, Business development');
    }
    expect(pageText).toContain('consensus');
  });

  it('met the Content-Security-Policy on every page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
