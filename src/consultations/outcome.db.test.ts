import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, demoEmails, signInThroughForm } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import type { Actor } from '../identity/index.ts';
import { seedDemoJointCommitteeMembership } from '../seed/index.ts';
import { addTheme } from './add-theme.ts';
import { produceAnalysisReport } from './produce-analysis-report.ts';
import { putDecisionFollowingConsultation } from './put-decision-following-consultation.ts';
import { recordDecision } from './record-decision.ts';
import { recordThemeResponse } from './record-theme-response.ts';
import { insertTestResponses, testAnalysts } from './testing/analysis-fixture.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

// The demo seats nine PCT representatives on the Joint Committee: the chief executives of Brent
// (member@), Camden (lead@) and Islington (associate@) among them.
let database: DatabaseHandle;
let app: App;
let analyst: Actor;
let consultation: TestConsultation;
const context = { actor: 'test', now: fixedNow };
const responseText = 'The polyclinic is two buses away from my home at 12 Acacia Road.';

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  await seedDemoJointCommitteeMembership({ db: database.db, context });
  [analyst] = await testAnalysts(database.db);
  consultation = await insertTestConsultation(database.db, {
    now: fixedNow,
    stage: 'approved',
    opensAt: new Date('2026-08-01T09:00:00Z'),
    closesAt: new Date('2026-11-01T17:00:00Z'),
  });
  const text = consultation.questions[3]!.id;
  await insertTestResponses(database.db, consultation, fixedNow, [
    { category: 'public', answers: { [text]: responseText } },
    { category: 'public', answers: { [text]: 'Two buses to the stroke unit.' } },
    { category: 'clinician', answers: { [text]: 'Patients travel too far.' } },
  ]);
  await addTheme({
    db: database.db,
    context,
    actor: analyst,
    slug: consultation.slug,
    questionNumber: 4,
    theme: { code: 'TRAVEL', label: 'Travel to specialist care' },
  });
  await recordThemeResponse({
    db: database.db,
    context,
    actor: analyst,
    slug: consultation.slug,
    questionNumber: 4,
    themeCode: 'TRAVEL',
    weHeard: 'The journey to a specialist centre is too long by bus.',
    weDid: 'Transport for London will add routes to each stroke unit.',
  });
  await produceAnalysisReport({
    db: database.db,
    context,
    actor: analyst,
    slug: consultation.slug,
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the members who decide read the analysis report (2008 "Accountabilities": "taking decisions following consultation by means of a Joint Committee"; Gunning 4, "conscientiously taken into account")', () => {
  it('a member of the Joint Committee reads the report page, its PDF and its JSON', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.member);
    const page = await app.inject({
      url: `/consultations/${consultation.slug}/analysis/report`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('Analysis report');
    expect(page.body).toContain('The journey to a specialist centre is too long by bus.');
    // A reader, not an analyst: no form to produce it, no link into the coding.
    expect(page.body).not.toContain('Produce the report again');
    expect(page.body).not.toContain(`/consultations/${consultation.slug}/analysis"`);
    expect(page.body).toContain('You read this report as a member of the body');
    const pdf = await app.inject({
      url: `/consultations/${consultation.slug}/analysis/report.pdf`,
      headers: { cookie: cookies },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const json = await app.inject({
      url: `/api/v1/consultations/${consultation.slug}/analysis/report`,
      headers: await bearerFor(app, 'member', 'read'),
    });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().report.version).toBe(1);
  });

  it('a member may not produce the report, nor see the analysis it freezes', async () => {
    const member = await bearerFor(app, 'member');
    const produce = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${consultation.slug}/analysis/report`,
      headers: member,
    });
    expect(produce.statusCode).toBe(403);
    const analysis = await app.inject({
      url: `/api/v1/consultations/${consultation.slug}/analysis`,
      headers: member,
    });
    expect(analysis.statusCode).toBe(403);
  });

  it('an account holding no seat on the body is refused, naming who may read it', async () => {
    const response = await app.inject({
      url: `/api/v1/consultations/${consultation.slug}/analysis/report`,
      headers: await bearerFor(app, 'public'),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toContain(
      'its members, who decide following the consultation (2008 “Accountabilities”)',
    );
    const anonymous = await app.inject({
      url: `/api/v1/consultations/${consultation.slug}/analysis/report`,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the public learns the outcome once decided ("We asked, you said, we did")', () => {
  const visibleText = (html: string) =>
    html
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  it('shows nothing of an outcome before the decision, in the page or the JSON', async () => {
    const page = await app.inject({ url: `/consultations/${consultation.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('What happened next');
    const json = await app.inject({ url: `/api/v1/consultations/${consultation.slug}` });
    expect(json.statusCode).toBe(200);
    expect(json.json().outcome).toBeNull();
  });

  it('once decided, shows everyone the decision, the responses counted and each theme’s “we heard / we did”, without any response’s text', async () => {
    const scheduled = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies/joint-committee-of-pcts/meetings',
      headers: await bearerFor(app, 'administrator'),
      payload: {
        title: 'Joint Committee, the decision on the outcome',
        startsAt: '2026-12-15T14:00:00Z',
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: '2026-12-01',
      },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const put = await putDecisionFollowingConsultation({
      db: database.db,
      context,
      actor: analyst,
      slug: consultation.slug,
      meetingId: scheduled.json().meetingId,
    });
    // Still only put: no outcome yet.
    expect(
      (await app.inject({ url: `/api/v1/consultations/${consultation.slug}` })).json().outcome,
    ).toBeNull();
    // The vote is not under test here: the question's close is written directly.
    await database.db.execute(
      sql`update proposals set status = 'closed', outcome = 'carried', closed_at = ${fixedNow} where id = ${put.proposalId}`,
    );
    await recordDecision({ db: database.db, context, actor: analyst, slug: consultation.slug });

    const page = await app.inject({ url: `/consultations/${consultation.slug}` });
    expect(page.statusCode).toBe(200);
    const visible = visibleText(page.body);
    expect(visible).toContain('What happened next');
    expect(visible).toContain(
      'decided on 15 December 2026, at its meeting “Joint Committee, the decision on the outcome”',
    );
    expect(visible).toContain(': carried.');
    expect(visible).toContain(
      'the decision binds the PCT Boards that delegated to the Joint Committee',
    );
    expect(visible).toContain('3 responses counted, as analysis report version 1 gives them');
    expect(visible).toContain('Member of the public 2');
    expect(visible).toContain('Clinician 1');
    expect(visible).toContain('We heard: The journey to a specialist centre is too long by bus.');
    expect(visible).toContain('We did: Transport for London will add routes to each stroke unit.');
    // No response's text, no analyst's name, no identifier.
    expect(page.body).not.toContain('Acacia Road');
    expect(page.body).not.toContain('Two buses to the stroke unit.');
    expect(visible).not.toMatch(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
    );

    const json = await app.inject({ url: `/api/v1/consultations/${consultation.slug}` });
    const outcome = json.json().outcome;
    expect(outcome.decision).toMatchObject({
      meetingTitle: 'Joint Committee, the decision on the outcome',
      meetingOn: '15 December 2026',
      outcome: 'Carried',
    });
    expect(outcome.decision.binding).toContain('2008 “Accountabilities”');
    expect(outcome.responses).toMatchObject({ reportVersion: 1, total: 3 });
    expect(outcome.responses.byWho).toEqual([
      { label: 'Member of the public', count: 2 },
      { label: 'Clinician', count: 1 },
    ]);
    expect(outcome.themes).toEqual([
      {
        questionNumber: 4,
        label: 'Travel to specialist care',
        weHeard: 'The journey to a specialist centre is too long by bus.',
        weDid: 'Transport for London will add routes to each stroke unit.',
      },
    ]);
    expect(json.body).not.toContain('Acacia Road');
  });
});
