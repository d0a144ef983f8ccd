import { parse as parseCsv } from 'csv-parse/sync';
import { count, eq, like } from 'drizzle-orm';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { bodies } from '../db/schema/bodies.ts';
import { forwardPlanItems } from '../db/schema/forward-plan.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoMeetings } from '../seed/demo-meetings.ts';
import { seedDemoForwardPlan } from './index.ts';

// The test clock is 2026-11-23 (fixedNow). The demo meetings of the London group: two held
// (September and October… the second Thursdays before today) and two to come (10 December 2026,
// 14 January 2027).
const lcg = 'london-commissioning-group';
const jointCommittee = 'joint-committee-of-pcts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };
let areaSecretariat: { authorization: string };
let december: { id: string; startsAt: Date };
let january: { id: string; startsAt: Date };
let held: { id: string };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  const context = { actor: 'seed', now: fixedNow };
  await seedDemoMeetings({ db: database.db, context, publicUrl: 'http://localhost:3000' });
  await seedDemoForwardPlan({ db: database.db, context });
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
  const rows = await database.db
    .select({ id: meetings.id, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(eq(bodies.slug, lcg))
    .orderBy(meetings.startsAt);
  const coming = rows.filter((row) => row.status === 'scheduled' && row.startsAt > fixedNow);
  [december, january] = coming as unknown as [typeof december, typeof january];
  held = rows.find((row) => row.status === 'held') as { id: string };
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function auditCount(): Promise<number> {
  const [row] = await database.db
    .select({ events: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'forward-plan.%'));
  return row?.events ?? 0;
}

async function itemCount(): Promise<number> {
  const [row] = await database.db.select({ items: count() }).from(forwardPlanItems);
  return row?.items ?? 0;
}

async function agendaCount(meetingId: string): Promise<number> {
  const [row] = await database.db
    .select({ items: count() })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  return row?.items ?? 0;
}

const post = (url: string, payload: unknown, headers = secretariat) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });

const anItem = {
  title: 'Trauma network: designation of major trauma centres',
  kind: 'recommendation-to-boards',
  summary: 'To recommend the major trauma centres to the PCT Boards.',
  partTwoExpected: false,
  contact: 'Secretary to the London Commissioning Group',
};

describe('the demo forward plan', () => {
  it('publishes the London group’s and the Joint Committee’s expected decisions, one Part II with its reason, one on an agenda', async () => {
    const plan = (await app.inject('/api/v1/forward-plan')).json();
    const bodies = new Set(plan.items.map((item: { body: { slug: string } }) => item.body.slug));
    expect(bodies).toEqual(new Set([lcg, jointCommittee]));
    const partTwo = plan.items.filter((item: { partTwoExpected: boolean }) => item.partTwoExpected);
    expect(partTwo).toHaveLength(1);
    expect(partTwo[0].partTwoReason).toContain('1960');
    const onAgenda = plan.items.filter((item: { status: string }) => item.status === 'on-agenda');
    expect(onAgenda).toHaveLength(1);
    expect(onAgenda[0].meeting.id).toBe(december.id);
    // Grouped by month, the next months first.
    const months = plan.months.map((group: { month: string }) => group.month);
    expect(months).toEqual([...months].sort());
    expect(months[0]).toBe('2026-12-01');
  });

  it('seeds once: a second run adds nothing', async () => {
    const before = await itemCount();
    expect(
      await seedDemoForwardPlan({ db: database.db, context: { actor: 'seed', now: fixedNow } }),
    ).toBe(0);
    expect(await itemCount()).toBe(before);
  });
});

describe('an item moves to the agenda when its meeting is set', () => {
  it('adds an item with its meeting: it goes onto that meeting’s agenda in the same transaction, audited', async () => {
    const auditBefore = await auditCount();
    const agendaBefore = await agendaCount(january.id);
    const added = await post(`/bodies/${lcg}/forward-plan`, {
      ...anItem,
      meetingId: january.id,
      papersDueOn: '2027-01-07',
    });
    expect(added.statusCode).toBe(201);
    const item = added.json();
    expect(item).toMatchObject({
      status: 'on-agenda',
      expectedMonth: '2027-01-01',
      expectedMonthText: 'January 2027',
      meeting: { id: january.id },
    });
    expect(await agendaCount(january.id)).toBe(agendaBefore + 1);
    const meeting = (await app.inject({ url: `/api/v1/meetings/${january.id}` })).json();
    expect(meeting.agenda.map((entry: { title: string }) => entry.title)).toContain(anItem.title);
    expect(await auditCount()).toBe(auditBefore + 1);
  });

  it('a planned item set to a meeting later goes onto its agenda, Part II with its reason', async () => {
    const created = await post(`/bodies/${lcg}/forward-plan`, {
      ...anItem,
      title: 'Pathology services: preferred bidder',
      kind: 'commissioning-decision',
      expectedMonth: '2027-01',
      partTwoExpected: true,
      partTwoReason: 'The commercial terms of the bids are confidential.',
    });
    expect(created.json().status).toBe('planned');
    const set = await post(`/forward-plan/${created.json().id}/meeting`, { meetingId: january.id });
    expect(set.statusCode).toBe(200);
    expect(set.json().status).toBe('on-agenda');
    const [row] = await database.db
      .select({
        isConfidential: agendaItems.isConfidential,
        reason: agendaItems.confidentialityReason,
      })
      .from(agendaItems)
      .where(eq(agendaItems.id, set.json().agendaItemId));
    expect(row).toEqual({
      isConfidential: true,
      reason: 'The commercial terms of the bids are confidential.',
    });
  });

  it('refuses a meeting of another body, naming the field; nothing written', async () => {
    const [items, audit] = [await itemCount(), await auditCount()];
    const admin = await bearerFor(app, 'administrator');
    const refused = await post(
      `/bodies/${jointCommittee}/forward-plan`,
      { ...anItem, meetingId: january.id },
      admin,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'meetingId' });
    expect(refused.json().errors[0].message).toContain('is not a meeting of Joint Committee');
    expect([await itemCount(), await auditCount()]).toEqual([items, audit]);
  });

  it('refuses a meeting already held', async () => {
    const refused = await post(`/bodies/${lcg}/forward-plan`, { ...anItem, meetingId: held.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toContain('not a meeting still to come');
  });
});

describe('bad input changes nothing', () => {
  it('refuses a Part II item without its reason, quoting the 1960 Act', async () => {
    const [items, audit] = [await itemCount(), await auditCount()];
    const refused = await post(`/bodies/${lcg}/forward-plan`, {
      ...anItem,
      expectedMonth: '2027-02',
      partTwoExpected: true,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'partTwoReason' });
    expect(refused.json().errors[0].message).toContain(
      'Public Bodies (Admission to Meetings) Act 1960',
    );
    expect([await itemCount(), await auditCount()]).toEqual([items, audit]);
  });

  it('refuses papers due after the meeting; nothing goes on the agenda', async () => {
    const agendaBefore = await agendaCount(december.id);
    const refused = await post(`/bodies/${lcg}/forward-plan`, {
      ...anItem,
      meetingId: december.id,
      papersDueOn: '2026-12-20',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'papersDueOn' });
    expect(await agendaCount(december.id)).toBe(agendaBefore);
  });

  it('refuses a member and another body’s secretariat', async () => {
    const items = await itemCount();
    for (const headers of [member, areaSecretariat]) {
      const refused = await post(
        `/bodies/${lcg}/forward-plan`,
        { ...anItem, expectedMonth: '2027-02' },
        headers,
      );
      expect(refused.statusCode).toBe(403);
    }
    expect(await itemCount()).toBe(items);
  });
});

describe('deferring and withdrawing', () => {
  it('defers a planned item to a later month, refuses an earlier one, and withdraws with a reason', async () => {
    const created = (
      await post(`/bodies/${lcg}/forward-plan`, { ...anItem, expectedMonth: '2027-02' })
    ).json();
    const earlier = await post(`/forward-plan/${created.id}/defer`, { expectedMonth: '2027-01' });
    expect(earlier.statusCode).toBe(400);
    const deferred = await post(`/forward-plan/${created.id}/defer`, { expectedMonth: '2027-04' });
    expect(deferred.json()).toMatchObject({ status: 'deferred', expectedMonth: '2027-04-01' });
    const withdrawn = await post(`/forward-plan/${created.id}/withdraw`, {
      reason: 'Overtaken by the consultation.',
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    const again = await post(`/forward-plan/${created.id}/defer`, { expectedMonth: '2027-06' });
    expect(again.statusCode).toBe(409);
    const plan = (await app.inject(`/api/v1/bodies/${lcg}/forward-plan`)).json();
    expect(plan.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
  });

  it('refuses to defer an item on a live agenda until it is taken off it', async () => {
    const plan = (await app.inject(`/api/v1/bodies/${lcg}/forward-plan`)).json();
    const onAgenda = plan.items.find((item: { status: string }) => item.status === 'on-agenda');
    const refused = await post(`/forward-plan/${onAgenda.id}/defer`, { expectedMonth: '2027-05' });
    expect(refused.statusCode).toBe(409);
  });

  it('reads as "its meeting was cancelled" when the meeting is called off, and may then be set to another', async () => {
    const created = (
      await post(`/bodies/${lcg}/forward-plan`, {
        ...anItem,
        title: 'Cancelled case',
        meetingId: december.id,
      })
    ).json();
    await database.db
      .update(meetings)
      .set({ status: 'cancelled', cancelledReason: 'Test: snow' })
      .where(eq(meetings.id, december.id));
    try {
      const read = (await app.inject(`/api/v1/forward-plan/${created.id}`)).json();
      expect(read.status).toBe('meeting-cancelled');
      const moved = await post(`/forward-plan/${created.id}/meeting`, { meetingId: january.id });
      expect(moved.json()).toMatchObject({ status: 'on-agenda', meeting: { id: january.id } });
    } finally {
      await database.db
        .update(meetings)
        .set({ status: 'scheduled', cancelledReason: null })
        .where(eq(meetings.id, december.id));
    }
  });
});

describe('published as feeds', () => {
  it('answers Atom that is well-formed XML, each entry with id, title, updated and link', async () => {
    const response = await app.inject('/bodies/london-commissioning-group/forward-plan.atom');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/atom+xml');
    const entries: Record<string, number>[] = [];
    const open: string[] = [];
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      open.push(tag.name);
      if (tag.name === 'entry') entries.push({});
      const entry = entries.at(-1);
      if (entry && open.includes('entry')) entry[tag.name] = (entry[tag.name] ?? 0) + 1;
    });
    parser.on('closetag', () => open.pop());
    parser.write(response.body).close();
    expect(entries.length).toBeGreaterThan(2);
    for (const entry of entries) {
      expect(entry).toMatchObject({ id: 1, title: 1, updated: 1, link: 1 });
    }
  });

  it('answers an iCalendar feed that parses, one event per item', async () => {
    const plan = (await app.inject('/api/v1/forward-plan')).json();
    const response = await app.inject('/forward-plan.ics');
    expect(response.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(plan.items.length);
    expect(events.map((event) => event.getFirstPropertyValue('summary'))).toContain(
      `${anItem.title} (London Commissioning Group)`,
    );
  });

  it('answers CSV with a header row and every item, formula cells neutralised', async () => {
    await post(`/bodies/${lcg}/forward-plan`, {
      ...anItem,
      title: '=HYPERLINK("http://evil.invalid")',
      expectedMonth: '2027-03',
    });
    const response = await app.inject('/forward-plan.csv');
    expect(response.headers['content-type']).toContain('text/csv');
    const rows: string[][] = parseCsv(response.body);
    expect(rows[0]?.[0]).toBe('Body');
    const titles = rows.map((row) => row[1]);
    expect(titles).toContain('\'=HYPERLINK("http://evil.invalid")');
    expect(titles.some((title) => title?.startsWith('='))).toBe(false);
  });
});
