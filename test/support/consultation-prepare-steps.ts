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

/** Fills an NHS.UK date input (day, month, year) from an ISO date. */
async function fillDate(page: Page, name: string, isoDate: string) {
  const [year, month, day] = isoDate.split('-');
  await page.locator(`input[name="${name}[day]"]`).fill(String(Number(day)));
  await page.locator(`input[name="${name}[month]"]`).fill(String(Number(month)));
  await page.locator(`input[name="${name}[year]"]`).fill(year ?? '');
}

/**
 * From the consultations list, "Prepare a new consultation": the form, then the prepare page.
 * Returns the consultation's address (from the page it lands on).
 */
export async function createConsultationThroughForm(
  page: Page,
  baseUrl: string,
  details: {
    title: string;
    summary: string;
    opensOn: string;
    closesOn: string;
    formativeStatement: string;
    reasonsStatement: string;
  },
): Promise<string> {
  await page.goto(`${baseUrl}/consultations`);
  await page.getByRole('link', { name: 'Prepare a new consultation' }).click();
  await page.waitForURL('**/consultations/new');
  await expectNoAccessibilityViolations(page);
  await page.getByLabel('Title', { exact: true }).fill(details.title);
  await page.getByLabel('Summary', { exact: true }).fill(details.summary);
  await fillDate(page, 'opensOn', details.opensOn);
  await fillDate(page, 'closesOn', details.closesOn);
  await page.getByLabel(/formative stage/).fill(details.formativeStatement);
  await page.getByLabel(/reasons given/).fill(details.reasonsStatement);
  await page.getByRole('button', { name: 'Create the consultation' }).click();
  await page.waitForURL('**/prepare?changed=created');
  await expectNoAccessibilityViolations(page);
  const slug = /\/consultations\/([^/]+)\/prepare/.exec(page.url())?.[1];
  if (!slug) throw new Error(`not on a prepare page: ${page.url()}`);
  return slug;
}

/** On the prepare page: a new document, its sections one a line as "number | heading | text". */
export async function addDocumentThroughForm(
  page: Page,
  document: { title: string; sections: string[] },
) {
  await page.getByLabel('Document', { exact: true }).selectOption({ label: 'A new document' });
  await page.getByLabel('Title of a new document').fill(document.title);
  await page.getByLabel('Sections, one a line').fill(document.sections.join('\n'));
  await page.getByRole('button', { name: 'Add the version' }).click();
  await page.waitForURL('**/prepare?changed=document');
  await expectNoAccessibilityViolations(page);
}

/** On the prepare page: a question, its kind by name ("Choose one") and its choices. */
export async function addQuestionThroughForm(
  page: Page,
  question: { text: string; kindName: string; choices: string[]; section?: string },
) {
  await page.getByLabel('Question', { exact: true }).fill(question.text);
  await page.getByLabel(question.kindName, { exact: true }).check();
  await page.getByLabel('Choices, one a line').fill(question.choices.join('\n'));
  if (question.section) await page.getByLabel('Section it is about, if any').fill(question.section);
  await page.getByRole('button', { name: 'Add the question' }).click();
  await page.waitForURL('**/prepare?changed=question');
  await expectNoAccessibilityViolations(page);
}

/** On the prepare page: an event in a sector ("North Central London") on a date at a time. */
export async function planEventThroughForm(
  page: Page,
  event: { title: string; sectorName: string; venue: string; date: string; time: string },
) {
  await page.getByLabel('Event', { exact: true }).fill(event.title);
  await page.getByLabel('Sector', { exact: true }).selectOption({ label: event.sectorName });
  await page.getByLabel('Venue', { exact: true }).fill(event.venue);
  await fillDate(page, 'eventDate', event.date);
  await page.getByLabel('Starting time (London time)').fill(event.time);
  await page.getByRole('button', { name: 'Add the event' }).click();
  await page.waitForURL('**/prepare?changed=event');
  await expectNoAccessibilityViolations(page);
}
