import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow, seedDemo } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { bodyReportDistributions, bodyReports } from '../db/schema/reports.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoProgramme } from '../programme/index.ts';
import { seedDemoMeetings } from '../seed/demo-meetings.ts';
import { seedDemoReports } from './index.ts';

// The test clock is 2026-11-23 (fixedNow). Quoted: 2008 §Key responsibilities, Communications —
// "Minutes will be prepared for each meeting and there will be regular progress updates and an
// annual report of the work of the LCG"; 2006 §110 — "the Group shall produce an annual report of
// its activities for submission to each PCT Board".
const lcg = 'london-commissioning-group';
const northCentral = 'north-central-local-commissioning-group';

let database: DatabaseHandle;
let app: App;
type Headers = { authorization: string };
let programmeOffice: Headers;
let secretariat: Headers;
let publicAccount: Headers;
let areaSecretariat: Headers;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  const context = { actor: 'seed', now: fixedNow };
  await seedDemoMeetings({ db: database.db, context, publicUrl: 'http://concordat.invalid' });
  await seedDemoProgramme({ db: database.db, context });
  programmeOffice = await bearerFor(app, 'programme');
  secretariat = await bearerFor(app, 'secretariat');
  publicAccount = await bearerFor(app, 'public');
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function written() {
  const [reports] = await database.db.select({ n: count() }).from(bodyReports);
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'report.%'));
  return { reports: reports?.n ?? 0, events: events?.n ?? 0 };
}

const generate = (headers: Headers, payload: Record<string, unknown>, slug = lcg) =>
  app.inject({ method: 'POST', url: `/api/v1/bodies/${slug}/reports`, headers, payload });

describe('generating a progress update from the record', () => {
  it('freezes the quarter’s programme RAG, its changes with reasons, and the actions completed and late', async () => {
    const before = await written();
    const response = await generate(programmeOffice, {
      kind: 'progress-update',
      periodFrom: '2008-10-01',
      periodTo: '2008-12-31',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().version).toBe(1);
    const report = (
      await app.inject({
        url: `/api/v1/reports/${response.json().reportId}`,
        headers: programmeOffice,
      })
    ).json();
    expect(report.kindText).toBe('Progress update');
    expect(report.figures.duty.clause).toBe('2008 §Key responsibilities, Communications');
    const [programme] = report.figures.programmes;
    expect(programme.title).toContain('Healthcare for London');
    expect(programme.ragByMonth.map((month: { monthText: string }) => month.monthText)).toEqual([
      'October 2008',
      'November 2008',
      'December 2008',
    ]);
    for (const change of programme.ragChanges) {
      expect(change.reason.length).toBeGreaterThan(0);
      expect(change.changedOn >= '2008-10-01' && change.changedOn <= '2008-12-31').toBe(true);
    }
    const atEnd = programme.atEnd;
    expect(atEnd.red + atEnd.amber + atEnd.green).toBeLessThanOrEqual(atEnd.total);
    expect(await written()).toEqual({ reports: before.reports + 1, events: before.events + 1 });
  });

  it('makes a new version of the same period only with its reason, keeping the first', async () => {
    const before = await written();
    const quarter = { kind: 'progress-update', periodFrom: '2008-10-01', periodTo: '2008-12-31' };
    const unexplained = await generate(programmeOffice, quarter);
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json().errors[0]).toMatchObject({ field: 'reason' });
    expect(unexplained.json().detail).toContain(
      'This period already has a progress update (version 1)',
    );
    expect(await written()).toEqual(before);
    const again = await generate(programmeOffice, {
      ...quarter,
      reason: 'The December RAG change was recorded late.',
    });
    expect(again.json().version).toBe(2);
    const second = (
      await app.inject({
        url: `/api/v1/reports/${again.json().reportId}`,
        headers: programmeOffice,
      })
    ).json();
    expect(second.reason).toBe('The December RAG change was recorded late.');
    expect(second.versions.map((each: { version: number }) => each.version)).toEqual([1, 2]);
  });

  it('is read, until it is sent, only by those who prepare the body’s reports', async () => {
    const [draft] = await database.db
      .select({ id: bodyReports.id })
      .from(bodyReports)
      .where(eq(bodyReports.periodTo, '2008-12-31'))
      .limit(1);
    expect((await app.inject(`/api/v1/reports/${draft?.id}`)).statusCode).toBe(404);
    expect((await app.inject(`/reports/${draft?.id}`)).statusCode).toBe(404);
    expect((await app.inject(`/reports/${draft?.id}/report.pdf`)).statusCode).toBe(404);
    const list = (await app.inject(`/api/v1/bodies/${lcg}/reports`)).json();
    expect(list.reports).toEqual([]);
    const page = await app.inject({ url: `/bodies/${lcg}/reports`, headers: programmeOffice });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('Generate report');
    // One click for the last quarter and the last year that have ended (the clock is 23 November).
    expect(page.body).toContain('Progress update for 1 July 2026 to 30 September 2026');
    expect(page.body).toContain('Annual report for 1 April 2025 to 31 March 2026');
    const readOnly = await bearerFor(app, 'programme', 'read');
    expect(
      (await app.inject({ url: `/api/v1/reports/${draft?.id}`, headers: readOnly })).statusCode,
    ).toBe(200);
  });
});

describe('refusals, each naming its rule and writing nothing', () => {
  it('refuses a period with no end, quoting the duty', async () => {
    const before = await written();
    const response = await generate(programmeOffice, {
      kind: 'annual-report',
      periodFrom: '2026-04-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'periodTo' });
    expect(response.json().detail).toContain('a report is of a period with an end');
    expect(response.json().detail).toContain('2008 §Key responsibilities, Communications');
    expect(await written()).toEqual(before);
  });

  it('refuses a period longer than its kind covers: a quarter for an update, a year for a report', async () => {
    const before = await written();
    const long = await generate(programmeOffice, {
      kind: 'annual-report',
      periodFrom: '1900-01-01',
      periodTo: '2026-11-22',
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().detail).toContain('An annual report covers a year at most');
    const update = await generate(programmeOffice, {
      kind: 'progress-update',
      periodFrom: '2008-04-01',
      periodTo: '2008-09-30',
    });
    expect(update.json().detail).toContain('A progress update covers a quarter at most');
    expect(await written()).toEqual(before);
  });

  it('refuses a period that ends before it starts, or has not ended', async () => {
    const before = await written();
    const backwards = await generate(programmeOffice, {
      kind: 'annual-report',
      periodFrom: '2009-03-31',
      periodTo: '2008-04-01',
    });
    expect(backwards.json().detail).toBe('The period cannot end before it starts.');
    const running = await generate(programmeOffice, {
      kind: 'annual-report',
      periodFrom: '2026-04-01',
      periodTo: '2027-03-31',
    });
    expect(running.statusCode).toBe(400);
    expect(running.json().detail).toContain('The period has not ended yet');
    expect(await written()).toEqual(before);
  });

  it('refuses a progress update of a body whose terms name no such duty', async () => {
    const before = await written();
    const response = await generate(
      areaSecretariat,
      {
        kind: 'progress-update',
        periodFrom: '2026-04-01',
        periodTo: '2026-06-30',
      },
      northCentral,
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().detail).toContain('name no duty to produce progress updates');
    expect(await written()).toEqual(before);
  });

  it('lets only the body’s secretariat or programme office generate, checked in the use case', async () => {
    const before = await written();
    const payload = { kind: 'annual-report', periodFrom: '2026-04-01', periodTo: '2026-10-31' };
    expect((await generate(publicAccount, payload)).statusCode).toBe(403);
    expect((await generate(areaSecretariat, payload)).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/bodies/${lcg}/reports`, payload }))
        .statusCode,
    ).toBe(401);
    expect(await written()).toEqual(before);
  });
});

describe('the annual report for each PCT Board, distributed with receipts', () => {
  let reportId: string;

  beforeAll(async () => {
    const response = await generate(secretariat, {
      kind: 'annual-report',
      periodFrom: '2026-04-01',
      periodTo: '2026-11-22',
    });
    expect(response.statusCode, response.body).toBe(201);
    reportId = response.json().reportId;
  });

  it('counts the meetings held and each member’s attendance, by member and by sector', async () => {
    const report = (
      await app.inject({ url: `/api/v1/reports/${reportId}`, headers: programmeOffice })
    ).json();
    const { figures } = report;
    expect(figures.meetings).toHaveLength(2);
    expect(figures.attendance.members.length).toBeGreaterThan(5);
    for (const member of figures.attendance.members) {
      expect(member.present + member.deputised + member.apologies + member.absent).toBe(
        member.expected,
      );
    }
    const sectors = figures.attendance.bySector.map((sector: { sector: string }) => sector.sector);
    expect(sectors).toEqual([
      'London-wide members',
      'North Central',
      'North East',
      'North West',
      'South East',
      'South West',
    ]);
    expect(figures.terms.version).toBeGreaterThan(0);
    expect(figures.terms.reviewClause).toBe('2008 §Review');
  });

  it('shows the page with both charts and their tables, and a PDF with the charts’ words', async () => {
    // Not yet sent: read by those who prepare it (after distribution, by anyone).
    const page = await app.inject({ url: `/reports/${reportId}`, headers: programmeOffice });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Attendance by sector');
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain('Actions by RAG status at the end of each month');
    expect(page.body).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\//,
    );
    const pdf = await app.inject({
      url: `/reports/${reportId}/report.pdf`,
      headers: programmeOffice,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const directory = mkdtempSync(join(tmpdir(), 'report-pdf-'));
    const file = join(directory, 'report.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Annual report: London Commissioning Group');
    expect(text).toContain('Attendance by sector');
    expect(text).toContain('Review of the terms of reference');
    expect(text).toContain('Not yet sent to the boards: a draft.');
    expect(text).toMatch(/Page 1 of [2-9]/);
  });

  it('goes to every London PCT and NHS London once, each with a receipt link that confirms once', async () => {
    const anyone = await app.inject({
      method: 'POST',
      url: `/api/v1/reports/${reportId}/distribution`,
      headers: publicAccount,
    });
    expect(anyone.statusCode).toBe(403);
    const sent = await app.inject({
      method: 'POST',
      url: `/api/v1/reports/${reportId}/distribution`,
      headers: programmeOffice,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().recipients).toBe(32);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/reports/${reportId}/distribution`,
      headers: programmeOffice,
    });
    expect(again.statusCode).toBe(409);
    const [distributions] = await database.db
      .select({ n: count() })
      .from(bodyReportDistributions)
      .where(eq(bodyReportDistributions.reportId, reportId));
    expect(distributions?.n).toBe(32);

    const [mail] = await database.db
      .select({ body: mailOutbox.body })
      .from(mailOutbox)
      .where(like(mailOutbox.subject, 'Annual report: London Commissioning Group%'))
      .limit(1);
    const token = /\/report-receipts\/(\S+)/.exec(mail?.body ?? '')?.[1] ?? '';
    expect(mail?.body).toContain('2008 §Key responsibilities, Communications');
    const confirmed = await app.inject({ method: 'POST', url: `/api/v1/report-receipts/${token}` });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().alreadyConfirmed).toBe(false);
    const twice = await app.inject({ method: 'POST', url: `/api/v1/report-receipts/${token}` });
    expect(twice.json().alreadyConfirmed).toBe(true);
    const forged = await app.inject({ method: 'POST', url: '/api/v1/report-receipts/rcpt_forged' });
    expect(forged.statusCode).toBe(404);

    const report = (
      await app.inject({ url: `/api/v1/reports/${reportId}`, headers: programmeOffice })
    ).json();
    expect(report.receipts).toMatchObject({ sent: 32, confirmed: 1 });
    expect(report.receipts.byBoard).toHaveLength(32);
    const publicView = (await app.inject(`/api/v1/reports/${reportId}`)).json();
    expect(publicView.receipts.byBoard).toEqual([]);
    const readOnly = await bearerFor(app, 'programme', 'read');
    const ownerView = (
      await app.inject({ url: `/api/v1/reports/${reportId}`, headers: readOnly })
    ).json();
    expect(ownerView.receipts.byBoard).toHaveLength(32);
  });

  it('meets each duty for the period it covers: an old quarter sent today does not meet today’s', async () => {
    const [oldQuarter] = await database.db
      .select({ id: bodyReports.id })
      .from(bodyReports)
      .where(eq(bodyReports.periodTo, '2008-12-31'))
      .limit(1);
    const sent = await app.inject({
      method: 'POST',
      url: `/api/v1/reports/${oldQuarter?.id}/distribution`,
      headers: programmeOffice,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const communications = (
      await app.inject({ url: `/api/v1/bodies/${lcg}/communications`, headers: programmeOffice })
    ).json();
    const duty = (id: string) =>
      communications.duties.find((each: { id: string }) => each.id === id);
    expect(duty('annual-report').due.lastMet).toBe('2026-11-22');
    expect(duty('annual-report').sourceText).toContain('an annual report covering it');
    expect(duty('progress-updates').due).toMatchObject({
      lastMet: '2008-12-31',
      status: 'overdue',
    });
  });
});

describe('the demo reports', () => {
  it('are the London group’s quarters (the last not yet sent) and the 2008/09 annual reports of it and each sector group, seeded once', async () => {
    const fresh = await openTestDatabase();
    try {
      const context = { actor: 'seed', now: fixedNow };
      await seedDemo(fresh);
      await seedDemoProgramme({ db: fresh.db, context });
      expect(await seedDemoReports({ db: fresh.db, context })).toBe(10);
      expect(await seedDemoReports({ db: fresh.db, context })).toBe(0);
      const rows = await fresh.db
        .select({
          kind: bodyReports.kind,
          to: bodyReports.periodTo,
          sent: bodyReports.distributedAt,
        })
        .from(bodyReports);
      // The London group's and each of the five sector groups' (2006 §110).
      expect(rows.filter((row) => row.kind === 'annual-report').map((row) => row.to)).toEqual(
        Array(6).fill('2009-03-31'),
      );
      expect(rows.filter((row) => row.sent === null).map((row) => row.to)).toEqual(['2009-03-31']);
    } finally {
      await fresh.close();
    }
  });
});
