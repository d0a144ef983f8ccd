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
import { recordThemeResponse } from './record-theme-response.ts';
import { testAnalysts } from './testing/analysis-fixture.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

// The demo seats nine PCT representatives on the Joint Committee: the chief executives of Brent
// (member@), Camden (lead@) and Islington (associate@) among them.
let database: DatabaseHandle;
let app: App;
let analyst: Actor;
let consultation: TestConsultation;
const context = { actor: 'test', now: fixedNow };

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
