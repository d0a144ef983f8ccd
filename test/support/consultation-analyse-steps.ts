/**
 * Browser steps of analysing a consultation (issue 25 part 4), for this slice's browser test and
 * the final journey: add a theme to a question's codebook, code an answer with a quote, suggest
 * themes and accept one, read the analysis page. Each step leaves the page it ends on.
 */
import type { Page } from 'playwright-core';

export function codingPagePath(slug: string, questionNumber: number): string {
  return `/consultations/${slug}/analysis/questions/${questionNumber}`;
}

export async function addThemeStep(
  page: Page,
  theme: { code: string; label: string; description?: string },
): Promise<void> {
  await page.locator('summary', { hasText: 'Add a theme to the codebook' }).click();
  await page.getByLabel('Code', { exact: true }).fill(theme.code);
  await page.getByLabel('Theme', { exact: true }).fill(theme.label);
  if (theme.description) await page.getByLabel('What it covers (optional)').fill(theme.description);
  await page.getByRole('button', { name: 'Add the theme' }).click();
  await page.getByText('The theme was added to the codebook.').waitFor();
}

/** Codes the answer containing `answerText` with the themes (by label) and a quote from it. */
export async function codeAnswerStep(
  page: Page,
  options: { answerText: string; themeLabels: string[]; quote?: string },
): Promise<void> {
  const card = page.locator('.nhsuk-card', { hasText: options.answerText }).first();
  for (const label of options.themeLabels) {
    await card.getByLabel(new RegExp(`^${label} \\(`)).check();
  }
  if (options.quote) await card.getByLabel('Quote that shows it (optional)').fill(options.quote);
  await card.getByRole('button', { name: /Save the coding of response/ }).click();
  await page.getByText('The coding was saved.').waitFor();
}

export async function suggestThemesStep(page: Page, count = 50): Promise<void> {
  await page.getByLabel('How many uncoded answers to suggest themes for').fill(String(count));
  await page.getByRole('button', { name: 'Suggest themes' }).click();
  await page.getByText('Themes were suggested for the next uncoded answers.').waitFor();
}

/** Accepts the first suggestion shown for the answer containing `answerText`. */
export async function acceptSuggestionStep(page: Page, answerText: string): Promise<string> {
  const card = page.locator('.nhsuk-card', { hasText: answerText }).first();
  const why = (await card.locator('form p', { hasText: 'Suggested:' }).first().textContent()) ?? '';
  await card
    .getByRole('button', { name: /^Accept / })
    .first()
    .click();
  await page.getByText('The suggestion was accepted and the answer coded.').waitFor();
  return why;
}

/** On a question's coding page: records "we heard / we did" for the theme with that code. */
export async function recordThemeResponseStep(
  page: Page,
  theme: { code: string; label: string; weHeard: string; weDid: string },
): Promise<void> {
  const details = page.locator('details', { hasText: `${theme.label} (${theme.code})` }).last();
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await details.getByLabel(`We heard: ${theme.label}`).fill(theme.weHeard);
  await details.getByLabel(`We did: ${theme.label}`).fill(theme.weDid);
  await details.getByRole('button', { name: `Save we heard, we did for ${theme.code}` }).click();
  await page.getByText('We heard, we did was saved for the theme.').waitFor();
}

/** On the analysis page: "Produce the report"; ends on the report page. Returns its version. */
export async function produceReportStep(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Produce the report' }).click();
  const banner = await page.getByText(/Report version \d+ was produced\./).textContent();
  return Number(/Report version (\d+)/.exec(banner ?? '')![1]);
}
