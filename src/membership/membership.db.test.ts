import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoMembership } from '../seed/demo-membership.ts';

let database: DatabaseHandle;
let app: App;
let administrator: { authorization: string };
let secretariat: { authorization: string };

const lcg = 'london-commissioning-group';
const membersUrl = `/api/v1/bodies/${lcg}/members`;
const membershipClause = '2008 §Membership';

interface Holding {
  id: string;
  seatRole: string;
  person: { id: string; name: string };
  organisation: { id: string; name: string } | null;
  status: string;
  lapsedReason: string | null;
  successor: { personId: string } | null;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  administrator = await bearerFor(app, 'administrator');
  secretariat = await bearerFor(app, 'secretariat');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function membership(asOf?: string) {
  const response = await app.inject(asOf ? `${membersUrl}?asOf=${asOf}` : membersUrl);
  expect(response.statusCode).toBe(200);
  return response.json();
}

function holdingsOf(report: { seats: { holdings: Holding[] }[] }): Holding[] {
  return report.seats.flatMap((seat) => seat.holdings);
}

async function rowCounts() {
  const [holdings] = await database.db.select({ total: count() }).from(seatHoldings);
  const [events] = await database.db.select({ total: count() }).from(auditEvents);
  return { holdings: holdings?.total, events: events?.total };
}

async function organisationNamed(name: string): Promise<{ id: string }> {
  const response = await app.inject(`/api/v1/organisations?q=${encodeURIComponent(name)}`);
  const match = response.json().items.find((item: { name: string }) => item.name === name);
  if (!match) throw new Error(`no organisation ${name}`);
  return match;
}

async function chiefExecutiveOf(organisationName: string): Promise<{ id: string }> {
  const organisation = await organisationNamed(organisationName);
  const people = (await app.inject(`/api/v1/people?organisation=${organisation.id}`)).json().items;
  return people[0];
}

async function createPersonWithPost(
  name: string,
  organisationId: string,
  role: string,
  startsOn: string,
) {
  const person = await app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: administrator,
    payload: { name },
  });
  expect(person.statusCode).toBe(201);
  const post = await app.inject({
    method: 'POST',
    url: '/api/v1/posts',
    headers: administrator,
    payload: { personId: person.json().id, organisationId, role, startsOn },
  });
  expect(post.statusCode).toBe(201);
  return { personId: person.json().id as string, postId: post.json().id as string };
}

function appoint(headers: { authorization: string }, payload: Record<string, unknown>, slug = lcg) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${slug}/members`,
    headers,
    payload,
  });
}

describe('the 2008 London Commissioning Group as seeded', () => {
  it('2008 §Membership: the chair and 10 London PCT Chief Executives, 2 per sector, are allowed', async () => {
    const report = await membership();
    expect(report.constitution).toEqual({ version: 2, effectiveOn: '2008-01-01' });
    expect(report.composition.valid).toBe(true);
    expect(report.composition.refusals).toEqual([]);
    const byRole = Object.fromEntries(
      report.seats.map((seat: { role: string; holdings: Holding[] }) => [seat.role, seat.holdings]),
    );
    expect(byRole['nhs-london-chief-executive']).toHaveLength(1);
    expect(byRole['ccg-chair-chief-executive']).toHaveLength(5);
    expect(byRole['ccg-nominated-chief-executive']).toHaveLength(5);
    expect(
      byRole['ccg-chair-chief-executive'].map((holding: Holding) => holding.organisation?.name),
    ).toContain('Brent Teaching PCT');
    // The other seats are not filled by the demo people: vacancies, reported but not refused.
    expect(report.composition.vacancies.length).toBeGreaterThan(0);
    expect(
      report.composition.vacancies.map((vacancy: { clause: string }) => vacancy.clause),
    ).toContain(membershipClause);
    expect(report.composition.lines[0]).toBe(
      '11 members checked against London Commissioning Group (version 2).',
    );
  });

  it('seeds once only', async () => {
    const before = await rowCounts();
    expect(
      await seedDemoMembership({ db: database.db, context: { actor: 'seed', now: fixedNow } }),
    ).toBe(0);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('appointments checked by the engine', () => {
  it('refuses a third chief executive from one sector, citing 2008 §Membership, and writes nothing', async () => {
    // Brent Teaching and Ealing already sit for North West; Hammersmith and Fulham would be the third.
    const organisation = await organisationNamed('Hammersmith and Fulham PCT');
    const chiefExecutive = await chiefExecutiveOf('Hammersmith and Fulham PCT');
    const before = await rowCounts();
    const response = await appoint(secretariat, {
      personId: chiefExecutive.id,
      seatRole: 'ccg-nominated-chief-executive',
      organisationId: organisation.id,
      fillMethod: 'nominated',
      startsOn: '2009-01-01',
    });
    expect(response.statusCode).toBe(422);
    const problem = response.json();
    expect(problem.code).toBe('composition-refused');
    expect(problem.errors[0]).toEqual({
      field: 'organisationId',
      message: expect.stringContaining('from North West'),
    });
    expect(problem.errors[0].message).toContain(
      `(${membershipClause}: "10 London PCT Chief Executives (2 per sector`,
    );
    expect(
      problem.errors.some((error: { message: string }) =>
        error.message.includes('London PCT Chief Executives from North West: 3'),
      ),
    ).toBe(true);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a seat the terms do not define, naming the field', async () => {
    const chiefExecutive = await chiefExecutiveOf('Hillingdon PCT');
    const response = await appoint(secretariat, {
      personId: chiefExecutive.id,
      seatRole: 'treasurer',
      fillMethod: 'appointed',
      startsOn: '2009-01-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({
      field: 'seatRole',
      message: expect.stringContaining('does not define'),
    });
  });

  it('appoints up to 3 patient representatives and refuses a fourth under 2008 §Membership', async () => {
    const brent = await organisationNamed('Brent Teaching PCT');
    const representatives = [];
    for (const name of ['Pat Example', 'Robin Sample', 'Sam Specimen', 'Terry Placeholder']) {
      representatives.push(
        await createPersonWithPost(name, brent.id, 'patient-representative', '2008-01-01'),
      );
    }
    for (const representative of representatives.slice(0, 3)) {
      const response = await appoint(secretariat, {
        personId: representative.personId,
        seatRole: 'patient-representative',
        fillMethod: 'nominated',
        startsOn: '2009-01-01',
      });
      expect(response.statusCode).toBe(201);
    }
    const before = await rowCounts();
    const fourth = await appoint(secretariat, {
      personId: representatives[3]?.personId,
      seatRole: 'patient-representative',
      fillMethod: 'nominated',
      startsOn: '2009-01-01',
    });
    expect(fourth.statusCode).toBe(422);
    expect(fourth.json().errors).toEqual([
      {
        field: 'seatRole',
        message: expect.stringContaining(
          `but ${membershipClause} allows at most 3 (${membershipClause}: "Patient representatives -  up to 3 representatives of PPI group`,
        ),
      },
    ]);
    expect(await rowCounts()).toEqual(before);

    const report = await membership('2009-01-01');
    const seated = holdingsOf(report).filter(
      (holding) => holding.seatRole === 'patient-representative',
    );
    expect(seated.map((holding) => holding.person.name).sort()).toEqual([
      'Pat Example',
      'Robin Sample',
      'Sam Specimen',
    ]);
    expect(report.composition.valid).toBe(true);
  });

  it('audits an appointment and an ending in the body’s trail, and a seat once ended can be filled again', async () => {
    const report = await membership('2009-01-01');
    const leaving = holdingsOf(report).find((holding) => holding.person.name === 'Pat Example');
    expect(leaving).toBeDefined();
    const before = await rowCounts();

    const tooEarly = await app.inject({
      method: 'POST',
      url: `${membersUrl}/${leaving?.id}/end`,
      headers: secretariat,
      payload: { endsOn: '2008-12-31' },
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().errors[0].field).toBe('endsOn');

    const ended = await app.inject({
      method: 'POST',
      url: `${membersUrl}/${leaving?.id}/end`,
      headers: secretariat,
      payload: { endsOn: '2009-06-30' },
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toEqual({ holdingId: leaving?.id, endsOn: '2009-06-30' });
    expect((await rowCounts()).events).toBe((before.events ?? 0) + 1);

    const again = await app.inject({
      method: 'POST',
      url: `${membersUrl}/${leaving?.id}/end`,
      headers: secretariat,
      payload: { endsOn: '2009-07-31' },
    });
    expect(again.statusCode).toBe(409);

    // Still seated on the last day; gone the day after, when the fourth representative may join.
    const onLastDay = holdingsOf(await membership('2009-06-30'));
    expect(onLastDay.some((holding) => holding.id === leaving?.id)).toBe(true);
    const dayAfter = holdingsOf(await membership('2009-07-01'));
    expect(dayAfter.some((holding) => holding.id === leaving?.id)).toBe(false);
    const terry = (await app.inject('/api/v1/people?q=Terry%20Placeholder')).json().items[0];
    const joined = await appoint(secretariat, {
      personId: terry.id,
      seatRole: 'patient-representative',
      fillMethod: 'nominated',
      startsOn: '2009-07-01',
    });
    expect(joined.statusCode).toBe(201);

    const trail = await app.inject({
      url: `/api/v1/audit-events?entityType=body&entityId=${await lcgBodyId()}`,
      headers: administrator,
    });
    const actions = trail.json().items.map((event: { action: string }) => event.action);
    expect(actions).toContain('membership.appointed');
    expect(actions).toContain('membership.ended');
    const appointedEvent = trail
      .json()
      .items.find(
        (event: { action: string; after: { holdingId?: string } }) =>
          event.action === 'membership.appointed' &&
          event.after.holdingId === joined.json().holdingId,
      );
    expect(appointedEvent.after).toMatchObject({
      person: 'Terry Placeholder',
      seatRole: 'patient-representative',
      filledBy: 'ppi-group',
      constitutionVersion: 2,
    });
    expect(appointedEvent.actor).toContain('secretariat@demo.invalid');
  });
});

async function lcgBodyId(): Promise<string> {
  const { bodies } = await import('../db/schema/bodies.ts');
  const { eq } = await import('drizzle-orm');
  const [row] = await database.db
    .select({ id: bodies.id })
    .from(bodies)
    .where(eq(bodies.slug, lcg));
  if (!row) throw new Error('no London Commissioning Group');
  return row.id;
}

describe('ex officio seats follow the post', () => {
  it('reports the holding as lapsed when the post ends, names the successor, and lets them be appointed', async () => {
    const harrowChair = holdingsOf(await membership()).find(
      (holding) =>
        holding.seatRole === 'ccg-chair-chief-executive' &&
        holding.organisation?.name === 'Barnet PCT',
    );
    expect(harrowChair).toBeDefined();
    const barnet = await organisationNamed('Barnet PCT');
    const person = (await app.inject(`/api/v1/people/${harrowChair?.person.id}`)).json();
    const chiefExecutivePost = person.posts.find(
      (post: { organisationId: string; role: string }) =>
        post.organisationId === barnet.id && post.role === 'chief-executive',
    );
    const endPost = await app.inject({
      method: 'POST',
      url: `/api/v1/posts/${chiefExecutivePost.id}/end`,
      headers: administrator,
      payload: { endsOn: '2010-03-31' },
    });
    expect(endPost.statusCode).toBe(200);
    const successor = await createPersonWithPost(
      'Quinn Successor',
      barnet.id,
      'chief-executive',
      '2010-04-01',
    );

    const report = await membership('2010-04-02');
    const lapsed = holdingsOf(report).find((holding) => holding.id === harrowChair?.id);
    expect(lapsed?.status).toBe('lapsed');
    expect(lapsed?.lapsedReason).toContain('ended on 2010-03-31');
    expect(lapsed?.successor?.personId).toBe(successor.personId);
    // Not counted, so North Central's CCG chair seat is a vacancy, not a refusal.
    expect(report.composition.valid).toBe(true);
    expect(
      report.composition.vacancies.some((vacancy: { message: string }) =>
        vacancy.message.includes('London PCT Chief Executive chairing a CCG from North Central: 0'),
      ),
    ).toBe(true);

    const appointed = await appoint(secretariat, {
      personId: successor.personId,
      seatRole: 'ccg-chair-chief-executive',
      organisationId: barnet.id,
      fillMethod: 'exOfficio',
      startsOn: '2010-04-01',
    });
    expect(appointed.statusCode).toBe(201);
    const after = await membership('2010-04-02');
    expect(
      after.composition.vacancies.some((vacancy: { message: string }) =>
        vacancy.message.includes('from North Central: 0'),
      ),
    ).toBe(false);
  });
});

describe('who may change membership', () => {
  it("refuses another body's secretariat, a member and an anonymous caller", async () => {
    const chiefExecutive = await chiefExecutiveOf('Hillingdon PCT');
    const payload = {
      personId: chiefExecutive.id,
      seatRole: 'ccg-chair-chief-executive',
      fillMethod: 'exOfficio',
      startsOn: '2006-07-01',
    };
    const otherBody = await appoint(secretariat, payload, 'north-west-local-commissioning-group');
    expect(otherBody.statusCode).toBe(403);
    expect(otherBody.json().detail).toContain(
      'secretariat of North West London Local Commissioning Group',
    );
    expect((await appoint(await bearerFor(app, 'member'), payload)).statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'POST', url: membersUrl, payload });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets an administrator manage any body: a constituent PCT chief executive on a 2006 local group', async () => {
    const organisation = await organisationNamed('Hillingdon PCT');
    const chiefExecutive = await chiefExecutiveOf('Hillingdon PCT');
    const response = await appoint(
      administrator,
      {
        personId: chiefExecutive.id,
        seatRole: 'constituent-pct-chief-executive',
        organisationId: organisation.id,
        fillMethod: 'exOfficio',
        startsOn: '2006-07-01',
      },
      'north-west-local-commissioning-group',
    );
    expect(response.statusCode).toBe(201);
    const report = (
      await app.inject('/api/v1/bodies/north-west-local-commissioning-group/members')
    ).json();
    expect(report.composition.valid).toBe(true);
  });
});

describe('the membership page', () => {
  it("shows the engine's verdict, vacancies and clauses, without forms for the public", async () => {
    const page = await app.inject(`/bodies/${lcg}/members`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Members of London Commissioning Group</h1>');
    expect(page.body).toContain('Allowed, with vacancies');
    expect(page.body).toContain('Vacancies');
    expect(page.body).toContain(membershipClause);
    expect(page.body).toContain('How the engine decided');
    expect(page.body).not.toContain('Appoint a member');
  });

  it('lets the secretariat appoint through the form, and shows a refusal in the error summary', async () => {
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const page = await app.inject({ url: `/bodies/${lcg}/members`, headers: { cookie: cookies } });
    expect(page.body).toContain('Appoint a member');
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const post = (fields: Record<string, string>, url = `/bodies/${lcg}/members`) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
      });

    const hammersmith = await organisationNamed('Hammersmith and Fulham PCT');
    const refused = await post({
      personId: (await chiefExecutiveOf('Hammersmith and Fulham PCT')).id,
      seatRole: 'ccg-nominated-chief-executive',
      organisationId: hammersmith.id,
      fillMethod: 'nominated',
      office: '',
      startsOn: '2009-01-01',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#organisationId"');
    expect(refused.body).toContain('from North West: 3');
    expect(refused.body).toContain(`${membershipClause}: &quot;10 London PCT Chief Executives`);

    const missingDate = await post({ personId: '', seatRole: '', fillMethod: '', startsOn: '' });
    expect(missingDate.statusCode).toBe(400);
    expect(missingDate.body).toContain('href="#startsOn"');

    const director = await createPersonWithPost(
      'Morgan Programme',
      (await organisationNamed('NHS London')).id,
      'programme-director',
      '2008-01-01',
    );
    const appointed = await post({
      personId: director.personId,
      seatRole: 'programme-director',
      organisationId: '',
      fillMethod: 'appointed',
      office: '',
      startsOn: '2008-02-01',
    });
    expect(appointed.statusCode).toBe(303);
    const after = await app.inject({
      url: `/bodies/${lcg}/members?changed=appointed`,
      headers: { cookie: withCsrf },
    });
    expect(after.body).toContain('The appointment was recorded.');
    expect(after.body).toContain('Morgan Programme');

    const holding = holdingsOf(await membership()).find(
      (entry) => entry.person.name === 'Morgan Programme',
    );
    const badEnd = await post(
      { endsOn: '2001-01-01' },
      `/bodies/${lcg}/members/${holding?.id}/end`,
    );
    expect(badEnd.statusCode).toBe(400);
    expect(badEnd.body).toContain(`href="#endsOn-${holding?.id}"`);
    const ended = await post({ endsOn: '2009-12-31' }, `/bodies/${lcg}/members/${holding?.id}/end`);
    expect(ended.statusCode).toBe(303);
    expect(holdingsOf(await membership()).some((entry) => entry.id === holding?.id)).toBe(false);
  });

  it('refuses a form post without the CSRF token', async () => {
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const response = await app.inject({
      method: 'POST',
      url: `/bodies/${lcg}/members`,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'personId=x',
    });
    expect(response.statusCode).toBe(403);
  });
});
