/**
 * Browser steps of deciding after a consultation (issue 25 parts 4–5), for this slice's browser
 * test and the final journey: the second pass of double coding, the analysis report and its PDF
 * (text by pdftotext, charts by the PDF's vector drawing operators), the decision page's
 * refusals, and putting the Joint Committee's decision to a meeting. Each step leaves the page it
 * ends on and checks it with axe.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { expectNoAccessibilityViolations } from './browser.ts';

export function secondPassPagePath(slug: string, questionNumber: number): string {
  return `/consultations/${slug}/analysis/questions/${questionNumber}/second-pass`;
}

export function decisionPagePath(slug: string): string {
  return `/consultations/${slug}/decision`;
}

/**
 * On the second-pass page: codes the first answer of the sample shown with the themes (by label)
 * and, optionally, a quote from it. Returns the response number coded ("12" or "1,234").
 */
export async function secondPassCodeStep(
  page: Page,
  options: { themeLabels: string[]; quote?: string },
): Promise<string> {
  const card = page.locator('.nhsuk-card').first();
  const heading = (await card.locator('h3').textContent()) ?? '';
  const number = /Response ([\d,]+)/.exec(heading)?.[1] ?? '';
  for (const label of options.themeLabels) {
    await card.getByLabel(new RegExp(`^${label} \\(`)).check();
  }
  if (options.quote) await card.getByLabel('Quote that shows it (optional)').fill(options.quote);
  await card.getByRole('button', { name: `Save the second coding of response ${number}` }).click();
  await page.getByText('The second coding was saved.').waitFor();
  await expectNoAccessibilityViolations(page);
  return number;
}

/** The text of the page's main part, spaces collapsed. */
export async function mainTextStep(page: Page): Promise<string> {
  return ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
}

/**
 * Downloads the report's PDF with the signed-in browser's cookies: its text (pdftotext) and the
 * number of rectangles drawn in its content streams (`re`, inflated from FlateDecode) — the bar
 * charts are vector shapes, not pictures.
 */
export async function downloadReportPdfStep(
  page: Page,
  baseUrl: string,
  slug: string,
): Promise<{ text: string; rectangles: number; contentType: string }> {
  const response = await page.request.get(`${baseUrl}/consultations/${slug}/analysis/report.pdf`);
  if (response.status() !== 200) throw new Error(`the report PDF answered ${response.status()}`);
  const body = await response.body();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'consultation-report-')), 'report.pdf');
  writeFileSync(file, body);
  const { stdout } = await promisify(execFile)('/usr/bin/pdftotext', ['-layout', file, '-']);
  return {
    text: stdout.replace(/\s+/g, ' '),
    rectangles: rectanglesIn(body),
    contentType: response.headers()['content-type'] ?? '',
  };
}

/** Counts the `re` (rectangle) operators of a PDF's content streams. */
export function rectanglesIn(pdf: Buffer): number {
  const source = pdf.toString('latin1');
  let rectangles = 0;
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const raw = Buffer.from(match[1]!, 'latin1');
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
    } catch {
      content = match[1]!;
    }
    rectangles += (content.match(/(?:-?[\d.]+\s+){4}re\b/g) ?? []).length;
  }
  return rectangles;
}

/** On the decision page: the refusals listed under "Not yet: the decision cannot be put". */
export async function decisionRefusalsStep(page: Page, baseUrl: string, slug: string) {
  await page.goto(`${baseUrl}${decisionPagePath(slug)}`);
  await expectNoAccessibilityViolations(page);
  await page.getByRole('heading', { name: 'Not yet: the decision cannot be put' }).waitFor();
  return page.locator('main li').allTextContents();
}

/**
 * On the decision page: puts the Joint Committee's decide-following-consultation question to the
 * meeting whose choice starts with `meetingTitle`; ends on the decision page saying so.
 */
export async function putDecisionFollowingConsultationStep(
  page: Page,
  baseUrl: string,
  slug: string,
  meetingTitle: string,
): Promise<void> {
  await page.goto(`${baseUrl}${decisionPagePath(slug)}`);
  await expectNoAccessibilityViolations(page);
  const select = page.getByLabel('Meeting to put the decision to');
  const value = await select
    .locator('option', { hasText: meetingTitle })
    .first()
    .getAttribute('value');
  if (!value) throw new Error(`no meeting "${meetingTitle}" to put the decision to`);
  await select.selectOption(value);
  await page.getByRole('button', { name: 'Put the decision to the meeting' }).click();
  await page.getByText('The decision was put to the meeting.').waitFor();
  await expectNoAccessibilityViolations(page);
}
