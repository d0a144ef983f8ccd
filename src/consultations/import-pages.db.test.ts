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
import type { App } from '../http/app-types.ts';
import { syntheticCsv } from './synthetic-responses.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

let database: DatabaseHandle;
let app: App;
let consultation: TestConsultation;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  consultation = await insertTestConsultation(database.db, { now: fixedNow });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function multipart(fields: Record<string, string>, content: string, fileName: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content], { type: 'text/csv' }), fileName);
  const request = new Request('http://concordat.invalid/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

async function upload(content: string, fileName = 'paper forms.csv') {
  const { cookies } = await signInThroughForm(app, demoEmails.administrator);
  const page = await app.inject({
    url: `/consultations/${consultation.slug}/import`,
    headers: { cookie: cookies },
  });
  expect(page.statusCode).toBe(200);
  const jar = cookieHeader(page.headers['set-cookie'], cookies);
  const body = await multipart({ _csrf: csrfTokenIn(page.body) }, content, fileName);
  const started = await app.inject({
    method: 'POST',
    url: `/consultations/${consultation.slug}/import`,
    headers: { cookie: jar, 'content-type': body.contentType },
    payload: body.payload,
  });
  return { started, jar };
}

async function finished(location: string, jar: string) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const run = await app.inject({ url: location, headers: { cookie: jar } });
    expect(run.statusCode).toBe(200);
    if (!run.body.includes('http-equiv="refresh"')) return run.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the import did not finish');
}

describe('the import page (2008 "Healthcare for London" bullet 1)', () => {
  it('takes a CSV upload, shows the import running, then the responses imported; the same file again imports nothing', async () => {
    const csv = [...syntheticCsv(consultation.questions, 1_500, 4)].join('');
    const { started, jar } = await upload(csv);
    expect(started.statusCode).toBe(303);
    const location = started.headers.location as string;
    expect(location).toMatch(new RegExp(`^/consultations/${consultation.slug}/import/runs/`));
    const body = await finished(location, jar);
    expect(body).toContain('Imported 1,500 responses');

    const page = await app.inject({
      url: `/consultations/${consultation.slug}/import`,
      headers: { cookie: jar },
    });
    expect(page.body).toContain('paper forms.csv');
    expect(page.body).toContain('23 November 2026');

    const again = await upload(csv, 'copy.csv');
    const repeated = await finished(again.started.headers.location as string, again.jar);
    expect(repeated).toContain(
      'was already imported on 23 November 2026 at 10:00 as paper forms.csv, 1,500 responses',
    );

    const tallies = await app.inject({
      url: `/api/v1/consultations/${consultation.slug}/tallies`,
      headers: await bearerFor(app, 'administrator', 'write'),
    });
    expect(tallies.statusCode).toBe(200);
    const answered = (tallies.json() as { questions: { answeredTotal: number }[] }).questions;
    expect(answered).toHaveLength(4);
    expect(answered[0]!.answeredTotal).toBeGreaterThan(1_000);
  });

  it('shows the lines to correct when a line is bad, and a file that is neither CSV nor XLSX is refused on the form', async () => {
    const header = 'category,organisation,publish_consent,Q1,Q2,Q3,Q4\n';
    const { started, jar } = await upload(`${header}public,,no,Agree,,,\npublic,,no,Perhaps,,,\n`);
    const body = await finished(started.headers.location as string, jar);
    expect(body).toContain('Nothing was imported');
    expect(body).toContain('Line 3, column Q1: &quot;Perhaps&quot; is not one of its choices');

    // A quote mark inside an unquoted cell ended the server process once (review H1): now the run
    // is refused with the line, and the server answers the next request.
    const quoted = await upload(`category,Q1,Q4\npublic,Agree,I said "no" to closing\n`);
    const refused = await finished(quoted.started.headers.location as string, quoted.jar);
    expect(refused).toContain('Nothing was imported');
    expect(refused).toContain('Line 2: a quote mark inside a cell that is not in double quotes');
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);

    const wrong = await upload('hello', 'notes.txt');
    expect(wrong.started.statusCode).toBe(400);
    expect(wrong.started.body).toContain('Choose a file whose name ends in .csv or .xlsx.');
  });

  it('is not for someone who does not run the consultation', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.member);
    const page = await app.inject({
      url: `/consultations/${consultation.slug}/import`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(403);
  });
});
