import { count } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, demoEmails, signInThroughForm } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, testConfig } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import type { App } from './app-types.ts';

/**
 * Issue 20, finding 2: the JSON API took cross-site requests carrying the session cookie. A write
 * under /api/ made with the session cookie must come from this site (its Origin, or failing that
 * Sec-Fetch-Site or Referer) and say Content-Type: application/json; the paper upload may say
 * multipart/form-data only when the request shows it came from this site. Decision 014.
 */
const site = 'https://concordat.example';
const elsewhere = 'https://evil.example';
const lcg = 'london-commissioning-group';
const placeholderId = '01900000-0000-7000-8000-00000000000b';

// Built before the tests are collected, so that each write route in the app's own route table
// becomes a test of its own, named after the route.
const database: DatabaseHandle = await openTestDatabase();
const app: App = await buildSeededTestApp(database, { config: testConfig({ PUBLIC_URL: site }) });
const writeRoutes = app.routeTable
  .filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method))
  .filter((route) => route.url.startsWith('/api/v1/'))
  .map((route) => `${route.method} ${route.url}`)
  .sort();

let sessionCookies: string;
let secretariat: { authorization: string };
let meetingId: string;
let agendaItemId: string;

beforeAll(async () => {
  sessionCookies = (await signInThroughForm(app, demoEmails.administrator)).cookies;
  secretariat = await bearerFor(app, 'secretariat');
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'London Commissioning Group, December',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    },
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  meetingId = scheduled.json().meetingId;
  const item = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'London-wide stroke pathway', purpose: 'decision' },
  });
  expect(item.statusCode, item.body).toBe(201);
  agendaItemId = item.json().agendaItemId;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function draftQuestion(): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/proposals`,
    headers: secretariat,
    payload: {
      agendaItemId,
      title: 'Agree the stroke pathway',
      text: 'The group agrees the pathway.',
      decisionKind: 'london-wide-view',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().proposalId;
}

async function questionStatus(proposalId: string): Promise<string> {
  return (await app.inject(`/api/v1/proposals/${proposalId}`)).json().status;
}

async function auditEventCount(): Promise<number> {
  const [row] = await database.db.select({ total: count() }).from(auditEvents);
  return Number(row?.total);
}

/** A multipart/form-data body as a browser's form sends it, with a small text paper. */
async function multipartPaper() {
  const form = new FormData();
  form.append('agendaItemId', agendaItemId);
  form.append('title', 'Stroke pathway options appraisal');
  form.append('file', new Blob(['Options appraisal.\n'], { type: 'text/plain' }), 'options.txt');
  const request = new Request(`${site}/`, { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

/** The bodies a page on another site can send without asking first (no CORS preflight). */
async function simpleBodies() {
  const multipart = await multipartPaper();
  return [
    { name: 'no content type', headers: {}, payload: undefined },
    {
      name: 'a form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'title=Forged',
    },
    { name: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: '{}' },
    {
      name: 'multipart/form-data',
      headers: { 'content-type': multipart.contentType },
      payload: multipart.payload,
    },
  ];
}

/** A real meeting, agenda item and body where the route names one; a placeholder otherwise. */
function concretePath(url: string): string {
  return url
    .replace(/^\/api\/v1\/meetings\/:id/, `/api/v1/meetings/${meetingId}`)
    .replace(':agendaItemId', agendaItemId)
    .replace(':slug', lcg)
    .replace(':version', '2')
    .replace(':token', 'rcpt_not-a-token')
    .replace(/:\w+/g, placeholderId);
}

function send(route: string, options: Omit<InjectOptions, 'method' | 'url'>) {
  const [method, url] = route.split(' ') as [InjectOptions['method'], string];
  return app.inject({ method, url: concretePath(url), ...options });
}

function expectRefusedAsCrossSite(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(403);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status: 403, code: 'cross-site-request' });
}

function isCrossSiteRefusal(response: LightMyRequestResponse) {
  return (
    response.statusCode === 403 &&
    /problem\+json/.test(String(response.headers['content-type'])) &&
    response.json().code === 'cross-site-request'
  );
}

describe('a write to the API with the session cookie, sent from another site', () => {
  it('is checked on every write route the API serves', () => {
    expect(writeRoutes.length).toBeGreaterThan(40);
    expect(writeRoutes).toContain('POST /api/v1/proposals/:id/open');
    expect(writeRoutes).toContain('POST /api/v1/meetings/:id/papers');
  });

  it.each(writeRoutes)('%s is refused from another site, and nothing is written', async (route) => {
    const before = await auditEventCount();
    for (const body of [
      ...(await simpleBodies()),
      { name: 'JSON', headers: { 'content-type': 'application/json' }, payload: '{}' },
    ]) {
      const response = await send(route, {
        headers: { cookie: sessionCookies, origin: elsewhere, ...body.headers },
        payload: body.payload,
      });
      expect(isCrossSiteRefusal(response), `${route} with ${body.name}: ${response.body}`).toBe(
        true,
      );
    }
    expect(await auditEventCount(), route).toBe(before);
  });

  it.each(writeRoutes)(
    '%s is not refused as cross-site when sent from this site',
    async (route) => {
      for (const body of [
        ...(await simpleBodies()),
        { name: 'JSON', headers: { 'content-type': 'application/json' }, payload: '{}' },
      ]) {
        const response = await send(route, {
          headers: { cookie: sessionCookies, origin: site, ...body.headers },
          payload: body.payload,
        });
        expect(isCrossSiteRefusal(response), `${route} with ${body.name}: ${response.body}`).toBe(
          false,
        );
      }
    },
  );
});

async function paperCount(): Promise<number> {
  const listing = (await app.inject(`/api/v1/meetings/${meetingId}/papers`)).json();
  return listing.items.reduce(
    (total: number, item: { papers: unknown[] }) => total + item.papers.length,
    0,
  );
}

describe("the review's requests", () => {
  it('opening or withdrawing a question from evil.example, with a form or no content type, is refused and the question stays a draft', async () => {
    const proposalId = await draftQuestion();
    for (const action of ['open', 'withdraw']) {
      for (const headers of [{}, { 'content-type': 'application/x-www-form-urlencoded' }]) {
        const response = await app.inject({
          method: 'POST',
          url: `/api/v1/proposals/${proposalId}/${action}`,
          headers: { cookie: sessionCookies, origin: elsewhere, ...headers },
          ...('content-type' in headers && { payload: 'reason=forged' }),
        });
        expectRefusedAsCrossSite(response);
      }
    }
    expect(await questionStatus(proposalId)).toBe('draft');
  });

  it('a paper uploaded from evil.example as multipart/form-data is refused and no paper is added', async () => {
    const before = await paperCount();
    const paper = await multipartPaper();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/papers`,
      headers: { cookie: sessionCookies, origin: elsewhere, 'content-type': paper.contentType },
      payload: paper.payload,
    });
    expectRefusedAsCrossSite(response);
    expect(await paperCount()).toBe(before);
  });

  it("the same requests from this site's own pages do what they say", async () => {
    const proposalId = await draftQuestion();
    const opened = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/open`,
      headers: { cookie: sessionCookies, origin: site },
      payload: {},
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(await questionStatus(proposalId)).toBe('open');

    const before = await paperCount();
    const paper = await multipartPaper();
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/papers`,
      headers: { cookie: sessionCookies, origin: site, 'content-type': paper.contentType },
      payload: paper.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(await paperCount()).toBe(before + 1);
  });
});

describe('a write with the session cookie that names no Origin', () => {
  const newToken = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: sessionCookies, ...headers },
      payload: { name: 'reporting', scope: 'read' },
    });

  it('is judged by Sec-Fetch-Site: only same-origin passes', async () => {
    for (const fetchSite of ['cross-site', 'same-site', 'none']) {
      expectRefusedAsCrossSite(await newToken({ 'sec-fetch-site': fetchSite }));
    }
    expect((await newToken({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
  });

  it('is judged by Referer when there is no Sec-Fetch-Site either', async () => {
    expectRefusedAsCrossSite(await newToken({ referer: `${elsewhere}/page` }));
    expect((await newToken({ referer: `${site}/account` })).statusCode).toBe(201);
  });

  it('from an opaque origin (Origin: null, as a sandboxed frame sends) is refused', async () => {
    expectRefusedAsCrossSite(await newToken({ origin: 'null' }));
  });

  it('naming no origin at all passes only as JSON, the type no other site can send unasked', async () => {
    expect((await newToken({})).statusCode).toBe(201);

    const proposalId = await draftQuestion();
    for (const headers of [{}, { 'content-type': 'application/x-www-form-urlencoded' }]) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/proposals/${proposalId}/open`,
        headers: { cookie: sessionCookies, ...headers },
        ...('content-type' in headers && { payload: 'reason=unlabelled' }),
      });
      expect(response.statusCode, response.body).toBe(415);
      expect(response.json().code).toBe('unsupported-media-type');
    }
    expect(await questionStatus(proposalId)).toBe('draft');

    const paper = await multipartPaper();
    const upload = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/papers`,
      headers: { cookie: sessionCookies, 'content-type': paper.contentType },
      payload: paper.payload,
    });
    expectRefusedAsCrossSite(upload);
  });
});

describe('a write with an API token', () => {
  it('still works without Origin and without a body, as integrations send it', async () => {
    const proposalId = await draftQuestion();
    const opened = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/open`,
      headers: secretariat,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(await questionStatus(proposalId)).toBe('open');
  });
});
