import { count, eq, like } from 'drizzle-orm';
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
import { organisations } from '../db/schema/registry.ts';
import {
  specialisedConsortia,
  specialisedConsortiumBudgets,
  specialisedConsortiumMembers,
} from '../db/schema/specialised-commissioning.ts';
import type { App } from '../http/app-types.ts';
import {
  demoConsortiumName,
  seedDemoSpecialisedCommissioning,
} from './seed-demo-specialised-commissioning.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };
let pcts: { id: string; name: string }[];
let businessServiceId: string;
let consortiumId: string;

const post = (url: string, payload: object, headers: { authorization: string }) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });

async function written() {
  const tally = async (
    table:
      | typeof specialisedConsortia
      | typeof specialisedConsortiumMembers
      | typeof specialisedConsortiumBudgets,
  ) => (await database.db.select({ n: count() }).from(table))[0]?.n;
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'specialised-consortium.%'));
  return {
    consortia: await tally(specialisedConsortia),
    members: await tally(specialisedConsortiumMembers),
    budgets: await tally(specialisedConsortiumBudgets),
    events: events?.n,
  };
}

const consortium = (members: { organisationId: string; shareBasisPoints: number }[]) => ({
  name: 'North Central London Specialised Services Consortium',
  shareBasis: 'activity',
  shareBasisNote: 'By each PCT’s share of last year’s specialised activity.',
  establishedOn: '2007-04-01',
  members,
});

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
  pcts = await database.db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.type, 'primary-care-trust'))
    .orderBy(organisations.name);
  const [bs] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.type, 'business-service'));
  businessServiceId = bs!.id;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('2008 Commissioning development: a specialised services consortium', () => {
  it('refuses shares not summing to 100%, the Business Service as a member, and a member; nothing written', async () => {
    const before = await written();
    const [a, b, c] = pcts as unknown as [{ id: string }, { id: string }, { id: string }];
    const short = await post(
      '/specialised-commissioning',
      consortium([
        { organisationId: a.id, shareBasisPoints: 3333 },
        { organisationId: b.id, shareBasisPoints: 3333 },
        { organisationId: c.id, shareBasisPoints: 3333 },
      ]),
      secretariat,
    );
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].message).toContain('99.99%, not 100%');
    const withBusinessService = await post(
      '/specialised-commissioning',
      consortium([
        { organisationId: a.id, shareBasisPoints: 5000 },
        { organisationId: businessServiceId, shareBasisPoints: 5000 },
      ]),
      secretariat,
    );
    expect(withBusinessService.statusCode).toBe(400);
    expect(withBusinessService.json().errors[0].message).toContain('2006 §3.2');
    const byMember = await post(
      '/specialised-commissioning',
      consortium([
        { organisationId: a.id, shareBasisPoints: 5000 },
        { organisationId: b.id, shareBasisPoints: 5000 },
      ]),
      member,
    );
    expect(byMember.statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('records members, a budget in pence and services; contributions add up to the budget exactly', async () => {
    const [a, b, c] = pcts as unknown as [{ id: string }, { id: string }, { id: string }];
    const recorded = await post(
      '/specialised-commissioning',
      consortium([
        { organisationId: a.id, shareBasisPoints: 3333 },
        { organisationId: b.id, shareBasisPoints: 3333 },
        { organisationId: c.id, shareBasisPoints: 3334 },
      ]),
      secretariat,
    );
    expect(recorded.statusCode, recorded.body).toBe(201);
    consortiumId = recorded.json().consortiumId;
    const budget = await post(
      `/specialised-commissioning/${consortiumId}/budgets`,
      { startYear: 2007, amountPence: 100_000_001 },
      secretariat,
    );
    expect(budget.statusCode, budget.body).toBe(204);
    const service = await post(
      `/specialised-commissioning/${consortiumId}/services`,
      { name: 'Neonatal intensive care' },
      secretariat,
    );
    expect(service.statusCode).toBe(201);
    const view = (await app.inject(`/api/v1/specialised-commissioning/${consortiumId}`)).json();
    expect(view.lead).toBe('London Commissioning Group');
    expect(view.totalShare).toBe('100.00%');
    expect(view.budgets).toEqual([{ startYear: 2007, year: '2007/08', amount: '£1,000,000.01' }]);
    expect(view.members.map((each: { contributions: string[] }) => each.contributions[0])).toEqual([
      '£333,300.00',
      '£333,300.00',
      '£333,400.01',
    ]);
    expect(view.roundingRule).toContain('add up to the budget exactly');
  });

  it('refuses a budget with a fraction of a penny, and a second budget for the same year; nothing written', async () => {
    const before = await written();
    const fraction = await post(
      `/specialised-commissioning/${consortiumId}/budgets`,
      { startYear: 2008, amountPence: 100.5 },
      secretariat,
    );
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().errors[0].message).toContain('fraction of a penny');
    const again = await post(
      `/specialised-commissioning/${consortiumId}/budgets`,
      { startYear: 2007, amountPence: 5 },
      secretariat,
    );
    expect(again.statusCode).toBe(409);
    expect(await written()).toEqual(before);
  });

  it('the page refuses pounds with a fraction of a penny and records a budget typed in pounds', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({
      url: `/specialised-commissioning/${consortiumId}`,
      headers: { cookie: cookies },
    });
    const jar = cookieHeader(page.headers['set-cookie'], cookies);
    const send = (amount: string) =>
      app.inject({
        method: 'POST',
        url: `/specialised-commissioning/${consortiumId}/budgets`,
        headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrfTokenIn(page.body),
          startYear: '2008',
          amount,
        }).toString(),
      });
    const refused = await send('1,000.005');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('whole pence');
    const recorded = await send('£2,000,000.50');
    expect(recorded.statusCode).toBe(303);
    const shown = await app.inject(`/specialised-commissioning/${consortiumId}`);
    expect(shown.body).toContain('£2,000,000.50');
    expect(shown.body).toContain('2008/09');
  });

  it('the demo: all 31 PCTs by population, two years’ budgets, four services, once', async () => {
    await database.db.delete(specialisedConsortiumBudgets);
    await database.db.delete(specialisedConsortiumMembers);
    const { specialisedConsortiumServices } = await import(
      '../db/schema/specialised-commissioning.ts'
    );
    await database.db.delete(specialisedConsortiumServices);
    await database.db.delete(specialisedConsortia);
    const context = { actor: 'seed', now: new Date('2026-11-23T09:00:00Z') };
    expect(await seedDemoSpecialisedCommissioning({ db: database.db, context })).toBe(1);
    expect(await seedDemoSpecialisedCommissioning({ db: database.db, context })).toBe(0);
    const list = (await app.inject('/api/v1/specialised-commissioning')).json();
    const demo = list.consortia.find((each: { name: string }) => each.name === demoConsortiumName);
    expect(demo.memberCount).toBe(31);
    const view = (await app.inject(`/api/v1/specialised-commissioning/${demo.id}`)).json();
    expect(view.totalShare).toBe('100.00%');
    expect(view.budgets.map((each: { year: string }) => each.year)).toEqual(['2007/08', '2008/09']);
    expect(view.services).toHaveLength(4);
    const pence = (text: string) => Number(text.replace(/[£,.]/g, ''));
    for (const [index, budget] of view.budgets.entries()) {
      const sum = view.members.reduce(
        (total: number, each: { contributions: string[] }) =>
          total + pence(each.contributions[index] ?? '0'),
        0,
      );
      expect(sum).toBe(pence(budget.amount));
    }
  });
});
