import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { asc, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import {
  type HeldMeeting,
  meetingWithEveryonePresent,
} from '../../test/support/meeting-fixtures.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import {
  commissioningIntentions,
  commissioningRounds,
  localPlans,
} from '../db/schema/commissioning.ts';
import { agendaItems } from '../db/schema/meetings.ts';
import type { App } from '../http/app-types.ts';
import { type FixtureRound, seedIntentionsRound } from './intention-fixtures.ts';
import { selectPrimaryCareTrusts } from './intention-queries.ts';

// The test clock is 2026-11-23; the 2008 London terms are in force, so the London group agrees
// its intentions by "consensus with advice" (2008 §Decision-making).
const section104 =
  'Undertake an annual ‘horizon scanning’ process to identify prospective commissioning priorities, with input from all London PCTs to form the basis of annual London wide Commissioning Intentions;';
const businessDevelopment =
  'Steer the London wide commissioning process – to include developing the London ‘prospectus’ which will set out the key commissioning and procurement priorities for London PCTs';
const anyoneButTheLondonGroup = 'Intentions agreed by anyone but the London group';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };
let administrator: { authorization: string };
let round: FixtureRound;
let base: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
  administrator = await bearerFor(app, 'administrator');
  round = await seedIntentionsRound(database.db, { now: app.now() });
  base = `/api/v1/bodies/${round.slug}/commissioning-rounds/${round.year}`;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const send = (
  method: 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  payload?: unknown,
  headers = secretariat,
) =>
  app.inject({
    method,
    url: url.startsWith('/api/') ? url : `${base}${url}`,
    headers,
    ...(payload !== undefined && { payload: payload as object }),
  });

const view = async () => (await app.inject({ url: `${base}/intentions`, headers: member })).json();

async function auditCount(): Promise<number> {
  const [row] = await database.db
    .select({ events: count() })
    .from(auditEvents)
    .where(eq(auditEvents.entityType, 'commissioning-round'));
  return row?.events ?? 0;
}

async function intentionCount(): Promise<number> {
  const [row] = await database.db
    .select({ rows: count() })
    .from(commissioningIntentions)
    .where(eq(commissioningIntentions.roundId, round.roundId));
  return row?.rows ?? 0;
}

async function roundStatus(): Promise<string | undefined> {
  const [row] = await database.db
    .select({ status: commissioningRounds.status })
    .from(commissioningRounds)
    .where(eq(commissioningRounds.id, round.roundId));
  return row?.status;
}

const priorityIds = (serviceArea: string) =>
  round.priorities
    .filter((priority) => priority.serviceArea === serviceArea)
    .map((priority) => priority.id);

const stroke = {
  title: 'Hyperacute stroke care for every Londoner',
  serviceArea: 'Stroke',
  description: 'Eight hyperacute stroke units, each within 30 minutes of every Londoner.',
};

let strokeId: string;
let mentalHealthId: string;
let diabetesId: string;

describe(`2006 §104: "${section104}"`, () => {
  it('lists every priority returned as not yet consolidated before consolidation starts', async () => {
    const before = await view();
    expect(before.round).toMatchObject({ year: '2008/09', status: 'open' });
    expect(before.intentions).toEqual([]);
    expect(before.unconsolidated).toHaveLength(round.priorities.length);
  });

  it('shows the returns’ priorities to signed-in readers only, as the returns are', async () => {
    const anonymous = (await app.inject(`${base}/intentions`)).json();
    expect(anonymous).toMatchObject({ mayReadReturns: false, priorities: [], unconsolidated: [] });
    const page = await app.inject(
      `/bodies/${round.slug}/commissioning-rounds/${round.year}/intentions`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The London intentions are being drawn up');
    expect(page.body).not.toContain('Midwife-led birth centres');
  });

  it('refuses intentions before consolidation starts (409, naming the rule); nothing is written', async () => {
    const auditBefore = await auditCount();
    const refused = await send('POST', '/intentions', stroke);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('start consolidation');
    expect(refused.json().detail).toContain('2006 §104');
    expect(await intentionCount()).toBe(0);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('refuses to start consolidation before the returns are due while PCTs have still to return (409, §104)', async () => {
    const early = await seedIntentionsRound(database.db, { startYear: 2028, now: app.now() });
    const url = `/api/v1/bodies/${early.slug}/commissioning-rounds/${early.year}/intentions/consolidation`;
    const auditBefore = await auditCount();
    const refused = await app.inject({ method: 'POST', url, headers: secretariat });
    expect(refused.statusCode).toBe(409);
    const detail = refused.json().detail as string;
    expect(detail).toContain('31 October 2027');
    expect(detail).toMatch(/\d+ PCTs and \d+ local groups? of the round have not yet returned/);
    expect(detail).toContain(section104);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('lets only the London group’s secretariat start consolidation, once, audited', async () => {
    expect((await send('POST', '/intentions/consolidation', undefined, member)).statusCode).toBe(
      403,
    );
    const auditBefore = await auditCount();
    const started = await send('POST', '/intentions/consolidation');
    expect(started.statusCode, started.body).toBe(200);
    expect(await roundStatus()).toBe('consolidating');
    expect(await auditCount()).toBe(auditBefore + 1);
    const again = await send('POST', '/intentions/consolidation');
    expect(again.statusCode).toBe(409);
  });

  it('consolidates Stroke from three PCTs in two sectors and the North East local group: an overlap', async () => {
    const added = await send('POST', '/intentions', {
      ...stroke,
      priorityIds: priorityIds('Stroke'),
    });
    expect(added.statusCode, added.body).toBe(201);
    strokeId = added.json().intentionId;
    const { intentions, overlaps } = await view();
    expect(intentions[0].raisedBy).toMatchObject({
      primaryCareTrusts: expect.arrayContaining(['Brent Teaching PCT']),
      localGroups: ['North East London Local Commissioning Group'],
      sectors: ['North East', 'North West', 'South East'],
      isOverlap: true,
    });
    expect(intentions[0].raisedBy.primaryCareTrusts).toHaveLength(3);
    expect(overlaps).toEqual([
      {
        intentionId: strokeId,
        title: stroke.title,
        submitters: 4,
        sectors: ['North East', 'North West', 'South East'],
      },
    ]);
  });

  it('keeps the draft intentions and who raised them from anonymous readers until the London group agrees them', async () => {
    const anonymous = (await app.inject(`${base}/intentions`)).json();
    expect(anonymous).toMatchObject({
      round: { status: 'consolidating' },
      intentions: [],
      overlaps: [],
    });
    expect(anonymous.withheld).toContain(
      'will be published in the London commissioning prospectus',
    );
    expect(JSON.stringify(anonymous)).not.toContain('Brent Teaching PCT');
    const roundPath = `/bodies/${round.slug}/commissioning-rounds/${round.year}`;
    const page = await app.inject(`${roundPath}/intentions`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The London intentions are being drawn up');
    expect(page.body).not.toContain(stroke.title);
    expect(page.body).not.toContain('Brent Teaching PCT');
    const one = await app.inject(`${roundPath}/intentions/${strokeId}`);
    expect(one.statusCode).toBe(404);
    expect(one.body).not.toContain('Brent Teaching PCT');
    expect((await view()).intentions).toHaveLength(1);
  });

  it('shows an overlap within one sector (two PCTs), attaches and detaches sources, and lists what is left', async () => {
    const mentalHealth = await send('POST', '/intentions', {
      title: 'Crisis care in the community',
      serviceArea: 'Mental health',
      description: 'Crisis resolution and early intervention in every borough.',
      priorityIds: priorityIds('Mental health'),
    });
    mentalHealthId = mentalHealth.json().intentionId;
    const diabetes = await send('POST', '/intentions', {
      title: 'Diabetes education',
      serviceArea: 'Diabetes',
      description: 'Structured education for everyone newly diagnosed.',
    });
    diabetesId = diabetes.json().intentionId;
    const [diabetesPriority] = priorityIds('Diabetes');
    const attached = await send('POST', `/intentions/${diabetesId}/sources`, {
      priorityId: diabetesPriority,
    });
    expect(attached.statusCode, attached.body).toBe(204);
    const [maternity] = priorityIds('Maternity and newborn');
    expect(
      (await send('POST', `/intentions/${diabetesId}/sources`, { priorityId: maternity }))
        .statusCode,
    ).toBe(204);
    expect(
      (await send('DELETE', `/intentions/${diabetesId}/sources/${maternity}`)).statusCode,
    ).toBe(204);

    const { intentions, overlaps, unconsolidated } = await view();
    expect(intentions.map((intention: { title: string }) => intention.title)).toEqual([
      stroke.title,
      'Crisis care in the community',
      'Diabetes education',
    ]);
    expect(
      overlaps.find((overlap: { intentionId: string }) => overlap.intentionId === mentalHealthId),
    ).toMatchObject({ submitters: 2, sectors: ['South East'] });
    expect(intentions[2].raisedBy).toMatchObject({
      primaryCareTrusts: [expect.any(String)],
      isOverlap: false,
    });
    expect(unconsolidated.map((priority: { title: string }) => priority.title)).toEqual([
      'Midwife-led birth centres',
    ]);
  });

  it('refuses a priority not returned to this round and a specification version that is not approved; nothing changes', async () => {
    const auditBefore = await auditCount();
    const stranger = await send('POST', `/intentions/${diabetesId}/sources`, {
      priorityId: '01900000-0000-7000-8000-0000000000aa',
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe('priorityId');
    const unapproved = await send('PATCH', `/intentions/${diabetesId}`, {
      title: 'Diabetes education',
      serviceArea: 'Diabetes',
      description: 'Changed',
      specificationVersionId: '01900000-0000-7000-8000-0000000000ab',
    });
    expect(unapproved.statusCode).toBe(400);
    expect(unapproved.json().errors[0].field).toBe('specificationVersionId');
    expect((await view()).intentions[2].description).toBe(
      'Structured education for everyone newly diagnosed.',
    );
    expect(await auditCount()).toBe(auditBefore);
  });

  it('edits, reorders and removes intentions, each audited; a removed intention’s priorities are unconsolidated again', async () => {
    const auditBefore = await auditCount();
    const edited = await send('PATCH', `/intentions/${diabetesId}`, {
      title: 'Diabetes education and care planning',
      serviceArea: 'Diabetes',
      description: 'Structured education and a care plan for everyone newly diagnosed.',
    });
    expect(edited.statusCode, edited.body).toBe(204);
    expect(
      (await send('POST', `/intentions/${diabetesId}/move`, { direction: 'up' })).statusCode,
    ).toBe(204);
    const first = await send('POST', `/intentions/${strokeId}/move`, { direction: 'up' });
    expect(first.statusCode).toBe(400);
    const spare = await send('POST', '/intentions', {
      title: 'Midwife-led units',
      serviceArea: 'Maternity and newborn',
      description: 'A birth centre beside every obstetric unit.',
      priorityIds: priorityIds('Maternity and newborn'),
    });
    const spareId = spare.json().intentionId;
    expect((await view()).unconsolidated).toEqual([]);
    expect((await send('DELETE', `/intentions/${spareId}`)).statusCode).toBe(204);
    const after = await view();
    expect(
      after.intentions.map((intention: { title: string; position: number }) => [
        intention.position,
        intention.title,
      ]),
    ).toEqual([
      [1, stroke.title],
      [2, 'Diabetes education and care planning'],
      [3, 'Crisis care in the community'],
    ]);
    expect(after.unconsolidated).toHaveLength(1);
    // edited, moved, added, removed (the refused move wrote nothing)
    expect(await auditCount()).toBe(auditBefore + 4);
  });

  it('refuses to publish a prospectus before the London group has agreed the intentions', async () => {
    const refused = await send('POST', '/prospectus');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('2008 §Key responsibilities, Business development');
    expect((await app.inject(`${base}/prospectus`)).statusCode).toBe(404);
  });
});

describe('agreement by the London group, through the decision machinery', () => {
  let meeting: HeldMeeting;
  let otherBodysQuestion: string;
  let otherMeeting: string;
  let firstQuestion: string;

  beforeAll(async () => {
    meeting = await meetingWithEveryonePresent(app, 'January meeting');
    // A question of another body: the North East local group's.
    const scheduled = await send(
      'POST',
      '/api/v1/bodies/north-east-local-commissioning-group/meetings',
      {
        title: 'North East December meeting',
        startsAt: '2026-12-15T14:00:00Z',
        location: 'Barking Town Hall',
        noticeGivenOn: '2026-12-01',
      },
      administrator,
    );
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    otherMeeting = scheduled.json().meetingId;
    const item = await send(
      'POST',
      `/api/v1/meetings/${otherMeeting}/agenda-items`,
      { title: 'Sector intentions', purpose: 'decision' },
      administrator,
    );
    expect(item.statusCode, item.body).toBe(201);
    const question = await send(
      'POST',
      `/api/v1/meetings/${otherMeeting}/proposals`,
      {
        agendaItemId: item.json().agendaItemId,
        title: 'Agree the sector’s intentions',
        text: 'The group agrees them.',
        decisionKind: 'cannot-be-taken-unilaterally',
        ballot: 'named',
      },
      administrator,
    );
    expect(question.statusCode, question.body).toBe(201);
    otherBodysQuestion = question.json().proposalId;
  });

  const itemsOn = async (meetingId: string) => {
    const [row] = await database.db
      .select({ rows: count() })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId));
    return row?.rows ?? 0;
  };

  it(`refuses to put the intentions to a meeting of another body: "${anyoneButTheLondonGroup}"; nothing written`, async () => {
    const meetingId = otherMeeting;
    const itemsBefore = await itemsOn(meetingId);
    const auditBefore = await auditCount();
    const refused = await send('POST', '/intentions/put-to-group', { meetingId });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().detail).toContain(anyoneButTheLondonGroup);
    expect(await itemsOn(meetingId)).toBe(itemsBefore);
    expect(await roundStatus()).toBe('consolidating');
    expect(await auditCount()).toBe(auditBefore);
  });

  it('puts them to a London group meeting whose notice is not sent: an agenda item and a question of the kind the constitution gives', async () => {
    const itemsBefore = await itemsOn(meeting.meetingId);
    const put = await send('POST', '/intentions/put-to-group', { meetingId: meeting.meetingId });
    expect(put.statusCode, put.body).toBe(201);
    firstQuestion = put.json().proposalId;
    expect(await itemsOn(meeting.meetingId)).toBe(itemsBefore + 1);
    expect(await roundStatus()).toBe('put-to-group');
    const question = (await app.inject(`/api/v1/proposals/${firstQuestion}`)).json();
    expect(question).toMatchObject({
      title: 'Agree the London commissioning intentions 2008/09',
      status: 'draft',
    });
    expect(JSON.stringify(question)).toContain('commissioning-intentions');
    expect(question.text).toContain('1. Hyperacute stroke care for every Londoner (Stroke)');
  });

  it('freezes the intentions while the group decides (409 naming why); nothing changes', async () => {
    const auditBefore = await auditCount();
    const refused = await send('PATCH', `/intentions/${strokeId}`, { ...stroke, title: 'Changed' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('frozen');
    expect((await send('DELETE', `/intentions/${strokeId}`)).statusCode).toBe(409);
    expect((await view()).intentions[0].title).toBe(stroke.title);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('on the intention’s page, a frozen edit is refused in the error summary, naming why', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const roundPage = `/bodies/${round.slug}/commissioning-rounds/${round.year}`;
    const list = await app.inject({ url: `${roundPage}/intentions`, headers: { cookie: cookies } });
    const jar = cookieHeader(list.headers['set-cookie'], cookies);
    const refused = await app.inject({
      method: 'POST',
      url: `${roundPage}/intentions/${strokeId}`,
      headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(list.body),
        title: 'Changed',
        serviceArea: 'Stroke',
        description: 'Changed',
      }).toString(),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('nhsuk-error-summary');
    expect(refused.body).toContain('The intentions are frozen');
    // The status tag keeps the London group's capitals.
    expect(list.body).toContain('nhsuk-tag--purple">Put to the London group</strong>');
    expect(list.body).not.toContain('london group');
    expect((await view()).intentions[0].title).toBe(stroke.title);
  });

  it('refuses agreement before the question is closed, and from a question of any body but the London group', async () => {
    const early = await send('POST', '/intentions/agreement', {});
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('not decided the question yet');
    const auditBefore = await auditCount();
    const stranger = await send('POST', '/intentions/agreement', {
      proposalId: otherBodysQuestion,
    });
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().detail).toContain(anyoneButTheLondonGroup);
    expect(stranger.json().detail).toContain('North East London Local Commissioning Group');
    expect(await roundStatus()).toBe('put-to-group');
    expect(await auditCount()).toBe(auditBefore);
  });

  it('without consensus the intentions come back for consolidation, the outcome shown', async () => {
    expect(
      (await send('POST', `/api/v1/proposals/${firstQuestion}/open`, undefined)).statusCode,
    ).toBe(200);
    const objector = meeting.members[0]!;
    const declared = await send('POST', `/api/v1/proposals/${firstQuestion}/sense-of-meeting`, {
      sense: 'notAgreed',
      objections: [
        {
          seatHoldingId: objector.seatHoldingId,
          reason: 'Stroke units leave out the outer boroughs.',
        },
      ],
    });
    expect(declared.statusCode, declared.body).toBe(200);
    const recorded = await send('POST', '/intentions/agreement', {});
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ status: 'consolidating', agreedOn: null });
    const after = await view();
    expect(after.round.status).toBe('consolidating');
    expect(after.question).toMatchObject({ proposalId: firstQuestion, status: 'closed' });
    expect(after.question.outcome).not.toBeNull();
    expect(after.mayEdit).toBe(false);
  });

  it(`put again and agreed by consensus: the round is agreed on the day the question closed (${businessDevelopment.slice(0, 40)}…)`, async () => {
    const put = await send('POST', '/intentions/put-to-group', { meetingId: meeting.meetingId });
    expect(put.statusCode, put.body).toBe(201);
    const proposalId = put.json().proposalId;
    expect((await send('POST', `/api/v1/proposals/${proposalId}/open`)).statusCode).toBe(200);
    const declared = await send('POST', `/api/v1/proposals/${proposalId}/sense-of-meeting`, {
      sense: 'agreed',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    const auditBefore = await auditCount();
    const recorded = await send('POST', '/intentions/agreement', {});
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toEqual({
      status: 'agreed',
      outcome: 'consensus',
      agreedOn: '2026-11-23',
    });
    expect(await auditCount()).toBe(auditBefore + 1);
    expect((await send('PATCH', `/intentions/${strokeId}`, stroke)).statusCode).toBe(409);
  });

  it('publishes the prospectus as a snapshot: page and PDF public, naming who raised each intention and the decision that agreed them', async () => {
    expect((await send('POST', '/prospectus', undefined, member)).statusCode).toBe(403);
    const auditBefore = await auditCount();
    const published = await send('POST', '/prospectus');
    expect(published.statusCode, published.body).toBe(201);
    expect(await roundStatus()).toBe('published');
    expect(await auditCount()).toBe(auditBefore + 1);
    const prospectus = (await app.inject(`${base}/prospectus`)).json();
    expect(prospectus).toMatchObject({
      title: 'London commissioning prospectus 2008/09',
      agreement: {
        agreedOn: '2026-11-23',
        outcome: 'Consensus',
        clause: '2008 §Key responsibilities, Business development',
      },
    });
    expect(prospectus.agreement.text).toContain(businessDevelopment);
    // The agreement quotes Business development; the list of clauses does not quote it again.
    expect(prospectus.clauses.map((quoted: { clause: string }) => quoted.clause)).toEqual([
      '2006 §104',
    ]);
    expect(prospectus.intentions[0].raisedBy.sectors).toEqual([
      'North East',
      'North West',
      'South East',
    ]);

    const page = await app.inject(
      `/bodies/${round.slug}/commissioning-rounds/${round.year}/prospectus`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('London commissioning prospectus 2008/09');
    expect(page.body).toContain('Brent Teaching PCT');
    expect(page.body).toContain('23 November 2026');
    const afterwards = (await app.inject(`${base}/intentions`)).json();
    expect(afterwards.withheld).toBeNull();
    expect(afterwards.intentions.length).toBeGreaterThan(0);
    expect(page.body.split('2008 §Key responsibilities, Business development').length - 1).toBe(1);
    const visible = page.body.replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(visible).not.toMatch(/london-commissioning-group|commissioning-intentions|north-west/);

    const pdf = await app.inject(
      `/bodies/${round.slug}/commissioning-rounds/${round.year}/prospectus.pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const directory = mkdtempSync(path.join(tmpdir(), 'prospectus-'));
    const file = path.join(directory, 'prospectus.pdf');
    writeFileSync(file, pdf.rawPayload);
    const { stdout } = await promisify(execFile)('/usr/bin/pdftotext', ['-layout', file, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('London commissioning prospectus 2008/09');
    expect(text).toContain('Hyperacute stroke care for every Londoner');
    expect(text.split('2008 §Key responsibilities, Business development').length - 1).toBe(1);

    expect((await send('POST', '/prospectus')).statusCode).toBe(409);
  });
});

describe(`2006 §104: "ensure that there is ‘fit’ between local plans"`, () => {
  let brent: string;
  let ealing: string;

  beforeAll(async () => {
    const pcts = await selectPrimaryCareTrusts(database.db);
    brent = pcts.find((pct) => pct.name === 'Brent Teaching PCT')!.id;
    ealing = pcts.find((pct) => pct.name.startsWith('Ealing'))!.id;
  });

  it('is for signed-in readers only', async () => {
    expect((await app.inject(`${base}/fit`)).statusCode).toBe(401);
  });

  it('lets a post holder record their own PCT’s plan, and refuses another PCT’s; nothing written', async () => {
    const recorded = await send(
      'PUT',
      `/local-plans/${brent}`,
      {
        intentionIds: [strokeId, mentalHealthId],
        ownLines: [{ title: 'Brent health visiting', note: 'A borough priority.' }],
      },
      member,
    );
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ gaps: 1, divergences: 1 });
    const auditBefore = await auditCount();
    const refused = await send('PUT', `/local-plans/${ealing}`, { intentionIds: [] }, member);
    expect(refused.statusCode).toBe(403);
    const [row] = await database.db
      .select({ rows: count() })
      .from(localPlans)
      .where(eq(localPlans.organisationId, ealing));
    expect(row?.rows).toBe(0);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('shows per PCT its gaps and divergences, and London’s summary', async () => {
    const secretariatRecorded = await send('PUT', `/local-plans/${ealing}`, {
      intentionIds: [strokeId, mentalHealthId, diabetesId],
    });
    expect(secretariatRecorded.statusCode).toBe(200);
    const fit = (await app.inject({ url: `${base}/fit`, headers: member })).json();
    expect(fit.rule.clause).toBe('2006 §104');
    const brentFit = fit.pcts.find((pct: { name: string }) => pct.name === 'Brent Teaching PCT');
    expect(brentFit).toMatchObject({
      hasPlan: true,
      gaps: ['Diabetes education and care planning'],
      divergences: [{ title: 'Brent health visiting', note: 'A borough priority.' }],
    });
    expect(fit.intentions.map((intention: { planning: number }) => intention.planning)).toEqual([
      2, 1, 2,
    ]);
    expect(fit.withoutPlan).toHaveLength(fit.pcts.length - 2);
    const page = await app.inject({
      url: `/bodies/${round.slug}/commissioning-rounds/${round.year}/fit`,
      headers: member,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Brent health visiting');
    // A read: signing in is asked for in the words of reading, not of submitting.
    const anonymous = await app.inject({ url: `${base}/fit` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().detail).toBe(
      'Sign in to read the fit of local plans with the London commissioning intentions.',
    );
  });
});

describe('the audit trail', () => {
  it('keeps every change to the round under the round', async () => {
    const rows = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(like(auditEvents.action, 'commissioning-round.%'))
      .orderBy(asc(auditEvents.id));
    expect(rows.map((row) => row.action)).toEqual([
      'commissioning-round.consolidation-started',
      'commissioning-round.put-to-group',
      'commissioning-round.not-agreed',
      'commissioning-round.put-to-group',
      'commissioning-round.agreed',
      'commissioning-round.prospectus-published',
    ]);
  });
});
