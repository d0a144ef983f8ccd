/**
 * Issue 25, "Done when": a consultation of the Joint Committee of PCTs from its first paper to the
 * decision after it, in the browser. The consultation team prepares it through the forms; NHS
 * London's chief executive records the scrutiny (2008 "Accountabilities": "NHS London will
 * scrutinise consultation documents"); the Joint Committee approves it by the votes of three of
 * its members at a meeting; the public responds through the form, with JavaScript and without;
 * paper forms are imported; an analyst codes answers, accepts a suggested theme with its why and
 * answers each theme ("we heard / we did"); the analysis report is produced as a page and a PDF
 * with charts; and after close the Joint Committee decides, binding the PCTs that delegated.
 * axe runs on every page visited with JavaScript on.
 *
 * Set-up outside the browser: the Joint Committee's nine seated PCT representatives (the demo's),
 * the demo's consultation and analyst accounts linked to their people, two Joint Committee
 * meetings scheduled by the administrator, and the members' presence recorded (registers are
 * tested in the meetings journeys). The server's clock moves from preparing (November 2026) to the
 * consultation's open weeks and on past its close.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCsv, syntheticThemes } from '../../src/consultations/index.ts';
import type { QuestionFacts } from '../../src/consultations/response-rules.ts';
import { demoPassword, linkDemoAnalystsToPeople } from '../../src/seed/demo-accounts.ts';
import { seedDemoJointCommitteeMembership } from '../../src/seed/index.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInOncePerPerson,
} from '../support/browser.ts';
import {
  acceptSuggestionStep,
  addThemeStep,
  codeAnswerStep,
  codingPagePath,
  produceReportStep,
  recordThemeResponseStep,
  suggestThemesStep,
} from '../support/consultation-analyse-steps.ts';
import { importResponsesThroughPage } from '../support/consultation-import-steps.ts';
import {
  addDocumentThroughForm,
  addQuestionThroughForm,
  createConsultationThroughForm,
  planEventThroughForm,
  putApprovalOnPreparePage,
  readConsultationPage,
  recordScrutinyOnPreparePage,
} from '../support/consultation-prepare-steps.ts';
import { respondInBrowser } from '../support/consultation-respond-steps.ts';
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

const team = 'consultation@demo.invalid';
const analyst = 'analyst@demo.invalid';
const voters = [demoEmails.member, demoEmails.lead, demoEmails.associate];
let clock = new Date('2026-11-23T10:00:00Z');
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let withoutJavaScript: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let signIn: (email: string, returnTo: string) => Promise<Page>;
let slug: string;
const meetings = { approval: '', decision: '' };

async function scheduleJointCommitteeMeeting(title: string, startsAt: string, notice: string) {
  const administrator = await bearerFor(server.app, 'administrator');
  const scheduled = await server.app.inject({
    method: 'POST',
    url: '/api/v1/bodies/joint-committee-of-pcts/meetings',
    headers: administrator,
    payload: { title, startsAt, location: 'Southside, 105 Victoria Street', noticeGivenOn: notice },
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  const meetingId = scheduled.json().meetingId as string;
  const attendance = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json()
    .attendance as { seatHoldingId: string }[];
  expect(attendance).toHaveLength(9);
  for (const seat of attendance) {
    const present = await server.app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${seat.seatHoldingId}`,
      headers: administrator,
      payload: { status: 'present' },
    });
    expect(present.statusCode, present.body).toBe(200);
  }
  return meetingId;
}

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  const db = server.app.database.db;
  const context0 = { actor: 'seed', now: clock };
  expect(await seedDemoJointCommitteeMembership({ db, context: context0 })).toBe(9);
  await linkDemoAnalystsToPeople({ db, context: context0 });
  meetings.approval = await scheduleJointCommitteeMeeting(
    'Joint Committee of PCTs, December 2026',
    '2026-12-10T14:00:00Z',
    '2026-12-01',
  );
  browser = await launchChromium();
  withoutJavaScript = await launchChromium({ javaScriptEnabled: false });
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  signIn = signInOncePerPerson(context, server.baseUrl, demoPassword);
}, 120_000);

afterAll(async () => {
  await withoutJavaScript?.close();
  await browser?.close();
  await server?.stop();
});

const mainText = async (on: Page) =>
  ((await on.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

/** From the meeting's page to the question put to it, as the secretariat would go. */
async function openQuestionPage(page: Page, meetingId: string, title: string) {
  await page.goto(`${server.baseUrl}/meetings/${meetingId}`);
  await page.getByRole('link', { name: 'Questions and votes' }).click();
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.waitForURL('**/proposals/*');
  await expectNoAccessibilityViolations(page);
  return new URL(page.url()).pathname;
}

/** The secretariat opens the question; three members vote for; the secretariat closes it. */
async function carryQuestionInBrowser(meetingId: string, title: string): Promise<string> {
  const secretariat = await signIn(team, `/meetings/${meetingId}`);
  const questionPath = await openQuestionPage(secretariat, meetingId, title);
  await secretariat.getByRole('button', { name: /^Open for / }).click();
  await secretariat.waitForURL('**?changed=opened');
  await expectNoAccessibilityViolations(secretariat);
  await secretariat.close();
  for (const voter of voters) {
    const member = await signIn(voter, questionPath);
    await member.locator('input[name="choice"][value="for"]').first().check();
    await member.getByRole('button', { name: /^(Cast vote|Record view)$/ }).click();
    await member.waitForURL('**?changed=voted');
    await expectNoAccessibilityViolations(member);
    await member.close();
  }
  const closing = await signIn(team, questionPath);
  await closing.getByRole('button', { name: 'Close and apply the rules' }).click();
  await closing.waitForURL('**?changed=closed');
  await expectNoAccessibilityViolations(closing);
  const result = await mainText(closing);
  await closing.close();
  return result;
}

/** The synthetic answers' theme, by the phrase they begin with (openers aside). */
function themeOf(answer: string): string | undefined {
  const lower = answer.toLowerCase();
  return syntheticThemes.find((theme) =>
    theme.phrases.some((phrase) => {
      const [before] = phrase.toLowerCase().split('{place}');
      return before !== undefined && lower.includes(before.slice(0, 30));
    }),
  )?.code;
}

describe('Healthcare for London: a consultation from its papers to the Joint Committee’s decision (2008 "Healthcare for London" bullet 1, "Accountabilities")', () => {
  it('the consultation team prepares it through the forms and NHS London records its scrutiny', async () => {
    const page = await signIn(team, '/consultations');
    slug = await createConsultationThroughForm(page, server.baseUrl, {
      title: 'Healthcare for London: the next steps',
      summary: 'Proposals for polyclinics and specialist stroke care across London.',
      opensOn: '2027-01-04',
      closesOn: '2027-04-05',
      formativeStatement:
        'No decision has been taken: the Joint Committee of PCTs decides after the consultation.',
      reasonsStatement: 'The case for change and the options are set out in section 2.',
    });
    await addDocumentThroughForm(page, {
      title: 'The next steps for London',
      sections: [
        '2 | The case for change | Why London’s services must change.',
        '4 | Stroke care | Hyperacute stroke units for the whole of London.',
        '5.2 | Polyclinics | A new kind of local care.',
      ],
    });
    await addQuestionThroughForm(page, {
      text: 'Do you agree that polyclinics should be developed?',
      kindName: 'Choose one',
      choices: ['Agree', 'Neither agree nor disagree', 'Disagree'],
      section: '5.2',
    });
    await addQuestionThroughForm(page, {
      text: 'What else should the Joint Committee take into account?',
      kindName: 'Free text',
      choices: [],
    });
    await planEventThroughForm(page, {
      title: 'Roadshow: Camden',
      sectorName: 'North Central London',
      venue: 'Camden Town Hall',
      date: '2027-02-10',
      time: '18:30',
    });
    // Without NHS London's scrutiny the approval is refused, naming the rule it breaks.
    await page
      .getByLabel('Meeting to put the approval to')
      .selectOption({ label: await meetingLabel(page, 'Meeting to put the approval to') });
    await page.getByRole('button', { name: 'Put the approval to the meeting' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await expectNoAccessibilityViolations(page);
    expect(await page.locator('.nhsuk-error-summary').textContent()).toMatch(/NHS London/);
    await page.close();

    const nhsLondon = await signIn(demoEmails.chair, `/consultations/${slug}/prepare`);
    await recordScrutinyOnPreparePage(
      nhsLondon,
      server.baseUrl,
      slug,
      'Scrutinised for NHS London: the options are fairly described.',
    );
    await nhsLondon.close();
  });

  it('the Joint Committee approves it: put to its meeting, three members vote for, the outcome recorded', async () => {
    const page = await signIn(team, `/consultations/${slug}/prepare`);
    await putApprovalOnPreparePage(
      page,
      await meetingLabel(page, 'Meeting to put the approval to'),
    );
    const put = await mainText(page);
    expect(put).toContain('was put to Joint Committee of PCTs, December 2026');
    await page.close();

    const result = await carryQuestionInBrowser(
      meetings.approval,
      'Approve the consultation “Healthcare for London: the next steps”',
    );
    expect(result).toContain('Carried');

    const recording = await signIn(team, `/consultations/${slug}/prepare`);
    await recording.getByRole('button', { name: 'Record the outcome' }).click();
    await recording.waitForURL('**/prepare?changed=approved');
    await expectNoAccessibilityViolations(recording);
    expect(await mainText(recording)).toContain('The approval was recorded');
    await recording.close();
  });

  it('while it is open the public responds through the form, with JavaScript and without, and paper forms are imported', async () => {
    clock = new Date('2027-01-11T10:00:00Z');
    await context.clearCookies();
    const publicPage = await context.newPage();
    expect(await readConsultationPage(publicPage, server.baseUrl, slug)).toBe('Open');
    const first = await respondInBrowser(publicPage, server.baseUrl, slug, {
      category: 'Member of the public',
      answers: {
        1: 'Agree',
        2: 'The buses from Camden do not run late enough to reach a polyclinic at night',
      },
      comments: { '4': 'Stroke units must be reachable by ambulance within half an hour.' },
    });
    expect(first).toBeGreaterThan(0);
    await publicPage.close();

    const plain = await withoutJavaScript.context.newPage();
    const second = await respondInBrowser(
      plain,
      server.baseUrl,
      slug,
      {
        category: 'Clinician',
        answers: {
          1: 'Disagree',
          2: 'Specialist stroke units save lives and it is worth travelling further for them',
        },
      },
      { axe: false },
    );
    expect(second).toBe(first + 1);
    await plain.close();

    const questions = await questionFacts();
    const page = await signIn(team, `/consultations/${slug}/import`);
    const csv = [...syntheticCsv(questions, 400, 2008)].join('');
    const imported = await importResponsesThroughPage(page, server.baseUrl, slug, csv);
    expect(imported.main).toContain('Imported 400 responses');
    await page.close();
  });

  it('after close an analyst codes answers, accepts a suggestion with its why, answers each theme and produces the report, page and PDF with charts', async () => {
    clock = new Date('2027-04-12T09:00:00Z');
    const page = await signIn(analyst, codingPagePath(slug, 2));
    await expectNoAccessibilityViolations(page);
    await addThemeStep(page, { code: 'travel', label: 'Travel and access' });
    await addThemeStep(page, { code: 'polyclinics', label: 'Polyclinics and GP services' });
    const coded = { travel: 0, polyclinics: 0 };
    // Code six answers of each theme as a person reading them would (one theme each), the first
    // with a quote; answers of other themes are left for later, going on to the next answers.
    for (let round = 0; round < 60 && (coded.travel < 6 || coded.polyclinics < 6); round += 1) {
      const answers = await page.locator('.nhsuk-card blockquote').allTextContents();
      const next = answers
        .map((answer) => ({ answer: answer.trim(), theme: themeOf(answer) }))
        .find(
          ({ theme }) =>
            (theme === 'travel' && coded.travel < 6) ||
            (theme === 'polyclinics' && coded.polyclinics < 6),
        );
      if (!next) {
        const more = page.getByRole('link', { name: 'Next answers' });
        if ((await more.count()) === 0) break;
        await more.click();
        await page.waitForLoadState('load');
        continue;
      }
      const theme = next.theme as 'travel' | 'polyclinics';
      await codeAnswerStep(page, {
        answerText: next.answer.slice(0, 60),
        themeLabels: [theme === 'travel' ? 'Travel and access' : 'Polyclinics and GP services'],
        ...(coded.travel + coded.polyclinics === 0 && { quote: next.answer.slice(0, 24) }),
      });
      coded[theme] += 1;
    }
    expect(coded).toEqual({ travel: 6, polyclinics: 6 });
    await expectNoAccessibilityViolations(page);

    await suggestThemesStep(page, 20);
    await expectNoAccessibilityViolations(page);
    const firstSuggested = page.locator('.nhsuk-card', { hasText: 'Suggested:' }).first();
    const suggestedAnswer = (
      (await firstSuggested.locator('blockquote').first().textContent()) ?? ''
    ).trim();
    const why = await acceptSuggestionStep(page, suggestedAnswer.slice(0, 60));
    expect(why).toMatch(/Suggested:/);
    expect(why).toMatch(/because|words|confidence|%/i);

    for (const theme of [
      { code: 'TRAVEL', label: 'Travel and access' },
      { code: 'POLYCLINICS', label: 'Polyclinics and GP services' },
    ]) {
      await recordThemeResponseStep(page, {
        ...theme,
        weHeard: `Respondents wrote about ${theme.label.toLowerCase()}.`,
        weDid: `The proposals for ${theme.label.toLowerCase()} were changed in response.`,
      });
    }
    await expectNoAccessibilityViolations(page);

    await page.goto(`${server.baseUrl}/consultations/${slug}/analysis`);
    await expectNoAccessibilityViolations(page);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    const version = await produceReportStep(page);
    expect(version).toBe(1);
    await expectNoAccessibilityViolations(page);
    const report = await mainText(page);
    // Two responses through the form and 400 imported; twelve answers coded by hand, one by the
    // accepted suggestion.
    expect(report).toContain(
      '402 responses count; through the online form: 2; imported (paper forms and other channels): 400.',
    );
    expect(report).toContain('13 coded');
    expect(report).toContain('Travel and access');
    expect(report).toContain('The proposals for travel and access were changed in response.');

    const pdf = await page.request.get(
      `${server.baseUrl}/consultations/${slug}/analysis/report.pdf`,
    );
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'consultation-report-')), 'report.pdf');
    writeFileSync(file, await pdf.body());
    const { stdout } = await promisify(execFile)('/usr/bin/pdftotext', ['-layout', file, '-']);
    const pdfText = stdout.replace(/\s+/g, ' ');
    expect(pdfText).toContain('Healthcare for London: the next steps');
    expect(pdfText).toContain('Travel and access');
    expect(pdfText).toContain('13 coded');
    expect(pdfText).toContain('402 responses count (through the online form: 2; imported');
    // The charts are drawn as vectors with their labels as text (count and share), no pictures.
    expect(pdfText).toMatch(/Travel and access.*\d+ \(\d+%\)/);
    const { stdout: images } = await promisify(execFile)('/usr/bin/pdfimages', ['-list', file]);
    expect(images.trim().split('\n')).toHaveLength(2);
    await page.close();
  });

  it('after close the Joint Committee decides on the report: put to its meeting, voted, recorded as binding the delegating PCTs', async () => {
    meetings.decision = await scheduleJointCommitteeMeeting(
      'Joint Committee of PCTs, April 2027',
      '2027-04-22T14:00:00Z',
      '2027-04-14',
    );
    const page = await signIn(team, `/consultations/${slug}/decision`);
    await expectNoAccessibilityViolations(page);
    await page
      .getByLabel('Meeting to put the decision to')
      .selectOption({ label: await meetingLabel(page, 'Meeting to put the decision to') });
    await page.getByRole('button', { name: 'Put the decision to the meeting' }).click();
    await page.waitForURL('**/decision?done=*');
    await expectNoAccessibilityViolations(page);
    const put = await mainText(page);
    expect(put).toContain('Put to the Joint Committee of PCTs');
    await page.close();

    const title = 'Decide following the consultation “Healthcare for London: the next steps”';
    expect(await carryQuestionInBrowser(meetings.decision, title)).toContain('Carried');

    const recording = await signIn(team, `/consultations/${slug}/decision`);
    await recording.getByRole('button', { name: 'Record the decision' }).click();
    await recording.waitForURL('**/decision?done=*');
    await expectNoAccessibilityViolations(recording);
    const decided = await mainText(recording);
    expect(decided).toContain('Decided');
    expect(decided).toContain('binds the PCT Boards that delegated');
    await recording.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});

/** The label of the meeting option on a select whose text names the meeting's title. */
async function meetingLabel(page: Page, selectLabel: string): Promise<string> {
  const labels = await page.getByLabel(selectLabel).locator('option').allTextContents();
  const label = labels.find((text) => text.includes('Joint Committee of PCTs'));
  expect(label, labels.join(' | ')).toBeDefined();
  return label!.trim();
}

/** The consultation's questions as the importer's CSV needs them (read from its public API). */
async function questionFacts() {
  const response = await server.app.inject(`/api/v1/consultations/${slug}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().questions as Omit<QuestionFacts, 'id'>[]).map((question) => ({
    ...question,
    id: '',
  }));
}
