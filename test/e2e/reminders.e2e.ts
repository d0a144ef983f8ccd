import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  signInThroughForm,
} from '../support/browser.ts';
import { bearerFor } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('e-mail reminders', () => {
  it('a member turns off the weekly digest of overdue actions on the account page', async () => {
    const page = await signInThroughForm(
      browser.context,
      server.baseUrl,
      { email: 'member@demo.invalid', password: demoPassword },
      '/account',
    );
    const questions = page.getByLabel(
      'A day before a question closes, if I have not recorded my vote or view',
    );
    const digest = page.getByLabel(
      'Once a week, a list of my actions that are past their due date',
    );
    await expect(questions.isChecked()).resolves.toBe(true);
    await expect(digest.isChecked()).resolves.toBe(true);
    await expectNoAccessibilityViolations(page);
    await digest.uncheck();
    await page.getByRole('button', { name: 'Save reminders' }).click();
    await page.getByText('Your choice of e-mail reminders has been saved.').waitFor();
    await expect(questions.isChecked()).resolves.toBe(true);
    await expect(digest.isChecked()).resolves.toBe(false);
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('the secretariat puts a question with a closing time, which its page states in London time', async () => {
    const secretariat = await bearerFor(server.app, 'secretariat');
    const scheduled = await server.app.inject({
      method: 'POST',
      url: '/api/v1/bodies/london-commissioning-group/meetings',
      headers: secretariat,
      payload: {
        title: 'London Commissioning Group, reminders',
        startsAt: '2030-06-10T13:00:00Z',
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: '2030-06-01',
      },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const meetingId = scheduled.json().meetingId as string;
    const item = await server.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/agenda-items`,
      headers: secretariat,
      payload: { title: 'Stroke services', purpose: 'decision' },
    });
    expect(item.statusCode, item.body).toBe(201);

    const page = await signInThroughForm(
      browser.context,
      server.baseUrl,
      { email: 'secretariat@demo.invalid', password: demoPassword },
      `/meetings/${meetingId}/proposals`,
    );
    await page.getByLabel('Agenda item').selectOption({ label: '1. Stroke services' });
    await page.getByLabel('Title', { exact: true }).fill('Adopt the stroke service specification');
    await page
      .getByLabel('The question: what the body is asked to agree')
      .fill('The group agrees.');
    await page.getByLabel('Kind of decision').selectOption({ index: 1 });
    await fillDate(page, 'Closing date, if it has one', '2030-06-12');
    await page.getByLabel('Closing time, London (HH:MM)').fill('17:30');
    await page.getByRole('button', { name: 'Put the question' }).click();
    await page.waitForURL('**/proposals/*?changed=created');
    // 17:30 in London in June is 16:30 UTC; the page says it as London reads it.
    await expect(page.locator('#closing-time').innerText()).resolves.toMatch(
      /asked for by 12 Jun 2030.*17:30 \(London time\)/,
    );
    await expectNoAccessibilityViolations(page);
    await page.close();
  });
});
