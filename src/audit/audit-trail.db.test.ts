import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signInThroughForm } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("an entity's audit trail", () => {
  it('records who changed what, in the API and on a page the entity links to', async () => {
    const administrator = await bearerFor(app, 'administrator');
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: administrator,
        payload: { name: 'Audited Trust', type: 'provider-trust' },
      })
    ).json();
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${created.id}`,
      headers: administrator,
      payload: { odsCode: 'RZZ' },
    });

    const trail = (
      await app.inject({
        url: `/api/v1/audit-events?entityType=organisation&entityId=${created.id}`,
        headers: administrator,
      })
    ).json();
    expect(trail.items.map((event: { action: string }) => event.action)).toEqual([
      'organisation.updated',
      'organisation.created',
    ]);
    expect(trail.items[0]).toMatchObject({
      actor: expect.stringMatching(/^account:[0-9a-f-]{36} <admin@demo\.invalid>$/),
      before: { odsCode: null },
      after: { odsCode: 'RZZ' },
      requestId: expect.any(String),
    });

    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const organisationPage = await app.inject({
      url: `/organisations/${created.id}`,
      headers: { cookie: cookies },
    });
    expect(organisationPage.body).toContain(`href="/audit/organisation/${created.id}"`);
    const trailPage = await app.inject({
      url: `/audit/organisation/${created.id}`,
      headers: { cookie: cookies },
    });
    expect(trailPage.statusCode).toBe(200);
    expect(trailPage.body).toContain('organisation.updated');
    expect(trailPage.body).toMatch(/odsCode<\/strong>: none → RZZ/);
  });

  it("is read by a secretariat only for the registry and its own body, and never another account's", async () => {
    const secretariat = await bearerFor(app, 'secretariat');
    const trail = (type: string, id: string) =>
      app.inject({
        url: `/api/v1/audit-events?entityType=${type}&entityId=${id}`,
        headers: secretariat,
      });
    const bodies = (await database.db.execute(
      sql`select id, slug from bodies where slug in ('london-commissioning-group', 'north-west-local-commissioning-group')`,
    )) as { rows: unknown[] };
    const idOf = (slug: string) =>
      (bodies.rows as { id: string; slug: string }[]).find((row) => row.slug === slug)!.id;
    expect((await trail('body', idOf('london-commissioning-group'))).statusCode).toBe(200);
    expect((await trail('body', idOf('north-west-local-commissioning-group'))).statusCode).toBe(
      404,
    );
    const administrator = (
      await app.inject({ url: '/api/v1/me', headers: await bearerFor(app, 'administrator') })
    ).json();
    expect((await trail('account', administrator.accountId)).statusCode).toBe(404);
    const self = (await app.inject({ url: '/api/v1/me', headers: secretariat })).json();
    expect((await trail('account', self.accountId)).statusCode).toBe(200);
  });

  it('is not linked for people who may not read it', async () => {
    const somebody = (await app.inject('/api/v1/organisations?q=Camden')).json().items[0];
    const anonymousView = await app.inject(`/organisations/${somebody.id}`);
    expect(anonymousView.body).not.toContain('/audit/organisation/');
    const { cookies } = await signInThroughForm(app, 'member@demo.invalid');
    const memberView = await app.inject({
      url: `/organisations/${somebody.id}`,
      headers: { cookie: cookies },
    });
    expect(memberView.body).not.toContain('/audit/organisation/');
  });
});
