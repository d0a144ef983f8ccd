import { count, eq, like } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import {
  commissioningRounds,
  roundPriorities,
  roundSubmissions,
} from '../db/schema/commissioning.ts';
import { organisations } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { createApiToken } from '../identity/account-service.ts';
import { loadAccountActor } from '../identity/actor.ts';
import { insertAccount, insertBodyRoleAssignments } from '../identity/identity-queries.ts';

// The test clock starts at 2026-11-23 (fixedNow) and moves past the due date for late returns.
// Rules under test: 2006 §104, "Undertake an annual ‘horizon scanning’ process to identify
// prospective commissioning priorities, with input from all London PCTs to form the basis of
// annual London wide Commissioning Intentions"; 2008 Business development, "ensuring delivery of
// a consistent commissioning business process and timetable".
const lcg = 'london-commissioning-group';
const roundUrl = `/api/v1/bodies/${lcg}/commissioning-rounds/2027-28`;
const timetable = {
  submissionsOpenOn: '2026-11-01',
  submissionsDueOn: '2026-11-30',
  consolidationBy: '2026-12-18',
  agreementBy: '2027-01-29',
  publicationBy: '2027-03-01',
};
const stroke = {
  title: 'Hyper-acute stroke units for the borough',
  serviceArea: 'Stroke',
  rationale: 'Too few patients reach a stroke unit within three hours.',
  expectedEffect: 'More patients thrombolysed; lower disability at 90 days.',
  population: 'Adults at risk of stroke in Brent',
};
const diabetes = {
  title: 'Structured education for type 2 diabetes',
  serviceArea: 'Diabetes',
  rationale: 'Admissions for diabetic complications are above the London average.',
  expectedEffect: 'Fewer emergency admissions for complications.',
  population: 'Adults with type 2 diabetes registered with Brent practices',
};

let database: DatabaseHandle;
let app: App;
let clock = fixedNow;
let secretariat: { authorization: string };
let member: { authorization: string };
let chair: { authorization: string };
let administrator: { authorization: string };
let publicAccount: { authorization: string };
const pct: Record<string, string> = {};

async function organisationId(name: string): Promise<string> {
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  return row!.id;
}

async function written() {
  const [rounds] = await database.db.select({ n: count() }).from(commissioningRounds);
  const [submissions] = await database.db.select({ n: count() }).from(roundSubmissions);
  const [priorities] = await database.db.select({ n: count() }).from(roundPriorities);
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'commissioning-round.%'));
  return {
    rounds: rounds?.n ?? 0,
    submissions: submissions?.n ?? 0,
    priorities: priorities?.n ?? 0,
    events: events?.n ?? 0,
  };
}

async function lastEvent(action: string) {
  const rows = await database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(auditEvents.occurredAt);
  return rows.at(-1);
}

/** A bearer token for an account holding one role on one body (a local group's chair, say). */
async function roleHolder(bodySlug: string, role: 'chair' | 'secretariat') {
  const accountId = uuidv7();
  await database.db.transaction(async (transaction) => {
    await insertAccount(transaction, {
      id: accountId,
      email: `${role}.${bodySlug}@demo.invalid`,
      displayName: `Fictional ${role}`,
      personId: null,
      passwordHash: null,
      isAdministrator: false,
      isDemo: false,
      createdAt: fixedNow,
    });
    await insertBodyRoleAssignments(transaction, [
      { id: uuidv7(), accountId, bodyId: bodySlug, role, startsOn: '2000-01-01' },
    ]);
  });
  const actor = await loadAccountActor(database.db, accountId, clock, {
    authenticatedBy: 'session',
  });
  if (actor?.kind !== 'account') throw new Error('the account did not load');
  const { token } = await createApiToken({
    db: database.db,
    actor,
    name: 'test',
    scope: 'write',
    now: clock,
  });
  return { authorization: `Bearer ${token}` };
}

const put = (url: string, headers: object, payload: object) =>
  app.inject({ method: 'PUT', url, headers: headers as Record<string, string>, payload });

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database, { now: () => clock });
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
  chair = await bearerFor(app, 'chair');
  administrator = await bearerFor(app, 'administrator');
  publicAccount = await bearerFor(app, 'public');
  for (const name of ['Brent Teaching PCT', 'Ealing PCT', 'Kingston PCT', 'NHS London']) {
    pct[name] = await organisationId(name);
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('opening a round (2006 §104: "an annual ‘horizon scanning’ process")', () => {
  it('is refused to anyone but the London group’s secretariat or an administrator', async () => {
    for (const headers of [member, chair, publicAccount]) {
      const refused = await app.inject({
        method: 'POST',
        url: `/api/v1/bodies/${lcg}/commissioning-rounds`,
        headers,
        payload: { year: '2027-28', ...timetable },
      });
      expect(refused.statusCode).toBe(403);
    }
    const local = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies/north-west-local-commissioning-group/commissioning-rounds',
      headers: administrator,
      payload: { year: '2027-28', ...timetable },
    });
    expect(local.statusCode).toBe(400);
    expect(local.json().detail).toContain('2006 §104');
    expect((await written()).rounds).toBe(0);
  });

  it('refuses a timetable out of order, naming 2008 Business development, and writes nothing', async () => {
    const before = await written();
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/commissioning-rounds`,
      headers: secretariat,
      payload: { year: '2027-28', ...timetable, consolidationBy: '2026-11-29' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({
        field: 'consolidationBy',
        message: expect.stringContaining('2008 Business development'),
      }),
    ]);
    expect(await written()).toEqual(before);
  });

  it('refuses a financial year outside 2000/01 to 2099/00 with a 400, and writes nothing', async () => {
    for (const year of ['1899-00', '9999-00', '1999/00']) {
      const refused = await app.inject({
        method: 'POST',
        url: `/api/v1/bodies/${lcg}/commissioning-rounds`,
        headers: secretariat,
        payload: { year, ...timetable },
      });
      expect(refused.statusCode, year).toBe(400);
      expect(refused.json().errors).toEqual([
        {
          field: 'year',
          message: 'Enter a financial year from 2000/01 to 2099/00, like 2008/09.',
        },
      ]);
    }
    const path = await app.inject({ url: `/api/v1/bodies/${lcg}/commissioning-rounds/1899-00` });
    expect(path.statusCode).toBe(404);
    expect(path.json().detail).toContain('in a web address, write it like 2008-09');
    expect((await written()).rounds).toBe(0);
  });

  it('opens the round with its audit event, and refuses a second round for the same year', async () => {
    const opened = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/commissioning-rounds`,
      headers: secretariat,
      payload: { year: '2027/28', ...timetable },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().year).toBe('2027-28');
    const event = await lastEvent('commissioning-round.opened');
    expect(event?.after).toMatchObject({ year: '2027/28', status: 'open', ...timetable });
    const before = await written();
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/commissioning-rounds`,
      headers: administrator,
      payload: { year: '2027-28', ...timetable },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already has a commissioning round for 2027/28');
    expect(await written()).toEqual(before);
    const list = await app.inject({ url: '/api/v1/commissioning-rounds' });
    expect(list.json().rounds).toEqual([
      expect.objectContaining({
        year: '2027/28',
        status: 'open',
        statusInWords: 'Open for returns',
      }),
    ]);
  });
});

describe('changing the timetable while open (2008 Business development)', () => {
  it('is audited with the old dates and the new, and refuses an order that breaks the rule', async () => {
    const changed = await put(`${roundUrl}/timetable`, secretariat, {
      ...timetable,
      publicationBy: '2027-03-15',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const event = await lastEvent('commissioning-round.timetable-changed');
    expect(event?.before).toMatchObject({ publicationBy: '2027-03-01' });
    expect(event?.after).toMatchObject({ publicationBy: '2027-03-15' });
    const before = await written();
    const refused = await put(`${roundUrl}/timetable`, secretariat, {
      ...timetable,
      agreementBy: '2026-12-01',
    });
    expect(refused.statusCode).toBe(400);
    expect(await written()).toEqual(before);
    expect((await put(`${roundUrl}/timetable`, member, timetable)).statusCode).toBe(403);
  });
});

describe('returns to the round (2006 §104: "with input from all London PCTs")', () => {
  it('takes a PCT’s priorities from a person holding a post there, with its audit event', async () => {
    const made = await put(`${roundUrl}/returns/${pct['Brent Teaching PCT']}`, member, {
      priorities: [stroke, diabetes],
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ replaced: false, isLate: false, onBehalf: false });
    const event = await lastEvent('commissioning-round.return-submitted');
    expect(event?.after).toMatchObject({
      submitterName: 'Brent Teaching PCT',
      onBehalf: false,
      priorities: [{ title: stroke.title }, { title: diabetes.title }],
    });
    const read = await app.inject({
      url: `${roundUrl}/returns/${pct['Brent Teaching PCT']}`,
      headers: publicAccount,
    });
    expect(read.json()).toMatchObject({
      row: { name: 'Brent Teaching PCT', received: true, priorityCount: 2, isLate: false },
      priorities: [
        { position: 1, ...stroke },
        { position: 2, ...diabetes },
      ],
    });
  });

  it('lets the PCT replace its return before consolidation starts, audited old and new', async () => {
    const replaced = await put(`${roundUrl}/returns/${pct['Brent Teaching PCT']}`, member, {
      priorities: [diabetes],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().replaced).toBe(true);
    const event = await lastEvent('commissioning-round.return-replaced');
    expect((event!.before as { priorities: unknown[] }).priorities).toHaveLength(2);
    expect((event!.after as { priorities: unknown[] }).priorities).toHaveLength(1);
  });

  it('keeps the returns-due date once a return has been judged against it; the other dates may move', async () => {
    const before = await written();
    const refused = await put(`${roundUrl}/timetable`, secretariat, {
      ...timetable,
      submissionsDueOn: '2026-12-07',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('1 return has been received');
    expect(refused.json().detail).toContain(
      '2008 Business development: “ensuring delivery of a consistent commissioning business process and timetable”',
    );
    expect(await written()).toEqual(before);
    const moved = await put(`${roundUrl}/timetable`, secretariat, {
      ...timetable,
      publicationBy: '2027-03-20',
    });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('refuses someone with no post at the PCT, and records the secretariat entering it on its behalf', async () => {
    const before = await written();
    const refused = await put(`${roundUrl}/returns/${pct['Ealing PCT']}`, publicAccount, {
      priorities: [stroke],
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await put(`${roundUrl}/returns/${pct['Ealing PCT']}`, member, { priorities: [stroke] }))
        .statusCode,
    ).toBe(403);
    expect(await written()).toEqual(before);
    const entered = await put(`${roundUrl}/returns/${pct['Ealing PCT']}`, secretariat, {
      priorities: [{ ...stroke, population: 'Adults at risk of stroke in Ealing' }],
    });
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json().onBehalf).toBe(true);
    const read = await app.inject({
      url: `${roundUrl}/returns/${pct['Ealing PCT']}`,
      headers: member,
    });
    expect(read.json().submittedBy).toBe(
      'Demo Secretariat (secretariat of London Commissioning Group, on behalf of Ealing PCT)',
    );
  });

  it('takes a nil return with no priorities, and refuses one that lists priorities', async () => {
    const before = await written();
    const mixed = await put(`${roundUrl}/returns/${pct['Kingston PCT']}`, secretariat, {
      isNilReturn: true,
      priorities: [stroke],
    });
    expect(mixed.statusCode).toBe(400);
    const empty = await put(`${roundUrl}/returns/${pct['Kingston PCT']}`, secretariat, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].message).toContain('2006 §104');
    expect(await written()).toEqual(before);
    const nil = await put(`${roundUrl}/returns/${pct['Kingston PCT']}`, secretariat, {
      isNilReturn: true,
    });
    expect(nil.statusCode, nil.body).toBe(201);
  });

  it('takes a local group’s return from the round’s secretariat on its behalf', async () => {
    const made = await put(
      `${roundUrl}/returns/south-west-local-commissioning-group`,
      secretariat,
      { priorities: [{ ...stroke, population: 'Adults in south west London' }] },
    );
    expect(made.statusCode, made.body).toBe(201);
    expect(
      (
        await put(`${roundUrl}/returns/south-west-local-commissioning-group`, member, {
          priorities: [stroke],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('takes a local group’s return from its own chair, not from another group’s', async () => {
    const chairOfNorthWest = await roleHolder('north-west-local-commissioning-group', 'chair');
    const made = await put(
      `${roundUrl}/returns/north-west-local-commissioning-group`,
      chairOfNorthWest,
      { priorities: [{ ...stroke, population: 'Adults in north west London' }] },
    );
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().onBehalf).toBe(false);
    const other = await put(
      `${roundUrl}/returns/north-east-local-commissioning-group`,
      chairOfNorthWest,
      { priorities: [stroke] },
    );
    expect(other.statusCode).toBe(403);
  });

  it('refuses a priority from a body that is not a PCT of the round, naming 2006 §104, and writes nothing', async () => {
    const surrey = uuidv7();
    await database.db.insert(organisations).values({
      id: surrey,
      name: 'Surrey Heath and Woking PCT',
      type: 'primary-care-trust',
      sectorId: null,
    });
    const before = await written();
    for (const [submitter, words] of [
      [pct['NHS London'], 'is not a primary care trust'],
      [surrey, 'is not one of the London group’s PCTs'],
      ['joint-committee-of-pcts', 'neither'],
    ] as const) {
      const refused = await put(`${roundUrl}/returns/${submitter}`, administrator, {
        priorities: [stroke],
      });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors[0]).toMatchObject({
        field: 'submitter',
        message: expect.stringContaining(words),
      });
      expect(refused.json().errors[0].message).toContain('2006 §104');
    }
    expect(await written()).toEqual(before);
  });

  it('after the due date, refuses a return without its reason (nothing written) and flags it late with one', async () => {
    clock = new Date('2026-12-04T10:00:00Z');
    const before = await written();
    const refused = await put(
      `${roundUrl}/returns/${pct['Harrow PCT'] ?? (await organisationId('Harrow PCT'))}`,
      secretariat,
      {
        priorities: [stroke],
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({
        field: 'lateReason',
        message: expect.stringMatching(
          /due on 30 November 2026.*4 days late.*2008 Business development/,
        ),
      }),
    ]);
    expect(await written()).toEqual(before);
    const late = await put(
      `${roundUrl}/returns/${await organisationId('Harrow PCT')}`,
      secretariat,
      {
        priorities: [stroke],
        lateReason: 'The PCT Board approved the priorities on 3 December.',
      },
    );
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().isLate).toBe(true);
  });

  it('shows the timetable to everyone and the returns table of all 31 PCTs and five local groups to signed-in accounts', async () => {
    const anonymous = await app.inject({ url: roundUrl });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().returns).toBeNull();
    expect(anonymous.json().timetable).toHaveLength(5);
    expect(
      (await app.inject({ url: `${roundUrl}/returns/${pct['Brent Teaching PCT']}` })).statusCode,
    ).toBe(401);
    const round = (await app.inject({ url: roundUrl, headers: member })).json();
    expect(round.returns).toMatchObject({ expected: 36, received: 6, late: 1, nil: 1 });
    const rows = round.returns.sectors.flatMap((sector: { pcts: unknown[] }) => sector.pcts);
    expect(rows).toHaveLength(31);
    expect(round.returns.localGroups).toHaveLength(5);
    expect(rows.find((row: { name: string }) => row.name === 'Camden PCT')).toMatchObject({
      received: false,
      daysOverdue: 4,
    });
    expect(rows.find((row: { name: string }) => row.name === 'Brent Teaching PCT')).toMatchObject({
      mayAct: true,
    });
    const { cookies } = await signInThroughForm(app, demoEmails.member);
    const page = await app.inject({
      url: `/bodies/${lcg}/commissioning-rounds/2027-28`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Late: The PCT Board approved the priorities on 3 December.');
    expect(page.body).toContain('Not received, 4 days overdue');
    expect(page.body).toContain('nil return');
    // No dead ends: the round links to its intentions and, for signed-in readers, the fit of local
    // plans; the prospectus only once published.
    const roundPage = `/bodies/${lcg}/commissioning-rounds/2027-28`;
    expect(page.body).toContain(`href="${roundPage}/intentions"`);
    expect(page.body).toContain(`href="${roundPage}/fit"`);
    expect(page.body).not.toContain(`href="${roundPage}/prospectus"`);
    const anonymousPage = await app.inject({ url: roundPage });
    expect(anonymousPage.body).toContain(`href="${roundPage}/intentions"`);
    expect(anonymousPage.body).not.toContain(`href="${roundPage}/fit"`);
    await database.db.update(commissioningRounds).set({ status: 'published' });
    const published = await app.inject({ url: roundPage });
    expect(published.body).toContain(`href="${roundPage}/prospectus"`);
    await database.db.update(commissioningRounds).set({ status: 'open' });
    const londonGroup = await app.inject({ url: `/bodies/${lcg}` });
    expect(londonGroup.body).toContain('href="/commissioning"');
  });

  it('the return form names the row and field at fault, asks a late return’s reason, and writes nothing on refusal', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const camden = await organisationId('Camden PCT');
    const formUrl = `/bodies/${lcg}/commissioning-rounds/2027-28/returns/${camden}/form`;
    const form = await app.inject({ url: formUrl, headers: { cookie: cookies } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Why the return is late');
    const cookie = cookieHeader(form.headers['set-cookie'], cookies);
    const before = await written();
    const refused = await app.inject({
      method: 'POST',
      url: formUrl.replace(/\/form$/, ''),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(form.body),
        rows: '3',
        'priority-2-title': 'Stroke units',
        'priority-2-serviceArea': 'Stroke',
      }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#priority-2-rationale"');
    expect(refused.body).toContain('Say why it is a priority.');
    expect(await written()).toEqual(before);
    const late = await app.inject({
      method: 'POST',
      url: formUrl.replace(/\/form$/, ''),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(form.body),
        rows: '3',
        ...Object.fromEntries(
          Object.entries(stroke).map(([key, value]) => [`priority-1-${key}`, value]),
        ),
      }).toString(),
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('href="#lateReason"');
    expect(late.body).toContain('2008 Business development');
    expect(await written()).toEqual(before);
    const publicCookies = (await signInThroughForm(app, demoEmails.public)).cookies;
    expect(
      (await app.inject({ url: formUrl, headers: { cookie: publicCookies } })).statusCode,
    ).toBe(403);
  });

  it('refuses a replacement once consolidation starts, and any return once past consolidation', async () => {
    await database.db.update(commissioningRounds).set({ status: 'consolidating' });
    const before = await written();
    const replaced = await put(`${roundUrl}/returns/${pct['Brent Teaching PCT']}`, member, {
      priorities: [stroke],
      lateReason: 'Updated after the board.',
    });
    expect(replaced.statusCode).toBe(409);
    expect(replaced.json().detail).toContain('consolidation has started');
    await database.db.update(commissioningRounds).set({ status: 'put-to-group' });
    const past = await put(
      `${roundUrl}/returns/${await organisationId('Camden PCT')}`,
      secretariat,
      {
        priorities: [stroke],
        lateReason: 'Very late.',
      },
    );
    expect(past.statusCode).toBe(409);
    expect(past.json().detail).toContain('moved past consolidation');
    // The London group's title keeps its capitals inside the sentence.
    expect(past.json().detail).toContain('(“Intentions put to the London group”)');
    expect(await written()).toEqual(before);
  });
});
