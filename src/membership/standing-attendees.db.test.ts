import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { standingAttendees } from '../db/schema/membership.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };

const lcg = 'london-commissioning-group';

interface Holding {
  id: string;
  person: { id: string; name: string };
  organisation: { name: string } | null;
  startsOn: string;
  endsOn: string | null;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function membership(query = '') {
  const response = await app.inject(`/api/v1/bodies/${lcg}/members${query}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function holdingOf(organisationName: string): Promise<Holding> {
  const report = await membership();
  const holdings: Holding[] = report.seats.flatMap(
    (seat: { holdings: Holding[] }) => seat.holdings,
  );
  return holdings.find((holding) => holding.organisation?.name === organisationName)!;
}

async function newPerson(name: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: secretariat,
    payload: { name },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

function nameAttendee(payload: Record<string, unknown>, headers = secretariat) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/attendees`,
    headers,
    payload,
  });
}

async function counts() {
  const [attendees] = await database.db.select({ n: count() }).from(standingAttendees);
  const [audits] = await database.db.select({ n: count() }).from(auditEvents);
  return { attendees: attendees!.n, audits: audits!.n };
}

describe('standing deputies', () => {
  it("names a deputy for a member's seat, audited, and shows them on the membership page with the 2008 deputies clause", async () => {
    const brent = await holdingOf('Brent Teaching PCT');
    const deputyId = await newPerson('Dana Deputy');
    const response = await nameAttendee({
      capacity: 'deputy',
      personId: deputyId,
      deputyForHoldingId: brent.id,
      startsOn: '2026-11-01',
    });
    expect(response.statusCode).toBe(201);
    const named = response.json();
    expect(named).toMatchObject({
      capacity: 'deputy',
      person: { id: deputyId, name: 'Dana Deputy' },
      deputyFor: { holdingId: brent.id, name: brent.person.name },
      startsOn: '2026-11-01',
      endsOn: null,
    });
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'membership.standing-attendee-named'));
    expect(audit?.after).toMatchObject({ person: 'Dana Deputy', deputyFor: brent.person.name });

    const report = await membership();
    expect(report.standingAttendees.map((attendee: { id: string }) => attendee.id)).toContain(
      named.id,
    );
    expect(report.attendeeRules.deputies).toMatchObject({
      summary:
        "A deputy attending in a member's place does not count toward the quorum and may not vote.",
      clause: '2008 §Membership, commentary',
    });
    expect(report.attendeeRules.deputies.text).toContain(
      'the expectation is that PCT Chief Executives will attend every meeting',
    );

    const page = await app.inject(`/bodies/${lcg}/members`);
    expect(page.body).toContain('Dana Deputy');
    expect(page.body).toContain(`Deputy for ${brent.person.name}`);
    expect(page.body).toContain('2008 §Membership, commentary');
  });

  it("refuses a deputy starting before the member's holding, naming the field, and writes nothing", async () => {
    const brent = await holdingOf('Brent Teaching PCT');
    const deputyId = await newPerson('Early Deputy');
    const before = await counts();
    const response = await nameAttendee({
      capacity: 'deputy',
      personId: deputyId,
      deputyForHoldingId: brent.id,
      startsOn: '2007-06-01',
      endsOn: '2008-06-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        field: 'startsOn',
        message: `${brent.person.name}'s membership starts on ${brent.startsOn}; a deputy for them cannot start before it.`,
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses dates out of order, a deputy without a member, a member as their own deputy, and a sitting member as a deputy', async () => {
    const brent = await holdingOf('Brent Teaching PCT');
    const ealing = await holdingOf('Ealing PCT');
    const deputyId = await newPerson('Muddled Deputy');
    const before = await counts();
    const outOfOrder = await nameAttendee({
      capacity: 'deputy',
      personId: deputyId,
      deputyForHoldingId: brent.id,
      startsOn: '2026-11-10',
      endsOn: '2026-11-01',
    });
    expect(outOfOrder.statusCode).toBe(400);
    expect(outOfOrder.json().errors[0].field).toBe('endsOn');
    expect(outOfOrder.json().errors[0].message).toContain('before the first');

    const noMember = await nameAttendee({
      capacity: 'deputy',
      personId: deputyId,
      startsOn: '2026-11-10',
    });
    expect(noMember.json().errors).toEqual([
      { field: 'deputyForHoldingId', message: 'Choose the member the deputy stands in for.' },
    ]);

    const own = await nameAttendee({
      capacity: 'deputy',
      personId: brent.person.id,
      deputyForHoldingId: brent.id,
      startsOn: '2026-11-10',
    });
    expect(own.statusCode).toBe(400);
    expect(own.json().errors[0]).toEqual({
      field: 'personId',
      message: `${brent.person.name} cannot be their own deputy.`,
    });

    const sitting = await nameAttendee({
      capacity: 'deputy',
      personId: ealing.person.id,
      deputyForHoldingId: brent.id,
      startsOn: '2026-11-10',
    });
    expect(sitting.statusCode).toBe(400);
    expect(sitting.json().errors[0].field).toBe('personId');
    expect(sitting.json().errors[0].message).toContain('attends in their own right');

    // PostgreSQL text cannot hold NUL: refused by name, not failed as a 500.
    const nul = await nameAttendee({
      capacity: 'non-voting',
      personId: deputyId,
      description: 'Director of Public Health\u0000',
      startsOn: '2026-11-10',
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual([
      { field: 'description', message: expect.stringContaining('NUL') },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses the same deputy twice for an overlapping period (409)', async () => {
    const ealing = await holdingOf('Ealing PCT');
    const deputyId = await newPerson('Twice Deputy');
    const payload = {
      capacity: 'deputy',
      personId: deputyId,
      deputyForHoldingId: ealing.id,
      startsOn: '2026-01-01',
    };
    expect((await nameAttendee(payload)).statusCode).toBe(201);
    const before = await counts();
    const again = await nameAttendee({ ...payload, startsOn: '2026-06-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('is already named as deputy for');
    expect(await counts()).toEqual(before);
  });

  it('refuses the membership and any other account (403) and writes nothing', async () => {
    const brent = await holdingOf('Brent Teaching PCT');
    const deputyId = await newPerson('Unwanted Deputy');
    const member = await bearerFor(app, 'member');
    const before = await counts();
    const refused = await nameAttendee(
      {
        capacity: 'deputy',
        personId: deputyId,
        deputyForHoldingId: brent.id,
        startsOn: '2026-11-10',
      },
      member,
    );
    expect(refused.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('non-voting attendees', () => {
  it('records an invited attendee with why they attend, and stands them down', async () => {
    const personId = await newPerson('Priya Publichealth');
    const missingDescription = await nameAttendee({
      capacity: 'non-voting',
      personId,
      startsOn: '2026-11-01',
    });
    expect(missingDescription.statusCode).toBe(400);
    expect(missingDescription.json().errors[0].field).toBe('description');

    const response = await nameAttendee({
      capacity: 'non-voting',
      personId,
      description: 'Director of Public Health, invited',
      startsOn: '2026-11-01',
    });
    expect(response.statusCode).toBe(201);
    const attendee = response.json();
    expect(attendee).toMatchObject({ capacity: 'non-voting', deputyFor: null });

    const report = await membership();
    // The 2008 terms say nothing of invited attendees; the page says so instead of inventing a clause.
    expect(report.attendeeRules.invitedAttendees.clause).toBeNull();
    expect(report.attendeeRules.invitedAttendees.summary).toContain(
      'never count toward the quorum',
    );

    const early = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/attendees/${attendee.id}/end`,
      headers: secretariat,
      payload: { endsOn: '2026-10-01' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].field).toBe('endsOn');

    const ended = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/attendees/${attendee.id}/end`,
      headers: secretariat,
      payload: { endsOn: '2026-11-20' },
    });
    expect(ended.statusCode).toBe(200);
    const after = await membership();
    expect(after.standingAttendees.map((row: { id: string }) => row.id)).not.toContain(attendee.id);
    expect(
      (await membership('?asOf=2026-11-15')).standingAttendees.map((row: { id: string }) => row.id),
    ).toContain(attendee.id);
  });

  it('quotes the 2006 invited-attendees clause when the membership is read under the 2006 terms', async () => {
    const report = await membership('?asOf=2007-03-01');
    expect(report.constitution.version).toBe(1);
    expect(report.attendeeRules.invitedAttendees).toMatchObject({
      clause: '2006 §105',
      text: 'The Group will co-opt members or invite external attendance on specific issues',
    });
    expect(report.attendeeRules.deputies.assumption).toContain('make no provision for deputies');
  });

  it('takes the form without JavaScript: an error summary naming the field, then the record', async () => {
    const personId = await newPerson('Form Attendee');
    let { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const page = await app.inject({ url: `/bodies/${lcg}/members`, headers: { cookie: cookies } });
    cookies = cookieHeader(page.headers['set-cookie'], cookies);
    const csrf = csrfTokenIn(page.body);
    const post = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/bodies/${lcg}/attendees`,
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const refused = await post({
      capacity: 'non-voting',
      attendeePersonId: personId,
      attendeeStartsOn: '2026-11-01',
      attendeeEndsOn: '2026-10-01',
      description: 'Invited',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#attendeeEndsOn"');
    const accepted = await post({
      capacity: 'non-voting',
      attendeePersonId: personId,
      attendeeStartsOn: '2026-11-01',
      description: 'Healthwatch observer, invited',
    });
    expect(accepted.statusCode).toBe(303);
    const shown = await app.inject({
      url: String(accepted.headers.location),
      headers: { cookie: cookies },
    });
    expect(shown.body).toContain('Healthwatch observer, invited');
  });
});
