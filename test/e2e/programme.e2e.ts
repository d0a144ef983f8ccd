import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../src/identity/actor.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { startTestServer } from '../support/running-app.ts';

// 2008 Healthcare for London: "developing a delivery programme, including the priority and
// sequencing of the different elements and determination of the actions to be undertaken at
// London, sector and PCT level"; the programme office keeps it; 2008 Accountabilities: PCTs are
// individually accountable for their HfL actions.
const day = 86_400_000;
const dateFromToday = (days: number) => londonDate(new Date(Date.now() + days * day));
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
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
