/**
 * Issue 23, "Done when": the 2008/09 commissioning round end to end in the browser — PCTs' returns
 * (on time, late with its reason, a nil return), consolidation with the overlaps shown, the
 * intentions agreed at a London group meeting (register taken, the question opened, the chair
 * declaring the sense of the meeting), the prospectus published as page and PDF and read by the
 * public, and a lead commissioner's proposed action rejected by an associate, calling a
 * collaborative forum onto the local group's next agenda. axe runs on every page visited.
 *
 * Set-up outside the browser: the London group's demo meetings, an account for Ealing's chief
 * executive, the acute trust in the registry and the local group's next meeting. The server's clock
 * moves through the round. The demo accounts' roles begin on the seed's day
 * (23 November 2026), so the round named 2008/09 runs on dates from then, as the returns test does.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodies } from '../../src/db/schema/bodies.ts';
import { meetings } from '../../src/db/schema/meetings.ts';
import { organisations, posts } from '../../src/db/schema/registry.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import { seedDemoMeetings } from '../../src/seed/demo-meetings.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInOncePerPerson,
} from '../support/browser.ts';
import { openRound, returnsShown, submitReturn } from '../support/commissioning-steps.ts';
import { demoEmails } from '../support/demo-actors.ts';
import {
  ensureRoundAndProvider,
  expectForumOnAgenda,
  proposeActionInBrowser,
  recordArrangementInBrowser,
  rejectActionInBrowser,
  scheduleLocalGroupMeeting,
} from '../support/lead-commissioning-steps.ts';
import { memberAccount } from '../support/member-accounts.ts';
import {
  consolidateIntentions,
  overlapsShown,
  putIntentionsToLondonGroup,
  readProspectusAsPublic,
  recordAgreementAndPublish,
  roundPathOf,
} from '../support/prospectus-steps.ts';
import { startTestServer } from '../support/running-app.ts';

const year = '2008-09';
const provider = 'University College London Hospitals NHS Foundation Trust';
const ealingEmail = 'chief-executive.ealing@demo.invalid';
let clock = new Date('2026-11-23T10:00:00Z');
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let january: { id: string; title: string };

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  const { app } = server;
  // The London group's meetings around the seed's day: two held, and December's and January's to come.
  await seedDemoMeetings({
    db: app.database.db,
    context: { actor: 'seed', now: clock },
    publicUrl: server.baseUrl,
  });
  const coming = await app.database.db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(bodies.slug, 'london-commissioning-group'))
    .orderBy(asc(meetings.startsAt));
  january = coming.find((meeting) => meeting.startsAt.toISOString().startsWith('2027-01'))!;
  expect(january).toBeDefined();
  const [ealing] = await app.database.db
    .select({ personId: posts.personId })
    .from(posts)
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .where(and(eq(organisations.name, 'Ealing PCT'), isNull(posts.endsOn)));
  await memberAccount(app, {
    personId: ealing!.personId,
    email: ealingEmail,
    password: demoPassword,
  });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
  signIn = signInOncePerPerson(context, server.baseUrl, demoPassword);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

let signIn: (email: string, returnTo: string) => Promise<Page>;

const mainText = async (on: Page) =>
  ((await on.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

async function press(
  on: Page,
  name: string | RegExp,
  url: string | RegExp | ((url: URL) => boolean),
) {
  await on
    .getByRole('button', { name, exact: typeof name === 'string' })
    .first()
    .click();
  await on.waitForURL(url);
  await expectNoAccessibilityViolations(on);
}

async function follow(on: Page, name: string | RegExp, url: string | RegExp) {
  await on
    .getByRole('link', { name, exact: typeof name === 'string' })
    .first()
    .click();
  await on.waitForURL(url);
  await expectNoAccessibilityViolations(on);
}

const roundPath = roundPathOf(year);

describe('the 2008/09 commissioning round, end to end in the browser', { timeout: 240_000 }, () => {
  it('the London secretariat opens the round; PCTs return on time, as a nil return, and late with the reason', async () => {
    let page = await signIn(demoEmails.secretariat, '/commissioning');
    const opened = await openRound(page, server.baseUrl, {
      year: '2008/09',
      timetable: {
        submissionsOpenOn: '2026-11-02',
        submissionsDueOn: '2026-11-30',
        consolidationBy: '2026-12-18',
        agreementBy: '2027-01-29',
        publicationBy: '2027-03-05',
      },
    });
    expect(opened).toBe(roundPath);
    await submitReturn(page, server.baseUrl, {
      roundPath,
      submitter: 'Kingston PCT',
      nilReturn: true,
    });

    page = await signIn(demoEmails.member, roundPath);
    await submitReturn(page, server.baseUrl, {
      roundPath,
      submitter: 'Brent Teaching PCT',
      priorities: [
        {
          title: 'Hyper-acute stroke units',
          serviceArea: 'Stroke',
          rationale: 'Fewer than half our stroke patients reach a stroke unit within four hours.',
          expectedEffect: 'More patients thrombolysed within three hours.',
          population: 'Adults at risk of stroke in Brent',
        },
        {
          title: 'Structured education for type 2 diabetes',
          serviceArea: 'Diabetes',
          rationale: 'Admissions for diabetic complications are above the London average.',
          expectedEffect: 'Fewer emergency admissions for complications.',
          population: 'Adults with type 2 diabetes in Brent',
        },
      ],
    });

    clock = new Date('2026-12-03T10:00:00Z');
    page = await signIn(ealingEmail, roundPath);
    await submitReturn(page, server.baseUrl, {
      roundPath,
      submitter: 'Ealing PCT',
      priorities: [
        {
          title: 'Thrombolysis around the clock',
          serviceArea: 'Stroke',
          rationale: 'Thrombolysis is offered only in working hours at our local hospital.',
          expectedEffect: 'Every eligible patient thrombolysed, day or night.',
          population: 'Adults at risk of stroke in Ealing',
        },
        {
          title: 'Urgent care centres in front of the emergency department',
          serviceArea: 'Urgent care',
          rationale: 'A third of emergency attendances could be seen by a GP.',
          expectedEffect: 'The four-hour standard met consistently.',
          population: 'Everyone using urgent care in Ealing',
        },
      ],
      lateReason: 'The PCT Board approved the priorities on 2 December.',
    });
    const rows = await returnsShown(page, server.baseUrl, roundPath, [
      'Brent Teaching PCT',
      'Kingston PCT',
      'Ealing PCT',
      'Camden PCT',
    ]);
    expect(rows['Brent Teaching PCT']).toMatch(/On time 2/);
    expect(rows['Kingston PCT']).toContain('nil return');
    expect(rows['Ealing PCT']).toContain(
      'Late: The PCT Board approved the priorities on 2 December.',
    );
    expect(rows['Camden PCT']).toContain('Not received, 3 days overdue');
  });

  it('the secretariat consolidates the returns, the overlap shows, and the intentions go to January’s meeting', async () => {
    clock = new Date('2026-12-04T10:00:00Z');
    const page = await signIn(demoEmails.secretariat, `${roundPath}/intentions`);
    await consolidateIntentions(page, server.baseUrl, year, [
      {
        title: 'Hyperacute stroke care for every Londoner',
        serviceArea: 'Stroke',
        description: 'Hyperacute stroke units, each within 30 minutes of every Londoner.',
        priorities: ['Hyper-acute stroke units', 'Thrombolysis around the clock'],
      },
      {
        title: 'Urgent care centres at every emergency department',
        serviceArea: 'Urgent care',
        description: 'A GP-led urgent care centre in front of every emergency department.',
        priorities: ['Urgent care centres in front of the emergency department'],
      },
    ]);
    expect(await overlapsShown(page)).toContain(
      'Hyperacute stroke care for every Londoner: raised by 2',
    );
    await putIntentionsToLondonGroup(
      page,
      server.app,
      year,
      new RegExp(`^${january.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(await mainText(page)).toContain('Agree the London commissioning intentions 2008/09');
  });

  it('at January’s meeting the register is taken, the question opened and the chair declares the intentions agreed', async () => {
    clock = new Date('2027-01-14T14:05:00Z');
    const secretariat = await signIn(demoEmails.secretariat, '/');
    await follow(secretariat, 'Meetings', '**/meetings');
    await follow(secretariat, january.title, `**/meetings/${january.id}`);
    await press(
      secretariat,
      'Save the register',
      `**/meetings/${january.id}?changed=register#register`,
    );
    await secretariat.goto(`${server.baseUrl}${roundPath}/intentions`);
    await follow(
      secretariat,
      /^“Agree the London commissioning intentions 2008\/09/,
      /\/proposals\/[0-9a-f-]+$/,
    );
    await press(secretariat, /^Open for (views|votes)$/, /\/proposals\/[0-9a-f-]+/);

    const chair = await signIn(demoEmails.chair, `${roundPath}/intentions`);
    await follow(
      chair,
      /^“Agree the London commissioning intentions 2008\/09/,
      /\/proposals\/[0-9a-f-]+$/,
    );
    await chair.getByLabel('Agreed', { exact: true }).check();
    await press(chair, 'Declare the sense of the meeting and close', (url) =>
      url.search.includes('changed=declared'),
    );
    expect(await mainText(chair)).toContain('The sense of the meeting is recorded');
  });

  it('the secretariat records the agreement and publishes; the public reads the prospectus page and PDF', async () => {
    clock = new Date('2027-01-15T10:00:00Z');
    const page = await signIn(demoEmails.secretariat, `${roundPath}/intentions`);
    await recordAgreementAndPublish(page, server.baseUrl, year);
    expect(await mainText(page)).toContain('London commissioning prospectus 2008/09');
    const { pageText, pdfText } = await readProspectusAsPublic(context, server.baseUrl, year);
    for (const text of [pageText, pdfText]) {
      expect(text).toContain('London commissioning prospectus 2008/09');
      expect(text).toContain('Hyperacute stroke care for every Londoner');
      expect(text).toContain('Ealing PCT');
    }
  });

  it('a lead’s proposed action is rejected by an associate, and the collaborative forum goes on the local group’s next agenda', async () => {
    clock = new Date('2027-01-20T10:00:00Z');
    // Set-up: the acute trust in the registry, and North Central's next meeting, notice not yet given.
    await ensureRoundAndProvider(server.app, { startYear: 2008, provider });
    const meetingId = await scheduleLocalGroupMeeting(server.app, {
      title: 'North Central local group, February',
      startsAt: '2027-02-10T13:00:00Z',
      noticeGivenOn: '2027-02-01',
    });
    let page = await signIn(
      demoEmails.areaSecretariat,
      '/bodies/north-central-local-commissioning-group/negotiations',
    );
    const arrangementUrl = await recordArrangementInBrowser(page, server.baseUrl, {
      roundLabel: '2008/09',
      provider,
      service: 'Hyperacute stroke',
      lead: 'Camden PCT',
      leadShare: '40.00',
      associates: [
        { name: 'Islington PCT', share: '35.00' },
        { name: 'Barnet PCT', share: '25.00' },
      ],
    });
    page = await signIn(demoEmails.lead, new URL(arrangementUrl).pathname);
    await proposeActionInBrowser(page, arrangementUrl, {
      text: 'Serve a contract query notice on door-to-needle times.',
      respondBy: '2027-01-31',
    });
    page = await signIn(demoEmails.associate, new URL(arrangementUrl).pathname);
    await rejectActionInBrowser(page, arrangementUrl, 'Islington wants the audit data first.');
    await expectForumOnAgenda(
      page,
      server.baseUrl,
      meetingId,
      `Collaborative forum: ${provider}, Hyperacute stroke`,
    );
    page = await signIn(demoEmails.secretariat, '/lead-commissioning');
    expect(await mainText(page)).toContain('Hyperacute stroke');
    await expectNoAccessibilityViolations(page);
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
