import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { tenders } from '../db/schema/procurement.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';
import { specifications, specificationVersions } from '../db/schema/specifications.ts';
import type { App } from '../http/app-types.ts';
import { awardedTenderOf } from './index.ts';

// The award of a tender is the consortium's decision through the engine (2006 §111): eight
// member PCTs, three large (30%, 25%, 20%) for and five small (5% each) against — carried by share
// (75 of 100) though not by head count (3 of 8). Their chief executives cast their votes.
const lcg = 'london-commissioning-group';
let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
const chiefExecutives: {
  organisationId: string;
  name: string;
  bearer: { authorization: string };
}[] = [];
let outsider: { authorization: string };
let meetingId: string;
const ids: Record<string, string> = {};

const post = (url: string, payload?: unknown, headers = secretariat) =>
  app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers,
    ...(payload !== undefined && { payload: payload as object }),
  });
const get = (url: string, headers = secretariat) => app.inject({ url: `/api/v1${url}`, headers });

async function chiefExecutiveOf(organisationId: string, label: string) {
  const personId = uuidv7();
  await database.db.insert(people).values({ id: personId, name: label, isFictional: true });
  await database.db.insert(posts).values({
    id: uuidv7(),
    personId,
    organisationId,
    role: 'chief-executive',
    title: 'Chief Executive',
    startsOn: '2006-10-01',
  });
  const { authorization } = await memberAccount(app, {
    personId,
    email: `procurement-${personId}@test.invalid`,
  });
  return { authorization };
}

async function tenderThroughEvaluation(title: string) {
  const opened = await post(`/procurement/consortia/${ids.consortium}/tenders`, {
    title,
    service: 'Psychological therapies',
    specificationVersionId: ids.version,
    openedOn: '2008-06-02',
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const tenderId = opened.json().tenderId as string;
  const a = await post(`/procurement/tenders/${tenderId}/bids`, {
    providerOrganisationId: ids.providerA,
    pricePence: 980_000_000,
    receivedOn: '2008-07-01',
  });
  const b = await post(`/procurement/tenders/${tenderId}/bids`, {
    providerOrganisationId: ids.providerB,
    pricePence: 1_020_000_000,
    receivedOn: '2008-07-02',
  });
  const evaluated = await post(`/procurement/tenders/${tenderId}/evaluation`, {
    scores: [
      { bidId: a.json().bidId, qualityScore: 50, priceScore: 38 },
      { bidId: b.json().bidId, qualityScore: 48, priceScore: 35 },
    ],
    recommendedBidId: a.json().bidId,
    reason: 'Highest total score.',
    evaluatedOn: '2008-07-15',
  });
  expect(evaluated.statusCode, evaluated.body).toBe(200);
  return tenderId;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  const scheduled = await post(`/bodies/${lcg}/meetings`, {
    title: 'January meeting',
    startsAt: '2027-01-14T14:00:00Z',
    location: 'Southside, 105 Victoria Street',
    noticeGivenOn: '2026-12-01',
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  meetingId = scheduled.json().meetingId;
  const attendance = (await get(`/meetings/${meetingId}`)).json().attendance as {
    seatHoldingId: string;
  }[];
  for (const seat of attendance) {
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${seat.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(recorded.statusCode).toBe(200);
  }
  const pcts = await database.db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.type, 'primary-care-trust'))
    .orderBy(organisations.name)
    .limit(9);
  for (const pct of pcts.slice(0, 8)) {
    chiefExecutives.push({
      organisationId: pct.id,
      name: pct.name,
      bearer: await chiefExecutiveOf(pct.id, `Chief Executive of ${pct.name} (fictional)`),
    });
  }
  outsider = await chiefExecutiveOf(pcts[8]!.id, 'An outside chief executive (fictional)');
  const [london] = await database.db
    .select({ id: bodies.id })
    .from(bodies)
    .where(eq(bodies.slug, lcg));
  const specificationId = uuidv7();
  await database.db.insert(specifications).values({
    id: specificationId,
    bodyId: london!.id,
    title: 'Psychological therapies (IAPT)',
    serviceArea: 'Mental health',
    createdAt: new Date('2008-01-01T09:00:00Z'),
  });
  ids.version = uuidv7();
  await database.db.insert(specificationVersions).values({
    id: ids.version,
    specificationId,
    version: 1,
    scope: 'Stepped care for anxiety and depression.',
    outcomes: 'Recovery rates.',
    authorName: 'Dr Example Author',
    writtenOn: '2008-01-10',
    status: 'approved',
    approvedOn: '2008-02-01',
    createdAt: new Date('2008-01-10T09:00:00Z'),
  });
  ids.providerA = uuidv7();
  ids.providerB = uuidv7();
  await database.db.insert(organisations).values([
    {
      id: ids.providerA,
      name: 'South London and Maudsley NHS Foundation Trust',
      type: 'foundation-trust',
    },
    { id: ids.providerB, name: 'Oxleas NHS Foundation Trust', type: 'foundation-trust' },
  ]);
  const shares = [3000, 2500, 2000, 500, 500, 500, 500, 500];
  const recorded = await post('/procurement/consortia', {
    name: 'London IAPT procurement consortium',
    portfolio: 'Improving Access to Psychological Therapies across London.',
    inceptedOn: '2008-04-01',
    shareBasis: 'weighted population 2008/09',
    voteBase: 'allEntitled',
    voteWeighting: 'share',
    members: chiefExecutives.map((each, index) => ({
      organisationId: each.organisationId,
      shareBasisPoints: shares[index],
    })),
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  ids.consortium = recorded.json().consortiumId;
  const [person] = await database.db.select({ id: people.id }).from(people).limit(1);
  ids.person = person!.id;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const vote = (proposalId: string, headers: { authorization: string }, choice: string) =>
  post(`/proposals/${proposalId}/votes`, { choice }, headers);

describe('2006 §111: the award is the consortium’s decision, by its 75% rule as fixed at inception', () => {
  it('refuses putting the award while the tender still takes bids: no stage is skipped', async () => {
    const opened = await post(`/procurement/consortia/${ids.consortium}/tenders`, {
      title: 'Unevaluated lot',
      service: 'Psychological therapies',
      specificationVersionId: ids.version,
    });
    const refused = await post(`/procurement/tenders/${opened.json().tenderId}/award-question`, {
      meetingId,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0].message).toContain('no stage is skipped');
  });

  it('puts the award, refuses a non-member’s vote, and records the award carried by share, not head count', async () => {
    ids.tender = await tenderThroughEvaluation('London IAPT service');
    const put = await post(`/procurement/tenders/${ids.tender}/award-question`, { meetingId });
    expect(put.statusCode, put.body).toBe(201);
    const { proposalId } = put.json();
    expect((await get(`/procurement/tenders/${ids.tender}`)).json().stage).toBe('award-put');

    const early = await post(`/procurement/tenders/${ids.tender}/award`);
    expect(early.statusCode).toBe(409);
    expect(early.json().errors[0].message).toContain('not yet open');

    expect((await post(`/proposals/${proposalId}/open`)).statusCode).toBe(200);
    const refused = await vote(proposalId, outsider, 'for');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain(
      'Inception record of London IAPT procurement consortium',
    );
    for (const [index, each] of chiefExecutives.entries()) {
      const cast = await vote(proposalId, each.bearer, index < 3 ? 'for' : 'against');
      expect(cast.statusCode, cast.body).toBe(201);
    }
    const closed = await post(`/proposals/${proposalId}/close`);
    expect(closed.json().outcome).toBe('carried');

    const incomplete = await post(`/procurement/tenders/${ids.tender}/award`);
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().detail).toContain(
      'it still needs an entry for the evaluation; an entry for the award recommendation',
    );
    expect((await get(`/procurement/tenders/${ids.tender}`)).json().stage).toBe('award-put');

    for (const subject of ['evaluation', 'award-recommendation']) {
      const entry = await post(`/procurement/tenders/${ids.tender}/register`, {
        subject,
        decision: `The ${subject.replace('-', ' ')} of the London IAPT service.`,
        decidedOn: '2008-07-15',
        participantIds: [ids.person],
        conflicts: [
          {
            personId: ids.person,
            interest: 'Former employee of a bidder',
            management: 'no-material-conflict',
            reason: 'Left the trust in 2001; no continuing interest.',
          },
        ],
      });
      expect(entry.statusCode, entry.body).toBe(201);
    }
    const awarded = await post(`/procurement/tenders/${ids.tender}/award`);
    expect(awarded.statusCode, awarded.body).toBe(200);
    expect(awarded.json()).toEqual({ outcome: 'carried', stage: 'awarded' });

    const tender = (await get(`/procurement/tenders/${ids.tender}`)).json();
    expect(tender.award).toMatchObject({
      provider: 'South London and Maudsley NHS Foundation Trust',
      priceText: '£9,800,000.00',
    });
    const [question] = tender.awardQuestions;
    expect(question.outcome).toBe('carried');
    expect(question.lines).toContain('Weight for: 7500 of 10000.');
    expect(question.lines.join('\n')).toContain(
      'Unweighted, one vote each, the same votes would be 3 for out of a base of 8',
    );
    const page = await app.inject({
      url: `/procurement/tenders/${ids.tender}`,
      headers: secretariat,
    });
    expect(page.body).toContain('Unweighted, one vote each');
    expect(page.body).toContain('Weight for: 7500 of 10000.');
  });

  it('gives the contracts register the awarded tender', async () => {
    const awarded = await awardedTenderOf(database.db, ids.tender!);
    expect(awarded).toMatchObject({
      title: 'London IAPT service',
      provider: { name: 'South London and Maudsley NHS Foundation Trust' },
      specificationVersion: { label: 'Psychological therapies (IAPT), version 1' },
      valuePence: 980_000_000,
      registerComplete: true,
      consortium: { name: 'London IAPT procurement consortium' },
    });
    expect(awarded?.members.map((each) => each.shareBasisPoints)).toEqual([
      3000, 2500, 2000, 500, 500, 500, 500, 500,
    ]);
  });

  it('sends a tender back to evaluation when the vote is not carried', async () => {
    const tenderId = await tenderThroughEvaluation('London IAPT service, second lot');
    const { proposalId } = (
      await post(`/procurement/tenders/${tenderId}/award-question`, { meetingId })
    ).json();
    await post(`/proposals/${proposalId}/open`);
    for (const [index, each] of chiefExecutives.entries()) {
      await vote(proposalId, each.bearer, index < 2 ? 'for' : 'against');
    }
    expect((await post(`/proposals/${proposalId}/close`)).json().outcome).toBe('notCarried');
    const recorded = await post(`/procurement/tenders/${tenderId}/award`);
    expect(recorded.json()).toEqual({ outcome: 'not-carried', stage: 'evaluated' });
    const [row] = await database.db
      .select({ stage: tenders.stage, awardedBidId: tenders.awardedBidId })
      .from(tenders)
      .where(eq(tenders.id, tenderId));
    expect(row).toEqual({ stage: 'evaluated', awardedBidId: null });
    const tender = (await get(`/procurement/tenders/${tenderId}`)).json();
    expect(tender.awardQuestions[0].outcome).toBe('not-carried');
    expect(await awardedTenderOf(database.db, tenderId)).toBeUndefined();
  });

  it('sends a tender back to evaluation when its award question is withdrawn, so it can be put again', async () => {
    const tenderId = await tenderThroughEvaluation('London IAPT service, third lot');
    const { proposalId } = (
      await post(`/procurement/tenders/${tenderId}/award-question`, { meetingId })
    ).json();
    const stillDraft = await post(`/procurement/tenders/${tenderId}/award`);
    expect(stillDraft.statusCode).toBe(409);
    expect(stillDraft.json().detail).toContain('withdraw the question and put the award again');
    expect((await post(`/proposals/${proposalId}/withdraw`)).statusCode).toBe(200);
    const recorded = await post(`/procurement/tenders/${tenderId}/award`);
    expect(recorded.json()).toEqual({ outcome: 'withdrawn', stage: 'evaluated' });
    const tender = (await get(`/procurement/tenders/${tenderId}`)).json();
    expect(tender.awardQuestions[0].outcome).toBe('withdrawn');
    const again = await post(`/procurement/tenders/${tenderId}/award-question`, { meetingId });
    expect(again.statusCode, again.body).toBe(201);
  });
});
