import { count, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import {
  businessServiceFigures,
  businessServiceIndicators,
  businessServiceOfferings,
  businessServiceReports,
} from '../db/schema/business-service.ts';
import type { App } from '../http/app-types.ts';

// The test clock starts at 2026-11-23 and moves past the December meeting when the group concludes.
let clock = fixedNow;
let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let administrator: { authorization: string };
let member: { authorization: string };
let readOnly: { authorization: string };
const ids: Record<string, string> = {};

const send = (method: 'GET' | 'POST', url: string, headers?: object, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: headers as never, payload });

async function written() {
  const tally = async (
    table:
      | typeof businessServiceReports
      | typeof businessServiceFigures
      | typeof businessServiceOfferings
      | typeof businessServiceIndicators,
  ) => {
    const [row] = await database.db.select({ n: count() }).from(table);
    return row?.n;
  };
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'business-service.%'));
  return {
    offerings: await tally(businessServiceOfferings),
    indicators: await tally(businessServiceIndicators),
    reports: await tally(businessServiceReports),
    figures: await tally(businessServiceFigures),
    events: events?.n,
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database, { now: () => clock });
  secretariat = await bearerFor(app, 'secretariat');
  administrator = await bearerFor(app, 'administrator');
  member = await bearerFor(app, 'member');
  readOnly = await bearerFor(app, 'secretariat', 'read');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the catalogue (2006 §3.1) and its key performance indicators', () => {
  it('adds services in the areas of 2006 §3.1 and indicators with targets', async () => {
    const contracting = await send('POST', '/business-service/services', secretariat, {
      name: 'Contract negotiation support',
      area: 'contracting-and-contract-management',
      description: 'Support to lead commissioners negotiating the acute contracts.',
    });
    expect(contracting.statusCode, contracting.body).toBe(201);
    ids.contracting = contracting.json().offeringId;
    const secretariatSupport = await send('POST', '/business-service/services', administrator, {
      name: 'Secretariat support to the groups',
      area: 'administrative-support',
      description: 'Papers, notices and minutes for the groups.',
    });
    expect(secretariatSupport.statusCode).toBe(201);
    ids.support = secretariatSupport.json().offeringId;
    for (const [key, payload] of Object.entries({
      signed: {
        offeringId: ids.contracting,
        name: 'Acute contracts signed by the deadline',
        measures: 'Share of acute contracts signed by the national deadline.',
        target: 100,
        unit: 'percent',
        direction: 'higher-is-better',
      },
      days: {
        offeringId: ids.contracting,
        name: 'Days to answer a query',
        measures: 'Average working days to answer a commissioner’s query.',
        target: '10',
        unit: 'working-days',
        direction: 'lower-is-better',
      },
      papers: {
        offeringId: ids.support,
        name: 'Papers on time',
        measures: 'Share of meetings whose papers went out five working days ahead.',
        target: '95',
        unit: 'percent',
        direction: 'higher-is-better',
      },
    })) {
      const added = await send('POST', '/business-service/indicators', secretariat, payload);
      expect(added.statusCode, added.body).toBe(201);
      ids[key] = added.json().indicatorId;
    }
    const overview = (await send('GET', '/business-service')).json();
    expect(overview.organisation.name).toBe('London Commissioning Business Service');
    expect(overview.indicatorCount).toBe(3);
    const area = overview.areas.find(
      (each: { area: string }) => each.area === 'contracting-and-contract-management',
    );
    expect(area.clause).toContain('2006 §3.1(c)');
    expect(area.services[0].indicators.map((each: { target: string }) => each.target)).toEqual([
      '100%',
      '10 working days',
    ]);
    expect(overview.mayManage).toBe(false);
  });

  it('refuses a member, a read-only token and an unknown area, writing nothing', async () => {
    const before = await written();
    const payload = {
      name: 'Market analysis',
      area: 'intelligence-and-market-support',
      description: 'Reviews.',
    };
    const byMember = await send('POST', '/business-service/services', member, payload);
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().detail).toContain('London Commissioning Group');
    expect((await send('POST', '/business-service/services', readOnly, payload)).statusCode).toBe(
      403,
    );
    const badArea = await send('POST', '/business-service/services', secretariat, {
      ...payload,
      area: 'lobbying',
    });
    expect(badArea.statusCode).toBe(400);
    const badTarget = await send('POST', '/business-service/indicators', secretariat, {
      offeringId: ids.support,
      name: 'Too precise',
      measures: 'Something.',
      target: '95.125',
      unit: 'percent',
      direction: 'higher-is-better',
    });
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().errors[0].field).toBe('target');
    expect(await written()).toEqual(before);
  });
});

describe('2006 §106: a quarterly performance report to the London group', () => {
  const figures = () => [
    { indicatorId: ids.signed, value: '82', commentary: 'Two contracts in dispute.' },
    { indicatorId: ids.days, value: '10.5' },
    { indicatorId: ids.papers, value: 96 },
  ];

  it('refuses a figure for an indicator not in the catalogue, naming the rule; nothing written', async () => {
    const before = await written();
    const refused = await send('POST', '/business-service/reports', secretariat, {
      startYear: 2007,
      quarter: 3,
      preparedOn: '2008-01-21',
      figures: [...figures(), { indicatorId: '01890000-0000-7000-8000-000000000000', value: '5' }],
    });
    expect(refused.statusCode).toBe(400);
    const problem = refused
      .json()
      .errors.find((each: { field: string }) => each.field === 'figures.3.indicatorId');
    expect(problem.message).toContain('not in the Business Service’s catalogue');
    expect(problem.message).toContain('2006 §106');
    expect(await written()).toEqual(before);
  });

  it('refuses a report missing an indicator, a report before its quarter ends, and a percentage over 100', async () => {
    const before = await written();
    const missing = await send('POST', '/business-service/reports', secretariat, {
      startYear: 2007,
      quarter: 3,
      preparedOn: '2008-01-21',
      figures: figures().slice(0, 2),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].message).toContain('“Papers on time”');
    const early = await send('POST', '/business-service/reports', secretariat, {
      startYear: 2007,
      quarter: 3,
      preparedOn: '2007-12-01',
      figures: figures(),
    });
    expect(early.json().errors[0].field).toBe('preparedOn');
    const over = await send('POST', '/business-service/reports', secretariat, {
      startYear: 2007,
      quarter: 3,
      preparedOn: '2008-01-21',
      figures: [...figures().slice(0, 2), { indicatorId: ids.papers, value: '101' }],
    });
    expect(over.json().errors[0].field).toBe('figures.2.value');
    expect(await written()).toEqual(before);
  });

  it('records the figures with their statuses by the stated rule, and the worst as overall', async () => {
    const recorded = await send('POST', '/business-service/reports', secretariat, {
      startYear: 2007,
      quarter: 3,
      preparedOn: '2008-01-21',
      summary: 'Contract signature fell short.',
      figures: figures(),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    ids.report = recorded.json().reportId;
    const report = (await send('GET', `/business-service/reports/${ids.report}`)).json();
    expect(report.period).toBe('Quarter 3, 2007/08');
    const byName = Object.fromEntries(
      report.figures.map((each: { name: string; rag: { status: string } }) => [
        each.name,
        each.rag.status,
      ]),
    );
    expect(byName).toEqual({
      'Acute contracts signed by the deadline': 'red',
      'Days to answer a query': 'amber',
      'Papers on time': 'green',
    });
    expect(report.overall).toEqual({ status: 'red', text: 'Red: off target by more than 10%' });
    expect(report.ragRule).toContain('10% of the target');
    const again = await send('POST', '/business-service/reports', secretariat, {
      startYear: 2007,
      quarter: 3,
      preparedOn: '2008-01-22',
      figures: figures(),
    });
    expect(again.statusCode).toBe(409);
    expect((await send('GET', '/business-service')).json().latest.overall.status).toBe('red');
  });

  it('presents it as a standing item of a meeting of the London group, not of another body', async () => {
    const scheduled = await send(
      'POST',
      '/bodies/london-commissioning-group/meetings',
      secretariat,
      {
        title: 'December meeting',
        startsAt: '2026-12-10T14:00:00Z',
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: '2026-12-01',
      },
    );
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    ids.meeting = scheduled.json().meetingId;
    const other = await send(
      'POST',
      '/bodies/north-east-local-commissioning-group/meetings',
      administrator,
      {
        title: 'North East December meeting',
        startsAt: '2026-12-15T14:00:00Z',
        location: 'Barking Town Hall',
        noticeGivenOn: '2026-12-01',
      },
    );
    const elsewhere = await send(
      'POST',
      `/business-service/reports/${ids.report}/presentation`,
      secretariat,
      {
        meetingId: other.json().meetingId,
      },
    );
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().detail).toContain('2006 §3.2');
    const early = await send(
      'POST',
      `/business-service/reports/${ids.report}/conclusions`,
      secretariat,
      {
        conclusions: 'Too soon.',
        concludedOn: '2026-11-23',
      },
    );
    expect(early.statusCode).toBe(409);
    const presented = await send(
      'POST',
      `/business-service/reports/${ids.report}/presentation`,
      secretariat,
      {
        meetingId: ids.meeting,
      },
    );
    expect(presented.statusCode, presented.body).toBe(201);
    const meeting = (await send('GET', `/meetings/${ids.meeting}`)).json();
    const item = meeting.agenda.find(
      (each: { id: string }) => each.id === presented.json().agendaItemId,
    );
    expect(item.title).toBe('Business Service performance report: Quarter 3, 2007/08');
    expect(item.description).toContain('Red: off target by more than 10%');
    const twice = await send(
      'POST',
      `/business-service/reports/${ids.report}/presentation`,
      secretariat,
      {
        meetingId: ids.meeting,
      },
    );
    expect(twice.statusCode).toBe(409);
  });

  it('records the group’s conclusions after the meeting and an action arising owned by the Business Service', async () => {
    const before = await send(
      'POST',
      `/business-service/reports/${ids.report}/conclusions`,
      secretariat,
      {
        conclusions: 'Not yet.',
        concludedOn: '2026-11-23',
      },
    );
    expect(before.statusCode).toBe(409);
    expect(before.json().detail).toContain('has not taken place');
    clock = new Date('2026-12-11T10:00:00Z');
    const concluded = await send(
      'POST',
      `/business-service/reports/${ids.report}/conclusions`,
      secretariat,
      {
        conclusions: 'The Group asked for a recovery plan for contract signature.',
        concludedOn: '2026-12-10',
      },
    );
    expect(concluded.statusCode, concluded.body).toBe(204);
    const report = (
      await send('GET', `/business-service/reports/${ids.report}`, secretariat)
    ).json();
    expect(report.status).toBe('concluded');
    expect(report.mayRecordAction).toBe(true);
    const people = (await send('GET', '/people')).json();
    const someone = (people.items ?? people)[0];
    const action = await send(
      'POST',
      `/business-service/reports/${ids.report}/actions`,
      secretariat,
      {
        description: 'Report a recovery plan for contract signature.',
        ownerPersonId: someone.id,
        dueOn: '2027-01-14',
      },
    );
    expect(action.statusCode, action.body).toBe(201);
    const after = (await send('GET', `/business-service/reports/${ids.report}`)).json();
    expect(after.actions.map((each: { description: string }) => each.description)).toEqual([
      'Report a recovery plan for contract signature.',
    ]);
    const [events] = await database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(like(auditEvents.action, 'business-service.report-%'));
    expect(events?.n).toBe(3);
  });
});

describe('the pages', () => {
  it('shows the catalogue, the reports and the latest status in words, and a report’s page', async () => {
    const page = await app.inject('/business-service');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Contracting and contract management');
    expect(page.body).toContain('Quarter 3, 2007/08');
    expect(page.body).toContain('Red: off target by more than 10%');
    const report = await app.inject(`/business-service/reports/${ids.report}`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Amber: within 10% of target');
    expect(report.body).toContain('The Group asked for a recovery plan');
  });
});
