import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoContracts } from '../../src/contracts/index.ts';
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
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContracts({
    db: server.app.database.db,
    context: { actor: 'seed', now: new Date() },
  });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const header =
  'reference,title,service,provider,specification,specification_version,procurement_route,single_tender_reason,extends,starts_on,ends_on,extension_options,total_value,annual_value,share_basis,commissioners,lead_commissioner,status';
const line = (reference: string, commissioners: string) =>
  `${reference},Community stroke rehabilitation,Stroke,South London and Maudsley NHS Foundation Trust,,,open,,,2009-04-01,2012-03-31,12,2400000.00,800000.00,population,${commissioners},Lambeth PCT,active`;

async function contractCount(): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/v1/contracts`);
  return ((await response.json()) as { totals: { count: number } }).totals.count;
}

describe('the contracts register in the browser (2006 §3.1(c) "Contracting and management")', () => {
  it('anyone reads the register, filters it and opens a contract in plain words', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/contracts`);
    expect(await page.locator('h2').first().textContent()).toMatch(
      /^23 contracts: £[\d,]+\.\d{2} in total, £[\d,]+\.\d{2} a year$/,
    );
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Status').selectOption({ label: 'Extended' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL('**/contracts?**status=extended**');
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.length).toBe(3);
    expect(rows.every((row) => row.includes('Extended'))).toBe(true);
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'LCG/2007/002' }).click();
    await page.waitForURL('**/contracts/*');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(await page.locator('h1').textContent()).toBe(
      'Acute services 2007/08 to 2009/10: North West London Hospitals NHS Trust',
    );
    expect(main).toContain('from 1 April 2007 to 31 March 2011');
    expect(main).toContain('31 March 2012 if every extension option is exercised');
    expect(main).toContain('Option 1: 12 months, exercised');
    expect(main).toContain('Brent Teaching PCT (lead commissioner)');
    expect(main).toMatch(/£198,745,250\.50/);
    expect(main).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('the London group’s secretariat records a contract; shares that miss 100% are refused first', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      '/contracts/new',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Reference', { exact: true }).fill('LCG/2009/040');
    await page.getByLabel('Title', { exact: true }).fill('Early intervention in psychosis');
    await page.getByLabel('Service', { exact: true }).fill('Mental health: early intervention');
    await page.getByLabel('Provider').selectOption({ label: 'Oxleas NHS Foundation Trust' });
    await fillDate(page, 'Starts on', '2009-04-01');
    await fillDate(page, 'Ends on', '2012-03-31');
    await page.getByLabel('Option 1: months').fill('12');
    await page.getByLabel('Total value (£)').fill('4500000.00');
    await page.getByLabel('Annual value (£)').fill('1500000.00');
    await page.getByLabel('PCT 1', { exact: true }).selectOption({ label: 'Bromley PCT' });
    await page.getByLabel('PCT 1’s share (%)').fill('50');
    await page
      .getByLabel('PCT 2', { exact: true })
      .selectOption({ label: 'Greenwich Teaching PCT' });
    await page.getByLabel('PCT 2’s share (%)').fill('49.50');
    await page.getByLabel('Lead commissioner').selectOption({ label: 'Bromley PCT' });
    await page.getByRole('button', { name: 'Record contract' }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'shares sum to 99.50%, not 100%',
    );
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('PCT 2’s share (%)').fill('50.00');
    await page.getByRole('button', { name: 'Record contract' }).click();
    await page.waitForURL('**/contracts/*?changed=recorded');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('The contract was recorded in the register.');
    expect(main).toContain('£4,500,000.00');
    expect(main).toContain('31 March 2013 if every extension option is exercised');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('the import form refuses a file with one bad line, names the line, and imports nothing', async () => {
    const before = await contractCount();
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.secretariat, password: demoPassword },
      '/contracts/import',
    );
    await expectNoAccessibilityViolations(page);
    const file = [
      header,
      line('LCG/2009/101', 'Lambeth PCT 50.00%; Southwark PCT 50.00%'),
      line('LCG/2009/102', 'Lambeth PCT 50.00%; Southwark PCT 49.50%'),
      line('LCG/2009/103', 'Lambeth PCT 100%'),
    ].join('\r\n');
    await page.getByLabel('CSV file of contracts').setInputFiles({
      name: 'contracts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file),
    });
    await page.getByRole('button', { name: 'Import contracts' }).click();
    await page.waitForSelector('.nhsuk-error-summary');
    const summary = (await page.locator('.nhsuk-error-summary').textContent()) ?? '';
    expect(summary).toContain(
      "Nothing was imported: line 3: the commissioners' shares sum to 99.50%, not 100%",
    );
    expect(await page.locator('#problems + ul').textContent()).toContain('line 3:');
    await expectNoAccessibilityViolations(page);
    expect(await contractCount()).toBe(before);

    await page.getByLabel('CSV file of contracts').setInputFiles({
      name: 'contracts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file.replace('49.50%', '50.00%')),
    });
    await page.getByRole('button', { name: 'Import contracts' }).click();
    await page.waitForSelector('.nhsuk-notification-banner');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain(
      'Imported 3 contracts into the register.',
    );
    await expectNoAccessibilityViolations(page);
    expect(await contractCount()).toBe(before + 3);
    await page.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
