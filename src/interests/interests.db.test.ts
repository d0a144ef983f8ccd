import { and, count, eq } from 'drizzle-orm';
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
import { annualDeclarations, registeredInterests } from '../db/schema/interests.ts';
import { addDays } from '../governance/index.ts';
import type { App } from '../http/app-types.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';

// The test clock is 2026-11-23 (fixedNow): "today" for every declaration here.
const today = '2026-11-23';
const lcg = 'london-commissioning-group';
const rule = 'interests are to be declared within 28 days of arising';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };
let chair: { authorization: string };
let publicAccount: { authorization: string };
let memberPersonId: string;
let chairPersonId: string;
let outsiderPersonId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
  chair = await bearerFor(app, 'chair');
  publicAccount = await bearerFor(app, 'public');
  memberPersonId = (await selectAccountByEmail(database.db, demoEmails.member))!.personId!;
  chairPersonId = (await selectAccountByEmail(database.db, demoEmails.chair))!.personId!;
  // Someone in the registry who sits on no body: the chief executive of a PCT given no seat.
  const register = (await app.inject(`/api/v1/bodies/${lcg}/register-of-interests`)).json();
  const members = new Set(register.members.map((row: { personId: string }) => row.personId));
  const people = (await app.inject('/api/v1/people?pageSize=200')).json();
  outsiderPersonId = people.items.find((person: { id: string }) => !members.has(person.id)).id;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function declare(
  personId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string>,
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/people/${personId}/interests`,
    headers,
    payload,
  });
}

function annual(
  personId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string>,
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/people/${personId}/annual-declarations`,
    headers,
    payload,
  });
}

async function registerOf(personId: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ url: `/api/v1/people/${personId}/interests`, headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function rowCounts() {
  const [interests] = await database.db.select({ total: count() }).from(registeredInterests);
  const [declarations] = await database.db.select({ total: count() }).from(annualDeclarations);
  const [events] = await database.db.select({ total: count() }).from(auditEvents);
  return {
    interests: interests?.total,
    declarations: declarations?.total,
    events: events?.total,
  };
}

describe('Managing Conflicts of Interest in the NHS: "Declare within 28 days of an interest arising"', () => {
  it('a member declares their own interest 41 days after it arose: accepted, flagged late, quoting the rule, audited', async () => {
    const response = await declare(
      memberPersonId,
      {
        kind: 'financial',
        description: 'Shareholding in a community diagnostics provider',
        aroseOn: addDays(today, -41),
      },
      member,
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().declaredOn).toBe(today);
    expect(response.json().lateness).toMatchObject({ late: true, days: 41 });
    expect(response.json().lateness.explanation).toContain(
      `declared 41 days after it arose; ${rule}`,
    );
    const register = await registerOf(memberPersonId);
    expect(register.entries[0]).toMatchObject({
      kind: 'financial',
      kindText: 'Financial interest',
      description: 'Shareholding in a community diagnostics provider',
      current: true,
      lateness: { late: true, days: 41 },
    });
    const events = await database.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, memberPersonId),
          eq(auditEvents.entityType, 'register-of-interests'),
        ),
      );
    expect(events).toHaveLength(1);
    expect(events[0]?.action).toBe('interests.entry-recorded');
    expect(events[0]?.after).toMatchObject({
      kind: 'financial',
      late: expect.stringContaining('declared 41 days after it arose'),
    });
  });

  it('declared exactly 28 days after it arose is on time; 29 days is late', async () => {
    const onTime = await declare(
      memberPersonId,
      {
        kind: 'non-financial-professional',
        description: 'Trustee of a stroke charity',
        aroseOn: '2026-10-01',
        declaredOn: '2026-10-29',
      },
      member,
    );
    expect(onTime.json().lateness).toEqual({ late: false, days: 28, explanation: null });
    const late = await declare(
      memberPersonId,
      {
        kind: 'non-financial-personal',
        description: 'Member of a patients’ association',
        aroseOn: '2026-10-01',
        declaredOn: '2026-10-30',
        endedOn: '2026-11-15',
      },
      member,
    );
    expect(late.json().lateness.late).toBe(true);
    expect(late.json().lateness.explanation).toContain(`declared 29 days after it arose; ${rule}`);
  });

  it('refuses a declaration before the interest arose, or dated in the future, naming declaredOn; nothing written, no audit event', async () => {
    const before = await rowCounts();
    const early = await declare(
      memberPersonId,
      { kind: 'indirect', description: 'x', aroseOn: '2026-11-10', declaredOn: '2026-11-09' },
      member,
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([
      {
        field: 'declaredOn',
        message: 'An interest cannot be declared on 2026-11-09, before it arose on 2026-11-10.',
      },
    ]);
    const future = await declare(
      memberPersonId,
      { kind: 'indirect', description: 'x', aroseOn: '2026-11-10', declaredOn: '2026-11-24' },
      member,
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('declaredOn');
    const badKind = await declare(
      memberPersonId,
      { kind: 'gift', description: 'x', aroseOn: '2026-11-10' },
      member,
    );
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().errors[0].field).toBe('kind');
    // PostgreSQL text cannot hold NUL: refused by name, not failed as a 500.
    const nul = await declare(
      memberPersonId,
      {
        kind: 'indirect',
        description: 'Spouse\u0000',
        aroseOn: '2026-11-10',
        withheldReason: 'x\u0000',
      },
      member,
    );
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors.map((error: { field: string }) => error.field)).toEqual([
      'description',
      'withheldReason',
    ]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('who keeps a register', () => {
  const entry = { kind: 'indirect', description: 'Spouse works for a bidder', aroseOn: today };

  it('the public, anonymous visitors and another member may not write it', async () => {
    const before = await rowCounts();
    expect((await declare(memberPersonId, entry, publicAccount)).statusCode).toBe(403);
    expect((await declare(memberPersonId, entry, {})).statusCode).toBe(401);
    const otherMember = await declare(chairPersonId, entry, member);
    expect(otherMember.statusCode).toBe(403);
    expect(otherMember.json().detail).toContain('the secretariat of a body');
    expect(
      (await annual(chairPersonId, { year: 2026, isNilReturn: true }, member)).statusCode,
    ).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('the secretariat of a body the person sits on may; not for someone on none of its bodies', async () => {
    const recorded = await declare(chairPersonId, entry, secretariat);
    expect(recorded.statusCode).toBe(201);
    const before = await rowCounts();
    expect((await declare(outsiderPersonId, entry, secretariat)).statusCode).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('an unknown person is not found', async () => {
    const response = await declare('01900000-0000-7000-8000-0000000000fe', entry, secretariat);
    expect(response.statusCode).toBe(404);
  });
});

describe('"an entry may be withheld with a reason"', () => {
  const secret = 'Close family member is a partner in a practice bidding for the contract';
  const reason = 'Disclosure would identify a family member at risk';

  beforeAll(async () => {
    const response = await declare(
      memberPersonId,
      {
        kind: 'indirect',
        description: secret,
        aroseOn: addDays(today, -3),
        withheldReason: reason,
      },
      member,
    );
    expect(response.statusCode).toBe(201);
  });

  const withheldEntry = (register: { entries: { withheld: boolean }[] }) =>
    register.entries.find((entry) => entry.withheld);

  it('the public sees that it is withheld and why, never the description', async () => {
    for (const headers of [{}, publicAccount]) {
      const register = await registerOf(memberPersonId, headers);
      expect(withheldEntry(register)).toMatchObject({
        withheld: true,
        withheldReason: reason,
        description: null,
      });
      expect(JSON.stringify(register)).not.toContain(secret);
    }
    const bodyRegister = await app.inject(`/api/v1/bodies/${lcg}/register-of-interests`);
    expect(bodyRegister.body).not.toContain(secret);
    expect(bodyRegister.body).toContain(reason);
    const page = await app.inject(`/people/${memberPersonId}/interests`);
    expect(page.body).not.toContain(secret);
    expect(page.body).toContain('Withheld from the published register');
  });

  it('the person, the body’s people and administrators see it', async () => {
    const administrator = await bearerFor(app, 'administrator');
    for (const headers of [member, chair, secretariat, administrator]) {
      expect(withheldEntry(await registerOf(memberPersonId, headers))).toMatchObject({
        description: secret,
        withheldReason: reason,
      });
    }
    const bodyRegister = await app.inject({
      url: `/api/v1/bodies/${lcg}/register-of-interests`,
      headers: chair,
    });
    expect(bodyRegister.body).toContain(secret);
  });
});

describe('"decision-making staff make an annual declaration, nil returns included"', () => {
  it('refuses a nil return while an interest was current that year, explaining; nothing written', async () => {
    const before = await rowCounts();
    const response = await annual(memberPersonId, { year: 2026, isNilReturn: true }, member);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('isNilReturn');
    expect(response.json().errors[0].message).toContain(
      'A nil return says there is nothing to declare, but 4 interests on the register were current in 2026',
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('accepts the declaration confirming the listed interests; a second for the year is 409', async () => {
    const made = await annual(memberPersonId, { year: 2026, isNilReturn: false }, member);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toEqual({ year: 2026, isNilReturn: false, declaredOn: today });
    const before = await rowCounts();
    const again = await annual(memberPersonId, { year: 2026, isNilReturn: false }, member);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('year');
    expect(await rowCounts()).toEqual(before);
    expect((await registerOf(memberPersonId)).declaredThisYear).toBe(true);
  });

  it('a person with nothing on the register makes a nil return; next year cannot be declared yet', async () => {
    const register = (await app.inject(`/api/v1/bodies/${lcg}/register-of-interests`)).json();
    const withoutInterests = register.members.find(
      (row: { personId: string; interests: unknown[] }) =>
        row.interests.length === 0 && row.personId !== chairPersonId,
    );
    const nil = await annual(
      withoutInterests.personId,
      { year: 2026, isNilReturn: true },
      secretariat,
    );
    expect(nil.statusCode).toBe(201);
    expect(nil.json().isNilReturn).toBe(true);
    const nextYear = await annual(
      withoutInterests.personId,
      { year: 2027, isNilReturn: true },
      secretariat,
    );
    expect(nextYear.statusCode).toBe(400);
    expect(nextYear.json().errors[0].field).toBe('year');
  });

  it('the body’s register counts who has not made this year’s declaration', async () => {
    const register = (await app.inject(`/api/v1/bodies/${lcg}/register-of-interests`)).json();
    expect(register.memberCount).toBe(11);
    expect(register.missingDeclarationCount).toBe(9);
    expect(register.summary).toBe('11 members; 9 have not made their 2026 declaration');
    const brent = register.members.find(
      (row: { personId: string }) => row.personId === memberPersonId,
    );
    // The interest that ended on 2026-11-15 is no longer current, so the body's register omits it.
    expect(brent.interests).toHaveLength(3);
    expect(brent.declaration).toEqual({ year: 2026, isNilReturn: false, declaredOn: today });
    const page = await app.inject(`/bodies/${lcg}/register-of-interests`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('11 members; 9 have not made their 2026 declaration');
  });
});

describe('the register pages', () => {
  it('a member adds an interest through the form; a bad date is shown in the error summary and nothing is written', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.member);
    const page = await app.inject({
      url: `/people/${memberPersonId}/interests`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Declare an interest');
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const post = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/people/${memberPersonId}/interests`,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
      });
    const fields = {
      kind: 'non-financial-professional',
      description: 'Adviser to a royal college committee',
      aroseOn: '2026-11-20',
      declaredOn: '2026-11-19',
      endedOn: '',
      withheldReason: '',
    };
    const before = await rowCounts();
    const refused = await post(fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#declaredOn"');
    expect(await rowCounts()).toEqual(before);

    const recorded = await post({ ...fields, aroseOn: '2026-09-01', declaredOn: '' });
    expect(recorded.statusCode).toBe(303);
    expect(recorded.headers.location).toBe(
      `/people/${memberPersonId}/interests?changed=entry-late#entries`,
    );
    const after = await app.inject({
      url: `/people/${memberPersonId}/interests?changed=entry-late`,
      headers: { cookie: withCsrf },
    });
    expect(after.body).toContain('Adviser to a royal college committee');
    expect(after.body).toContain(`declared 83 days after it arose; ${rule}`);
  });

  it('shows no forms to someone who may not keep the register', async () => {
    const page = await app.inject(`/people/${memberPersonId}/interests`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Declare an interest');
    expect(page.body).not.toContain('Make the annual declaration');
  });
});
