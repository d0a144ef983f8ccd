import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { count } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
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
import { meetingPapers, paperVersions } from '../db/schema/papers.ts';
import type { App } from '../http/app-types.ts';

const run = promisify(execFile);

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let meetingId: string;
let publicItemId: string;
let partTwoItemId: string;
let workDirectory: string;

const lcg = 'london-commissioning-group';

/** A small real PDF, made as the secretariat's word processor would. */
function pdfSaying(text: string): Promise<Buffer> {
  const document = new PDFDocument();
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    document.on('end', () => resolve(Buffer.concat(chunks))),
  );
  document.text(text);
  document.end();
  return done;
}

/** A multipart/form-data body serialised by the platform's own FormData, as a browser sends it. */
async function multipart(
  fields: Record<string, string>,
  file?: { name: string; content: Buffer; type?: string },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) {
    form.append(
      'file',
      new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  const request = new Request('http://concordat.invalid/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

async function upload(
  fields: Record<string, string>,
  file?: { name: string; content: Buffer; type?: string },
  headers: Record<string, string> = secretariat,
  targetMeetingId = meetingId,
) {
  const body = await multipart(fields, file);
  return app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${targetMeetingId}/papers`,
    headers: { ...headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function rowCounts() {
  const [papers] = await database.db.select({ total: count() }).from(meetingPapers);
  const [versions] = await database.db.select({ total: count() }).from(paperVersions);
  const [events] = await database.db.select({ total: count() }).from(auditEvents);
  return { papers: papers?.total, versions: versions?.total, events: events?.total };
}

async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(workDirectory, `${createHash('sha256').update(pdf).digest('hex')}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('/usr/bin/pdftotext', ['-layout', file, '-']);
  return stdout;
}

async function scheduleWithItems(startsAt: string, noticeGivenOn: string, urgencyReason?: string) {
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'London Commissioning Group, December',
      startsAt,
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn,
      ...(urgencyReason && { urgencyReason }),
    },
  });
  expect(scheduled.statusCode).toBe(201);
  const id = scheduled.json().meetingId as string;
  const addItem = async (payload: Record<string, unknown>) => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${id}/agenda-items`,
      headers: secretariat,
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json().agendaItemId as string;
  };
  const publicItem = await addItem({ title: 'Finance report, month 7', purpose: 'decision' });
  const partTwoItem = await addItem({
    title: 'Disposal of the Edgware estate',
    purpose: 'decision',
    isConfidential: true,
    confidentialityReason: 'Commercial negotiations are under way.',
  });
  return { id, publicItem, partTwoItem };
}

beforeAll(async () => {
  workDirectory = await mkdtemp(path.join(tmpdir(), 'concordat-papers-'));
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  const meeting = await scheduleWithItems('2026-12-10T14:00:00Z', '2026-12-01');
  meetingId = meeting.id;
  publicItemId = meeting.publicItem;
  partTwoItemId = meeting.partTwoItem;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
});

describe('papers uploaded to an agenda item, every upload a new version', () => {
  let paperId: string;
  let firstPdf: Buffer;

  it('stores a PDF as version 1 with its SHA-256, audited', async () => {
    firstPdf = await pdfSaying('Finance report, month 7: first draft');
    const response = await upload(
      { agendaItemId: publicItemId, title: 'Finance report' },
      { name: 'finance-report.pdf', content: firstPdf, type: 'application/pdf' },
    );
    expect(response.statusCode).toBe(201);
    const uploaded = response.json();
    paperId = uploaded.paperId;
    expect(uploaded).toMatchObject({
      title: 'Finance report',
      version: 1,
      fileName: 'finance-report.pdf',
      mediaType: 'application/pdf',
      byteLength: firstPdf.length,
      sha256: createHash('sha256').update(firstPdf).digest('hex'),
      // Uploaded 23 November for 10 December: well over 5 clear working days.
      publication: { late: false },
    });
    const events = await app.inject({
      url: `/api/v1/audit-events?entityType=meeting&entityId=${meetingId}`,
      headers: secretariat,
    });
    expect(JSON.stringify(events.json())).toContain('meeting.paper-uploaded');
  });

  it('numbers the next upload version 2 and keeps version 1 downloadable, byte for byte', async () => {
    const secondPdf = await pdfSaying('Finance report, month 7: final');
    const response = await upload(
      { paperId },
      { name: 'finance-report-final.pdf', content: secondPdf },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ paperId, version: 2, title: 'Finance report' });

    const first = await app.inject(`/papers/${paperId}/versions/1`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toContain('filename="finance-report.pdf"');
    expect(first.rawPayload.equals(firstPdf)).toBe(true);
    expect(await pdfText(first.rawPayload)).toContain('first draft');
    const second = await app.inject(`/papers/${paperId}/versions/2`);
    expect(await pdfText(second.rawPayload)).toContain('final');
    expect((await app.inject(`/papers/${paperId}/versions/3`)).statusCode).toBe(404);

    const listing = (await app.inject(`/api/v1/meetings/${meetingId}/papers`)).json();
    const paper = listing.items[0].papers[0];
    expect(paper.versions.map((version: { version: number }) => version.version)).toEqual([1, 2]);
    expect(paper.latest.fileName).toBe('finance-report-final.pdf');
    const page = await app.inject(`/meetings/${meetingId}/papers`);
    expect(page.body).toContain(createHash('sha256').update(secondPdf).digest('hex'));
  });

  it('takes plain text whose content is UTF-8 text', async () => {
    const text = await upload(
      { agendaItemId: publicItemId, title: 'Cover note' },
      { name: 'cover-note.txt', content: Buffer.from('Cover note for item 1 — £2.4m variance') },
    );
    expect(text.statusCode).toBe(201);
    expect(text.json().mediaType).toBe('text/plain; charset=utf-8');
  });

  const refusals: [string, () => Promise<{ name: string; content: Buffer } | undefined>, string][] =
    [
      ['an empty file', async () => ({ name: 'empty.pdf', content: Buffer.alloc(0) }), 'is empty'],
      ['no file at all', async () => undefined, 'Choose a file to upload.'],
      [
        'a kind of file that is not allowed',
        async () => ({ name: 'setup.exe', content: Buffer.from('MZ\u0090\u0000') }),
        'is not an allowed kind of paper',
      ],
      [
        'a "PDF" whose content is not one',
        async () => ({ name: 'report.pdf', content: Buffer.from('<html>phish</html>') }),
        'a PDF starts with %PDF-',
      ],
      [
        'a file over 10 MB',
        async () => ({
          name: 'huge.pdf',
          content: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]),
        }),
        'a paper can be at most 10.0 MB',
      ],
    ];

  it.each(refusals)(
    'refuses %s naming the file field, and stores nothing',
    async (_label, file, rule) => {
      const before = await rowCounts();
      const response = await upload(
        { agendaItemId: publicItemId, title: 'Refused paper' },
        await file(),
      );
      expect(response.statusCode).toBe(400);
      const problem = response.json();
      expect(problem.errors).toEqual([{ field: 'file', message: expect.stringContaining(rule) }]);
      expect(await rowCounts()).toEqual(before);
    },
  );

  it('refuses a new paper without a title, naming it, and stores nothing', async () => {
    const before = await rowCounts();
    const response = await upload(
      { agendaItemId: publicItemId, title: '  ' },
      { name: 'paper.pdf', content: await pdfSaying('untitled') },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'title', message: 'Enter the paper’s title.' },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a title holding a NUL character (which PostgreSQL cannot store) as a 400 naming title, not a 500', async () => {
    const before = await rowCounts();
    const response = await upload(
      { agendaItemId: publicItemId, title: 'Finance\u0000report' },
      { name: 'paper.pdf', content: await pdfSaying('nul title') },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'title', message: expect.stringContaining('NUL') },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a malformed multipart body with 400 naming the body, not a 500, and stores nothing', async () => {
    const before = await rowCounts();
    for (const contentType of [
      'multipart/form-data; boundary=concordat-boundary',
      'multipart/form-data',
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meetingId}/papers`,
        headers: { ...secretariat, 'content-type': contentType },
        payload:
          '--concordat-boundary\r\nContent-Disposition: form-data; name="title"\r\n\r\ncut off',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'malformed-multipart',
        errors: [{ field: 'body' }],
      });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an upload from someone who may not run the meeting', async () => {
    const member = await bearerFor(app, 'member');
    const response = await upload(
      { agendaItemId: publicItemId, title: 'Not mine' },
      { name: 'paper.pdf', content: await pdfSaying('x') },
      member,
    );
    expect(response.statusCode).toBe(403);
    const anonymous = await upload(
      { agendaItemId: publicItemId, title: 'Not mine' },
      { name: 'paper.pdf', content: await pdfSaying('x') },
      {},
    );
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('Part II papers (Public Bodies (Admission to Meetings) Act 1960 s1)', () => {
  let confidentialPaperId: string;

  beforeAll(async () => {
    const response = await upload(
      { agendaItemId: partTwoItemId, title: 'Edgware valuation' },
      { name: 'edgware-valuation.pdf', content: await pdfSaying('Valuation: confidential') },
    );
    expect(response.statusCode).toBe(201);
    confidentialPaperId = response.json().paperId;
  });

  it("is not found for the public or anyone outside the body, and downloadable by the body's own people", async () => {
    const url = `/papers/${confidentialPaperId}/versions/1`;
    expect((await app.inject(url)).statusCode).toBe(404);
    const publicAccount = await bearerFor(app, 'public');
    expect((await app.inject({ url, headers: publicAccount })).statusCode).toBe(404);
    const member = await bearerFor(app, 'member');
    expect((await app.inject({ url, headers: member })).statusCode).toBe(200);
    expect((await app.inject({ url, headers: secretariat })).statusCode).toBe(200);
  });

  it('is left out of the public list of papers, which says how many Part II items are held back', async () => {
    const listing = (await app.inject(`/api/v1/meetings/${meetingId}/papers`)).json();
    expect(listing.hiddenConfidentialCount).toBe(1);
    expect(JSON.stringify(listing)).not.toContain('Edgware');
    const page = await app.inject(`/meetings/${meetingId}/papers`);
    expect(page.body).not.toContain('Edgware');
    expect(page.body).toContain('1 Part II item is not published');
  });
});

describe('DOMAIN: "papers published 5 clear working days before" — late papers are marked, not refused', () => {
  it('marks a paper uploaded 3 clear working days before the meeting', async () => {
    // Friday 27 November; uploaded Monday 23 November (the test clock): 24, 25, 26 = 3 days.
    const meeting = await scheduleWithItems(
      '2026-11-27T14:00:00Z',
      '2026-11-23',
      'Urgent contract decision.',
    );
    const response = await upload(
      { agendaItemId: meeting.publicItem, title: 'Late paper' },
      { name: 'late.pdf', content: await pdfSaying('late') },
      secretariat,
      meeting.id,
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().publication).toEqual({
      late: true,
      clearWorkingDays: 3,
      message: 'Published 3 clear working days before the meeting; common practice is 5.',
    });
    const page = await app.inject(`/meetings/${meeting.id}/papers`);
    expect(page.body).toContain('Published late');
  });
});

describe('uploading through the page form (multipart, no JavaScript)', () => {
  it('checks the CSRF token carried in the multipart body, then stores the paper', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({
      url: `/meetings/${meetingId}/papers`,
      headers: { cookie: cookies },
    });
    expect(page.body).toContain('enctype="multipart/form-data"');
    const jar = cookieHeader(page.headers['set-cookie'], cookies);
    const file = { name: 'form-paper.pdf', content: await pdfSaying('from the form') };

    const forged = await multipart(
      { agendaItemId: publicItemId, title: 'Forged', _csrf: 'forged' },
      file,
    );
    const refused = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/papers`,
      headers: { cookie: jar, 'content-type': forged.contentType },
      payload: forged.payload,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('This form has expired');

    const genuine = await multipart(
      { _csrf: csrfTokenIn(page.body), agendaItemId: publicItemId, title: 'Form paper' },
      file,
    );
    const posted = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/papers`,
      headers: { cookie: jar, 'content-type': genuine.contentType },
      payload: genuine.payload,
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/meetings/${meetingId}/papers?changed=uploaded`);

    const bad = await multipart(
      { _csrf: csrfTokenIn(page.body), agendaItemId: publicItemId, title: 'Bad' },
      { name: 'bad.pdf', content: Buffer.from('not a pdf') },
    );
    const badResponse = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/papers`,
      headers: { cookie: jar, 'content-type': bad.contentType },
      payload: bad.payload,
    });
    expect(badResponse.statusCode).toBe(400);
    expect(badResponse.body).toContain(`href="#file-${publicItemId}"`);
    expect(badResponse.body).toContain('a PDF starts with %PDF-');
  });

  it('the JSON API refuses a multipart body on a route that takes no file', async () => {
    const body = await multipart({ title: 'x' }, { name: 'x.pdf', content: await pdfSaying('x') });
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/agenda-items`,
      headers: { ...secretariat, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('the agenda pack (PDF), read back with pdftotext', () => {
  it('has the cover, the numbered agenda with purposes and papers, and hides Part II from the public', async () => {
    const response = await app.inject(`/meetings/${meetingId}/agenda-pack.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('London Commissioning Group');
    expect(text).toContain('London Commissioning Group, December');
    expect(text).toContain('When: 10 December 2026 14:00 (London time)');
    expect(text).toContain('Where: Southside, 105 Victoria Street');
    expect(text).toContain('Notice given: 1 December 2026');
    expect(text).toContain('1. Finance report, month 7');
    expect(text).toContain('For decision');
    expect(text).toContain('Paper: Finance report, version 2, finance-report-final.pdf');
    expect(text).toContain('1 Part II item is not published');
    expect(text).not.toContain('Edgware');
  });

  it("gives the body's secretariat the Part II items and their papers", async () => {
    const response = await app.inject({
      url: `/meetings/${meetingId}/agenda-pack.pdf`,
      headers: secretariat,
    });
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('2. Disposal of the Edgware estate (Part II)');
    expect(text).toContain('Paper: Edgware valuation, version 1, edgware-valuation.pdf');
    expect(text).toContain('this pack includes Part II business');
    expect(text).not.toContain('not published');
  });

  it('answers 404 for a meeting that does not exist', async () => {
    const response = await app.inject(
      '/meetings/01900000-0000-7000-8000-00000000000b/agenda-pack.pdf',
    );
    expect(response.statusCode).toBe(404);
  });
});
