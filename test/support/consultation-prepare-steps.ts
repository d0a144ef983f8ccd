/**
 * Browser steps of preparing a consultation, for the final journey the lead composes: read the
 * public pages, and on the prepare page record NHS London's scrutiny and put the approval.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAccessibilityViolations } from './browser.ts';

/** The public page of a consultation: its status and, while open, the Respond button. */
export async function readConsultationPage(page: Page, baseUrl: string, slug: string) {
  await page.goto(`${baseUrl}/consultations/${slug}`);
  await expectNoAccessibilityViolations(page);
  return (await page.locator('.nhsuk-tag').first().textContent())?.trim() ?? '';
}

/** On the prepare page: record NHS London's scrutiny with a note. */
export async function recordScrutinyOnPreparePage(
  page: Page,
  baseUrl: string,
  slug: string,
  note: string,
) {
  await page.goto(`${baseUrl}/consultations/${slug}/prepare`);
  await expectNoAccessibilityViolations(page);
  await page.getByLabel('NHS London’s note on the documents').fill(note);
  await page.getByRole('button', { name: 'Record NHS London’s scrutiny' }).click();
  await page.waitForURL('**/prepare?changed=scrutiny');
  expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain(
    'NHS London’s scrutiny was recorded.',
  );
}

/** On the prepare page: put the approval to the named meeting. */
export async function putApprovalOnPreparePage(page: Page, meetingLabel: string) {
  await page.getByLabel('Meeting to put the approval to').selectOption({ label: meetingLabel });
  await page.getByRole('button', { name: 'Put the approval to the meeting' }).click();
  await page.waitForURL('**/prepare?changed=approval');
  await expectNoAccessibilityViolations(page);
}
