import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/governance/index.ts';
import { londonDate } from '../../src/identity/actor.ts';
import { seedDemoMarkets } from '../../src/markets/index.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let withoutScript: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
const today = londonDate(new Date());

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoMarkets({
    db: server.app.database.db,
    context: { actor: 'seed', now: new Date() },
  });
  browser = await launchChromium();
  withoutScript = await launchChromium({ javaScriptEnabled: false });
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await withoutScript?.close();
  await server?.stop();
});

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

const mapCell = (page: Page, sector: string) =>
  page
    .locator('table', { has: page.locator('caption', { hasText: 'by sector' }) })
    .getByRole('row', { name: new RegExp(`^${sector}`) });

describe('the London market drawn as a map of the five sectors (2006 §104, §106)', () => {
  it('shows the map as an image with its title, the same facts in a table, and passes axe', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/markets`);
    const map = page.getByRole('img', {
      name: /Map of London’s five sectors: providers of major trauma services/,
    });
    expect(await map.count()).toBe(1);
    expect(await page.locator('svg desc').textContent()).toContain('North Central: no provider');
    // The gap is marked by the hatched pattern and the words, not by colour alone.
    expect(await page.locator('svg polygon[fill="url(#no-provider)"]').count()).toBe(1);
    expect(
      await page.locator('svg text', { hasText: 'No provider' }).count(),
    ).toBeGreaterThanOrEqual(1);
    expect(await mapCell(page, 'North Central').textContent()).toContain('No provider');
    expect(await page.locator('#gaps ~ ul').first().textContent()).toContain(
      'No provider of major trauma services is recorded in North Central London.',
    );
    await expectNoAccessibilityViolations(page);
  });

  it('chooses another service without JavaScript: the form reloads the map for it', async () => {
    const page = await withoutScript.context.newPage();
    await page.goto(`${server.baseUrl}/markets`);
    await page
      .getByLabel('Service area to show on the map')
      .selectOption({ label: 'Mental health' });
    await page.getByRole('button', { name: 'Show on the map' }).click();
    await page.waitForURL('**/markets?service=Mental+health*');
    expect(await page.locator('#map').textContent()).toContain('Mental health');
    expect(await page.locator('svg polygon[fill="url(#no-provider)"]').count()).toBe(0);
    expect(await mapCell(page, 'South East').textContent()).toContain(
      'South London and Maudsley NHS Foundation Trust',
    );
    // The page the form gave, checked by axe (which needs JavaScript) in the ordinary browser.
    const checked = await context.newPage();
    await checked.goto(page.url());
    await expectNoAccessibilityViolations(checked);
  });

  it('the London group’s secretariat fills the gap, and the map shows it', async () => {
    const page = await signIn(demoEmails.secretariat, '/markets');
    await page
      .getByLabel('Provider', { exact: true })
      .selectOption({ label: 'Royal Free Hampstead NHS Trust' });
    await page.getByLabel('Service area supplied').selectOption({ label: 'Major trauma' });
    await page.getByRole('button', { name: 'Record services' }).click();
    // No sector chosen: refused with the field named.
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'Choose at least one sector the provider serves.',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByRole('checkbox', { name: 'North Central' }).check();
    await page.getByRole('button', { name: 'Record services' }).click();
    await page.waitForURL('**/markets?service=Major%20trauma&changed=supplies*');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain(
      'The provider’s services were recorded.',
    );
    expect(await mapCell(page, 'North Central').textContent()).toContain(
      'Royal Free Hampstead NHS Trust',
    );
    expect(await page.locator('svg polygon[fill="url(#no-provider)"]').count()).toBe(0);
    await expectNoAccessibilityViolations(page);
  });
});

describe('clinical networks: reporting line (2006 §2.3) and annual review', () => {
  it('flags the overdue review, and records a new one on the network’s page; a future date is refused', async () => {
    const page = await signIn(demoEmails.secretariat, '/clinical-networks');
    expect(await page.locator('main').textContent()).toContain('1 network is past');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'London Cancer Network' }).click();
    expect(await page.locator('h1').textContent()).toBe('London Cancer Network');
    const summary = await page.locator('.nhsuk-summary-list').textContent();
    expect(summary).toContain('London Commissioning Group');
    expect(summary).toContain('Review overdue since');
    await expectNoAccessibilityViolations(page);

    await fillDate(page, 'Date the review was held', addDays(today, 2));
    await page.getByLabel('Findings').fill('Both trusts now meet the 62-day standard.');
    await fillDate(page, 'Date the next review is due', addDays(today, 367));
    await page.getByRole('button', { name: 'Record review' }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'A review is recorded once it has been held',
    );
    await expectNoAccessibilityViolations(page);

    await fillDate(page, 'Date the review was held', today);
    await page.getByRole('button', { name: 'Record review' }).click();
    await page.waitForURL('**/clinical-networks/*?changed=review');
    expect(await page.locator('.nhsuk-summary-list').textContent()).toContain('Next review due');
    expect(await page.locator('table').first().textContent()).toContain(
      'Both trusts now meet the 62-day standard.',
    );
  });

  it('shows the consortia and their pathways, and no content security policy was broken', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/markets/practice-based-commissioning`);
    expect(await page.locator('main').textContent()).toContain('Community diabetes clinic');
    await expectNoAccessibilityViolations(page);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
