import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestConsultation } from '../../src/consultations/testing/consultation-fixture.ts';
import { consultationEvents } from '../../src/db/schema/consultations.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import {
  respondInBrowser,
  resumeAndSend,
  saveResponseForLater,
} from '../support/consultation-respond-steps.ts';
import { demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let withScript: Awaited<ReturnType<typeof launchChromium>>;
let withoutScript: Awaited<ReturnType<typeof launchChromium>>;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let slug: string;
let consultationId: string;
// axe runs in the page and needs JavaScript; the same pages are checked with it on.
const noAxe = { axe: false };

beforeAll(async () => {
  server = await startTestServer();
  ({ slug, id: consultationId } = await insertTestConsultation(server.app.database.db, {
    now: new Date(),
    slug: 'respond-in-the-browser',
  }));
  withScript = await launchChromium();
  withoutScript = await launchChromium({ javaScriptEnabled: false });
  violations = recordContentSecurityPolicyViolations(withScript.context);
});

afterAll(async () => {
  await withScript?.close();
  await withoutScript?.close();
  await server?.stop();
});

async function tallyOf(question: number, choice: string): Promise<number> {
  const { selectTallies } = await import('../../src/consultations/tally-queries.ts');
  const { selectQuestions } = await import('../../src/consultations/consultation-queries.ts');
  const { selectConsultationBySlug } = await import(
    '../../src/consultations/consultation-queries.ts'
  );
  const db = server.app.database.db;
  const consultation = (await selectConsultationBySlug(db, slug))!;
  const id = (await selectQuestions(db, consultation.id)).find((q) => q.number === question)!.id;
  return (await selectTallies(db, consultation.id))
    .filter((row) => row.questionId === id && row.kind === 'choice' && row.key === choice)
    .reduce((sum, row) => sum + row.count, 0);
}

describe('responding to a consultation in the browser (2008 "Healthcare for London" bullet 1)', () => {
  it('a person responds with JavaScript on, commenting on a section opened from its link', async () => {
    const page = await withScript.context.newPage();
    const number = await respondInBrowser(page, server.baseUrl, slug, {
      category: 'Member of the public',
      section: '5.2',
      answers: {
        1: 'Agree',
        2: ['GP appointments', 'Urgent care'],
        4: 'Please keep a walk-in centre near Kilburn.',
      },
      comments: { '5.2': 'Ambulance times to the stroke unit matter most.' },
    });
    expect(number).toBeGreaterThan(0);
    expect(await tallyOf(1, 'Agree')).toBe(1);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });

  it('an organisation responds with JavaScript off, and an empty response is refused in words', async () => {
    const page = await withoutScript.context.newPage();
    await page.goto(`${server.baseUrl}/consultations/${slug}/respond`);
    await page.getByRole('radio', { name: 'Clinician', exact: true }).check();
    await page.getByRole('button', { name: 'Send response' }).click();
    await expect
      .poll(() => page.locator('.nhsuk-error-summary').textContent())
      .toContain('The response is empty');
    const number = await respondInBrowser(
      page,
      server.baseUrl,
      slug,
      {
        category: 'Organisation responding on behalf of its members',
        organisationName: 'Brent Patients Forum',
        publishConsent: true,
        answers: { 1: 'Disagree', 3: '15 to 30 minutes' },
      },
      noAxe,
    );
    expect(number).toBeGreaterThan(0);
    expect(await tallyOf(1, 'Disagree')).toBe(1);
  });

  it('saves a response, comes back by the resume link and sends it (JavaScript off)', async () => {
    const page = await withoutScript.context.newPage();
    const link = await saveResponseForLater(
      page,
      server.baseUrl,
      slug,
      {
        category: 'NHS staff',
        answers: { 3: '30 to 45 minutes' },
        comments: { '4.1': 'Polyclinics need diagnostics on site.' },
      },
      noAxe,
    );
    expect(await tallyOf(3, '30 to 45 minutes')).toBe(0);
    const number = await resumeAndSend(page, link, { answers: { 1: 'Neither' } }, noAxe);
    expect(number).toBeGreaterThan(0);
    expect(await tallyOf(3, '30 to 45 minutes')).toBe(1);
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toContain('does not open a draft');
  });

  it('with JavaScript on too: saves, resumes and sends; the spent link says so; the runners review', async () => {
    const page = await withScript.context.newPage();
    const link = await saveResponseForLater(page, server.baseUrl, slug, {
      category: 'Clinician',
      answers: { 4: 'Stroke units need round-the-clock scanning.' },
    });
    const number = await resumeAndSend(page, link, { answers: { 1: 'Strongly agree' } });
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toContain('does not open a draft');
    await expectNoAccessibilityViolations(page);

    const staff = await signInThroughForm(
      withScript.context,
      server.baseUrl,
      { email: demoEmails.administrator, password: demoPassword },
      `/consultations/${slug}/responses`,
    );
    await expectNoAccessibilityViolations(staff);
    await staff.getByRole('link', { name: `Response ${number.toLocaleString('en-GB')}` }).click();
    await expect.poll(() => staff.locator('h1').textContent()).toContain(`Response ${number}`);
    await expectNoAccessibilityViolations(staff);
    await staff.goto(`${server.baseUrl}/consultations/${slug}/organisation-responses`);
    await expectNoAccessibilityViolations(staff);
    await server.app.database.db.insert(consultationEvents).values({
      id: uuidv7(),
      consultationId: consultationId,
      title: 'Roadshow: Lewisham',
      sector: 'south-east',
      venue: 'Lewisham Town Hall',
      startsAt: new Date(Date.now() - 86_400_000),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await staff.goto(`${server.baseUrl}/consultations/${slug}/events`);
    await staff.getByLabel('How many attended').fill('120');
    await staff
      .getByLabel('Notes of what was said')
      .fill('Questions on the polyclinic in Catford.');
    await staff.getByRole('button', { name: 'Record Roadshow: Lewisham' }).click();
    await expect
      .poll(() => staff.locator('.nhsuk-card').first().textContent())
      .toContain('Attendance: 120.');
    await expectNoAccessibilityViolations(staff);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
