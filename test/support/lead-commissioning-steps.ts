/**
 * Browser steps of lead commissioning (issue 23), for chaining into the commissioning journey:
 * the local group's secretariat records an arrangement, the lead proposes an action, an associate
 * rejects it with a reason, and the collaborative forum appears on the local group's next agenda.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import { bodies } from '../../src/db/schema/bodies.ts';
import { commissioningRounds } from '../../src/db/schema/commissioning.ts';
import { organisations } from '../../src/db/schema/registry.ts';
import type { App } from '../../src/http/app-types.ts';
import { expectNoAccessibilityViolations, fillDate } from './browser.ts';
import { bearerFor } from './demo-actors.ts';

export const northCentral = 'north-central-local-commissioning-group';

/**
 * What the steps need that other slices make: the round (the rounds slice opens it; added here
 * only when absent) and a provider in the registry (the demo adds the acute trusts).
 */
export async function ensureRoundAndProvider(
  app: App,
  options: { startYear: number; provider: string },
): Promise<void> {
  const { db } = app.database;
  const [round] = await db
    .select({ id: commissioningRounds.id })
    .from(commissioningRounds)
    .where(eq(commissioningRounds.startYear, options.startYear));
  if (!round) {
    const [london] = await db
      .select({ id: bodies.id })
      .from(bodies)
      .where(eq(bodies.slug, 'london-commissioning-group'));
    const year = options.startYear;
    await db.insert(commissioningRounds).values({
      id: uuidv7(),
      bodyId: london!.id,
      startYear: year,
      submissionsOpenOn: `${year - 1}-09-01`,
      submissionsDueOn: `${year - 1}-10-31`,
      consolidationBy: `${year - 1}-11-30`,
      agreementBy: `${year - 1}-12-31`,
      publicationBy: `${year}-01-31`,
      createdAt: app.now(),
    });
  }
  const [provider] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, options.provider));
  if (!provider) {
    await db
      .insert(organisations)
      .values({ id: uuidv7(), name: options.provider, type: 'foundation-trust' });
  }
}

/** The local group's next meeting, scheduled through the API, with its notice still to give. */
export async function scheduleLocalGroupMeeting(
  app: App,
  options: { title: string; startsAt: string; noticeGivenOn: string },
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${northCentral}/meetings`,
    headers: await bearerFor(app, 'areaSecretariat'),
    payload: { ...options, location: 'Stephenson House, 75 Hampstead Road' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().meetingId as string;
}

/** The secretariat records the arrangement on the local group's negotiations page. */
export async function recordArrangementInBrowser(
  page: Page,
  baseUrl: string,
  arrangement: {
    roundLabel: string;
    provider: string;
    service: string;
    lead: string;
    leadShare: string;
    associates: { name: string; share: string }[];
  },
): Promise<string> {
  await page.goto(`${baseUrl}/bodies/${northCentral}/negotiations`);
  await expectNoAccessibilityViolations(page);
  await page.getByLabel('Commissioning round').selectOption({ label: arrangement.roundLabel });
  await page.getByLabel('Provider').selectOption({ label: arrangement.provider });
  await page.getByLabel('Service or contract').fill(arrangement.service);
  await page.getByLabel('Lead (co-ordinating) PCT').selectOption({ label: arrangement.lead });
  await page.getByLabel('Lead’s share (%)').fill(arrangement.leadShare);
  for (const [index, associate] of arrangement.associates.entries()) {
    await page
      .getByLabel(`Associate ${index + 1}`, { exact: true })
      .selectOption({ label: associate.name });
    await page.getByLabel(`Associate ${index + 1}’s share (%)`).fill(associate.share);
  }
  await page.getByRole('button', { name: 'Record arrangement' }).click();
  await page.waitForURL('**/lead-commissioning/*?changed=recorded');
  await expectNoAccessibilityViolations(page);
  return page.url().split('?')[0]!;
}

/** The lead's post holder circulates a proposed action from the arrangement's page. */
export async function proposeActionInBrowser(
  page: Page,
  arrangementUrl: string,
  action: { text: string; respondBy: string },
): Promise<void> {
  await page.goto(arrangementUrl);
  await expectNoAccessibilityViolations(page);
  await page.getByLabel('Propose an action to the associates').fill(action.text);
  await fillDate(page, 'Associates to respond by', action.respondBy);
  await page.getByRole('button', { name: 'Circulate proposed action' }).click();
  await page.waitForURL('**?changed=proposed');
  expect(await page.locator('main').textContent()).toContain('Awaiting responses');
  await expectNoAccessibilityViolations(page);
}

/** An associate's post holder rejects the action with a reason: it is blocked, a forum called. */
export async function rejectActionInBrowser(
  page: Page,
  arrangementUrl: string,
  reason: string,
): Promise<void> {
  await page.goto(arrangementUrl);
  await expectNoAccessibilityViolations(page);
  await page.getByLabel('Reject', { exact: true }).check();
  await page.getByLabel('Reason for rejecting').fill(reason);
  await page.getByRole('button', { name: 'Send response' }).click();
  await page.waitForURL('**?changed=rejected');
  const main = await page.locator('main').textContent();
  expect(main).toContain('Blocked');
  expect(main).toContain(`Rejected: ${reason}`);
  expect(main).toContain('A collaborative forum was called');
  await expectNoAccessibilityViolations(page);
}

/** The forum's item on the local group's meeting page. */
export async function expectForumOnAgenda(
  page: Page,
  baseUrl: string,
  meetingId: string,
  itemTitle: string,
): Promise<void> {
  await page.goto(`${baseUrl}/meetings/${meetingId}`);
  expect(await page.locator('main').textContent()).toContain(itemTitle);
  await expectNoAccessibilityViolations(page);
}
