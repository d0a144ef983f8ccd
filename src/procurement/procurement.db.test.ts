import { count, eq, like, or } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
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
import { bodies } from '../db/schema/bodies.ts';
import {
  procurementConsortia,
  procurementRegisterEntries,
  tenderBids,
} from '../db/schema/procurement.ts';
import { organisations, people } from '../db/schema/registry.ts';
import { specifications, specificationVersions } from '../db/schema/specifications.ts';
import type { App } from '../http/app-types.ts';
import { awardedTenderOf } from './index.ts';

// The test clock is 2026-11-23 (fixedNow). The London group's secretariat runs its consortia.
let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let areaSecretariat: { authorization: string };
let member: { authorization: string };
let readOnly: { authorization: string };
const ids: Record<string, string> = {};

async function organisationId(name: string) {
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  if (!row) throw new Error(`no organisation ${name}`);
  return row.id;
}

const post = (url: string, payload: unknown, headers = secretariat) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
const get = (url: string, headers = secretariat) => app.inject({ url: `/api/v1${url}`, headers });

async function counts() {
  const [consortia] = await database.db.select({ n: count() }).from(procurementConsortia);
  const [bids] = await database.db.select({ n: count() }).from(tenderBids);
  const [entries] = await database.db.select({ n: count() }).from(procurementRegisterEntries);
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(or(like(auditEvents.action, 'procurement%'), like(auditEvents.action, 'tender%')));
  return {
    consortia: consortia?.n ?? 0,
    bids: bids?.n ?? 0,
    entries: entries?.n ?? 0,
    events: events?.n ?? 0,
  };
}

const members = () => [
  { organisationId: ids.camden!, shareBasisPoints: 4000 },
  { organisationId: ids.islington!, shareBasisPoints: 3500 },
  { organisationId: ids.barnet!, shareBasisPoints: 2500 },
];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
  member = await bearerFor(app, 'member');
  readOnly = await bearerFor(app, 'secretariat', 'read');
  ids.camden = await organisationId('Camden PCT');
  ids.islington = await organisationId('Islington PCT');
  ids.barnet = await organisationId('Barnet PCT');
  const [london] = await database.db
    .select({ id: bodies.id })
    .from(bodies)
    .where(eq(bodies.slug, 'london-commissioning-group'));
  ids.specification = uuidv7();
  await database.db.insert(specifications).values({
    id: ids.specification,
    bodyId: london!.id,
    title: 'Psychological therapies (IAPT)',
    serviceArea: 'Mental health',
    createdAt: new Date('2008-01-01T09:00:00Z'),
  });
  ids.approved = uuidv7();
  ids.draft = uuidv7();
  await database.db.insert(specificationVersions).values([
    {
      id: ids.approved,
      specificationId: ids.specification,
      version: 1,
      scope: 'Stepped care for anxiety and depression.',
      outcomes: 'Recovery rates.',
      authorName: 'Dr Example Author',
      writtenOn: '2008-01-10',
      status: 'approved',
      approvedOn: '2008-02-01',
      createdAt: new Date('2008-01-10T09:00:00Z'),
    },
    {
      id: ids.draft,
      specificationId: ids.specification,
      version: 2,
      scope: 'Stepped care, revised.',
      outcomes: 'Recovery rates.',
      authorName: 'Dr Example Author',
      writtenOn: '2008-06-10',
      createdAt: new Date('2008-06-10T09:00:00Z'),
    },
  ]);
  ids.providerA = uuidv7();
  ids.providerB = uuidv7();
  await database.db.insert(organisations).values([
    {
      id: ids.providerA,
      name: 'Camden and Islington NHS Foundation Trust',
      type: 'foundation-trust',
    },
    {
      id: ids.providerB,
      name: 'Barnet, Enfield and Haringey Mental Health NHS Trust',
      type: 'provider-trust',
    },
  ]);
  const [first, second] = await database.db.select({ id: people.id }).from(people).limit(2);
  ids.personA = first!.id;
  ids.personB = second!.id;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('procurement consortia (2006 §111)', () => {
  it('refuses shares that do not sum to 100%, naming the clause; nothing is written', async () => {
    const before = await counts();
    const refused = await post('/procurement/consortia', {
      name: 'North London IAPT consortium',
      portfolio: 'Psychological therapies for three PCTs.',
      inceptedOn: '2008-04-01',
      shareBasis: 'Weighted population 2008/09',
      voteBase: 'allEntitled',
      voteWeighting: 'share',
      members: [...members().slice(0, 2), { organisationId: ids.barnet, shareBasisPoints: 2400 }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('99.00%, not 100.00%');
    expect(refused.body).toContain('2006 §111');
    expect(await counts()).toEqual(before);
  });

  it('refuses a member that is not a PCT', async () => {
    const refused = await post('/procurement/consortia', {
      name: 'North London IAPT consortium',
      portfolio: 'Psychological therapies.',
      inceptedOn: '2008-04-01',
      shareBasis: 'Weighted population',
      voteBase: 'allEntitled',
      voteWeighting: 'share',
      members: [
        ...members().slice(0, 2),
        { organisationId: ids.providerA, shareBasisPoints: 2500 },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Camden and Islington NHS Foundation Trust is not a PCT');
  });

  it('refuses the secretariat of a local group, and a read-only token', async () => {
    const payload = {
      name: 'X',
      portfolio: 'Y',
      inceptedOn: '2008-04-01',
      shareBasis: 'Z',
      voteBase: 'allEntitled',
      voteWeighting: 'share',
      members: members(),
    };
    expect((await post('/procurement/consortia', payload, areaSecretariat)).statusCode).toBe(403);
    expect((await post('/procurement/consortia', payload, readOnly)).statusCode).toBe(403);
    expect((await post('/procurement/consortia', payload, member)).statusCode).toBe(403);
  });

  it('records a consortium with its shares, base and weighting, audited', async () => {
    const recorded = await post('/procurement/consortia', {
      name: 'North London IAPT consortium',
      portfolio: 'Psychological therapies for three PCTs.',
      inceptedOn: '2008-04-01',
      shareBasis: 'Weighted population 2008/09',
      voteBase: 'allEntitled',
      voteWeighting: 'share',
      members: members(),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    ids.consortium = recorded.json().consortiumId;
    const shown = (await get(`/procurement/consortia/${ids.consortium}`, member)).json();
    expect(shown).toMatchObject({
      name: 'North London IAPT consortium',
      body: { slug: 'london-commissioning-group' },
      inceptedOnText: '1 April 2008',
      ruleText:
        '75% of all members entitled to vote, present or not; each member’s vote weighs its share of the portfolio',
      mayRun: false,
    });
    expect(shown.members.map((each: { shareText: string }) => each.shareText)).toEqual([
      '40.00%',
      '35.00%',
      '25.00%',
    ]);
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'procurement-consortium.recorded'));
    expect(event?.entityId).toBe(ids.consortium);
  });

  it('refuses any change to the inception record, quoting §111', async () => {
    const refused = await app.inject({
      method: 'PATCH',
      url: `/api/v1/procurement/consortia/${ids.consortium}`,
      headers: secretariat,
      payload: { voteWeighting: 'none' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(
      'Any new procurement consortium will agree its financial and decision making arrangements at inception',
    );
    expect(refused.json().detail).toContain('Record a new consortium instead');
  });
});

describe('a tender: specification version → bids → evaluation', () => {
  it('refuses a specification version that is not approved', async () => {
    const refused = await post(`/procurement/consortia/${ids.consortium}/tenders`, {
      title: 'North London IAPT service',
      service: 'Psychological therapies',
      specificationVersionId: ids.draft,
      openedOn: '2008-06-02',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('not yet approved');
  });

  it('opens a tender to an approved version', async () => {
    const opened = await post(`/procurement/consortia/${ids.consortium}/tenders`, {
      title: 'North London IAPT service',
      service: 'Psychological therapies',
      specificationVersionId: ids.approved,
      openedOn: '2008-06-02',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    ids.tender = opened.json().tenderId;
  });

  it('refuses a price with a fraction of a penny; nothing is written', async () => {
    const before = await counts();
    const refused = await post(`/procurement/tenders/${ids.tender}/bids`, {
      providerOrganisationId: ids.providerA,
      pricePence: 125_000_000.5,
      receivedOn: '2008-07-01',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('fraction of a penny');
    expect(await counts()).toEqual(before);
  });

  it('refuses putting the award before the evaluation: no stage is skipped', async () => {
    const refused = await post(`/procurement/tenders/${ids.tender}/evaluation`, {
      scores: [],
      recommendedBidId: uuidv7(),
      reason: 'None',
      evaluatedOn: '2008-07-10',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('No bids were received');
  });

  it('records bids in whole pence, one per provider', async () => {
    const a = await post(`/procurement/tenders/${ids.tender}/bids`, {
      providerOrganisationId: ids.providerA,
      pricePence: 125_000_000,
      receivedOn: '2008-07-01',
    });
    expect(a.statusCode, a.body).toBe(201);
    ids.bidA = a.json().bidId;
    const b = await post(`/procurement/tenders/${ids.tender}/bids`, {
      providerOrganisationId: ids.providerB,
      pricePence: 119_850_075,
      receivedOn: '2008-07-03',
    });
    expect(b.statusCode, b.body).toBe(201);
    ids.bidB = b.json().bidId;
    const again = await post(`/procurement/tenders/${ids.tender}/bids`, {
      providerOrganisationId: ids.providerB,
      pricePence: 1,
      receivedOn: '2008-07-03',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a score out of range', async () => {
    const refused = await post(`/procurement/tenders/${ids.tender}/evaluation`, {
      scores: [
        { bidId: ids.bidA, qualityScore: 61, priceScore: 30 },
        { bidId: ids.bidB, qualityScore: 40, priceScore: 40 },
      ],
      recommendedBidId: ids.bidA,
      reason: 'Best quality.',
      evaluatedOn: '2008-07-10',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('from 0 to 60');
  });

  it('records the evaluation: bidding closes, the bids rank by total', async () => {
    const evaluated = await post(`/procurement/tenders/${ids.tender}/evaluation`, {
      scores: [
        { bidId: ids.bidA, qualityScore: 52, priceScore: 34 },
        { bidId: ids.bidB, qualityScore: 41, priceScore: 38 },
      ],
      recommendedBidId: ids.bidA,
      reason: 'Highest total score: the stronger stepped-care model outweighs the price.',
      evaluatedOn: '2008-07-10',
    });
    expect(evaluated.statusCode, evaluated.body).toBe(200);
    const tender = (await get(`/procurement/tenders/${ids.tender}`, member)).json();
    expect(tender).toMatchObject({ stage: 'evaluated', stageText: 'Evaluated' });
    expect(tender.bids[0]).toMatchObject({
      provider: 'Camden and Islington NHS Foundation Trust',
      priceText: '£1,250,000.00',
      totalScore: 86,
      recommended: true,
    });
    expect(tender.bids[1]).toMatchObject({ priceText: '£1,198,500.75', totalScore: 79 });
    const late = await post(`/procurement/tenders/${ids.tender}/bids`, {
      providerOrganisationId: ids.providerA,
      pricePence: 100,
      receivedOn: '2008-07-11',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('no stage is skipped');
  });
});

describe('the procurement decisions register', () => {
  it('refuses a declared conflict of someone who took no part', async () => {
    const refused = await post(`/procurement/tenders/${ids.tender}/register`, {
      subject: 'evaluation',
      decision: 'Bids scored by the evaluation panel.',
      decidedOn: '2008-07-10',
      participantIds: [ids.personA],
      conflicts: [{ personId: ids.personB, interest: 'Non-executive of a bidder' }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('add them as a participant');
  });

  it('is incomplete until both entries exist and every conflict is managed', async () => {
    const evaluation = await post(`/procurement/tenders/${ids.tender}/register`, {
      subject: 'evaluation',
      decision: 'Bids scored by the evaluation panel.',
      decidedOn: '2008-07-10',
      participantIds: [ids.personA, ids.personB],
      conflicts: [{ personId: ids.personB, interest: 'Spouse employed by a bidder' }],
    });
    expect(evaluation.statusCode, evaluation.body).toBe(201);
    let register = (await get(`/procurement/tenders/${ids.tender}`)).json().register;
    expect(register.complete).toBe(false);
    expect(register.missing).toHaveLength(2);
    expect(register.missing[0]).toBe('an entry for the award recommendation');
    expect(register.missing[1]).toContain('conflict (Spouse employed by a bidder) was managed');

    const recommendation = await post(`/procurement/tenders/${ids.tender}/register`, {
      subject: 'award-recommendation',
      decision: 'Recommend the award to Camden and Islington NHS Foundation Trust.',
      decidedOn: '2008-07-11',
      participantIds: [ids.personA],
      conflicts: [],
    });
    expect(recommendation.statusCode).toBe(201);
    const conflictId = (await get(`/procurement/tenders/${ids.tender}`)).json().register.entries[0]
      .conflicts[0].id;
    const noReason = await post(
      `/procurement/tenders/${ids.tender}/register/conflicts/${conflictId}`,
      { management: 'no-material-conflict' },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('needs the reason');
    const managed = await post(
      `/procurement/tenders/${ids.tender}/register/conflicts/${conflictId}`,
      { management: 'left-the-room' },
    );
    expect(managed.statusCode, managed.body).toBe(200);
    register = (await get(`/procurement/tenders/${ids.tender}`)).json().register;
    expect(register).toMatchObject({ complete: true, missing: [] });
    const again = await post(
      `/procurement/tenders/${ids.tender}/register/conflicts/${conflictId}`,
      { management: 'took-no-part' },
    );
    expect(again.statusCode).toBe(409);
  });

  it('exports the register as CSV, one row per entry and conflict', async () => {
    const csv = await get(`/procurement/tenders/${ids.tender}/register.csv`, member);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Tender,Decision about,Decision,Decided on,Participants,Conflict declared by,Interest,How managed,Reason',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Left the room');
  });

  it('is not an awarded tender yet, for the contracts register', async () => {
    expect(await awardedTenderOf(database.db, ids.tender!)).toBeUndefined();
  });
});

describe('the pages', () => {
  it('show the consortia, a consortium and a tender in plain words, to signed-in readers', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.member);
    for (const url of [
      '/procurement',
      `/procurement/consortia/${ids.consortium}`,
      `/procurement/tenders/${ids.tender}`,
    ]) {
      const page = await app.inject({ url, headers: { cookie: cookies } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('North London IAPT');
      expect(page.body).not.toContain('<form method="post" action="/procurement');
    }
    const tender = await app.inject({
      url: `/procurement/tenders/${ids.tender}`,
      headers: { cookie: cookies },
    });
    expect(tender.body).toContain('£1,250,000.00');
    expect(tender.body).toContain('Left the room');
    expect((await app.inject({ url: '/procurement' })).statusCode).toBe(303);
  });

  it('refuses shares that miss 100% on the form, the error linked to a member field', async () => {
    const before = await counts();
    const signedIn = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({ url: '/procurement', headers: { cookie: signedIn.cookies } });
    expect(page.body).toContain('Record a new consortium');
    const cookies = cookieHeader(page.headers['set-cookie'], signedIn.cookies);
    const response = await app.inject({
      method: 'POST',
      url: '/procurement/consortia',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        name: 'South London IAPT consortium',
        portfolio: 'Psychological therapies.',
        'inceptedOn[day]': '1',
        'inceptedOn[month]': '4',
        'inceptedOn[year]': '2008',
        shareBasis: 'Weighted population',
        voteBase: 'allEntitled',
        voteWeighting: 'share',
        member1: ids.camden!,
        member1Share: '50',
        member2: ids.islington!,
        member2Share: '49.5%',
      }).toString(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#member1"');
    expect(response.body).toContain('99.50%, not 100.00%');
    expect(await counts()).toEqual(before);
  });

  it('refuses a bid typed with a fraction of a penny on the form', async () => {
    const signedIn = await signInThroughForm(app, demoEmails.secretariat);
    const opened = await post(`/procurement/consortia/${ids.consortium}/tenders`, {
      title: 'Second IAPT lot',
      service: 'Psychological therapies',
      specificationVersionId: ids.approved,
      openedOn: '2008-06-02',
    });
    const tenderId = opened.json().tenderId;
    const page = await app.inject({
      url: `/procurement/tenders/${tenderId}`,
      headers: { cookie: signedIn.cookies },
    });
    expect(page.body).toContain('Record a bid');
    const cookies = cookieHeader(page.headers['set-cookie'], signedIn.cookies);
    const before = await counts();
    const response = await app.inject({
      method: 'POST',
      url: `/procurement/tenders/${tenderId}/bids`,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        providerOrganisationId: ids.providerA!,
        price: '1,250,000.005',
        'receivedOn[day]': '1',
        'receivedOn[month]': '7',
        'receivedOn[year]': '2008',
      }).toString(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#price"');
    expect(response.body).toContain('fraction of a penny');
    expect(await counts()).toEqual(before);
  });
});
