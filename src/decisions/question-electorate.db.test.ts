/**
 * Issue 24: a question put to a procurement consortium carries the electorate the consortium fixed
 * at inception (2006 §111: "Procurement consortia will need to determine the detailed
 * implementation of this arrangement as it applies to the scope and size of the consortia
 * portfolios."). The tally counts the consortium's members with their recorded shares, not the
 * body's seats; a member PCT votes through its member of the body or its chief executive; anyone
 * else is refused with the record's clause.
 */
import { count, eq, inArray, notInArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { proposals } from '../db/schema/decisions.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { loadAccountActor } from '../identity/actor.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';
import { ProblemError } from '../shared/problems.ts';
import { createProposal } from './create-proposal.ts';
import { decisionFactsOf } from './decision-facts.ts';
import type { RecordedElectorate } from './question-electorate.ts';

const lcg = 'london-commissioning-group';
const context = { actor: 'test', now: new Date('2026-11-23T10:00:00Z') };
const inceptionText =
  'The consortium’s 75% majority is taken of all its members entitled to vote, each weighted by its share of the portfolio.';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let meetingId: string;
let agendaItemId: string;
let electorate: RecordedElectorate;
/** The three large members vote through their seats on the group; five small ones through their chief executives. */
const large: { organisationId: string; name: string; bearer: { authorization: string } }[] = [];
const small: { organisationId: string; name: string; bearer: { authorization: string } }[] = [];
let outsiderSeat: { authorization: string };
let outsiderChiefExecutive: { authorization: string };

async function chiefExecutiveOf(organisationId: string, label: string) {
  const personId = uuidv7();
  await database.db
    .insert(people)
    .values({ id: personId, name: `${label} (fictional)`, isFictional: true });
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
    email: `electorate-${personId}@test.invalid`,
  });
  return { authorization };
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'January meeting',
      startsAt: '2027-01-14T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
  const attendance = (await app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance as {
    seatHoldingId: string;
    personId: string;
  }[];
  for (const member of attendance) {
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(recorded.statusCode).toBe(200);
  }
  const item = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'IAPT service: award of the contract', purpose: 'decision' },
  });
  agendaItemId = item.json().agendaItemId;

  const decision = await decisionFactsOf(database.db, meetingId);
  const seats = decision.members.filter(
    ({ holding }) => holding.organisationType === 'primary-care-trust',
  );
  for (const { holding } of seats.slice(0, 3)) {
    const { authorization } = await memberAccount(app, {
      personId: holding.personId,
      email: `electorate-${holding.id}@test.invalid`,
      bodySlug: lcg,
    });
    large.push({
      organisationId: holding.organisationId!,
      name: holding.organisationName!,
      bearer: { authorization },
    });
  }
  const outsider = seats[3]!.holding;
  outsiderSeat = {
    authorization: (
      await memberAccount(app, {
        personId: outsider.personId,
        email: `electorate-${outsider.id}@test.invalid`,
        bodySlug: lcg,
      })
    ).authorization,
  };
  const onTheBody = seats.map(({ holding }) => holding.organisationId!);
  const others = await database.db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(notInArray(organisations.id, onTheBody))
    .orderBy(organisations.name);
  const pcts = (
    await database.db
      .select({ id: organisations.id, type: organisations.type })
      .from(organisations)
      .where(
        inArray(
          organisations.id,
          others.map((entry) => entry.id),
        ),
      )
  ).filter((entry) => entry.type === 'primary-care-trust');
  const offTheBody = others.filter((entry) => pcts.some((pct) => pct.id === entry.id));
  for (const pct of offTheBody.slice(0, 5)) {
    small.push({
      organisationId: pct.id,
      name: pct.name,
      bearer: await chiefExecutiveOf(pct.id, `Chief Executive of ${pct.name}`),
    });
  }
  outsiderChiefExecutive = await chiefExecutiveOf(offTheBody[5]!.id, 'An outside chief executive');
  expect(small).toHaveLength(5);
  const shares = [3000, 2500, 2000, 500, 500, 500, 500, 500];
  electorate = {
    parties: [...large, ...small].map((party, index) => ({
      organisationId: party.organisationId,
      name: party.name,
      share: shares[index]!,
    })),
    base: 'allEntitled',
    weighting: 'share',
    source: {
      title: 'inception record of the London IAPT procurement consortium',
      clause: '2006 §111',
      text: inceptionText,
    },
  };
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function secretariatActor() {
  const account = await selectAccountByEmail(database.db, 'secretariat@demo.invalid');
  const actor = await loadAccountActor(database.db, account!.id, context.now, {
    authenticatedBy: 'session',
  });
  return actor!;
}

async function putToConsortium(
  title: string,
  options: Partial<Parameters<typeof createProposal>[0]> = {},
) {
  return createProposal({
    db: database.db,
    context,
    actor: await secretariatActor(),
    meetingId,
    agendaItemId,
    title,
    text: 'That the consortium awards the IAPT contract to the recommended bidder.',
    methodId: 'collective-procurement-majority',
    ballot: 'named',
    electorate,
    ...options,
  });
}

const act = (proposalId: string, action: 'open' | 'close') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/${action}`,
    headers: secretariat,
  });

const vote = (proposalId: string, headers: { authorization: string }, choice: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/votes`,
    headers,
    payload: { choice },
  });

describe('2006 §111: a consortium’s 75% rule as fixed at inception decides its questions', () => {
  it('carries an award by share that one vote each would not have carried, and says both', async () => {
    const { proposalId } = await putToConsortium('Award the London IAPT contract');
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    for (const party of large)
      expect((await vote(proposalId, party.bearer, 'for')).statusCode).toBe(201);
    for (const party of small) {
      const cast = await vote(proposalId, party.bearer, 'against');
      expect(cast.statusCode, cast.body).toBe(201);
      expect(cast.json().voter).toBe(party.name);
    }
    const closed = await act(proposalId, 'close');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().outcome).toBe('carried');
    const view = (
      await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: secretariat })
    ).json();
    expect(view.result.lines).toContain('Weight for: 7500 of 10000.');
    expect(view.result.lines).toContain(
      'Unweighted, one vote each, the same votes would be 3 for out of a base of 8; 3/4 (75%) of 8 needs 6: it would not have been carried.',
    );
    expect(JSON.stringify(view.result)).toContain(inceptionText);
    const page = await app.inject({ url: `/proposals/${proposalId}`, headers: secretariat });
    expect(page.body).toContain('Unweighted, one vote each');
    for (const party of small) expect(page.body).toContain(party.name);
  });

  it('refuses a vote from a PCT outside the consortium — its member of the group or its chief executive — quoting the record', async () => {
    const { proposalId } = await putToConsortium('Award the London IAPT contract (second round)');
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    for (const outsider of [outsiderSeat, outsiderChiefExecutive]) {
      const refused = await vote(proposalId, outsider, 'for');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('not-a-consortium-member');
      expect(refused.json().detail).toContain(
        'inception record of the London IAPT procurement consortium (2006 §111)',
      );
    }
    const view = (
      await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: secretariat })
    ).json();
    expect(view.votesRecorded).toBe(0);
  });

  it('a chief executive shared by two members names the member each vote is for; each member votes once (2006 §111)', async () => {
    // One person holds the chief executive's post at two small members (London shared some in 2008).
    const [first, second] = [small[3]!, small[4]!];
    const personId = uuidv7();
    await database.db
      .insert(people)
      .values({ id: personId, name: 'Shared Chief Executive (fictional)', isFictional: true });
    for (const organisationId of [first.organisationId, second.organisationId]) {
      await database.db.insert(posts).values({
        id: uuidv7(),
        personId,
        organisationId,
        role: 'chief-executive',
        title: 'Chief Executive',
        startsOn: '2007-04-01',
      });
    }
    const shared = {
      authorization: (
        await memberAccount(app, { personId, email: `shared-${personId}@test.invalid` })
      ).authorization,
    };
    const { proposalId } = await putToConsortium('Award the London IAPT contract (shared)');
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    const unnamed = await vote(proposalId, shared, 'for');
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json().code).toBe('name-the-member');
    expect(unnamed.json().detail).toContain(first.name);
    expect(unnamed.json().detail).toContain(second.name);
    const notTheirs = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: shared,
      payload: { choice: 'for', forMember: large[0]!.organisationId },
    });
    expect(notTheirs.statusCode).toBe(403);
    const view = (
      await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: shared })
    ).json();
    expect(view.votesRecorded).toBe(0);
    expect(view.mySeats.map((seat: { forMember: string }) => seat.forMember).sort()).toEqual(
      [first.organisationId, second.organisationId].sort(),
    );
    for (const [party, choice] of [
      [first, 'for'],
      [second, 'against'],
    ] as const) {
      const cast = await app.inject({
        method: 'POST',
        url: `/api/v1/proposals/${proposalId}/votes`,
        headers: shared,
        payload: { choice, forMember: party.organisationId },
      });
      expect(cast.statusCode, cast.body).toBe(201);
      expect(cast.json().voter).toBe(party.name);
    }
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: shared,
      payload: { choice: 'for', forMember: second.organisationId },
    });
    expect(again.statusCode).toBe(409);
    const page = await app.inject({ url: `/proposals/${proposalId}`, headers: shared });
    expect(page.body).toContain(`name="forMember" value="${first.organisationId}"`);
    expect(page.body).toContain(`name="forMember" value="${second.organisationId}"`);
  });

  it('refuses an electorate with a method the consortium does not decide, or a member named twice, and writes nothing', async () => {
    const before = await database.db.select({ n: count() }).from(proposals);
    const refusals: ProblemError['problem'][] = [];
    for (const options of [
      { methodId: undefined, decisionKind: 'london-wide-view' },
      {
        electorate: { ...electorate, parties: [...electorate.parties, electorate.parties[0]!] },
      },
      {
        electorate: {
          ...electorate,
          parties: electorate.parties.map((party) => ({ ...party, share: 0 })),
        },
      },
    ]) {
      const refused = await putToConsortium('Not to be put', options).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ProblemError);
      refusals.push((refused as ProblemError).problem);
    }
    expect(refusals[0]?.errors?.[0]).toMatchObject({ field: 'electorate' });
    expect(refusals[0]?.errors?.[0]?.message).toContain('2006 §111');
    expect(refusals[1]?.errors?.[0]?.message).toContain('is named twice among the members');
    expect(refusals[2]?.errors?.[0]?.field).toMatch(/^electorate\.parties\.0\.share/);
    const after = await database.db.select({ n: count() }).from(proposals);
    expect(after).toEqual(before);
    expect(
      await database.db
        .select({ id: proposals.id })
        .from(proposals)
        .where(eq(proposals.title, 'Not to be put')),
    ).toEqual([]);
  });
});
