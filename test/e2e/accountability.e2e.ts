import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../src/identity/actor.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInOncePerPerson,
} from '../support/browser.ts';
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
import { openQuestion } from '../support/meeting-fixtures.ts';
import { startTestServer } from '../support/running-app.ts';

const lcg = 'london-commissioning-group';
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let signIn: ReturnType<typeof signInOncePerPerson>;
let commissionPath: string;
const today = londonDate(new Date());

/** The last day of the month after today's, as the page writes it ("31 January 2027"). */
function endOfNextMonthText(): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(year, month + 1, 0));
  return end.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  signIn = signInOncePerPerson(context, server.baseUrl, demoPassword);
  // A question before the London group, for the briefing to cover.
  const { app } = server;
  const secretariat = await bearerFor(app, 'secretariat');
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'Stroke services meeting',
      startsAt: startsAt.toISOString(),
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: today,
    },
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  const meetingId = scheduled.json().meetingId as string;
  const item = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Hyper-acute stroke units', purpose: 'decision' },
  });
  expect(item.statusCode, item.body).toBe(201);
  await openQuestion(
    app,
    { meetingId, members: [], secretariat },
    {
      agendaItemId: item.json().agendaItemId,
      ballot: 'named',
      title: 'Designate the hyper-acute stroke units',
    },
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('2008 Commissioning development: "The LCG will task the sector groups with reviews and collate the outcomes"', () => {
  it('the programme office tasks North Central with a review', async () => {
    const page = await signIn(demoEmails.programme, `/bodies/${lcg}/review-commissions`);
    await expectNoAccessibilityViolations(page);
    await page
      .getByLabel('Sector group')
      .selectOption({ label: 'North Central London Local Commissioning Group' });
    await page.getByLabel('Title of the review').fill('Access to out-of-hours primary care');
    await page
      .getByLabel('Terms of the review')
      .fill('Review access to out-of-hours care across the sector.');
    await fillDate(page, 'Outcome due by', '2027-03-31');
    await page.getByRole('button', { name: 'Commission review' }).click();
    await page.waitForURL(/changed=commissioned/);
    commissionPath = new URL(page.url()).pathname;
    const main = await page.locator('main').textContent();
    expect(main).toContain('Tasked to North Central London Local Commissioning Group');
    expect(main).toContain('31 March 2027');
    await expectNoAccessibilityViolations(page);
  });

  it('the North Central secretariat records the outcome with its report uploaded', async () => {
    const page = await signIn(demoEmails.areaSecretariat, commissionPath);
    await page.getByLabel('Summary of findings').fill('Access varies across the five PCTs.');
    await page.getByLabel('Recommendations').fill('A single specification\nQuarterly reporting');
    await page.getByRole('button', { name: 'Record outcome' }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'Choose a file to upload.',
    );
    await expectNoAccessibilityViolations(page);
    await page.locator('input[type="file"][name="file"]').setInputFiles({
      name: 'out-of-hours-review.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('The review found that access varies.\n'),
    });
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.waitForURL(/changed=outcome/);
    const main = await page.locator('main').textContent();
    expect(main).toContain('Access varies across the five PCTs.');
    expect(main).toContain('Quarterly reporting');
    expect(main).toContain('out-of-hours-review.txt');
    await expectNoAccessibilityViolations(page);
  });

  it('the London list shows it reported', async () => {
    const page = await signIn(demoEmails.programme, `/bodies/${lcg}/review-commissions`);
    const row = page.getByRole('row', { name: /Access to out-of-hours primary care/ });
    expect(await row.textContent()).toContain('Reported — the outcome is back');
    await expectNoAccessibilityViolations(page);
  });
});

describe('2008 Communications: "PCT Members of the LCG will communicate and discuss key commissioning issues with London PCT CEs at their monthly meeting"', () => {
  it('a briefing is logged linked to a decision; the duty reads met today and next due', async () => {
    const page = await signIn(demoEmails.programme, `/bodies/${lcg}/communications`);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Briefing to the monthly meeting of London PCT Chief Executives').check();
    const options = await page.getByLabel('Given by').locator('option').allTextContents();
    await page.getByLabel('Given by').selectOption({ label: options[1] as string });
    await page
      .getByLabel('What was reported')
      .fill('The stroke units decision and what it means for each PCT.');
    await page.getByLabel(/Decision: Designate the hyper-acute stroke units/).check();
    await page.getByRole('button', { name: 'Log briefing' }).click();
    await page.waitForURL(/changed=briefing/);
    const main = (await page.locator('main').textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(main).toContain('The briefing was logged.');
    expect(main).toContain('Designate the hyper-acute stroke units');
    const card = page.locator('.nhsuk-card', {
      hasText: 'Briefing to the monthly meeting of London PCT Chief Executives',
    });
    const cardText = (await card.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(cardText).toContain(`Met — next due by ${endOfNextMonthText()}`);
    expect(cardText).toContain('2008 §Key responsibilities, Communications');
    await expectNoAccessibilityViolations(page);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
