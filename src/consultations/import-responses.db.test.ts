import { Readable } from 'node:stream';
import { and, count, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmails } from '../../test/support/demo-actors.ts';
import { fixedNow, seedDemo } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents, consultationImports, consultationResponses } from '../db/schema/index.ts';
import { loadAccountActor } from '../identity/actor.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { type ImportOutcome, importResponses } from './import-responses.ts';
import { seedDemoResponses } from './seed-demo-responses.ts';
import {
  csvLineOf,
  importHeader,
  syntheticCsv,
  syntheticResponses,
} from './synthetic-responses.ts';
import { selectResponseCounts, selectTallies } from './tally-queries.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

let database: DatabaseHandle;
let administrator: Actor;
let member: Actor;
const context = { actor: 'test', now: fixedNow };

async function actorOf(email: string): Promise<Actor> {
  const account = await selectAccountByEmail(database.db, email);
  const actor = await loadAccountActor(database.db, account!.id, fixedNow, {
    authenticatedBy: 'session',
  });
  return actor!;
}

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database);
  administrator = await actorOf(demoEmails.administrator);
  member = await actorOf(demoEmails.member);
});

afterAll(async () => {
  await database?.close();
});

async function responsesOf(consultation: TestConsultation): Promise<number> {
  const [row] = await database.db
    .select({ count: count() })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, consultation.id));
  return row!.count;
}

function csvOf(consultation: TestConsultation, rows: number, extra = ''): string {
  return `${[...syntheticCsv(consultation.questions, rows, 25)].join('')}${extra}`;
}

async function importText(
  consultation: TestConsultation,
  text: string | Buffer,
  options: { format?: 'csv' | 'xlsx'; actor?: Actor; fileName?: string } = {},
): Promise<ImportOutcome> {
  return importResponses({
    db: database.db,
    context,
    actor: options.actor ?? administrator,
    consultationSlug: consultation.slug,
    fileName: options.fileName ?? 'responses.csv',
    format: options.format ?? 'csv',
    input: Readable.from([typeof text === 'string' ? Buffer.from(text) : text]),
  });
}

async function refusalOf(promise: Promise<unknown>): Promise<ProblemError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return error as ProblemError;
}

describe('importing responses (2008 "Healthcare for London" bullet 1: "taking full account of all the comments received")', () => {
  it('imports 5,000 responses in one go: channel import, line numbers, tallies once, one audit event; a re-run imports nothing', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const text = csvOf(consultation, 5_000);
    const outcome = await importText(consultation, text);
    expect(outcome).toMatchObject({ kind: 'imported', responses: 5_000 });
    expect(await responsesOf(consultation)).toBe(5_000);

    const [line2] = await database.db
      .select()
      .from(consultationResponses)
      .where(
        and(
          eq(consultationResponses.consultationId, consultation.id),
          eq(consultationResponses.importLine, 2),
        ),
      );
    expect(line2).toMatchObject({ channel: 'import', state: 'submitted' });
    expect(line2!.importId).toBe(outcome.importId);

    // The tallies equal the answers counted from the rows themselves.
    const [first] = consultation.questions;
    const expected = [...syntheticResponses(consultation.questions, 5_000, 25)].filter(
      (response) => response.answers.get(1) === 'Agree' && response.category === 'public',
    ).length;
    const tallies = await selectTallies(database.db, consultation.id);
    expect(
      tallies.find(
        (row) =>
          row.questionId === first!.id &&
          row.kind === 'choice' &&
          row.key === 'Agree' &&
          row.respondentCategory === 'public',
      )?.count,
    ).toBe(expected);
    const answered = tallies
      .filter((row) => row.questionId === first!.id && row.kind === 'answered')
      .reduce((sum, row) => sum + row.count, 0);
    const [direct] = await database.db
      .select({ count: count() })
      .from(consultationResponses)
      .where(
        and(
          eq(consultationResponses.consultationId, consultation.id),
          sql`${consultationResponses.answers} ? ${first!.id}`,
        ),
      );
    expect(answered).toBe(direct!.count);
    // The responses counted for the totals: all 5,000 imported, by who responded as the rows say.
    const counted = await selectResponseCounts(database.db, consultation.id);
    expect(counted.every((row) => row.channel === 'import')).toBe(true);
    expect(counted.reduce((sum, row) => sum + row.count, 0)).toBe(5_000);
    const organisations = [...syntheticResponses(consultation.questions, 5_000, 25)].filter(
      (response) => response.category === 'organisation',
    ).length;
    expect(counted.find((row) => row.respondentCategory === 'organisation')?.count).toBe(
      organisations,
    );

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, outcome.importId));
    expect(events.map((event) => event.action)).toEqual(['consultation.responses-imported']);

    const again = await importText(consultation, text, { fileName: 'responses again.csv' });
    expect(again).toMatchObject({
      kind: 'already-imported',
      importId: outcome.importId,
      responses: 5_000,
      fileName: 'responses.csv',
    });
    expect(await responsesOf(consultation)).toBe(5_000);
    const imports = await database.db
      .select()
      .from(consultationImports)
      .where(eq(consultationImports.consultationId, consultation.id));
    expect(imports).toHaveLength(1);
    const after = await selectTallies(database.db, consultation.id);
    expect(after).toEqual(expect.arrayContaining(tallies));
    expect(after).toHaveLength(tallies.length);
    expect(await selectResponseCounts(database.db, consultation.id)).toEqual(
      expect.arrayContaining(counted),
    );
  });

  it('refuses a file with one bad line at the end of 5,000: nothing imported, the line and column named', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const refusal = await refusalOf(
      importText(consultation, csvOf(consultation, 5_000, 'public,,no,Maybe,,,\n')),
    );
    expect(refusal.problem.status).toBe(400);
    expect(refusal.problem.errors?.[0]?.message).toBe(
      'Line 5,002, column Q1: "Maybe" is not one of its choices (Strongly agree, Agree, Neither, Disagree, Strongly disagree).',
    );
    expect(refusal.problem.detail).toContain('Nothing was imported');
    expect(await responsesOf(consultation)).toBe(0);
    expect(await selectTallies(database.db, consultation.id)).toEqual([]);
  });

  it('refuses a line with a quote mark inside an unquoted cell, naming the line, and the process goes on (review H1)', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    for (const text of [
      'category,Q1,Q4\npublic,Agree,I said "no" to closing the Whittington\n',
      `category,Q1,Q4\n${'public,Agree,fine\n'.repeat(1_200)}public,Agree,=HYPERLINK("x")\n`,
    ]) {
      const refusal = await refusalOf(importText(consultation, text));
      expect(refusal.problem.status).toBe(400);
      expect(JSON.stringify(refusal.problem)).toMatch(/line (2|1,202)/i);
      expect(JSON.stringify(refusal.problem)).toContain('quote');
    }
    expect(await responsesOf(consultation)).toBe(0);
  });

  it('refuses a line with more cells than the header has columns, rather than drop the words (review M1)', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const refusal = await refusalOf(
      importText(consultation, 'category,Q1,Q4\npublic,Agree,ok fine,extra,cells\n'),
    );
    expect(refusal.problem.errors?.[0]?.message).toBe(
      'Line 2: 5 cells where the header names 3 columns — a comma in an answer needs the answer in double quotes.',
    );
    expect(await responsesOf(consultation)).toBe(0);
  });

  it('refuses an unknown respondent category and a choice not an option of a multiple-choice question', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const text = `${importHeader(consultation.questions)}patient,,no,Agree,,,\npublic,,no,,Diagnostics; Dentistry,,\n`;
    const refusal = await refusalOf(importText(consultation, text));
    expect(refusal.problem.errors?.map((error) => error.message)).toEqual([
      expect.stringMatching(/^Line 2, column category: "patient" is not a respondent category/),
      expect.stringMatching(/^Line 3, column Q2: "Dentistry" is not one of its choices/),
    ]);
    expect(await responsesOf(consultation)).toBe(0);
  });

  it('refuses a header with a question the consultation does not ask, and an empty file', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const refusal = await refusalOf(importText(consultation, 'category,Q1,Q9\npublic,Agree,x\n'));
    expect(refusal.problem.errors?.[0]?.message).toContain(
      'the consultation asks questions 1 to 4',
    );
    const empty = await refusalOf(importText(consultation, ''));
    expect(empty.problem.errors?.[0]?.message).toContain('The file is empty');
    expect(await responsesOf(consultation)).toBe(0);
  });

  it('refuses an XLSX file that is not one, and imports a real one', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const notXlsx = await refusalOf(
      importText(consultation, csvOf(consultation, 10), { format: 'xlsx', fileName: 'a.xlsx' }),
    );
    expect(notXlsx.problem.errors?.[0]?.message).toMatch(/^The file is not an XLSX workbook/);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Responses');
    sheet.addRow(['category', 'organisation', 'publish_consent', 'Q1', 'Q2', 'Q3', 'Q4']);
    for (const response of syntheticResponses(consultation.questions, 200, 3)) {
      const cells = csvLineOf(consultation.questions, response); // the same cells, as CSV
      expect(cells).toBeTruthy();
      sheet.addRow([
        response.category,
        response.organisation ?? '',
        response.publishConsent ? 'yes' : 'no',
        ...consultation.questions.map((question) => {
          const answer = response.answers.get(question.number);
          return Array.isArray(answer) ? answer.join('; ') : (answer ?? '');
        }),
      ]);
    }
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const outcome = await importText(consultation, buffer, {
      format: 'xlsx',
      fileName: 'paper.xlsx',
    });
    expect(outcome).toMatchObject({ kind: 'imported', responses: 200 });
    expect(await responsesOf(consultation)).toBe(200);
  });

  it('refuses someone who does not run the consultation, and a consultation still being prepared', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const forbidden = await refusalOf(
      importText(consultation, csvOf(consultation, 5), { actor: member }),
    );
    expect(forbidden.problem.status).toBe(403);
    const preparing = await insertTestConsultation(database.db, {
      now: fixedNow,
      stage: 'preparing',
    });
    const early = await refusalOf(importText(preparing, csvOf(preparing, 5)));
    expect(early.problem.status).toBe(409);
    expect(await responsesOf(consultation)).toBe(0);
  });

  it('seeds the demo responses through the importer, once', async () => {
    const consultation = await insertTestConsultation(database.db, { now: fixedNow });
    const seeded = await seedDemoResponses({
      db: database.db,
      context,
      slug: consultation.slug,
      count: 300,
    });
    expect(seeded).toMatchObject({ kind: 'imported', responses: 300 });
    const again = await seedDemoResponses({
      db: database.db,
      context,
      slug: consultation.slug,
      count: 300,
    });
    expect(again).toMatchObject({ kind: 'already-imported' });
    expect(await responsesOf(consultation)).toBe(300);
    // The demo team read and cleared every organisation's response that consented (review M8).
    const organisations = await database.db
      .select({
        consent: consultationResponses.publishConsent,
        decision: consultationResponses.publicationDecision,
      })
      .from(consultationResponses)
      .where(
        and(
          eq(consultationResponses.consultationId, consultation.id),
          eq(consultationResponses.respondentCategory, 'organisation'),
        ),
      );
    expect(organisations.filter((row) => row.consent).length).toBeGreaterThan(0);
    for (const row of organisations) {
      expect(row.decision).toBe(row.consent ? 'publish' : null);
    }
  });
});
