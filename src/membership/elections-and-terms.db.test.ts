import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { electionRecords, seatHoldings } from '../db/schema/membership.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };

const lcg = 'london-commissioning-group';

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function chiefExecutiveOf(organisationName: string) {
  const organisations = await app.inject(
    `/api/v1/organisations?q=${encodeURIComponent(organisationName)}`,
  );
  const organisation = organisations
    .json()
    .items.find((item: { name: string }) => item.name === organisationName);
  const people = await app.inject(`/api/v1/people?organisation=${organisation.id}`);
  return {
    organisationId: organisation.id as string,
    personId: people.json().items[0].id as string,
  };
}

function appoint(payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/members`,
    headers: secretariat,
    payload,
  });
}

function elect(holdingId: string, payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/members/${holdingId}/election`,
    headers: secretariat,
    payload,
  });
}

async function counts() {
  const [elections] = await database.db.select({ n: count() }).from(electionRecords);
  const [holdings] = await database.db.select({ n: count() }).from(seatHoldings);
  const [audits] = await database.db.select({ n: count() }).from(auditEvents);
  return { elections: elections!.n, holdings: holdings!.n, audits: audits!.n };
}

const ballot = {
  heldOn: '2006-12-14',
  electorate: 'the members of the London Commissioning Group',
  votesFor: 4,
  votesCast: 5,
  minuteReference: 'LCG 06/41',
};

describe('the election of the 2006 chair ("2006 §105: The Group will elect a Chair")', () => {
  let chairHoldingId: string;

  beforeAll(async () => {
    const harrow = await chiefExecutiveOf('Harrow PCT');
    const appointed = await appoint({
      ...harrow,
      seatRole: 'sector-nominated-chief-executive',
      fillMethod: 'nominated',
      office: 'chair',
      startsOn: '2007-01-01',
      endsOn: '2007-12-31',
    });
    expect(appointed.statusCode).toBe(201);
    expect(appointed.json().endsOn).toBe('2007-12-31');
    chairHoldingId = appointed.json().holdingId;
  });

  it('refuses a result that is not a majority of the votes cast, more votes for than cast, and an election after the term began; nothing is written', async () => {
    const before = await counts();
    const tie = await elect(chairHoldingId, { ...ballot, votesFor: 3, votesCast: 6 });
    expect(tie.statusCode).toBe(400);
    expect(tie.json().errors).toEqual([
      {
        field: 'votesFor',
        message:
          '3 of 6 votes cast is not a majority: more than half is needed (SI 2000/89 Sch 2: “questions decided by a majority of those present and voting”, as the terms set no majority of their own).',
      },
    ]);
    const tooMany = await elect(chairHoldingId, { ...ballot, votesFor: 7, votesCast: 5 });
    expect(tooMany.json().errors[0]).toEqual({
      field: 'votesFor',
      message: 'Votes for (7) cannot be more than the votes cast (5).',
    });
    const late = await elect(chairHoldingId, { ...ballot, heldOn: '2007-02-01' });
    expect(late.json().errors[0].field).toBe('heldOn');
    expect(late.json().errors[0].message).toContain('on or before that day');
    const noElectorate = await elect(chairHoldingId, { ...ballot, electorate: '  ' });
    expect(noElectorate.statusCode).toBe(400);
    expect(noElectorate.json().errors[0].field).toBe('electorate');
    // PostgreSQL text cannot hold NUL: refused by name, not failed as a 500.
    const nul = await elect(chairHoldingId, { ...ballot, minuteReference: 'LCG\u0000' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual([
      { field: 'minuteReference', message: expect.stringContaining('NUL') },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('records the election with the holding, audited, shown on the membership as of 2007; a second record is refused (409)', async () => {
    const recorded = await elect(chairHoldingId, ballot);
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      ...ballot,
      seatHoldingId: chairHoldingId,
      rule: { clause: '2006 §105', text: 'The Group will elect a Chair' },
    });

    const report = (await app.inject(`/api/v1/bodies/${lcg}/members?asOf=2007-03-01`)).json();
    expect(report.constitution.version).toBe(1);
    const holding = report.seats
      .flatMap((seat: { holdings: { id: string }[] }) => seat.holdings)
      .find((candidate: { id: string }) => candidate.id === chairHoldingId);
    expect(holding.electedOffice).toEqual({
      what: 'the chair',
      clause: '2006 §105',
      text: 'The Group will elect a Chair',
    });
    expect(holding.election).toMatchObject({
      votesFor: 4,
      votesCast: 5,
      minuteReference: 'LCG 06/41',
    });
    expect(holding.term).toMatchObject({ endsOn: '2007-12-31', endingSoon: false });

    const page = await app.inject(`/bodies/${lcg}/members?asOf=2007-03-01`);
    expect(page.body).toContain(
      'on 14 December 2006 by the members of the London Commissioning Group: 4 of 5 votes cast (minute LCG 06/41)',
    );

    const before = await counts();
    const again = await elect(chairHoldingId, ballot);
    expect(again.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('refuses to record an election for a seat the terms fill otherwise, quoting how (422)', async () => {
    const report = (await app.inject(`/api/v1/bodies/${lcg}/members`)).json();
    const chair = report.seats.find(
      (seat: { role: string }) => seat.role === 'nhs-london-chief-executive',
    ).holdings[0];
    const before = await counts();
    const refused = await elect(chair.id, { ...ballot, heldOn: '2007-12-01' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('was not filled by election');
    expect(refused.json().detail).toContain('ex officio');
    expect(refused.json().detail).toContain('2008 §Membership');
    expect(await counts()).toEqual(before);
  });

  it('lists the 2006 chair under "Former members" once the term is over', async () => {
    const report = (await app.inject(`/api/v1/bodies/${lcg}/members`)).json();
    const former = report.formerMembers.find(
      (holding: { id: string }) => holding.id === chairHoldingId,
    );
    expect(former).toMatchObject({ endsOn: '2007-12-31', office: 'chair' });
    expect(former.election.minuteReference).toBe('LCG 06/41');
    const page = await app.inject(`/bodies/${lcg}/members`);
    expect(page.body).toContain('Former members');
    expect(page.body).toContain('1 January 2007 to 31 December 2007');
  });
});

describe('terms with a start and an end', () => {
  it('refuses a term that ends before it starts, naming endsOn, and writes nothing', async () => {
    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: secretariat,
      payload: { name: 'Backwards Appointee' },
    });
    const before = await counts();
    const refused = await appoint({
      personId: person.json().id,
      seatRole: 'programme-director',
      fillMethod: 'appointed',
      startsOn: '2026-01-01',
      endsOn: '2025-12-31',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      {
        field: 'endsOn',
        message:
          'The last day (2025-12-31) is before the first (2026-01-01); enter a last day on or after it.',
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('shows "term ends on" with a warning within 60 days of the end', async () => {
    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: secretariat,
      payload: { name: 'Terry Termlimited' },
    });
    const appointed = await appoint({
      personId: person.json().id,
      seatRole: 'programme-director',
      fillMethod: 'appointed',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    expect(appointed.statusCode).toBe(201);
    const report = (await app.inject(`/api/v1/bodies/${lcg}/members`)).json();
    const holding = report.seats.find(
      (seat: { role: string }) => seat.role === 'programme-director',
    ).holdings[0];
    // The test clock reads 23 November 2026: 38 days before the last day.
    expect(holding.term).toEqual({ endsOn: '2026-12-31', daysLeft: 38, endingSoon: true });
    const page = await app.inject(`/bodies/${lcg}/members`);
    expect(page.body).toContain('Term ends on 31 December 2026');
    expect(page.body).toContain('Term ends in 38 days');
  });
});
