/**
 * Responding to a consultation in the browser, step by step (issue 25 part 2): each step is what a
 * person does on the pages, checked with axe on every page it visits, so the whole journey can
 * chain them. They work with JavaScript on or off.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAccessibilityViolations } from './browser.ts';

export interface BrowserResponse {
  /** The respondent category's plain name, e.g. "Member of the public". */
  category: string;
  organisationName?: string;
  publishConsent?: boolean;
  /** Answers by question number: a choice's label, several labels, or text. */
  answers?: Record<number, string | string[]>;
  /** Comments by section number ("5.2"). */
  comments?: Record<string, string>;
  /** Opens the form with this section's comment box first. */
  section?: string;
}

/**
 * axe runs inside the page, so it needs JavaScript: a context without it passes `axe: false` (the
 * same pages are checked with JavaScript on).
 */
export interface StepOptions {
  axe?: boolean;
}

async function checkAxe(page: Page, options: StepOptions) {
  if (options.axe !== false) await expectNoAccessibilityViolations(page);
}

async function fillResponse(page: Page, response: BrowserResponse) {
  await page.getByRole('radio', { name: response.category, exact: true }).check();
  if (response.organisationName) {
    await page.getByLabel(/Name of the organisation/).fill(response.organisationName);
  }
  if (response.publishConsent) {
    await page.getByLabel(/agrees to its name and response being published/).check();
  }
  for (const [number, answer] of Object.entries(response.answers ?? {})) {
    const textBox = page.locator(`textarea[name="question-${number}"]`);
    if ((await textBox.count()) > 0) {
      await textBox.fill(answer as string);
      continue;
    }
    const group = page.getByRole('group', { name: new RegExp(`^Question ${number}:`) });
    for (const choice of [answer].flat()) {
      await group.getByLabel(choice, { exact: true }).check();
    }
  }
  for (const [section, text] of Object.entries(response.comments ?? {})) {
    await page.locator(`textarea[name="comment-${section}"]`).fill(text);
  }
}

/**
 * A person responds through the public form; returns the response's number ("4,211" → 4211).
 * Checks axe on the form and on the confirmation.
 */
export async function respondInBrowser(
  page: Page,
  baseUrl: string,
  slug: string,
  response: BrowserResponse,
  options: StepOptions = {},
): Promise<number> {
  const query = response.section ? `?section=${encodeURIComponent(response.section)}` : '';
  await page.goto(`${baseUrl}/consultations/${slug}/respond${query}`);
  await checkAxe(page, options);
  await fillResponse(page, response);
  await page.getByRole('button', { name: 'Send response' }).click();
  await page.waitForSelector('#response-number');
  await checkAxe(page, options);
  const text = (await page.locator('#response-number').textContent()) ?? '';
  const number = /number ([\d,]+)/.exec(text)?.[1];
  expect(number, text).toBeDefined();
  return Number(number!.replaceAll(',', ''));
}

/** A person saves a partly written response; returns the resume link's address. */
export async function saveResponseForLater(
  page: Page,
  baseUrl: string,
  slug: string,
  response: BrowserResponse,
  options: StepOptions = {},
): Promise<string> {
  await page.goto(`${baseUrl}/consultations/${slug}/respond`);
  await fillResponse(page, response);
  await page.getByRole('button', { name: 'Save and finish later' }).click();
  await page.waitForSelector('#resume-link');
  await checkAxe(page, options);
  const href = await page.locator('#resume-link').getAttribute('href');
  expect(href).toMatch(/^http.*\/respond\/[\w-]+$/);
  // The page shows the address the site is published at; the test server's own may differ.
  return `${baseUrl}${new URL(href!).pathname}`;
}

/** A person comes back by the resume link, adds to the response and sends it; returns its number. */
export async function resumeAndSend(
  page: Page,
  resumeLink: string,
  more: Omit<BrowserResponse, 'category'> & { category?: string },
  options: StepOptions = {},
): Promise<number> {
  await page.goto(resumeLink);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Continue your response');
  await checkAxe(page, options);
  if (more.category) await fillResponse(page, { ...more, category: more.category });
  else {
    const checked = page.locator('input[name="respondentCategory"]:checked');
    const id = await checked.getAttribute('id');
    const label = (await page.locator(`label[for="${id}"]`).textContent())?.trim() ?? '';
    await fillResponse(page, { ...more, category: label });
  }
  await page.getByRole('button', { name: 'Send response' }).click();
  await page.waitForSelector('#response-number');
  const text = (await page.locator('#response-number').textContent()) ?? '';
  return Number(/number ([\d,]+)/.exec(text)![1]!.replaceAll(',', ''));
}
