import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { demoEmails } from '../support/demo-actors.ts';
import {
  ensureRoundAndProvider,
  expectForumOnAgenda,
  northCentral,
  proposeActionInBrowser,
  recordArrangementInBrowser,
  rejectActionInBrowser,
  scheduleLocalGroupMeeting,
} from '../support/lead-commissioning-steps.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
const today = londonDate(new Date());
const provider = 'University College London Hospitals NHS Foundation Trust';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  await ensureRoundAndProvider(server.app, { startYear: 2008, provider });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (email: string, returnTo: string) =>
  signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);

describe('a lead’s proposed action rejected by an associate calls a collaborative forum (Model Collaborative Commissioning Agreement)', () => {
  let arrangementUrl: string;
  let meetingId: string;

  it('the local group’s secretariat records the arrangement; shares that miss 100% are refused first', async () => {
    const page = await signIn(demoEmails.areaSecretariat, `/bodies/${northCentral}/negotiations`);
    await page.getByLabel('Commissioning round').selectOption({ label: '2008/09' });
    await page.getByLabel('Provider').selectOption({ label: provider });
    await page.getByLabel('Service or contract').fill('Stroke');
    await page.getByLabel('Lead (co-ordinating) PCT').selectOption({ label: 'Camden PCT' });
    await page.getByLabel('Lead’s share (%)').fill('40');
    await page.getByLabel('Associate 1', { exact: true }).selectOption({ label: 'Islington PCT' });
    await page.getByLabel('Associate 1’s share (%)').fill('50');
    await page.getByRole('button', { name: 'Record arrangement' }).click();
    const refusal = await page.locator('.nhsuk-error-summary').textContent();
    expect(refusal).toContain('add up to 90.00%, not 100%');
    await expectNoAccessibilityViolations(page);

    arrangementUrl = await recordArrangementInBrowser(page, server.baseUrl, {
      roundLabel: '2008/09',
      provider,
      service: 'Stroke',
      lead: 'Camden PCT',
      leadShare: '40.00',
      associates: [
        { name: 'Islington PCT', share: '35.00' },
        { name: 'Barnet PCT', share: '25.00' },
      ],
    });
    const main = await page.locator('main').textContent();
    expect(main).toContain('Camden PCT');
    expect(main).toContain('35.00%');
    expect(main).toContain('100.00%');
    meetingId = await scheduleLocalGroupMeeting(server.app, {
      title: 'Local group meeting',
      startsAt: `${addDays(today, 21)}T13:00:00Z`,
      noticeGivenOn: addDays(today, 14),
    });
  });

  it('the lead proposes an action to the associates', async () => {
    const page = await signIn(demoEmails.lead, new URL(arrangementUrl).pathname);
    await proposeActionInBrowser(page, arrangementUrl, {
      text: 'Serve a contract query notice on thrombolysis times.',
      respondBy: addDays(today, 10),
    });
  });

  it('an associate rejects it with a reason; the forum is on the local group’s next agenda', async () => {
    const page = await signIn(demoEmails.associate, new URL(arrangementUrl).pathname);
    await rejectActionInBrowser(page, arrangementUrl, 'Islington wants the audit data first.');
    await expectForumOnAgenda(
      page,
      server.baseUrl,
      meetingId,
      `Collaborative forum: ${provider}, Stroke`,
    );
  });

  it('London sees the negotiation by area and stage', async () => {
    const page = await signIn(demoEmails.secretariat, '/lead-commissioning');
    const main = await page.locator('main').textContent();
    expect(main).toContain('North Central London Local Commissioning Group');
    expect(main).toContain('Stroke');
    await expectNoAccessibilityViolations(page);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
