import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchChromium } from '../support/browser.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the registry in a browser', () => {
  it('home page explains the partnership and links to the organisations', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await expect(page.title()).resolves.toBe('Collaborative commissioning for London – Concordat');
    await expect(page.locator('h1').textContent()).resolves.toContain(
      'Collaborative commissioning',
    );
    await expect(page.locator('.nhsuk-header__service-name').textContent()).resolves.toContain(
      'Concordat',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'Organisations in the partnership, by sector' }).click();
    await page.waitForURL('**/organisations');
    await page.close();
  });

  it('organisations page shows the 31 PCTs in their five sectors', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/organisations`);
    const sectorHeadings = await page.locator('main h2[id]').allTextContents();
    expect(sectorHeadings).toEqual([
      'North West',
      'North Central',
      'North East',
      'South East',
      'South West',
      'Partner organisations',
    ]);
    const rowsPerSector = await Promise.all(
      ['north-west', 'north-central', 'north-east', 'south-east', 'south-west'].map((id) =>
        page.locator(`h2#${id} + table tbody tr`).count(),
      ),
    );
    expect(rowsPerSector).toEqual([8, 5, 7, 6, 5]);
    await expect(page.locator('h2#partners + table').textContent()).resolves.toContain(
      'NHS London',
    );
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('an organisation page shows its details and office holders, and links to the person', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/organisations`);
    await page.getByRole('link', { name: 'Lewisham PCT' }).click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Lewisham PCT');
    const summary = await page.locator('.nhsuk-summary-list').textContent();
    expect(summary).toContain('5LF');
    expect(summary).toContain('South East');
    expect(summary).toContain('275,885');
    await expectNoAccessibilityViolations(page);
    await page.locator('main table a').first().click();
    await page.waitForURL(/\/people\//);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Chief Executive, Lewisham PCT',
    );
    await expect(page.locator('main').textContent()).resolves.toContain('Fictional');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('a missing page says so in the NHS layout', async () => {
    const page = await context.newPage();
    const response = await page.goto(
      `${server.baseUrl}/organisations/01900000-0000-7000-8000-000000000000`,
    );
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Not found');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('every registry page still works', async () => {
    const plain = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await plain.context.newPage();
      await page.goto(`${server.baseUrl}/organisations`);
      expect(await page.locator('main table tbody tr').count()).toBe(35);
      await page.getByRole('link', { name: 'Croydon PCT' }).click();
      await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
      await expect(page.locator('h1').textContent()).resolves.toBe('Croydon PCT');
      // axe runs as page script, so it cannot run here; the same pages pass it above with JavaScript on.
      expect(await page.locator('body').getAttribute('class')).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
