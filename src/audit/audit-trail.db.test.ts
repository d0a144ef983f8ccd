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
    // Issue 22, item 5: who by name, what in words, the change a readable line, the thing titled.
    expect(trailPage.body).toContain('Organisation: updated');
    expect(trailPage.body).toMatch(/ODS code<\/strong>: none → RZZ/);
    expect(trailPage.body).toContain('Demo Administrator');
    expect(trailPage.body).toContain('Audited Trust');
    expect(trailPage.body).not.toMatch(
      /account:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?!")/,
    );
  });

  it('titles a meeting by its body and day, names the records an event points to, and pages a long trail fifty at a time', async () => {
    const scheduled = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies/london-commissioning-group/meetings',
      headers: await bearerFor(app, 'secretariat'),
      payload: {
        title: 'December meeting',
        startsAt: '2026-12-10T14:00:00Z',
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: '2026-11-20',
      },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const [row] = (
      (await database.db.execute(sql`
        select (select id from accounts where email = 'secretariat@demo.invalid') as "accountId",
               id as "personId", name as "personName"
        from people order by name limit 1`)) as {
        rows: { accountId: string; personId: string; personName: string }[];
      }
    ).rows;
    const meeting = { id: scheduled.json().meetingId as string, ...row! };
    // 120 events more than the meeting already has, each naming a person by id.
    await database.db.execute(sql`
      insert into audit_events (id, occurred_at, actor, action, entity_type, entity_id, before, after)
      select gen_random_uuid(), now() - make_interval(mins => n), ${`account:${meeting.accountId} <secretariat@demo.invalid>`},
             'meeting.attendance-recorded', 'meeting', ${meeting.id}, null,
             jsonb_build_object('personId', ${meeting.personId}::text, 'present', true)
      from generate_series(1, 120) as n`);
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const first = await app.inject({
      url: `/audit/meeting/${meeting.id}`,
      headers: { cookie: cookies },
    });
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/London Commissioning Group meeting, 10 December 2026/);
    expect(first.body).toContain('Demo Secretariat');
    expect(first.body).toContain(`<strong>Person</strong>: — → ${meeting.personName}`);
    expect(first.body).toContain('<strong>Present</strong>: — → yes');
    expect(first.body.match(/<tr role="row" class="nhsuk-table__row">/g)).toHaveLength(50);
    const total = Number(
      /([\d,]+) changes\. Page 1 of (\d+)/.exec(first.body)?.[1]?.replace(',', ''),
    );
    expect(total).toBeGreaterThanOrEqual(120);
    const pages = Math.ceil(total / 50);
    expect(first.body).toContain(`Page 1 of ${pages}`);
    expect(first.body).toContain(`href="/audit/meeting/${meeting.id}?page=2"`);
    const last = await app.inject({
      url: `/audit/meeting/${meeting.id}?page=${pages}`,
      headers: { cookie: cookies },
    });
    expect(last.body.match(/<tr role="row" class="nhsuk-table__row">/g)).toHaveLength(
      total - 50 * (pages - 1),
    );
    expect(last.body).toContain(`href="/audit/meeting/${meeting.id}?page=${pages - 1}"`);
    // A page past the end shows the last; nonsense shows the first.
    const beyond = await app.inject({
      url: `/audit/meeting/${meeting.id}?page=999`,
      headers: { cookie: cookies },
    });
    expect(beyond.body).toContain(`Page ${pages} of ${pages}`);
    const nonsense = await app.inject({
      url: `/audit/meeting/${meeting.id}?page=x`,
      headers: { cookie: cookies },
    });
    expect(nonsense.body).toContain(`Page 1 of ${pages}`);
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
