/**
 * The browser steps of importing responses to a consultation (issue 25 part 3), exported so the
 * whole consultation journey can chain them: on the import page the runner uploads a CSV, sees the
 * import's page (refreshing itself while it runs) and then the result. axe runs on every page.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAccessibilityViolations } from './browser.ts';

/** Uploads `csv` on the consultation's import page; returns the text of the result's heading. */
export async function importResponsesThroughPage(
  page: Page,
  baseUrl: string,
  slug: string,
  csv: string,
  fileName = 'paper-forms.csv',
): Promise<{ heading: string; main: string }> {
  await page.goto(`${baseUrl}/consultations/${slug}/import`);
  await expectNoAccessibilityViolations(page);
  await page.getByLabel('CSV or XLSX file of responses').setInputFiles({
    name: fileName,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: 'Import responses' }).click();
  await page.waitForURL(`**/consultations/${slug}/import/runs/*`);
  await expectNoAccessibilityViolations(page);
  // The page refreshes itself every two seconds while the import runs.
  for (let waited = 0; ; waited += 500) {
    await page.waitForLoadState('load');
    const refreshing = await page
      .locator('meta[http-equiv="refresh"]')
      .count()
      .catch(() => 1);
    if (refreshing === 0) break;
    if (waited > 60_000) throw new Error('the import did not end within a minute');
    await page.waitForTimeout(500);
  }
  await expectNoAccessibilityViolations(page);
  const heading = (await page.locator('h1').textContent()) ?? '';
  const main = (await page.locator('main').textContent()) ?? '';
  expect(heading).not.toBe('');
  return { heading, main };
}
