import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { consultations } from '../db/schema/consultations.ts';
import { proposals } from '../db/schema/decisions.ts';
import type { App } from '../http/app-types.ts';
import type { Actor } from '../identity/index.ts';
import { addTheme } from './add-theme.ts';
import { produceAnalysisReport } from './produce-analysis-report.ts';
import { putDecisionFollowingConsultation } from './put-decision-following-consultation.ts';
import { recordDecision } from './record-decision.ts';
import { recordThemeResponse } from './record-theme-response.ts';
import { testAnalysts } from './testing/analysis-fixture.ts';
import { insertTestConsultation } from './testing/consultation-fixture.ts';

let database: DatabaseHandle;
let app: App;
let administrator: Record<string, string>;
let analyst: Actor;
const context = { actor: 'test', now: fixedNow };
const closed = {
  stage: 'approved' as const,
  opensAt: new Date('2026-08-01T09:00:00Z'),
  closesAt: new Date('2026-11-01T17:00:00Z'),
};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  administrator = await bearerFor(app, 'administrator');
  [analyst] = await testAnalysts(database.db);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function scheduleCommitteeMeeting(title: string): Promise<string> {
  const scheduled = await app.inject({
    method: 'POST',
    url: '/api/v1/bodies/joint-committee-of-pcts/meetings',
    headers: administrator,
    payload: {
      title,
      startsAt: '2026-12-15T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    },
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  return scheduled.json().meetingId as string;
}

async function withTheme(slug: string) {
  await addTheme({
    db: database.db,
    context,
    actor: analyst,
    slug,
    questionNumber: 4,
    theme: { code: 'TRAVEL', label: 'Travel to specialist care' },
  });
}

const answerTheme = (slug: string) =>
  recordThemeResponse({
    db: database.db,
    context,
    actor: analyst,
    slug,
    questionNumber: 4,
    themeCode: 'TRAVEL',
    weHeard: 'The journey to a specialist centre is too long by bus.',
    weDid: 'Transport for London will add routes to each stroke unit.',
  });

const produce = (slug: string) =>
  produceAnalysisReport({ db: database.db, context, actor: analyst, slug });

async function refusal(slug: string, meetingId: string): Promise<string> {
  const before = (await database.db.select({ n: count() }).from(proposals))[0]?.n;
  const error = await putDecisionFollowingConsultation({
    db: database.db,
    context,
    actor: analyst,
    slug,
    meetingId,
  }).then(
    () => undefined,
    (caught: { problem?: { status: number; detail: string } }) => caught.problem,
  );
  expect(error?.status).toBe(409);
  // Nothing written: no question, the stage unchanged.
  expect((await database.db.select({ n: count() }).from(proposals))[0]?.n).toBe(before);
  const [row] = await database.db
    .select({ stage: consultations.stage, decisionProposalId: consultations.decisionProposalId })
    .from(consultations)
    .where(eq(consultations.slug, slug));
  expect(row).toEqual({ stage: 'approved', decisionProposalId: null });
  expect(error!.detail).toContain('Gunning principle 4: responses');
  expect(error!.detail).toContain('“conscientiously taken into account”');
  return error!.detail;
}

describe('deciding after close: Gunning 4, responses "conscientiously taken into account"', () => {
  it('is refused before the consultation has closed', async () => {
    const consultation = await insertTestConsultation(database.db, {
      now: fixedNow,
      stage: 'approved',
      opensAt: new Date('2026-11-01T09:00:00Z'),
      closesAt: new Date('2027-02-01T17:00:00Z'),
    });
    await produce(consultation.slug);
    const meetingId = await scheduleCommitteeMeeting('Joint Committee, too early');
    expect(await refusal(consultation.slug, meetingId)).toContain(
      'The consultation has not closed (it closes on 1 February 2027)',
    );
  });

  it('is refused without a produced analysis report', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow, ...closed });
    const meetingId = await scheduleCommitteeMeeting('Joint Committee, no report');
    const detail = await refusal(consultation.slug, meetingId);
    expect(detail).toContain('No analysis report has been produced');
    expect(detail).not.toContain('has not closed');
  });

  it('is refused while a theme lacks "we heard / we did", naming it', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow, ...closed });
    await withTheme(consultation.slug);
    await produce(consultation.slug);
    const meetingId = await scheduleCommitteeMeeting('Joint Committee, theme unanswered');
    const detail = await refusal(consultation.slug, meetingId);
    expect(detail).toContain('A theme has no “we heard / we did” yet: TRAVEL (question 4)');
    expect(detail).not.toContain('No analysis report');
  });

  it('puts the decide-following-consultation question, then records it decided', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow, ...closed });
    await withTheme(consultation.slug);
    await answerTheme(consultation.slug);
    await produce(consultation.slug);
    const meetingId = await scheduleCommitteeMeeting('Joint Committee, the decision');
    const put = await putDecisionFollowingConsultation({
      db: database.db,
      context,
      actor: analyst,
      slug: consultation.slug,
      meetingId,
    });
    expect(put.meetingId).toBe(meetingId);
    const [question] = await database.db
      .select({
        decisionKind: proposals.decisionKind,
        title: proposals.title,
        text: proposals.text,
      })
      .from(proposals)
      .where(eq(proposals.id, put.proposalId));
    expect(question!.decisionKind).toBe('decide-following-consultation');
    expect(question!.text).toContain('analysis report version 1');
    const [row] = await database.db
      .select({ stage: consultations.stage, decisionProposalId: consultations.decisionProposalId })
      .from(consultations)
      .where(eq(consultations.id, consultation.id));
    expect(row).toEqual({ stage: 'decision-put', decisionProposalId: put.proposalId });

    // Still open: nothing to record yet.
    await expect(
      recordDecision({ db: database.db, context, actor: analyst, slug: consultation.slug }),
    ).rejects.toMatchObject({ problem: { status: 409 } });

    // No one is seated to vote in this test: the question's close is written directly.
    await database.db.execute(
      sql`update proposals set status = 'closed', outcome = 'carried', result = '{"outcome":"carried"}'::jsonb, closed_at = ${fixedNow} where id = ${put.proposalId}`,
    );
    const recorded = await recordDecision({
      db: database.db,
      context,
      actor: analyst,
      slug: consultation.slug,
    });
    expect(recorded).toEqual({ stage: 'decided', outcome: 'Carried', proposalId: put.proposalId });
    const [after] = await database.db
      .select({ stage: consultations.stage })
      .from(consultations)
      .where(eq(consultations.id, consultation.id));
    expect(after!.stage).toBe('decided');
    // Recording again is refused: the decision is recorded once.
    await expect(
      recordDecision({ db: database.db, context, actor: analyst, slug: consultation.slug }),
    ).rejects.toMatchObject({ problem: { status: 409 } });
  });

  it('the decision page lists the refusals, then puts the decision and records it through its forms', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow, ...closed });
    await withTheme(consultation.slug);
    let { cookies } = await signInThroughForm(app, demoEmails.administrator);
    const url = `/consultations/${consultation.slug}/decision`;
    const page = async () => {
      const response = await app.inject({ url, headers: { cookie: cookies } });
      cookies = cookieHeader(response.headers['set-cookie'], cookies);
      return response;
    };
    const post = async (to: string, fields: Record<string, string>) => {
      const form = await page();
      return app.inject({
        method: 'POST',
        url: to,
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(form.body), ...fields }).toString(),
      });
    };
    const refused = await page();
    expect(refused.statusCode).toBe(200);
    expect(refused.body).toContain('Not yet: the decision cannot be put');
    expect(refused.body).toContain('No analysis report has been produced');
    expect(refused.body).toContain('TRAVEL (question 4)');
    expect(refused.body).not.toContain('Put the decision to the meeting');
    await answerTheme(consultation.slug);
    await produce(consultation.slug);
    await scheduleCommitteeMeeting('Joint Committee, decision by the page');
    const ready = await page();
    expect(ready.body).toContain('Put the decision to the meeting');
    const meetingId =
      /<option value="([0-9a-f-]{36})"[^>]*>Joint Committee, decision by the page/.exec(
        ready.body,
      )![1]!;
    const none = await post(url, { meetingId: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose a meeting to put the decision to.');
    const put = await post(url, { meetingId });
    expect(put.statusCode, put.body).toBe(303);
    const waiting = await page();
    expect(put.headers.location).toBe(`${url}?done=put`);
    expect(waiting.body).toContain('Record the decision');
    const early = await post(`${url}/outcome`, {});
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('has not been decided yet: record the decision');
    const [row] = await database.db
      .select({ decisionProposalId: consultations.decisionProposalId })
      .from(consultations)
      .where(eq(consultations.id, consultation.id));
    await database.db.execute(
      sql`update proposals set status = 'closed', outcome = 'carried', closed_at = ${fixedNow} where id = ${row!.decisionProposalId}`,
    );
    const recorded = await post(`${url}/outcome`, {});
    expect(recorded.statusCode).toBe(303);
    const decided = await page();
    expect(decided.body.replace(/\s+/g, ' ')).toContain(
      'The decision binds the PCT Boards that delegated to it',
    );
    expect(decided.body).toContain('was carried');
    const visible = decided.body
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
    );
    expect(visible).not.toContain(consultation.slug);
  });
});
