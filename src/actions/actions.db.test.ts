import { count, eq } from 'drizzle-orm';
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
import { actionItems } from '../db/schema/actions.ts';
import { auditEvents } from '../db/schema/audit.ts';
import type { App } from '../http/app-types.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';

// The test clock is 2026-11-23 (fixedNow): "today in London" for every overdue check here.
const lcg = 'london-commissioning-group';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };
let publicAccount: { authorization: string };
let memberPersonId: string;
let chairPersonId: string;
let meetingId: string;
let publicItemId: string;
let confidentialItemId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
  publicAccount = await bearerFor(app, 'public');
  memberPersonId = (await selectAccountByEmail(database.db, demoEmails.member))!.personId!;
  chairPersonId = (await selectAccountByEmail(database.db, demoEmails.chair))!.personId!;
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'October meeting',
      startsAt: '2026-10-01T13:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-09-20',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
  const addItem = async (payload: Record<string, unknown>) => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/agenda-items`,
      headers: secretariat,
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json().agendaItemId as string;
  };
  publicItemId = await addItem({ title: 'Stroke services in London', purpose: 'decision' });
  confidentialItemId = await addItem({
    title: 'Negotiation position with the acute trust',
    purpose: 'discussion',
    isConfidential: true,
    confidentialityReason: 'Commercially sensitive negotiations in progress.',
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function recordAction(
  payload: Record<string, unknown>,
  headers: Record<string, string> = secretariat,
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/actions`,
    headers,
    payload,
  });
}

function updateStatus(
  actionId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string>,
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/actions/${actionId}/status`,
    headers,
    payload,
  });
}

async function rowCounts() {
  const [actions] = await database.db.select({ total: count() }).from(actionItems);
  const [events] = await database.db.select({ total: count() }).from(auditEvents);
  return { actions: actions?.total, events: events?.total };
}

async function log(query = '', headers: Record<string, string> = {}) {
  const response = await app.inject({ url: `/api/v1/bodies/${lcg}/actions${query}`, headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('recording an action from a meeting', () => {
  it('records it against an agenda item, lists it in the body’s log, and audits it', async () => {
    const response = await recordAction({
      agendaItemId: publicItemId,
      description: 'Circulate the stroke services options appraisal to every PCT board',
      ownerPersonId: memberPersonId,
      dueOn: '2026-10-20',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().meetingOn).toBe('2026-10-01');
    const { actionId } = response.json();
    const entry = (await log()).items.find((item: { id: string }) => item.id === actionId);
    expect(entry).toMatchObject({
      description: 'Circulate the stroke services options appraisal to every PCT board',
      owner: { personId: memberPersonId },
      dueOn: '2026-10-20',
      status: 'open',
      meeting: { id: meetingId, title: 'October meeting', meetingOn: '2026-10-01' },
      agendaItem: { id: publicItemId, position: 1, title: 'Stroke services in London' },
      overdue: true,
      daysOverdue: 34,
    });
    const events = await database.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, meetingId));
    expect(events.map((event) => event.action)).toContain('meeting.action-recorded');
  });

  it('refuses a due date before the meeting day, naming dueOn, and writes nothing', async () => {
    const before = await rowCounts();
    const response = await recordAction({
      description: 'Too early',
      ownerPersonId: memberPersonId,
      dueOn: '2026-09-30',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        field: 'dueOn',
        message: expect.stringContaining('before the meeting that agreed it (2026-10-01)'),
      },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an unknown owner and an item of another meeting, naming both fields', async () => {
    const before = await rowCounts();
    const response = await recordAction({
      agendaItemId: '01900000-0000-7000-8000-0000000000ff',
      description: 'Nobody owns this',
      ownerPersonId: '01900000-0000-7000-8000-0000000000fe',
      dueOn: '2026-12-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual([
      'agendaItemId',
      'ownerPersonId',
    ]);
    const missingDescription = await recordAction({
      ownerPersonId: memberPersonId,
      dueOn: '2026-12-01',
      description: '  ',
    });
    expect(missingDescription.statusCode).toBe(400);
    expect(missingDescription.json().errors[0].field).toBe('description');
    // PostgreSQL text cannot hold NUL: refused by name, not failed as a 500.
    const nul = await recordAction({
      ownerPersonId: memberPersonId,
      dueOn: '2026-12-01',
      description: 'Report back\u0000',
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual([
      { field: 'description', message: expect.stringContaining('NUL') },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('is for the secretariat and administrators: a member, the public and anonymous are refused', async () => {
    const payload = { description: 'x', ownerPersonId: memberPersonId, dueOn: '2026-12-01' };
    // Making the token is itself audited, so it is made before counting.
    const readOnly = await bearerFor(app, 'secretariat', 'read');
    const before = await rowCounts();
    expect((await recordAction(payload, member)).statusCode).toBe(403);
    expect((await recordAction(payload, publicAccount)).statusCode).toBe(403);
    expect((await recordAction(payload, {})).statusCode).toBe(401);
    expect((await recordAction(payload, readOnly)).statusCode).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('following up an action', () => {
  let ownActionId: string;
  let chairsActionId: string;

  beforeAll(async () => {
    const own = await recordAction({
      description: 'Report Brent’s stroke activity to the group',
      ownerPersonId: memberPersonId,
      dueOn: '2026-11-01',
    });
    ownActionId = own.json().actionId;
    const chairs = await recordAction({
      description: 'Write to the SHA about the consultation timetable',
      ownerPersonId: chairPersonId,
      dueOn: '2026-11-01',
    });
    chairsActionId = chairs.json().actionId;
  });

  it('the owner marks their own action done, with the date; audited before and after', async () => {
    const response = await updateStatus(
      ownActionId,
      { status: 'done', completedOn: '2026-11-20', note: 'Reported at the November meeting' },
      member,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'done',
      completedOn: '2026-11-20',
      overdue: false,
      daysOverdue: 0,
    });
    const [event] = await database.db
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'meeting.action-status-changed'));
    expect(event?.before).toMatchObject({
      actionId: ownActionId,
      status: 'open',
      completedOn: null,
    });
    expect(event?.after).toMatchObject({
      actionId: ownActionId,
      status: 'done',
      completedOn: '2026-11-20',
    });
  });

  it('marking it done again is a conflict (409), and changes nothing', async () => {
    const before = await rowCounts();
    const response = await updateStatus(
      ownActionId,
      { status: 'done', completedOn: '2026-11-21' },
      member,
    );
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0]).toEqual({
      field: 'status',
      message: 'The action is already done.',
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('a member may not update someone else’s action; the public may not update any', async () => {
    const before = await rowCounts();
    const refused = await updateStatus(
      chairsActionId,
      { status: 'done', completedOn: '2026-11-20' },
      member,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain("Only the action's owner");
    expect(
      (
        await updateStatus(
          chairsActionId,
          { status: 'done', completedOn: '2026-11-20' },
          publicAccount,
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (await updateStatus(chairsActionId, { status: 'done', completedOn: '2026-11-20' }, {}))
        .statusCode,
    ).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('dropping needs a note; a completion date in the future is refused; nothing is written', async () => {
    const before = await rowCounts();
    const noNote = await updateStatus(chairsActionId, { status: 'dropped' }, secretariat);
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].field).toBe('note');
    const future = await updateStatus(
      chairsActionId,
      { status: 'done', completedOn: '2026-11-24' },
      secretariat,
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('completedOn');
    const nulNote = await updateStatus(
      chairsActionId,
      { status: 'dropped', note: 'Overtaken\u0000' },
      secretariat,
    );
    expect(nulNote.statusCode).toBe(400);
    expect(nulNote.json().errors[0].field).toBe('note');
    expect(await rowCounts()).toEqual(before);
  });

  it('the secretariat drops it with a note (dated today) and reopens it', async () => {
    const dropped = await updateStatus(
      chairsActionId,
      { status: 'dropped', note: 'The SHA has published the timetable' },
      secretariat,
    );
    expect(dropped.statusCode).toBe(200);
    expect(dropped.json()).toMatchObject({
      status: 'dropped',
      completedOn: '2026-11-23',
      note: 'The SHA has published the timetable',
    });
    const reopened = await updateStatus(chairsActionId, { status: 'open' }, secretariat);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: 'open',
      completedOn: null,
      overdue: true,
      daysOverdue: 22,
    });
  });
});

describe('the overdue view and the log’s filters', () => {
  let dueTodayId: string;

  beforeAll(async () => {
    dueTodayId = (
      await recordAction({
        description: 'Due today, so not yet overdue',
        ownerPersonId: memberPersonId,
        dueOn: '2026-11-23',
      })
    ).json().actionId;
  });

  it('lists open actions due before today, grouped by body, and not one due today', async () => {
    const response = await app.inject({ url: '/api/v1/actions/overdue', headers: member });
    expect(response.statusCode).toBe(200);
    const overdue = response.json();
    expect(overdue.today).toBe('2026-11-23');
    expect(overdue.bodies).toHaveLength(1);
    expect(overdue.bodies[0].body.slug).toBe(lcg);
    const items = overdue.bodies[0].items as { id: string; status: string; overdue: boolean }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.status === 'open' && item.overdue)).toBe(true);
    expect(items.map((item) => item.id)).not.toContain(dueTodayId);
  });

  it('is for signed-in people only', async () => {
    expect((await app.inject({ url: '/api/v1/actions/overdue' })).statusCode).toBe(401);
    const page = await app.inject({ url: '/actions/overdue' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/sign-in?returnTo=%2Factions%2Foverdue');
  });

  it('filters the body’s log by status, by overdue only and by meeting', async () => {
    const done = await log('?status=done');
    expect(done.items.length).toBeGreaterThan(0);
    expect(done.items.every((item: { status: string }) => item.status === 'done')).toBe(true);
    const overdueOnly = await log('?overdue=yes');
    expect(overdueOnly.items.every((item: { overdue: boolean }) => item.overdue)).toBe(true);
    expect(overdueOnly.items.map((item: { id: string }) => item.id)).not.toContain(dueTodayId);
    const ofMeeting = await log(`?meeting=${meetingId}`);
    expect(ofMeeting.items.length).toBe((await log()).items.length);
    const ofOtherMeeting = await log('?meeting=01900000-0000-7000-8000-0000000000fd');
    expect(ofOtherMeeting.items).toEqual([]);
    const badStatus = await app.inject(`/api/v1/bodies/${lcg}/actions?status=finished`);
    expect(badStatus.statusCode).toBe(400);
  });
});

describe('Public Bodies (Admission to Meetings) Act 1960 s1: actions from Part II items', () => {
  let confidentialActionId: string;

  beforeAll(async () => {
    const response = await recordAction({
      agendaItemId: confidentialItemId,
      description: 'Prepare the fallback negotiating position',
      ownerPersonId: chairPersonId,
      dueOn: '2026-11-02',
    });
    expect(response.statusCode).toBe(201);
    confidentialActionId = response.json().actionId;
  });

  it('are hidden from the public (counted instead) and shown to the body’s own people', async () => {
    const anonymous = await log();
    expect(anonymous.items.map((item: { id: string }) => item.id)).not.toContain(
      confidentialActionId,
    );
    expect(anonymous.hiddenConfidentialCount).toBe(1);
    const publicView = await log('', publicAccount);
    expect(publicView.hiddenConfidentialCount).toBe(1);
    const memberView = await log('', member);
    expect(memberView.hiddenConfidentialCount).toBe(0);
    expect(memberView.items.map((item: { id: string }) => item.id)).toContain(confidentialActionId);
    expect((await app.inject(`/api/v1/actions/${confidentialActionId}`)).statusCode).toBe(404);
    const overdue = await app.inject({ url: '/api/v1/actions/overdue', headers: publicAccount });
    expect(JSON.stringify(overdue.json())).not.toContain('fallback negotiating position');
    expect(overdue.json().hiddenConfidentialCount).toBe(1);
    const page = await app.inject(`/bodies/${lcg}/actions`);
    expect(page.body).not.toContain('fallback negotiating position');
    expect(page.body).toContain('1 action from Part II business not shown');
  });
});

describe('the action log pages', () => {
  it('the secretariat records an action through the form; a bad due date is shown in the error summary', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const logPage = await app.inject({
      url: `/bodies/${lcg}/actions?meeting=${meetingId}`,
      headers: { cookie: cookies },
    });
    expect(logPage.statusCode).toBe(200);
    expect(logPage.body).toContain('Record an action from this meeting');
    const withCsrf = cookieHeader(logPage.headers['set-cookie'], cookies);
    const post = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/meetings/${meetingId}/actions`,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(logPage.body), ...fields }).toString(),
      });
    const fields = {
      agendaItemId: publicItemId,
      description: 'Publish the stroke consultation response summary',
      ownerPersonId: memberPersonId,
      dueOn: '2026-09-01',
    };
    const before = await rowCounts();
    const refused = await post(fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#dueOn"');
    expect(refused.body).toContain('Publish the stroke consultation response summary');
    expect(await rowCounts()).toEqual(before);

    const recorded = await post({ ...fields, dueOn: '2026-12-15' });
    expect(recorded.statusCode).toBe(303);
    expect(recorded.headers.location).toBe(
      `/bodies/${lcg}/actions?meeting=${meetingId}&changed=recorded`,
    );
    const after = await app.inject({
      url: String(recorded.headers.location),
      headers: { cookie: withCsrf },
    });
    expect(after.body).toContain('The action was recorded.');
    expect(after.body).toContain('Publish the stroke consultation response summary');
  });

  it('the owner marks an action done from the overdue page and returns to it', async () => {
    const actionId = (
      await recordAction({
        description: 'Send the Brent commissioning intentions',
        ownerPersonId: memberPersonId,
        dueOn: '2026-11-10',
      })
    ).json().actionId as string;
    const { cookies } = await signInThroughForm(app, demoEmails.member);
    const overduePage = await app.inject({ url: '/actions/overdue', headers: { cookie: cookies } });
    expect(overduePage.statusCode).toBe(200);
    expect(overduePage.body).toContain('Send the Brent commissioning intentions');
    expect(overduePage.body).toContain('13 days overdue');
    const withCsrf = cookieHeader(overduePage.headers['set-cookie'], cookies);
    const response = await app.inject({
      method: 'POST',
      url: `/actions/${actionId}/status`,
      headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(overduePage.body),
        status: 'done',
        completedOn: '2026-11-22',
        note: '',
        returnTo: '/actions/overdue',
      }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/actions/overdue?changed=status');
    const after = await app.inject({ url: '/actions/overdue', headers: { cookie: withCsrf } });
    expect(after.body).not.toContain('Send the Brent commissioning intentions');
  });
});
