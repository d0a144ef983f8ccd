import { count, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import {
  consultationDocumentVersions,
  consultationEvents,
  consultationQuestions,
  consultations,
} from '../db/schema/consultations.ts';
import { proposals } from '../db/schema/decisions.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoConsultation } from './seed-demo-consultation.ts';

// The test clock is 2026-11-23 (fixedNow). The administrator runs the Joint Committee's
// consultation (the demo has no Joint Committee secretariat in the test seed); the demo chair is
// NHS London's chief executive; the London group's secretariat holds no post at NHS London.
let database: DatabaseHandle;
let app: App;
let administrator: { authorization: string };
let chair: { authorization: string };
let londonSecretariat: { authorization: string };
let member: { authorization: string };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  administrator = await bearerFor(app, 'administrator');
  chair = await bearerFor(app, 'chair');
  londonSecretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const api = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  headers: Record<string, string> = {},
  payload?: unknown,
) =>
  app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const details = {
  title: 'Consulting the capital',
  summary: 'Proposals for London’s health services over the next ten years.',
  opensAt: '2026-12-01T09:00:00Z',
  closesAt: '2027-03-08T17:00:00Z',
  formativeStatement:
    'No decision has been taken: the Joint Committee will decide after consultation.',
  reasonsStatement: 'The case for change is set out in chapter 2 of the document.',
};

async function rowCounts() {
  const tally = async (table: typeof consultations | typeof consultationQuestions) =>
    (await database.db.select({ n: count() }).from(table))[0]?.n;
  return {
    consultations: await tally(consultations),
    questions: await tally(consultationQuestions),
    versions: (await database.db.select({ n: count() }).from(consultationDocumentVersions))[0]?.n,
    events: (await database.db.select({ n: count() }).from(consultationEvents))[0]?.n,
    audit: (
      await database.db
        .select({ n: count() })
        .from(auditEvents)
        .where(like(auditEvents.action, 'consultation.%'))
    )[0]?.n,
  };
}

async function newConsultation(title: string, extra: Record<string, unknown> = {}) {
  const created = await api('POST', '/consultations', administrator, {
    ...details,
    title,
    ...extra,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().slug as string;
}

async function scheduleCommitteeMeeting(title: string) {
  const scheduled = await api('POST', '/bodies/joint-committee-of-pcts/meetings', administrator, {
    title,
    startsAt: '2026-12-15T14:00:00Z',
    location: 'Southside, 105 Victoria Street',
    noticeGivenOn: '2026-12-01',
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  return scheduled.json().meetingId as string;
}

async function readyToPut(slug: string) {
  const document = await api('POST', `/consultations/${slug}/documents`, administrator, {
    title: 'Consulting the capital',
    sections: [
      { number: '2', heading: 'The case for change', body: 'Why London’s services must change.' },
      { number: '4.2', heading: 'Polyclinics', body: 'A new kind of local care.' },
    ],
  });
  expect(document.statusCode, document.body).toBe(201);
  const question = await api('POST', `/consultations/${slug}/questions`, administrator, {
    text: 'Do you agree that polyclinics should be developed?',
    kind: 'single-choice',
    options: ['Agree', 'Neither', 'Disagree'],
    section: '4.2',
  });
  expect(question.statusCode, question.body).toBe(201);
}

describe('preparing a consultation', () => {
  it('creates one with its address made from the title, seen only by who runs it', async () => {
    const slug = await newConsultation('Consulting the capital');
    expect(slug).toBe('consulting-the-capital');
    expect((await api('GET', `/consultations/${slug}`)).statusCode).toBe(404);
    const view = (await api('GET', `/consultations/${slug}`, administrator)).json();
    expect(view.stage).toBe('preparing');
    expect(view.periodDays).toBe(97);
    expect(view.checks.map((check: { status: string }) => check.status)).toEqual([
      'met',
      'not-met',
      'met',
      'to-be-met-at-decision',
      'not-met',
      'not-met',
    ]);
    const again = await newConsultation('Consulting the capital');
    expect(again).toBe('consulting-the-capital-2');
  });

  it('Gunning principle 3 and the Code of Practice 2008 ("normally at least 12 weeks"): a period under 12 weeks without a reason is refused and nothing is written', async () => {
    const before = await rowCounts();
    const refused = await api('POST', '/consultations', administrator, {
      ...details,
      title: 'Too short',
      closesAt: '2027-01-26T09:00:00Z',
    });
    expect(refused.statusCode).toBe(400);
    const [error] = refused.json().errors;
    expect(error.field).toBe('shortPeriodReason');
    expect(error.message).toContain('56 days, under 12 weeks');
    expect(error.message).toContain('Gunning principle 3');
    expect(await rowCounts()).toEqual(before);
    const withReason = await api('POST', '/consultations', administrator, {
      ...details,
      title: 'Short with reason',
      closesAt: '2027-01-26T09:00:00Z',
      shortPeriodReason: 'A narrow change following earlier engagement.',
    });
    expect(withReason.statusCode, withReason.body).toBe(201);
  });

  it('only the secretariat of the body (or an administrator) prepares its consultations', async () => {
    const before = await rowCounts();
    const refused = await api('POST', '/consultations', londonSecretariat, {
      ...details,
      title: 'Not theirs',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('Joint Committee');
    expect((await api('POST', '/consultations', member, details)).statusCode).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a question of an unknown kind, and a choice question without choices, writing nothing', async () => {
    const slug = await newConsultation('Questions test');
    const before = await rowCounts();
    const unknown = await api('POST', `/consultations/${slug}/questions`, administrator, {
      text: 'Rank these services',
      kind: 'ranking',
      options: ['A', 'B'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('kind');
    const noChoices = await api('POST', `/consultations/${slug}/questions`, administrator, {
      text: 'Do you agree?',
      kind: 'single-choice',
      options: [],
    });
    expect(noChoices.statusCode).toBe(400);
    expect(noChoices.json().errors[0].message).toBe(
      'A choice question needs at least two choices.',
    );
    const noSection = await api('POST', `/consultations/${slug}/questions`, administrator, {
      text: 'Any comments?',
      kind: 'free-text',
      section: '9.9',
    });
    expect(noSection.statusCode).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it('adds, changes, reorders and removes questions, and adds a new version rather than changing one', async () => {
    const slug = await newConsultation('Editing test');
    await readyToPut(slug);
    for (const text of ['Second?', 'Third?']) {
      const added = await api('POST', `/consultations/${slug}/questions`, administrator, {
        text,
        kind: 'free-text',
      });
      expect(added.json().number).toBeGreaterThan(1);
    }
    const changed = await api('PUT', `/consultations/${slug}/questions/2`, administrator, {
      text: 'Which services would you use?',
      kind: 'multiple-choice',
      options: ['GP', 'Diagnostics'],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const reordered = await api('PUT', `/consultations/${slug}/questions/order`, administrator, {
      order: [3, 1, 2],
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    const badOrder = await api('PUT', `/consultations/${slug}/questions/order`, administrator, {
      order: [1, 1, 2],
    });
    expect(badOrder.statusCode).toBe(400);
    const removed = await api('DELETE', `/consultations/${slug}/questions/1`, administrator);
    expect(removed.statusCode, removed.body).toBe(200);
    const view = (await api('GET', `/consultations/${slug}`, administrator)).json();
    expect(view.questions.map((question: { text: string }) => question.text)).toEqual([
      'Do you agree that polyclinics should be developed?',
      'Which services would you use?',
    ]);
    expect(view.questions[0].section).toBe('4.2');
    const version = await api(
      'POST',
      `/consultations/${slug}/documents/1/versions`,
      administrator,
      {
        note: 'After NHS London’s comments',
        sections: [{ number: '2', heading: 'The case for change', body: 'Revised.' }],
      },
    );
    expect(version.json()).toMatchObject({ documentNumber: 1, version: 2 });
    const document = (await api('GET', `/consultations/${slug}/documents/1`, administrator)).json();
    expect(document.version).toBe(2);
    expect(document.sections).toEqual([
      { number: '2', heading: 'The case for change', body: 'Revised.', anchor: 'section-2' },
    ]);
  });
});

describe('NHS London’s scrutiny (2008 "Accountabilities": "scrutinising and agreeing business cases and consultation documents")', () => {
  it('is refused to someone without a post at NHS London, and nothing is written', async () => {
    const slug = await newConsultation('Scrutiny test');
    const before = await rowCounts();
    const refused = await api('POST', `/consultations/${slug}/scrutiny`, londonSecretariat, {
      note: 'Looks fine.',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('2008 "Accountabilities"');
    expect(refused.json().detail).toContain('holds no current post at NHS London');
    expect(
      (await api('POST', `/consultations/${slug}/scrutiny`, {}, { note: 'x' })).statusCode,
    ).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('is recorded by NHS London’s chief executive, and cleared when the papers change after', async () => {
    const slug = await newConsultation('Scrutiny cleared test');
    await readyToPut(slug);
    const recorded = await api('POST', `/consultations/${slug}/scrutiny`, chair, {
      note: 'The documents meet NHS London’s expectations.',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    let view = (await api('GET', `/consultations/${slug}`, administrator)).json();
    expect(
      view.checks.find((check: { id: string }) => check.id === 'nhs-london-scrutiny').status,
    ).toBe('met');
    const added = await api('POST', `/consultations/${slug}/questions`, administrator, {
      text: 'Anything else?',
      kind: 'free-text',
    });
    expect(added.statusCode).toBe(201);
    view = (await api('GET', `/consultations/${slug}`, administrator)).json();
    expect(view.scrutiny).toBeNull();
  });
});

describe('the Joint Committee’s approval (2008 "Accountabilities": "approving consultation ... by means of a Joint Committee")', () => {
  it('is refused before NHS London’s scrutiny, naming the clause, and nothing is written', async () => {
    const slug = await newConsultation('Approval before scrutiny');
    await readyToPut(slug);
    const meetingId = await scheduleCommitteeMeeting('Joint Committee, early');
    const before = await rowCounts();
    const proposalsBefore = (await database.db.select({ n: count() }).from(proposals))[0]?.n;
    const refused = await api('POST', `/consultations/${slug}/approval`, administrator, {
      meetingId,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('NHS London’s scrutiny of the documents is not met');
    expect(refused.json().detail).toContain('2008 "Accountabilities"');
    expect(await rowCounts()).toEqual(before);
    expect((await database.db.select({ n: count() }).from(proposals))[0]?.n).toBe(proposalsBefore);
  });

  it('is put as an approve-consultation question; carried, the consultation is approved and public, and its questions frozen', async () => {
    const slug = await newConsultation('Approved journey');
    await readyToPut(slug);
    await api('POST', `/consultations/${slug}/scrutiny`, chair, { note: 'Scrutinised.' });
    const meetingId = await scheduleCommitteeMeeting('Joint Committee, December');
    const put = await api('POST', `/consultations/${slug}/approval`, administrator, { meetingId });
    expect(put.statusCode, put.body).toBe(201);
    const { proposalId } = put.json();
    const [question] = await database.db
      .select({ decisionKind: proposals.decisionKind, status: proposals.status })
      .from(proposals)
      .where(eq(proposals.id, proposalId));
    expect(question).toEqual({ decisionKind: 'approve-consultation', status: 'draft' });
    const early = await api('POST', `/consultations/${slug}/approval/outcome`, administrator);
    expect(early.statusCode).toBe(409);
    // The committee has no seats in the test seed: the question's close is written directly.
    await database.db.execute(
      sql`update proposals set status = 'closed', outcome = 'carried', closed_at = now() where id = ${proposalId}`,
    );
    const outcome = await api('POST', `/consultations/${slug}/approval/outcome`, administrator);
    expect(outcome.statusCode, outcome.body).toBe(200);
    expect(outcome.json()).toEqual({ stage: 'approved', outcome: 'Carried' });
    const publicView = await api('GET', `/consultations/${slug}`);
    expect(publicView.statusCode).toBe(200);
    expect(publicView.json().status).toBe('upcoming');
    expect(publicView.json().checks).toBeNull();
    const before = await rowCounts();
    const frozen = await api('POST', `/consultations/${slug}/questions`, administrator, {
      text: 'Late question?',
      kind: 'free-text',
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().detail).toContain('2008 "Accountabilities"');
    expect(await rowCounts()).toEqual(before);
    const event = await api('POST', `/consultations/${slug}/events`, administrator, {
      title: 'Roadshow',
      sector: 'north-central',
      venue: 'Camden Town Hall',
      startsAt: '2027-01-10T18:30:00Z',
    });
    expect(event.statusCode, event.body).toBe(201);
    const list = (await api('GET', '/consultations')).json();
    expect(list.upcoming.map((one: { slug: string }) => one.slug)).toContain(slug);
  });

  it('not carried sends it back to being prepared with the outcome shown', async () => {
    const slug = await newConsultation('Not carried');
    await readyToPut(slug);
    await api('POST', `/consultations/${slug}/scrutiny`, chair, { note: 'Scrutinised.' });
    const meetingId = await scheduleCommitteeMeeting('Joint Committee, January');
    const { proposalId } = (
      await api('POST', `/consultations/${slug}/approval`, administrator, { meetingId })
    ).json();
    await database.db.execute(
      sql`update proposals set status = 'closed', outcome = 'notCarried', closed_at = now() where id = ${proposalId}`,
    );
    const outcome = await api('POST', `/consultations/${slug}/approval/outcome`, administrator);
    expect(outcome.json()).toEqual({ stage: 'preparing', outcome: 'Not carried' });
    const view = (await api('GET', `/consultations/${slug}`, administrator)).json();
    expect(view.approval.outcome).toBe('Not carried');
  });
});

describe('the pages', () => {
  it('the prepare page shows each check with its clause; NHS London’s chief executive records scrutiny through its form; the public sees the consultation only once approved', async () => {
    const slug = await newConsultation('Pages journey');
    await readyToPut(slug);
    const admin = (await signInThroughForm(app, demoEmails.administrator)).cookies;
    const prepare = await app.inject({
      url: `/consultations/${slug}/prepare`,
      headers: { cookie: admin },
    });
    expect(prepare.statusCode, prepare.body).toBe(200);
    expect(prepare.body).toContain('Gunning principle 3');
    expect(prepare.body).toContain('2008 &quot;Accountabilities&quot;');
    expect(prepare.body).toContain('Not met');
    expect((await app.inject(`/consultations/${slug}`)).statusCode).toBe(404);

    let chairCookies = (await signInThroughForm(app, demoEmails.chair)).cookies;
    const chairPrepare = await app.inject({
      url: `/consultations/${slug}/prepare`,
      headers: { cookie: chairCookies },
    });
    expect(chairPrepare.statusCode, chairPrepare.body).toBe(200);
    expect(chairPrepare.body).toContain('Record NHS London’s scrutiny');
    expect(chairPrepare.body).not.toContain('Put the approval to the meeting');
    const memberCookies = (await signInThroughForm(app, demoEmails.member)).cookies;
    const memberPrepare = await app.inject({
      url: `/consultations/${slug}/prepare`,
      headers: { cookie: memberCookies },
    });
    expect(memberPrepare.statusCode).toBe(403);
    const page = await app.inject({
      url: `/consultations/${slug}/prepare`,
      headers: { cookie: admin },
    });
    const empty = await app.inject({
      method: 'POST',
      url: `/consultations/${slug}/prepare/scrutiny`,
      headers: { cookie: chairCookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: '' }).toString(),
    });
    expect([400, 403]).toContain(empty.statusCode);
    const chairPage = await app.inject({
      url: '/consultations',
      headers: { cookie: chairCookies },
    });
    chairCookies = cookieHeader(chairPage.headers['set-cookie'], chairCookies);
    const recorded = await app.inject({
      method: 'POST',
      url: `/consultations/${slug}/prepare/scrutiny`,
      headers: { cookie: chairCookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(chairPage.body),
        note: 'Scrutinised by NHS London.',
      }).toString(),
    });
    expect(recorded.statusCode, recorded.body).toBe(303);
    expect(page.statusCode).toBe(200);

    const meetingId = await scheduleCommitteeMeeting('Joint Committee, pages');
    const { proposalId } = (
      await api('POST', `/consultations/${slug}/approval`, administrator, { meetingId })
    ).json();
    await database.db.execute(
      sql`update proposals set status = 'closed', outcome = 'carried', closed_at = now() where id = ${proposalId}`,
    );
    await api('POST', `/consultations/${slug}/approval/outcome`, administrator);
    const publicPage = await app.inject(`/consultations/${slug}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('Opens soon');
    expect(publicPage.body).toContain('1 December 2026 at 09:00');
    const document = await app.inject(`/consultations/${slug}/documents/1`);
    expect(document.statusCode).toBe(200);
    expect(document.body).toContain('id="section-4-2"');
    const list = await app.inject('/consultations');
    expect(list.body).toContain(`/consultations/${slug}`);
  });
});

describe('the demo consultation (DOMAIN "Consultation": 29 questions, 35 roadshows, about 4,000 attendees)', () => {
  it('loads "Consulting the capital" once, approved and closed, public with its paraphrased document', async () => {
    const context = { actor: 'seed', now: app.now() };
    await seedDemoConsultation({ db: database.db, context });
    expect(await seedDemoConsultation({ db: database.db, context })).toBe(0);
    const view = (await api('GET', '/consultations/healthcare-for-london')).json();
    expect(view).toMatchObject({
      title: 'Consulting the capital',
      status: 'closed',
      opensText: '30 November 2007 at 00:00',
      closesText: '7 March 2008 at 23:59',
    });
    expect(view.questions).toHaveLength(29);
    expect(view.events).toHaveLength(35);
    expect(new Set(view.events.map((event: { sector: string }) => event.sector)).size).toBe(5);
    expect(view.documents[0].sections).toHaveLength(10);
    const [attendance] = await database.db
      .select({ total: sql<number>`sum(${consultationEvents.attendance})::int` })
      .from(consultationEvents)
      .innerJoin(consultations, eq(consultationEvents.consultationId, consultations.id))
      .where(eq(consultations.slug, 'healthcare-for-london'));
    expect(attendance?.total).toBe(4000);
    const page = await app.inject('/consultations/healthcare-for-london');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(page.body).not.toMatch(/>\s*(north-west|south-east|single-choice|free-text)\s*</);
    const document = await app.inject('/consultations/healthcare-for-london/documents/1');
    expect(document.body).toContain('paraphrase the 2007 consultation document');
    expect(document.body).toContain('id="section-4"');
    expect(document.body).not.toContain('Comment on this section');
  });
});
