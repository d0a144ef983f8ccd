import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCsv } from '../../src/consultations/index.ts';
import {
  insertTestConsultation,
  type TestConsultation,
} from '../../src/consultations/testing/consultation-fixture.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { importResponsesThroughPage } from '../support/consultation-import-steps.ts';
import { demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let consultation: TestConsultation;

beforeAll(async () => {
  server = await startTestServer();
  consultation = await insertTestConsultation(server.app.database.db, { now: new Date() });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('importing responses in the browser (2008 "Healthcare for London" bullet 1: "taking full account of all the comments received")', () => {
  it('the secretariat uploads a CSV, sees the import run, then the result; a bad line imports nothing and is named', async () => {
    const page = await signInThroughForm(
      context,
      server.baseUrl,
      { email: demoEmails.administrator, password: demoPassword },
      `/consultations/${consultation.slug}/import`,
    );
    const csv = [...syntheticCsv(consultation.questions, 2_000, 7)].join('');
    const imported = await importResponsesThroughPage(page, server.baseUrl, consultation.slug, csv);
    expect(imported.heading).toBe('Imported paper-forms.csv');
    expect(imported.main).toContain('Imported 2,000 responses into Consulting the capital (test).');

    const refused = await importResponsesThroughPage(
      page,
      server.baseUrl,
      consultation.slug,
      `${csv.split('\n')[0]}\npublic,,no,Maybe,,,\n`,
      'late-forms.csv',
    );
    expect(refused.heading).toBe('Nothing was imported from late-forms.csv');
    expect(refused.main).toContain('Line 2, column Q1: "Maybe" is not one of its choices');
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
