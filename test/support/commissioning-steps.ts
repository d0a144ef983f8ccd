/**
 * The commissioning round in the browser, step by step (issue 23): each step is what a person does
 * on the pages, checked with axe on every page it visits, so a longer journey can chain them.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAccessibilityViolations, fillDate } from './browser.ts';

export interface RoundTimetable {
  submissionsOpenOn: string;
  submissionsDueOn: string;
  consolidationBy: string;
  agreementBy: string;
  publicationBy: string;
}

export interface PriorityEntry {
  title: string;
  serviceArea: string;
  rationale: string;
  expectedEffect: string;
  population: string;
}

/**
 * The London group's secretariat opens a round from /commissioning (the page must already be
 * signed in as them); returns the round page's path, like
 * /bodies/london-commissioning-group/commissioning-rounds/2008-09.
 */
export async function openRound(
  page: Page,
  baseUrl: string,
  round: { year: string; timetable: RoundTimetable },
): Promise<string> {
  await page.goto(`${baseUrl}/commissioning`);
  await expectNoAccessibilityViolations(page);
  await page.getByLabel('Financial year').fill(round.year);
  await fillDate(page, 'Returns open', round.timetable.submissionsOpenOn);
  await fillDate(page, 'Returns due', round.timetable.submissionsDueOn);
  await fillDate(page, 'Returns consolidated', round.timetable.consolidationBy);
  await fillDate(page, 'Intentions agreed by', round.timetable.agreementBy);
  await fillDate(page, 'Prospectus published by', round.timetable.publicationBy);
  await page.getByRole('button', { name: 'Open the round' }).click();
  await page.waitForURL('**/commissioning-rounds/*?changed=opened');
  await expectNoAccessibilityViolations(page);
  expect(await page.locator('h1').textContent()).toContain(`${round.year} commissioning round`);
  return new URL(page.url()).pathname;
}

/**
 * Someone who may act for the submitter (a PCT's post holder, the round's secretariat) makes its
 * return from the round page: its priorities, or a nil return; a late return needs its reason,
 * and when `lateReason` is given the step first tries without it and sees the refusal.
 */
export async function submitReturn(
  page: Page,
  baseUrl: string,
  options: {
    roundPath: string;
    submitter: string;
    priorities?: PriorityEntry[];
    nilReturn?: boolean;
    lateReason?: string;
  },
): Promise<void> {
  await page.goto(`${baseUrl}${options.roundPath}`);
  await expectNoAccessibilityViolations(page);
  await page.getByRole('link', { name: `Make return for ${options.submitter}` }).click();
  await page.waitForURL('**/form');
  await expectNoAccessibilityViolations(page);
  const priorities = options.priorities ?? [];
  for (const [index, priority] of priorities.entries()) {
    const group = page.getByRole('group', { name: `Priority ${index + 1}`, exact: true });
    await group.getByLabel('Title').fill(priority.title);
    await group.getByLabel('Service area').selectOption(priority.serviceArea);
    await group.getByLabel('Why it is a priority').fill(priority.rationale);
    await group.getByLabel('Expected effect').fill(priority.expectedEffect);
    await group.getByLabel('Population it serves').fill(priority.population);
  }
  if (options.nilReturn) await page.getByLabel(/Nil return/).check();
  if (options.lateReason !== undefined) {
    await page.getByRole('button', { name: 'Send the return' }).click();
    const refusal = await page.locator('.nhsuk-error-summary').textContent();
    expect(refusal).toContain('late');
    expect(refusal).toContain('2008 Business development');
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Why the return is late').fill(options.lateReason);
  }
  await page.getByRole('button', { name: 'Send the return' }).click();
  await page.waitForURL('**/returns/*?changed=submitted');
  await expectNoAccessibilityViolations(page);
  const shown = await page.locator('main').textContent();
  expect(shown).toContain(`Return from ${options.submitter}`);
  for (const priority of priorities) expect(shown).toContain(priority.title);
}

/** The round page, read by a signed-in account: the returns table row of each submitter named. */
export async function returnsShown(
  page: Page,
  baseUrl: string,
  roundPath: string,
  submitters: string[],
): Promise<Record<string, string>> {
  await page.goto(`${baseUrl}${roundPath}`);
  await expectNoAccessibilityViolations(page);
  const rows: Record<string, string> = {};
  for (const submitter of submitters) {
    const row = page.getByRole('row').filter({ hasText: submitter }).first();
    rows[submitter] = ((await row.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }
  return rows;
}
