/**
 * The browser steps of London's commissioning intentions, exported so a longer journey (issue 23's
 * 2008/09 round end to end) can chain them: the secretariat consolidates the returns (overlaps
 * shown), puts the intentions to a London group meeting, records the group's answer and publishes;
 * the public reads the prospectus and downloads its PDF. axe runs on every page visited.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { App } from '../../src/http/app-types.ts';
import { expectNoAccessibilityViolations } from './browser.ts';

export const londonGroup = 'london-commissioning-group';

export const roundPathOf = (year: string) => `/bodies/${londonGroup}/commissioning-rounds/${year}`;

export interface IntentionToWrite {
  title: string;
  serviceArea: string;
  description: string;
  /** The labels (or the start of them) of the priorities to tick: "Hyperacute stroke units". */
  priorities: string[];
}

/** On the intentions page: starts consolidation and writes each intention from its priorities. */
export async function consolidateIntentions(
  page: Page,
  baseUrl: string,
  year: string,
  intentions: IntentionToWrite[],
): Promise<void> {
  await page.goto(`${baseUrl}${roundPathOf(year)}/intentions`);
  await expectNoAccessibilityViolations(page);
  await page.getByRole('button', { name: 'Start consolidation' }).click();
  await page.waitForURL('**/intentions?changed=started');
  await expectNoAccessibilityViolations(page);
  for (const intention of intentions) {
    await page.getByLabel('Title').fill(intention.title);
    await page.getByLabel('Service area').selectOption(intention.serviceArea);
    await page.getByLabel('Description').fill(intention.description);
    for (const priority of intention.priorities) {
      await page.getByRole('checkbox', { name: new RegExp(`^${priority}`) }).check();
    }
    await page.getByRole('button', { name: 'Add intention' }).click();
    await page.waitForURL('**/intentions?changed=added');
  }
  await expectNoAccessibilityViolations(page);
}

/** The overlaps section's text, for a test to check which sectors share an intention. */
export async function overlapsShown(page: Page): Promise<string> {
  return (await page.locator('h2#overlaps + p + ul').textContent()) ?? '';
}

/** Puts the intentions to the named London group meeting; returns the question's id. */
export async function putIntentionsToLondonGroup(
  page: Page,
  app: App,
  year: string,
  meetingLabel: RegExp,
): Promise<string> {
  await page
    .getByLabel('Meeting')
    .selectOption({ label: (await optionLabel(page, meetingLabel))! });
  await page.getByRole('button', { name: 'Put to the London group' }).click();
  await page.waitForURL('**/intentions?changed=put');
  await expectNoAccessibilityViolations(page);
  const view = (await app.inject(`/api/v1${roundPathOf(year)}/intentions`)).json();
  expect(view.round.status).toBe('put-to-group');
  return view.question.proposalId as string;
}

async function optionLabel(page: Page, pattern: RegExp): Promise<string | undefined> {
  const labels = await page.getByLabel('Meeting').locator('option').allTextContents();
  return labels.find((label) => pattern.test(label));
}

/**
 * Test set-up (the browser part of deciding a question is tested in the decisions journeys): every
 * member recorded present, the question opened, and the sense of the meeting declared agreed.
 */
export async function decideByConsensus(
  app: App,
  headers: { authorization: string },
  meetingId: string,
  proposalId: string,
): Promise<void> {
  const meeting = (await app.inject(`/api/v1/meetings/${meetingId}`)).json();
  for (const member of meeting.attendance as { seatHoldingId: string }[]) {
    const present = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers,
      payload: { status: 'present' },
    });
    expect(present.statusCode, present.body).toBe(200);
  }
  const opened = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers,
  });
  expect(opened.statusCode, opened.body).toBe(200);
  const declared = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/sense-of-meeting`,
    headers,
    payload: { sense: 'agreed' },
  });
  expect(declared.statusCode, declared.body).toBe(200);
}

/** Records the London group's answer and publishes the prospectus; ends on the prospectus page. */
export async function recordAgreementAndPublish(
  page: Page,
  baseUrl: string,
  year: string,
): Promise<void> {
  await page.goto(`${baseUrl}${roundPathOf(year)}/intentions`);
  await page.getByRole('button', { name: 'Record the answer' }).click();
  await page.waitForURL('**/intentions?changed=agreed');
  await expectNoAccessibilityViolations(page);
  await page.getByRole('button', { name: 'Publish the prospectus' }).click();
  await page.waitForURL('**/prospectus?changed=published');
  await expectNoAccessibilityViolations(page);
}

/** As the public (no one signed in): the prospectus page, and its PDF's text. */
export async function readProspectusAsPublic(
  context: BrowserContext,
  baseUrl: string,
  year: string,
): Promise<{ page: Page; pageText: string; pdfText: string }> {
  await context.clearCookies();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${baseUrl}${roundPathOf(year)}/prospectus`);
  await expectNoAccessibilityViolations(page);
  const pageText = (await page.locator('main').textContent()) ?? '';
  const pdf = await page.request.get(`${baseUrl}${roundPathOf(year)}/prospectus.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const body = await pdf.body();
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'prospectus-')), 'prospectus.pdf');
  writeFileSync(file, body);
  const { stdout } = await promisify(execFile)('/usr/bin/pdftotext', ['-layout', file, '-']);
  return { page, pageText: pageText.replace(/\s+/g, ' '), pdfText: stdout.replace(/\s+/g, ' ') };
}
