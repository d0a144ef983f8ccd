import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
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

describe("a body's meetings calendar (RFC 5545)", () => {
  it('lists every meeting with its time and place, read back by a real calendar parser', async () => {
    const secretariat = await bearerFor(app, 'secretariat');
    for (const [title, startsAt] of [
      ['London Commissioning Group, December', '2026-12-10T14:00:00Z'],
      ['London Commissioning Group, January', '2027-01-14T14:00:00Z'],
    ] as const) {
      const scheduled = await app.inject({
        method: 'POST',
        url: '/api/v1/bodies/london-commissioning-group/meetings',
        headers: secretariat,
        payload: {
          title,
          startsAt,
          location: 'Southside, 105 Victoria Street',
          noticeGivenOn: '2026-11-23',
        },
      });
      expect(scheduled.statusCode).toBe(201);
    }

    const response = await app.inject('/bodies/london-commissioning-group/meetings.ics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const events = calendar
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component));
    const listedByStart = events
      .map((event) => [event.summary, event.startDate.toJSDate().toISOString(), event.location])
      .sort((left, right) => String(left[1]).localeCompare(String(right[1])));
    expect(listedByStart).toEqual([
      [
        'London Commissioning Group, December',
        '2026-12-10T14:00:00.000Z',
        'Southside, 105 Victoria Street',
      ],
      [
        'London Commissioning Group, January',
        '2027-01-14T14:00:00.000Z',
        'Southside, 105 Victoria Street',
      ],
    ]);
    expect(new Set(events.map((event) => event.uid)).size).toBe(2);
  });

  it('answers 404 for a body that does not exist', async () => {
    expect((await app.inject('/bodies/no-such-body/meetings.ics')).statusCode).toBe(404);
  });
});
