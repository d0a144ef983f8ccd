import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../src/identity/actor.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import { seedDemoMeetings } from '../../src/seed/demo-meetings.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { startTestServer } from '../support/running-app.ts';
import { startSmtpTestServer } from '../support/smtp-test-server.ts';

// 2008 Healthcare for London: "developing a delivery programme, including the priority and
// sequencing of the different elements and determination of the actions to be undertaken at
// London, sector and PCT level"; the programme office keeps it; 2008 Accountabilities: PCTs are
// individually accountable for their HfL actions.
const day = 86_400_000;
const dateFromToday = (days: number) => londonDate(new Date(Date.now() + days * day));
let server: Awaited<ReturnType<typeof startTestServer>>;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  server = await startTestServer({ environment: { SMTP_URL: smtp.url } });
  // Two held meetings with attendance, so the annual report has meetings and members to count.
  await seedDemoMeetings({
    db: server.app.database.db,
    context: { actor: 'seed', now: new Date() },
    publicUrl: server.baseUrl,
  });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

const formWith = (page: Page, button: string) =>
  page.locator('form', { has: page.getByRole('button', { name: button }) });

describe('the programme office builds and keeps the delivery programme', () => {
  let programmePath: string;
  let projectPath: string;

  it('starts a programme, a workstream and an action team', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: 'programme@demo.invalid', password: demoPassword },
      '/bodies/london-commissioning-group/programmes',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Title').fill('Healthcare for London');
    await page.getByRole('button', { name: 'Start programme' }).click();
    await page.waitForURL(/\/programmes\/[0-9a-f-]+\?changed=created/);
    programmePath = new URL(page.url()).pathname;
    await page.getByLabel('Workstream title').fill('Stroke');
    await page.getByLabel('Priority').fill('1');
    await page.getByRole('button', { name: 'Add workstream' }).click();
    await page.waitForURL(/changed=workstream/);
    await page.getByLabel('Name of the team').fill('Stroke action team');
    await page.getByLabel('Remit').fill('Designate the hyper-acute stroke units.');
    await page.getByRole('button', { name: 'Set up action team' }).click();
    await page.waitForURL(/changed=team/);
    expect(await page.locator('main').textContent()).toContain(
      'Stroke action team, accountable to London Commissioning Group',
    );
    await expectNoAccessibilityViolations(page);
  });

  it('adds a project and actions at London, sector and PCT level and by the action team', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${programmePath}`);
    await page.getByRole('link', { name: '1. Stroke' }).click();
    await page.getByLabel('Project title').fill('Hyper-acute stroke units');
    await page.getByLabel('Priority').fill('1');
    await page.getByLabel('Place in the sequence').fill('1');
    await fillDate(page, 'Starts on', dateFromToday(-60));
    await fillDate(page, 'Due on', dateFromToday(120));
    await page.getByRole('button', { name: 'Add project' }).click();
    await page.waitForURL(/\/programme\/projects\/[0-9a-f-]+\?changed=project/);
    projectPath = new URL(page.url()).pathname;
    await expectNoAccessibilityViolations(page);
    const owners = [
      ['Designate the units', 'London: London Commissioning Group', 30],
      [
        'Agree unit locations in the sector',
        'Sector: North Central London Local Commissioning Group',
        40,
      ],
      ['Commission hyper-acute care for Camden residents', 'PCT: Camden PCT', -5],
      ['Agree the stroke tariff', 'Action team: Stroke action team', 50],
    ] as const;
    for (const [title, owner, due] of owners) {
      await page.goto(`${server.baseUrl}${projectPath}`);
      const form = formWith(page, 'Add action');
      await form.getByLabel('Action', { exact: true }).fill(title);
      await form.getByLabel('Owned by').selectOption({ label: owner });
      await fillDate(form, 'Due on', dateFromToday(due));
      await form.getByRole('button', { name: 'Add action' }).click();
      await page.waitForURL(/\/programme\/actions\/[0-9a-f-]+\?changed=action/);
    }
    expect(await page.locator('main').textContent()).toContain('action of an action team');
    await page.goto(`${server.baseUrl}${projectPath}`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('London Commissioning Group (London)');
    expect(text).toContain('North Central London Local Commissioning Group (sector)');
    expect(text).toContain('Camden PCT (PCT)');
    expect(text).toContain('Stroke action team (action team)');
  });

  it('moves the PCT’s action to red with its reason; without one it is refused', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${projectPath}`);
    await page
      .getByRole('link', { name: 'Commission hyper-acute care for Camden residents' })
      .click();
    await page.waitForURL(/\/programme\/actions\//);
    const form = formWith(page, 'Change status');
    await form.getByLabel(/Red — late/).check();
    await form.getByRole('button', { name: 'Change status' }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'Give the reason for the change',
    );
    await expectNoAccessibilityViolations(page);
    await formWith(page, 'Change status')
      .getByLabel('Reason for the change')
      .fill('The hyper-acute unit is not open; Camden patients still go to the old units.');
    await formWith(page, 'Change status').getByRole('button', { name: 'Change status' }).click();
    await page.waitForURL(/changed=rag/);
    const history = await page.locator('#rag-history').textContent();
    expect(history).toContain('The hyper-acute unit is not open');
    expect(await page.locator('main').textContent()).toContain('Red — late or at risk');
    await expectNoAccessibilityViolations(page);
  });

  it('shows the timeline (SVG and its table), the roll-up with the late red action, and the PCT’s page', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${programmePath}`);
    const svg = page.locator('svg.concordat-timeline[role="img"]');
    expect(await svg.count()).toBe(1);
    expect(await svg.locator('title').textContent()).toBe('Timeline of Healthcare for London');
    expect(await page.locator('#timeline-table').textContent()).toContain(
      'Hyper-acute stroke units',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'Roll-ups by workstream, sector and PCT' }).click();
    const late = await page.locator('main').textContent();
    expect(late).toContain('Commission hyper-acute care for Camden residents');
    expect(late).toContain('Late');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'Camden PCT' }).first().click();
    await page.waitForURL(/\/programme\/pcts\/5K7/);
    expect(await page.locator('main').textContent()).toContain(
      'Commission hyper-acute care for Camden residents',
    );
    await expectNoAccessibilityViolations(page);
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });

  it('reads the programme, its timeline and table, with JavaScript disabled', async () => {
    const plain = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await plain.context.newPage();
      await page.goto(`${server.baseUrl}${programmePath}`);
      expect(await page.locator('svg.concordat-timeline').count()).toBe(1);
      expect(await page.locator('#timeline-table').textContent()).toContain(
        'Hyper-acute stroke units',
      );
    } finally {
      await plain.close();
    }
  });
});

// 2008 §Key responsibilities, Communications: "there will be regular progress updates and an
// annual report of the work of the LCG", to London PCTs and NHS London; 2006 §110: "an annual
// report of its activities for submission to each PCT Board".
describe('progress update and annual report, generated from the record and sent with receipts', () => {
  const today = dateFromToday(0);
  const quarterStart = `${today.slice(0, 5)}${String(Number(today.slice(5, 7)) - ((Number(today.slice(5, 7)) - 1) % 3)).padStart(2, '0')}-01`;
  let annualReportPath: string;

  async function generate(page: Page, kind: string, from: string, to: string) {
    await page.goto(`${server.baseUrl}/bodies/london-commissioning-group/reports`);
    await page.getByLabel(kind).check();
    await fillDate(page, 'The period starts on', from);
    await fillDate(page, 'The period ends on', to);
    await page.getByRole('button', { name: 'Generate report' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]+\?changed=generated/);
  }

  it('refuses a period that has not ended, then generates the quarter’s progress update with the red action and its reason', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: 'programme@demo.invalid', password: demoPassword },
      '/bodies/london-commissioning-group/reports',
    );
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Progress update').check();
    await fillDate(page, 'The period starts on', quarterStart);
    await fillDate(page, 'The period ends on', dateFromToday(30));
    await page.getByRole('button', { name: 'Generate report' }).click();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'The period has not ended yet',
    );
    await expectNoAccessibilityViolations(page);
    await generate(page, 'Progress update', quarterStart, today);
    const text = await page.locator('main').textContent();
    expect(text).toContain('Progress update:');
    expect(text).toContain('Commission hyper-acute care for Camden residents');
    expect(text).toContain('The hyper-acute unit is not open');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    await expectNoAccessibilityViolations(page);
  });

  it('generates the year’s annual report for the PCT Boards: page and PDF with its charts (poppler)', async () => {
    const page = await context.newPage();
    await generate(page, 'Annual report', dateFromToday(-364), today);
    annualReportPath = new URL(page.url()).pathname;
    const text = await page.locator('main').textContent();
    expect(text).toContain('2 meetings held');
    expect(text).toContain('Attendance by member');
    expect(text).toContain('Review of the terms of reference');
    expect(await page.locator('svg[aria-labelledby^="attendance-by-sector"]').count()).toBe(1);
    expect(await page.locator('svg[aria-labelledby^="rag-by-month"]').count()).toBeGreaterThan(0);
    await expectNoAccessibilityViolations(page);

    const pdf = await page.request.get(`${server.baseUrl}${annualReportPath}/report.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'annual-report-')), 'annual-report.pdf');
    writeFileSync(file, await pdf.body());
    const pdfText = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(pdfText).toContain('Annual report: London Commissioning Group');
    expect(pdfText).toContain('Attendance by sector (in person or by deputy)');
    expect(pdfText).toMatch(/North Central\s/);
    expect(pdfText).toContain('Actions by RAG status at the end of each month');
    expect(pdfText).toMatch(/R ?\d+\s+A ?\d+\s+G ?\d+/);
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Pages:\s+[2-9]/);
  });

  it('distributes it to every board the terms name; a PCT Board confirms receipt from its e-mail', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${annualReportPath}`);
    await page.getByRole('button', { name: 'Distribute to the boards' }).click();
    await page.waitForURL(/changed=distributed/);
    expect(await page.locator('main').textContent()).toContain('to 32 boards; 0 have confirmed');
    await expectNoAccessibilityViolations(page);

    const mailFor = () =>
      smtp.received.find(
        (candidate) =>
          candidate.subject?.startsWith('Annual report: London Commissioning Group') &&
          candidate.text?.includes('board secretary of Brent Teaching PCT'),
      );
    await expect.poll(mailFor, { timeout: 30_000 }).toBeDefined();
    const link = /https?:\/\/\S+\/report-receipts\/rcpt_[\w-]+/.exec(mailFor()?.text ?? '')?.[0];
    expect(link).toBeDefined();
    const receiptPath = new URL(link as string).pathname;

    // The board secretary has no account: a browser of their own, nobody signed in.
    const outsider = await launchChromium();
    try {
      const board = await outsider.context.newPage();
      await board.goto(`${server.baseUrl}${receiptPath}`);
      expect(await board.locator('main').textContent()).toContain('Brent Teaching PCT');
      await expectNoAccessibilityViolations(board);
      await board.getByRole('button', { name: 'Confirm receipt' }).click();
      await board.waitForURL('**?changed=confirmed');
      expect(await board.locator('main').textContent()).toContain(
        'receipt of the report is recorded',
      );
    } finally {
      await outsider.close();
    }
    await page.reload();
    const text = await page.locator('main').textContent();
    expect(text).toContain('1 has confirmed');
    expect(text).toMatch(/Brent Teaching PCT\s*By e-mail\s*Confirmed/);
  });

  it('shows the forward plan as a page and as a feed', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/bodies/london-commissioning-group/forward-plan`);
    expect(await page.locator('h1').textContent()).toContain('Forward plan');
    await expectNoAccessibilityViolations(page);
    const feed = await page.request.get(
      `${server.baseUrl}/bodies/london-commissioning-group/forward-plan.atom`,
    );
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('<feed');
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
