import { Validator } from '@seriousme/openapi-schema-validator';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { organisations } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoData, seedReferenceData } from '../seed/reference-data.ts';

let database: DatabaseHandle;
let app: App;
let administrator: { authorization: string };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  administrator = await bearerFor(app, 'administrator');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function rowCounts() {
  const [organisationRows] = await database.db.select({ total: count() }).from(organisations);
  const [auditRows] = await database.db.select({ total: count() }).from(auditEvents);
  return { organisations: organisationRows!.total, auditEvents: auditRows!.total };
}

function postJson(url: string, body: unknown) {
  return app.inject({ method: 'POST', url, payload: body as object, headers: administrator });
}

describe('the London reference data', () => {
  it('lists the 31 London PCTs, each with id, name, ODS code, type and sector', async () => {
    const response = await app.inject('/api/v1/organisations?type=primary-care-trust&pageSize=100');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(31);
    expect(body.items).toHaveLength(31);
    for (const item of body.items) {
      expect(item).toMatchObject({
        id: expect.any(String),
        name: expect.any(String),
        odsCode: expect.stringMatching(/^[A-Z0-9]{3}$/),
        type: 'primary-care-trust',
        sector: { id: expect.any(String), name: expect.any(String) },
      });
    }
    const perSector: Record<string, number> = {};
    for (const item of body.items)
      perSector[item.sector.name] = (perSector[item.sector.name] ?? 0) + 1;
    expect(perSector).toEqual({
      'North West': 8,
      'North Central': 5,
      'North East': 7,
      'South East': 6,
      'South West': 5,
    });
  });

  it('filters by sector and pages through the results', async () => {
    const first = (await app.inject('/api/v1/organisations?sector=north-east&pageSize=4')).json();
    const second = (
      await app.inject('/api/v1/organisations?sector=north-east&pageSize=4&page=2')
    ).json();
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(3);
    const names = [...first.items, ...second.items].map((item: { name: string }) => item.name);
    expect(new Set(names).size).toBe(7);
    expect(names).toContain('Tower Hamlets PCT');
  });

  it('gets one organisation, and answers 404 problem+json for an unknown id', async () => {
    const list = (await app.inject('/api/v1/organisations?q=Brent')).json();
    const brent = list.items[0];
    const response = await app.inject(`/api/v1/organisations/${brent.id}`);
    expect(response.json()).toMatchObject({
      name: 'Brent Teaching PCT',
      odsCode: '5K5',
      population: 311215,
    });
    const missing = await app.inject('/api/v1/organisations/01900000-0000-7000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('is loaded once: seeding again adds nothing', async () => {
    const before = await rowCounts();
    const context = { actor: 'seed', now: new Date('2026-11-23T11:00:00Z') };
    const reference = await seedReferenceData({ db: database.db, context });
    const demo = await seedDemoData({ db: database.db, context });
    expect(reference.organisationsAdded + reference.sectorsAdded + demo.peopleAdded).toBe(0);
    expect(await rowCounts()).toEqual(before);
  });

  it('gives every PCT and NHS London a fictional chief executive', async () => {
    const nhsLondon = (
      await app.inject('/api/v1/organisations?type=strategic-health-authority')
    ).json().items[0];
    const people = (await app.inject(`/api/v1/people?organisation=${nhsLondon.id}`)).json();
    expect(people.items).toHaveLength(1);
    expect(people.items[0].isFictional).toBe(true);
    const all = (await app.inject('/api/v1/people?pageSize=200')).json();
    expect(all.total).toBe(32);
  });
});

describe('changing the registry', () => {
  it('creates an organisation and audits it in the same transaction', async () => {
    const before = await rowCounts();
    const response = await postJson('/api/v1/organisations', {
      name: 'Guy’s and St Thomas’ NHS Foundation Trust',
      type: 'foundation-trust',
      odsCode: 'rj1',
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ odsCode: 'RJ1', sector: null, type: 'foundation-trust' });
    expect(response.headers.location).toBe(`/api/v1/organisations/${created.id}`);
    expect(await rowCounts()).toEqual({
      organisations: before.organisations + 1,
      auditEvents: before.auditEvents + 1,
    });
  });

  it('updates only the fields given and records before and after', async () => {
    const created = (
      await postJson('/api/v1/organisations', {
        name: 'North Central PBC Consortium',
        type: 'practice-based-commissioning-consortium',
      })
    ).json();
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${created.id}`,
      payload: { sector: 'north-central' },
      headers: administrator,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'North Central PBC Consortium',
      sector: { name: 'North Central' },
    });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where((await import('drizzle-orm')).eq(auditEvents.action, 'organisation.updated'));
    expect(event).toMatchObject({
      entityId: created.id,
      before: { sectorId: null },
      after: { sectorId: 'north-central' },
    });
  });

  it('records people and the posts they hold, and keeps ended posts as history', async () => {
    const person = (
      await postJson('/api/v1/people', {
        name: 'Robin Testcase',
        email: 'robin.testcase@demo.invalid',
      })
    ).json();
    const camden = (await app.inject('/api/v1/organisations?q=Camden')).json().items[0];
    const post = await postJson('/api/v1/posts', {
      personId: person.id,
      organisationId: camden.id,
      role: 'director-of-finance',
      startsOn: '2007-04-01',
    });
    expect(post.statusCode).toBe(201);
    expect(post.json()).toMatchObject({
      title: 'Director of Finance',
      organisationName: 'Camden PCT',
      endsOn: null,
    });
    const ended = await postJson(`/api/v1/posts/${post.json().id}/end`, { endsOn: '2008-03-31' });
    expect(ended.json().endsOn).toBe('2008-03-31');
    const early = await postJson(`/api/v1/posts/${post.json().id}/end`, { endsOn: '2007-01-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([
      { field: 'endsOn', message: expect.stringContaining('2007-04-01') },
    ]);
    const reread = (await app.inject(`/api/v1/people/${person.id}`)).json();
    expect(reread.posts).toHaveLength(1);
    expect(reread.posts[0].endsOn).toBe('2008-03-31');
  });
});

describe('bad input gets a 4xx problem+json naming the field, and nothing is written', () => {
  const cases: {
    name: string;
    body: unknown;
    contentType?: string;
    status: number;
    field: string;
  }[] = [
    {
      name: 'a malformed ODS code',
      body: { name: 'Bad Code Trust', type: 'provider-trust', odsCode: '5K-5!' },
      status: 400,
      field: 'odsCode',
    },
    {
      name: 'an unknown sector',
      body: {
        name: 'Nowhere PCT',
        type: 'primary-care-trust',
        sector: 'central-london',
        odsCode: 'ZZ9',
      },
      status: 400,
      field: 'sector',
    },
    {
      name: 'a PCT without a sector',
      body: { name: 'Sectorless PCT', type: 'primary-care-trust', odsCode: 'ZZ8' },
      status: 400,
      field: 'sector',
    },
    {
      name: 'an unknown organisation type',
      body: { name: 'Mystery Body', type: 'quango' },
      status: 400,
      field: 'type',
    },
    {
      name: 'a duplicate organisation name',
      body: { name: 'brent teaching pct', type: 'other' },
      status: 409,
      field: 'name',
    },
    {
      name: 'a duplicate ODS code',
      body: { name: 'Another Brent', type: 'other', odsCode: '5K5' },
      status: 409,
      field: 'odsCode',
    },
    {
      name: 'an unexpected field',
      body: { name: 'Extra Fields Trust', type: 'other', colour: 'blue' },
      status: 400,
      field: 'colour',
    },
    {
      name: 'a body that is not JSON',
      body: '{"name": "Broken',
      contentType: 'application/json',
      status: 400,
      field: 'body',
    },
    {
      name: 'a body that is not JSON at all',
      body: 'name=Form',
      contentType: 'text/plain',
      status: 415,
      field: 'body',
    },
  ];

  for (const testCase of cases) {
    it(`refuses ${testCase.name}`, async () => {
      const before = await rowCounts();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        payload: typeof testCase.body === 'string' ? testCase.body : JSON.stringify(testCase.body),
        headers: { 'content-type': testCase.contentType ?? 'application/json', ...administrator },
      });
      expect(response.statusCode).toBe(testCase.status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem).toMatchObject({
        status: testCase.status,
        type: expect.any(String),
        title: expect.any(String),
        detail: expect.any(String),
      });
      expect(problem.errors.map((error: { field: string }) => error.field)).toContain(
        testCase.field,
      );
      expect(await rowCounts()).toEqual(before);
    });
  }

  it('refuses an update that would leave a PCT without a sector, changing nothing', async () => {
    const ealing = (await app.inject('/api/v1/organisations?q=Ealing')).json().items[0];
    const before = await rowCounts();
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${ealing.id}`,
      payload: { sector: null },
      headers: administrator,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('sector');
    expect((await app.inject(`/api/v1/organisations/${ealing.id}`)).json().sector.id).toBe(
      'north-west',
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a malformed id and a bad page size in the query', async () => {
    const badId = await app.inject('/api/v1/organisations/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('id');
    const badPage = await app.inject('/api/v1/organisations?pageSize=5000');
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().errors[0].field).toBe('pageSize');
    const badSector = await app.inject('/api/v1/organisations?sector=North%20West');
    expect(badSector.json().errors[0].field).toBe('sector');
  });

  it('refuses a post for a person or organisation that does not exist', async () => {
    const response = await postJson('/api/v1/posts', {
      personId: '01900000-0000-7000-8000-000000000001',
      organisationId: '01900000-0000-7000-8000-000000000002',
      role: 'chief-executive',
      startsOn: '2008-01-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual([
      'personId',
      'organisationId',
    ]);
  });

  it('refuses a second person with the same e-mail address', async () => {
    await postJson('/api/v1/people', { name: 'Sam One', email: 'sam@demo.invalid' });
    const response = await postJson('/api/v1/people', {
      name: 'Sam Two',
      email: 'SAM@demo.invalid',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].field).toBe('email');
  });
});

describe('the service document and health', () => {
  it('serves an OpenAPI 3.1 document that validates', async () => {
    const document = (await app.inject('/api/v1/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/organisations',
        '/api/v1/organisations/{id}',
        '/api/v1/people',
        '/api/v1/posts',
      ]),
    );
  });

  it('reports on /healthz that the database is reachable', async () => {
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      database: { reachable: true, engine: database.engine },
    });
  });
});
