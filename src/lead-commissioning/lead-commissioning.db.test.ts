import { and, count, eq, like } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
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
import { bodies } from '../db/schema/bodies.ts';
import { commissioningRounds } from '../db/schema/commissioning.ts';
import {
  arrangementAssociates,
  collaborativeForums,
  leadArrangements,
  proposedActionResponses,
} from '../db/schema/lead-commissioning.ts';
import { agendaItems } from '../db/schema/meetings.ts';
import { organisations } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';

// The test clock is 2026-11-23 (fixedNow). The demo's North Central local group: Camden PCT leads
// (lead@demo.invalid holds a post there), Islington PCT is an associate (associate@demo.invalid),
// Brent Teaching PCT (member@demo.invalid) is in another sector and in no arrangement.
const area = 'north-central-local-commissioning-group';

let database: DatabaseHandle;
let app: App;
let areaSecretariat: { authorization: string };
let londonSecretariat: { authorization: string };
let lead: { authorization: string };
let associate: { authorization: string };
let outsider: { authorization: string };
let publicAccount: { authorization: string };
let ids: Record<string, string>;

async function organisationId(name: string) {
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  if (!row) throw new Error(`no organisation ${name}`);
  return row.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
  londonSecretariat = await bearerFor(app, 'secretariat');
  lead = await bearerFor(app, 'lead');
  associate = await bearerFor(app, 'associate');
  outsider = await bearerFor(app, 'member');
  publicAccount = await bearerFor(app, 'public');
  const [london] = await database.db
    .select({ id: bodies.id })
    .from(bodies)
    .where(eq(bodies.slug, 'london-commissioning-group'));
  await database.db.insert(commissioningRounds).values({
    id: uuidv7(),
    bodyId: london!.id,
    startYear: 2007,
    submissionsOpenOn: '2006-09-01',
    submissionsDueOn: '2006-10-31',
    consolidationBy: '2006-11-30',
    agreementBy: '2006-12-31',
    publicationBy: '2007-01-31',
    createdAt: new Date('2006-09-01T09:00:00Z'),
  });
  const royalFree = uuidv7();
  await database.db.insert(organisations).values({
    id: royalFree,
    name: 'Royal Free Hampstead NHS Trust',
    type: 'provider-trust',
    odsCode: 'RAL',
  });
  ids = {
    royalFree,
    camden: await organisationId('Camden PCT'),
    islington: await organisationId('Islington PCT'),
    barnet: await organisationId('Barnet PCT'),
    enfield: await organisationId('Enfield PCT'),
    brent: await organisationId('Brent Teaching PCT'),
  };
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, payload: unknown, headers: { authorization: string }) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
const get = (url: string, headers: { authorization: string }) =>
  app.inject({ url: `/api/v1${url}`, headers });

async function written() {
  const [arrangements] = await database.db.select({ n: count() }).from(leadArrangements);
  const [associates] = await database.db.select({ n: count() }).from(arrangementAssociates);
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'lead-arrangement.%'));
  return { arrangements: arrangements?.n, associates: associates?.n, events: events?.n };
}

const arrangement = (service: string, overrides: Record<string, unknown> = {}) => ({
  roundYear: '2007-08',
  providerOrganisationId: ids.royalFree,
  service,
  leadOrganisationId: ids.camden,
  leadShareBasisPoints: 4000,
  associates: [
    { organisationId: ids.islington, shareBasisPoints: 3500 },
    { organisationId: ids.barnet, shareBasisPoints: 2500 },
  ],
  startedOn: '2026-10-01',
  ...overrides,
});

async function record(service: string, overrides: Record<string, unknown> = {}) {
  const response = await post(
    `/bodies/${area}/negotiations`,
    arrangement(service, overrides),
    areaSecretariat,
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().arrangementId as string;
}

describe('2006 §2.1(c): "Lead commissioning arrangements" — recording one', () => {
  it('records the lead, the associates and their shares, the first step and the audit event', async () => {
    const before = await written();
    const arrangementId = await record('Acute services');
    const detail = (await get(`/lead-commissioning/${arrangementId}`, associate)).json();
    expect(detail).toMatchObject({
      round: { label: '2007/08' },
      body: { slug: area },
      provider: { name: 'Royal Free Hampstead NHS Trust' },
      lead: { name: 'Camden PCT', share: '40.00%' },
      associates: [
        { name: 'Islington PCT', share: '35.00%' },
        { name: 'Barnet PCT', share: '25.00%' },
      ],
      totalShare: '100.00%',
      stage: 'preparation',
      history: [{ stage: 'preparation', happenedOn: '2026-10-01' }],
    });
    expect(await written()).toEqual({
      arrangements: (before.arrangements ?? 0) + 1,
      associates: (before.associates ?? 0) + 2,
      events: (before.events ?? 0) + 1,
    });
  });

  it('refuses a lead also listed as an associate, naming the rule; nothing written', async () => {
    const before = await written();
    const response = await post(
      `/bodies/${area}/negotiations`,
      arrangement('Maternity and newborn', {
        associates: [
          { organisationId: ids.camden, shareBasisPoints: 2000 },
          { organisationId: ids.islington, shareBasisPoints: 4000 },
        ],
      }),
      areaSecretariat,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({
        field: 'associates.0.organisationId',
        message: expect.stringContaining('is the lead and cannot also be an associate'),
      }),
    ]);
    expect(response.json().detail).toContain('2006 §2.1(c)');
    expect(await written()).toEqual(before);
  });

  it('refuses shares that do not add up to 100%, saying what they add up to; nothing written', async () => {
    const before = await written();
    const response = await post(
      `/bodies/${area}/negotiations`,
      arrangement('Stroke', {
        associates: [
          { organisationId: ids.islington, shareBasisPoints: 3000 },
          { organisationId: ids.barnet, shareBasisPoints: 2500 },
        ],
      }),
      areaSecretariat,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('add up to 95.00%, not 100%');
    expect(await written()).toEqual(before);
  });

  it('refuses a lead from another sector and a provider that is not a trust', async () => {
    const response = await post(
      `/bodies/${area}/negotiations`,
      arrangement('Diabetes', {
        leadOrganisationId: ids.brent,
        providerOrganisationId: ids.enfield,
      }),
      areaSecretariat,
    );
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['providerOrganisationId', 'leadOrganisationId']),
    );
  });

  it("refuses anyone but the area's secretariat or an administrator, before reading the request", async () => {
    for (const headers of [londonSecretariat, lead, publicAccount]) {
      const response = await post(`/bodies/${area}/negotiations`, { nonsense: true }, headers);
      expect(response.statusCode).toBe(403);
    }
  });

  it('refuses the London group: negotiations belong to a local group', async () => {
    const response = await get('/bodies/london-commissioning-group/negotiations', areaSecretariat);
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain('2006 §106');
  });
});

describe('2006 §106: "Implement and monitor the progress of negotiations across its geographical area"', () => {
  let arrangementId: string;
  beforeAll(async () => {
    arrangementId = await record('Urgent care');
  });

  it('refuses skipping a stage, naming the stages allowed', async () => {
    const response = await post(
      `/lead-commissioning/${arrangementId}/stage`,
      { stage: 'signed', happenedOn: '2026-11-01' },
      lead,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('may move only to offer or in dispute');
  });

  it("moves on by the lead's post holder, into dispute and back, keeping the history", async () => {
    for (const [stage, happenedOn] of [
      ['offer', '2026-10-10'],
      ['counter-offer', '2026-10-20'],
      ['in-dispute', '2026-10-25'],
      ['counter-offer', '2026-11-02'],
    ] as const) {
      const response = await post(
        `/lead-commissioning/${arrangementId}/stage`,
        { stage, happenedOn, note: `Now ${stage}` },
        lead,
      );
      expect(response.statusCode, response.body).toBe(200);
    }
    const detail = (await get(`/lead-commissioning/${arrangementId}`, lead)).json();
    expect(detail.history.map((step: { stage: string }) => step.stage)).toEqual([
      'preparation',
      'offer',
      'counter-offer',
      'in-dispute',
      'counter-offer',
    ]);
    expect(detail.nextStages.map((next: { stage: string }) => next.stage)).toEqual([
      'offer',
      'agreed',
      'in-dispute',
    ]);
    const events = await database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, arrangementId),
          eq(auditEvents.action, 'lead-arrangement.stage-changed'),
        ),
      );
    expect(events[0]?.n).toBe(4);
  });

  it('refuses an associate moving the negotiation', async () => {
    const response = await post(
      `/lead-commissioning/${arrangementId}/stage`,
      { stage: 'agreed', happenedOn: '2026-11-10' },
      associate,
    );
    expect(response.statusCode).toBe(403);
  });

  it('raises and resolves an issue', async () => {
    const raised = await post(
      `/lead-commissioning/${arrangementId}/issues`,
      { text: 'Tariff for excess bed days', raisedOn: '2026-11-03' },
      areaSecretariat,
    );
    expect(raised.statusCode, raised.body).toBe(201);
    const issueId = raised.json().issueId;
    let area = (
      await get(`/bodies/north-central-local-commissioning-group/negotiations`, lead)
    ).json();
    const counterOffers = area.stages.find(
      (group: { stage: string }) => group.stage === 'counter-offer',
    );
    expect(counterOffers.items[0].openIssues).toEqual([
      expect.objectContaining({ text: 'Tariff for excess bed days' }),
    ]);
    const early = await post(
      `/lead-commissioning/${arrangementId}/issues/${issueId}/resolution`,
      { resolvedOn: '2026-11-01', resolution: 'Agreed at the 2007/08 tariff' },
      lead,
    );
    expect(early.statusCode).toBe(400);
    const resolved = await post(
      `/lead-commissioning/${arrangementId}/issues/${issueId}/resolution`,
      { resolvedOn: '2026-11-20', resolution: 'Agreed at the 2007/08 tariff' },
      lead,
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json().issues[0]).toMatchObject({ resolvedOn: '2026-11-20' });
    area = (await get(`/bodies/north-central-local-commissioning-group/negotiations`, lead)).json();
    expect(area.total).toBeGreaterThan(0);
  });
});

describe('Model Collaborative Commissioning Agreement: proposed actions, approval and the collaborative forum', () => {
  let arrangementId: string;
  beforeAll(async () => {
    arrangementId = await record('Planned care');
  });

  const propose = async (text: string) => {
    const response = await post(
      `/lead-commissioning/${arrangementId}/actions`,
      { text, respondBy: '2026-12-01' },
      lead,
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json().proposedActionId as string;
  };

  it('refuses an associate proposing, and a non-associate responding, before reading the request', async () => {
    expect(
      (
        await post(
          `/lead-commissioning/${arrangementId}/actions`,
          { text: 'x', respondBy: '2026-12-01' },
          associate,
        )
      ).statusCode,
    ).toBe(403);
    const actionId = await propose('Issue a contract query notice on waiting times');
    const response = await post(
      `/lead-commissioning/proposed-actions/${actionId}/responses`,
      { response: 'approve' },
      outsider,
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toContain('associate PCT');
  });

  it('is approved once every associate approves', async () => {
    const actionId = await propose('Agree the activity plan at outturn');
    const first = await post(
      `/lead-commissioning/proposed-actions/${actionId}/responses`,
      { response: 'approve' },
      associate,
    );
    expect(first.json()).toEqual({ status: 'circulated', forum: null });
    const again = await post(
      `/lead-commissioning/proposed-actions/${actionId}/responses`,
      { response: 'approve' },
      associate,
    );
    expect(again.statusCode).toBe(400);
    const second = await post(
      `/lead-commissioning/proposed-actions/${actionId}/responses`,
      { response: 'approve', organisationId: ids.barnet },
      areaSecretariat,
    );
    expect(second.json()).toEqual({ status: 'approved', forum: null });
  });

  it('refuses a rejection without a reason; nothing written', async () => {
    const actionId = await propose('Withhold payment for unvalidated activity');
    const [before] = await database.db.select({ n: count() }).from(proposedActionResponses);
    const response = await post(
      `/lead-commissioning/proposed-actions/${actionId}/responses`,
      { response: 'reject' },
      associate,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('reason');
    const [after] = await database.db.select({ n: count() }).from(proposedActionResponses);
    expect(after?.n).toBe(before?.n);
  });

  it('a rejection with no meeting to take it records the forum as waiting; the secretariat places it once a meeting exists', async () => {
    const actionId = await propose('Refer the tariff dispute to the SHA');
    const rejected = await post(
      `/lead-commissioning/proposed-actions/${actionId}/responses`,
      { response: 'reject', reason: 'Islington has not seen the activity data.' },
      associate,
    );
    expect(rejected.statusCode, rejected.body).toBe(201);
    expect(rejected.json()).toMatchObject({
      status: 'blocked',
      forum: { meetingId: null, agendaItemId: null },
    });
    const forumId = rejected.json().forum.forumId;
    const tooSoon = await post(
      `/lead-commissioning/forums/${forumId}/placement`,
      {},
      areaSecretariat,
    );
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.json().detail).toContain('no coming meeting');

    const scheduled = await post(
      `/bodies/${area}/meetings`,
      {
        title: 'December meeting',
        startsAt: '2026-12-15T14:00:00Z',
        location: 'Stephenson House',
        noticeGivenOn: '2026-12-05',
      },
      areaSecretariat,
    );
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    expect(
      (await post(`/lead-commissioning/forums/${forumId}/placement`, {}, lead)).statusCode,
    ).toBe(403);
    const placed = await post(
      `/lead-commissioning/forums/${forumId}/placement`,
      {},
      areaSecretariat,
    );
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().meetingId).toBe(scheduled.json().meetingId);
  });

  it('a rejection blocks the action and, in the same transaction, puts the forum on the next agenda', async () => {
    const actionId = await propose('Serve notice of a performance breach');
    const rejected = await post(
      `/lead-commissioning/proposed-actions/${actionId}/responses`,
      { response: 'reject', reason: 'Breach not evidenced for Islington residents.' },
      associate,
    );
    expect(rejected.statusCode, rejected.body).toBe(201);
    const { forum } = rejected.json();
    expect(forum.agendaItemId).not.toBeNull();
    const [item] = await database.db
      .select({ title: agendaItems.title, description: agendaItems.description })
      .from(agendaItems)
      .where(eq(agendaItems.id, forum.agendaItemId));
    expect(item).toEqual({
      title: 'Collaborative forum: Royal Free Hampstead NHS Trust, Planned care',
      description: expect.stringContaining('Breach not evidenced for Islington residents.'),
    });
    const [row] = await database.db
      .select({ meetingId: collaborativeForums.meetingId })
      .from(collaborativeForums)
      .where(eq(collaborativeForums.id, forum.forumId));
    expect(row?.meetingId).toBe(forum.meetingId);
    // The forum's events and the agenda's own event share the request's one transaction.
    const called = await database.db
      .select({ requestId: auditEvents.requestId, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'collaborative-forum.called'));
    const requestId = called.find(
      (event) => (event.after as { forumId?: string }).forumId === forum.forumId,
    )?.requestId;
    expect(requestId).toBeTruthy();
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.requestId, requestId as string));
    expect(events.map((event) => event.action).sort()).toEqual([
      'collaborative-forum.called',
      'meeting.agenda-item-added',
      'proposed-action.responded',
    ]);
    const detail = (await get(`/lead-commissioning/${arrangementId}`, lead)).json();
    const blocked = detail.actions.find((action: { id: string }) => action.id === actionId);
    expect(blocked).toMatchObject({
      status: 'blocked',
      forum: { waiting: false, meeting: { title: 'December meeting' } },
      responses: expect.arrayContaining([
        expect.objectContaining({ name: 'Islington PCT', response: 'reject' }),
      ]),
    });
    const meetingPage = await get(`/meetings/${forum.meetingId}`, areaSecretariat);
    expect(meetingPage.body).toContain('Collaborative forum: Royal Free Hampstead NHS Trust');
  });
});

describe('the London view and the pages', () => {
  it("shows London every area's negotiations by stage, with counts", async () => {
    const london = (await get('/lead-commissioning', publicAccount)).json();
    expect(london.areas).toHaveLength(5);
    const northCentral = london.areas.find(
      (each: { body: { slug: string } }) => each.body.slug === area,
    );
    expect(northCentral.total).toBe(london.total);
    expect(london.total).toBeGreaterThanOrEqual(3);
  });

  it('is for signed-in readers only', async () => {
    expect((await app.inject({ url: '/api/v1/lead-commissioning' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/lead-commissioning' })).statusCode).not.toBe(200);
  });
});

/** What a reader sees: the page's text without tags (as the plain-words crawl reads it). */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|pre|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('issue 22, item 5: the pages show titles and words, never ids', () => {
  it('shows no UUID, slug, sector id or camelCase on the three pages, for each reader', async () => {
    const [any] = await database.db.select({ id: leadArrangements.id }).from(leadArrangements);
    for (const email of [demoEmails.areaSecretariat, demoEmails.lead, demoEmails.associate]) {
      const { cookies } = await signInThroughForm(app, email);
      for (const url of [
        '/lead-commissioning',
        `/bodies/${area}/negotiations`,
        `/lead-commissioning/${any?.id}`,
      ]) {
        const page = await app.inject({ url, headers: { cookie: cookies } });
        expect(page.statusCode, url).toBe(200);
        const text = visibleText(page.body);
        expect(text, url).not.toMatch(
          /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
        );
        expect(text, url).not.toMatch(
          /north-central|local-commissioning-group|counter-offer\b|in-dispute|primary-care-trust|leadShare|associate\dShare/,
        );
        expect(text, url).toMatch(/\d+\.\d{2}%/);
      }
    }
  });
});

describe('the form to record an arrangement', () => {
  it('refuses a lead also listed as an associate on the page, the error linked to the field typed in', async () => {
    const before = await written();
    const signedIn = await signInThroughForm(app, demoEmails.areaSecretariat);
    const page = await app.inject({
      url: `/bodies/${area}/negotiations`,
      headers: { cookie: signedIn.cookies },
    });
    const cookies = cookieHeader(page.headers['set-cookie'], signedIn.cookies);
    const response = await app.inject({
      method: 'POST',
      url: `/bodies/${area}/negotiations`,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        roundYear: '2007-08',
        providerOrganisationId: ids.royalFree!,
        service: 'Mental health',
        leadOrganisationId: ids.camden!,
        leadShare: '50',
        associate1: ids.islington!,
        associate1Share: '25',
        associate3: ids.camden!,
        associate3Share: '25.00%',
      }).toString(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#associate3"');
    expect(response.body).toContain('is the lead and cannot also be an associate');
    expect(await written()).toEqual(before);
  });
});
