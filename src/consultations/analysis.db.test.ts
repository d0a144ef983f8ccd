import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, csrfTokenIn, signInThroughForm } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { consultationAnalysisReports } from '../db/schema/consultations.ts';
import type { App } from '../http/app-types.ts';
import { addTheme } from './add-theme.ts';
import { getAnalysis } from './analysis-view.ts';
import { produceAnalysisReport, type ReportFigures } from './produce-analysis-report.ts';
import { recordThemeResponse } from './record-theme-response.ts';
import { selectLatestReport, selectThemesWithoutResponse } from './report-queries.ts';
import { applyTallyDeltas, selectTallies } from './tally-queries.ts';
import {
  insertAnalystAccount,
  insertTestResponses,
  testAnalysts,
} from './testing/analysis-fixture.ts';
import { insertTestConsultation } from './testing/consultation-fixture.ts';

let database: DatabaseHandle;
let app: App;
const context = { actor: 'test', now: fixedNow };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the analysis page reads aggregates, never the responses', () => {
  it('shows counts by choice, theme and category from the tallies alone, with charts and tables', async () => {
    // No response is written: only tallies, as a million imported responses would have left them.
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const [analyst] = await testAnalysts(database.db);
    const [agree, , , text] = consultation.questions;
    const { themeId } = await addTheme({
      db: database.db,
      context,
      actor: analyst,
      slug: consultation.slug,
      questionNumber: 4,
      theme: { code: 'TRAVEL', label: 'Travel to specialist care' },
    });
    await database.db.transaction((transaction) =>
      applyTallyDeltas(transaction, consultation.id, [
        {
          questionId: agree!.id,
          kind: 'answered',
          key: '',
          respondentCategory: 'public',
          change: 700_000,
        },
        {
          questionId: agree!.id,
          kind: 'choice',
          key: 'Agree',
          respondentCategory: 'public',
          change: 600_000,
        },
        {
          questionId: agree!.id,
          kind: 'choice',
          key: 'Disagree',
          respondentCategory: 'public',
          change: 100_000,
        },
        {
          questionId: text!.id,
          kind: 'answered',
          key: '',
          respondentCategory: 'clinician',
          change: 300_000,
        },
        {
          questionId: text!.id,
          kind: 'theme',
          key: '',
          respondentCategory: 'clinician',
          change: 120_000,
        },
        {
          questionId: text!.id,
          kind: 'theme',
          key: themeId,
          respondentCategory: 'clinician',
          change: 90_000,
        },
      ]),
    );
    const analysis = await getAnalysis(database.db, analyst, consultation.slug);
    const [first, , , fourth] = analysis.questions;
    expect(first!.answered).toBe(700_000);
    expect(first!.rows.find((row) => row.label === 'Agree')).toMatchObject({
      total: 600_000,
      byCategory: [600_000, 0, 0, 0],
    });
    expect(fourth).toMatchObject({ answered: 300_000, coded: 120_000, uncoded: 180_000 });
    expect(fourth!.rows).toMatchObject([
      { code: 'TRAVEL', total: 90_000, byCategory: [0, 0, 90_000, 0] },
    ]);
    expect(fourth!.chartSvg).toContain('>90,000 (100%)</text>');
    expect(analysis.pooledKappa).toBe('not enough double coding');
  });
});

describe('coding through the pages', () => {
  it('adds a theme, codes an answer with a quote, refuses a quote not in it, and shows the counts', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const text = consultation.questions[3]!;
    await insertTestResponses(database.db, consultation, fixedNow, [
      {
        category: 'public',
        answers: { [text.id]: 'The polyclinic is two buses away from my home.' },
      },
    ]);
    await insertAnalystAccount(database.db, {
      bodySlug: 'joint-committee-of-pcts',
      email: 'analyst-pages@test.invalid',
      personIndex: 2,
      password: 'analyst-password-1',
      now: fixedNow,
    });
    let { cookies } = await signInThroughForm(
      app,
      'analyst-pages@test.invalid',
      'analyst-password-1',
    );
    const base = `/consultations/${consultation.slug}/analysis/questions/4`;
    const post = async (path: string, fields: Record<string, string | string[]>) => {
      const page = await app.inject({ url: base, headers: { cookie: cookies } });
      cookies = cookieHeader(page.headers['set-cookie'], cookies);
      const body = new URLSearchParams({ _csrf: csrfTokenIn(page.body) });
      for (const [name, value] of Object.entries(fields))
        for (const each of [value].flat()) body.append(name, each);
      return app.inject({
        method: 'POST',
        url: path,
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
    };
    const added = await post(`${base}/themes`, { code: 'access', label: 'Access to polyclinics' });
    expect(added.statusCode).toBe(303);
    const page = await app.inject({ url: base, headers: { cookie: cookies } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Access to polyclinics (ACCESS)');
    expect(page.body).toContain('The polyclinic is two buses away from my home.');
    const responseId = /name="responseId" value="([^"]+)"/.exec(page.body)![1]!;
    const misquoted = await post(`${base}/codings`, {
      responseId,
      codes: 'ACCESS',
      quote: 'three buses',
    });
    expect(misquoted.statusCode).toBe(400);
    expect(misquoted.body).toContain('The quote is not part of the answer');
    const coded = await post(`${base}/codings`, {
      responseId,
      codes: ['ACCESS'],
      quote: 'two buses away',
    });
    expect(coded.statusCode).toBe(303);
    const tallies = await selectTallies(database.db, consultation.id);
    expect(tallies.filter((row) => row.kind === 'theme').map((row) => row.count)).toEqual([1, 1]);
    const analysis = await app.inject({
      url: `/consultations/${consultation.slug}/analysis`,
      headers: { cookie: cookies },
    });
    expect(analysis.statusCode).toBe(200);
    expect(analysis.body).toContain('1 coded, 0 not yet coded');
    expect(analysis.body).toContain('<svg');
    // Plain words: no UUID or slug in what a reader sees on either page (issue 22 item 5).
    const again = await app.inject({ url: base, headers: { cookie: cookies } });
    for (const html of [analysis.body, again.body]) {
      const visible = html
        .replace(/<(script|style|head|svg)\b[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]+>/g, ' ');
      expect(visible).not.toMatch(
        /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
      );
      expect(visible).not.toContain(consultation.slug);
      expect(visible).not.toMatch(/free-text|nhs-staff|single-choice/);
    }
  });
});

describe('the analysis report and "we heard / we did" (Gunning 4: "conscientiously taken into account")', () => {
  it('freezes the figures as version 1, 2 …, whatever the tallies do afterwards', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const [analyst] = await testAnalysts(database.db);
    const [agree] = consultation.questions;
    const add = (change: number) =>
      database.db.transaction((transaction) =>
        applyTallyDeltas(transaction, consultation.id, [
          {
            questionId: agree!.id,
            kind: 'choice',
            key: 'Agree',
            respondentCategory: 'public',
            change,
          },
          {
            questionId: agree!.id,
            kind: 'answered',
            key: '',
            respondentCategory: 'public',
            change,
          },
        ]),
      );
    await add(5);
    const first = await produceAnalysisReport({
      db: database.db,
      context,
      actor: analyst,
      slug: consultation.slug,
    });
    await add(3);
    const second = await produceAnalysisReport({
      db: database.db,
      context,
      actor: analyst,
      slug: consultation.slug,
    });
    expect([first.version, second.version]).toEqual([1, 2]);
    const latest = await selectLatestReport(database.db, consultation.id);
    const figures = latest!.figures as ReportFigures;
    expect(latest!.version).toBe(2);
    expect(figures.questions[0]!.answered).toBe(8);
    expect(JSON.stringify(figures)).not.toContain('<svg');
    const [frozen] = await database.db
      .select({ figures: consultationAnalysisReports.figures })
      .from(consultationAnalysisReports)
      .where(
        and(
          eq(consultationAnalysisReports.consultationId, consultation.id),
          eq(consultationAnalysisReports.version, 1),
        ),
      );
    expect((frozen!.figures as ReportFigures).questions[0]!.answered).toBe(5);
  });

  it('lists the themes still without a response, and records one for a theme', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const [analyst] = await testAnalysts(database.db);
    for (const code of ['TRAVEL', 'COST']) {
      await addTheme({
        db: database.db,
        context,
        actor: analyst,
        slug: consultation.slug,
        questionNumber: 4,
        theme: { code, label: code === 'TRAVEL' ? 'Travel' : 'Cost and funding' },
      });
    }
    await recordThemeResponse({
      db: database.db,
      context,
      actor: analyst,
      slug: consultation.slug,
      questionNumber: 4,
      themeCode: 'travel',
      weHeard: 'Many of you told us the journey to a specialist centre is too long by bus.',
      weDid: 'Transport for London will add routes to each hyperacute stroke unit.',
    });
    expect(await selectThemesWithoutResponse(database.db, consultation.id)).toEqual([
      { code: 'COST', questionNumber: 4 },
    ]);
  });
});

describe('the report page, its PDF and "we heard / we did" through the pages (Gunning 4)', () => {
  it('records we heard / we did per theme, produces the report and shows it as a page and a PDF', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const [agree] = consultation.questions;
    await insertAnalystAccount(database.db, {
      bodySlug: 'joint-committee-of-pcts',
      email: 'analyst-report@test.invalid',
      personIndex: 3,
      password: 'analyst-password-1',
      now: fixedNow,
    });
    let { cookies } = await signInThroughForm(
      app,
      'analyst-report@test.invalid',
      'analyst-password-1',
    );
    const [analyst] = await testAnalysts(database.db);
    await addTheme({
      db: database.db,
      context,
      actor: analyst,
      slug: consultation.slug,
      questionNumber: 4,
      theme: { code: 'TRAVEL', label: 'Travel to specialist care' },
    });
    await database.db.transaction((transaction) =>
      applyTallyDeltas(
        transaction,
        consultation.id,
        (['Agree', 'Disagree'] as const).flatMap((key, index) => [
          {
            questionId: agree!.id,
            kind: 'choice' as const,
            key,
            respondentCategory: 'public' as const,
            change: index === 0 ? 1234 : 56,
          },
          {
            questionId: agree!.id,
            kind: 'answered' as const,
            key: '',
            respondentCategory: 'public' as const,
            change: index === 0 ? 1234 : 56,
          },
        ]),
      ),
    );
    const analysisPath = `/consultations/${consultation.slug}/analysis`;
    const post = async (from: string, url: string, fields: Record<string, string>) => {
      const page = await app.inject({ url: from, headers: { cookie: cookies } });
      cookies = cookieHeader(page.headers['set-cookie'], cookies);
      return app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
      });
    };

    // Before any report: the page says so, the PDF is not there.
    const none = await app.inject({ url: `${analysisPath}/report`, headers: { cookie: cookies } });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No report has been produced yet.');
    expect(none.body).toContain('1 theme has no “we heard / we did” yet');
    expect(
      (await app.inject({ url: `${analysisPath}/report.pdf`, headers: { cookie: cookies } }))
        .statusCode,
    ).toBe(404);

    // "We heard / we did" on the coding page: an empty "we did" is refused, nothing written.
    const coding = `${analysisPath}/questions/4`;
    const refused = await post(coding, `${coding}/themes/TRAVEL/response`, {
      theme: 'TRAVEL',
      weHeard: 'The journey to a specialist centre is too long by bus.',
      weDid: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Say what we did, or why nothing changed');
    expect(refused.body).toContain('id="weDid"');
    expect(await selectThemesWithoutResponse(database.db, consultation.id)).toHaveLength(1);
    const saved = await post(coding, `${coding}/themes/TRAVEL/response`, {
      theme: 'TRAVEL',
      weHeard: 'The journey to a specialist centre is too long by bus.',
      weDid: 'Transport for London will add routes to each stroke unit.',
    });
    expect(saved.statusCode).toBe(303);
    const again = await app.inject({ url: coding, headers: { cookie: cookies } });
    expect(again.body).toContain('We heard, we did');
    expect(again.body).toContain('Transport for London will add routes to each stroke unit.');
    expect(await selectThemesWithoutResponse(database.db, consultation.id)).toEqual([]);

    // "Produce the report" from the analysis page.
    const analysis = await app.inject({ url: analysisPath, headers: { cookie: cookies } });
    expect(analysis.body).toContain('Produce the report');
    const produced = await post(analysisPath, `${analysisPath}/report`, {});
    expect(produced.statusCode).toBe(303);
    expect(produced.headers.location).toBe(`${analysisPath}/report?done=produced`);
    const report = await app.inject({
      url: produced.headers.location as string,
      headers: { cookie: cookies },
    });
    expect(report.statusCode).toBe(200);
    const text = report.body.replace(/\s+/g, ' ');
    expect(text).toContain('Report version 1 was produced.');
    expect(text).toContain('23 November 2026 at 10:00 by');
    expect(text).toContain('<svg');
    expect(text).toContain('1,234 (96%)');
    expect(text).toContain('Question 1 by choice and by who responded');
    expect(text).toContain('<strong>We heard:</strong> The journey to a specialist centre');
    const visible = report.body
      .replace(/<(script|style|head|svg)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
    );
    expect(visible).not.toContain(consultation.slug);

    const pdf = await app.inject({
      url: `${analysisPath}/report.pdf`,
      headers: { cookie: cookies },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const directory = mkdtempSync(path.join(tmpdir(), 'analysis-report-'));
    const file = path.join(directory, 'report.pdf');
    writeFileSync(file, pdf.rawPayload);
    const { stdout } = await promisify(execFile)('/usr/bin/pdftotext', ['-layout', file, '-']);
    const pdfText = stdout.replace(/\s+/g, ' ');
    expect(pdfText).toContain('Report version 1, produced on 23 November 2026 at 10:00');
    expect(pdfText).toContain('Question 1: answers by choice');
    expect(pdfText).toContain('Agree');
    expect(pdfText).toContain('1,234 (96%)');
    expect(pdfText).toContain('56 (4%)');
    expect(pdfText).toContain('We heard: The journey to a specialist centre is too long by bus.');
    expect(pdfText).toContain('We did: Transport for London will add routes to each stroke unit.');
    expect(pdfText).toContain('conscientiously taken into account');
  });
});
