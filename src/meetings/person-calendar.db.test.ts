import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
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

async function schedule(title: string, startsAt: string) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title,
      startsAt,
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-11-23',
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().meetingId as string;
}

async function eventsOf(personId: string) {
  const response = await app.inject(`/people/${personId}/meetings.ics`);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/calendar');
  const calendar = new ICAL.Component(ICAL.parse(response.body));
  return {
    body: response.body,
    events: calendar
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component))
      .map((event) => ({
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toJSDate().toISOString(),
        location: event.location,
        description: event.description,
      }))
      .sort((left, right) => left.start.localeCompare(right.start)),
  };
}

describe("a person's meetings calendar (RFC 5545), read back by ical.js", () => {
  let december: string;
  let january: string;

  beforeAll(async () => {
    december = await schedule('London Commissioning Group, December', '2026-12-10T14:00:00Z');
    january = await schedule('London Commissioning Group, January', '2027-01-14T14:00:00Z');
    const partTwo = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${december}/agenda-items`,
      headers: secretariat,
      payload: {
        title: 'Confidential contract negotiation',
        purpose: 'decision',
        isConfidential: true,
        confidentialityReason: 'Commercially confidential',
      },
    });
    expect(partTwo.statusCode).toBe(201);
  });

  it('lists every meeting of the bodies the Brent chief executive sits on, with public details only', async () => {
    const members = (await app.inject(`/api/v1/bodies/${lcg}/members`)).json();
    const brent = members.seats
      .flatMap(
        (seat: { holdings: { person: { id: string }; organisation: { name: string } | null }[] }) =>
          seat.holdings,
      )
      .find(
        (holding: { organisation: { name: string } | null }) =>
          holding.organisation?.name === 'Brent Teaching PCT',
      );
    const { body, events } = await eventsOf(brent.person.id);
    expect(events.map((event) => [event.uid, event.summary, event.start, event.location])).toEqual([
      [
        `${december}@concordat`,
        'London Commissioning Group, December',
        '2026-12-10T14:00:00.000Z',
        'Southside, 105 Victoria Street',
      ],
      [
        `${january}@concordat`,
        'London Commissioning Group, January',
        '2027-01-14T14:00:00.000Z',
        'Southside, 105 Victoria Street',
      ],
    ]);
    expect(events[0]!.description).toContain('London Commissioning Group.');
    expect(body).not.toContain('Confidential contract negotiation');
    const page = await app.inject(`/people/${brent.person.id}`);
    expect(page.body).toContain(`href="/people/${brent.person.id}/meetings.ics"`);
  });

  it('holds only the meetings on days the person held a seat: a term ending in December leaves out January', async () => {
    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: secretariat,
      payload: { name: 'Pat Programme-Director' },
    });
    const appointed = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/members`,
      headers: secretariat,
      payload: {
        personId: person.json().id,
        seatRole: 'programme-director',
        fillMethod: 'appointed',
        startsOn: '2026-11-01',
        endsOn: '2026-12-31',
      },
    });
    expect(appointed.statusCode).toBe(201);
    const { events } = await eventsOf(person.json().id);
    expect(events.map((event) => event.uid)).toEqual([`${december}@concordat`]);
  });

  it('is an empty calendar for someone who sits on no body, and 404 for no such person', async () => {
    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: secretariat,
      payload: { name: 'Nell Nobody' },
    });
    expect((await eventsOf(person.json().id)).events).toEqual([]);
    const missing = await app.inject('/people/01900000-0000-7000-8000-0000000000ff/meetings.ics');
    expect(missing.statusCode).toBe(404);
  });
});
