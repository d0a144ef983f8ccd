/**
 * Voting in the room (issue 22, decision 021): a member changes their vote while the question is
 * open and only the latest choice is counted, once; someone without a seat is refused; a show of
 * hands for a member without an account records who recorded it; the person presiding closes the
 * question from the chair. Runs on both engines.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { verifyAuditTrail } from '../audit/index.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { readFactsEpoch } from '../db/facts-cache.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { votes } from '../db/schema/decisions.ts';
import type { App } from '../http/app-types.ts';
import { loadAccountActor } from '../identity/actor.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';
import type { Actor } from '../identity/policy.ts';
import { closeProposal } from './close-proposal.ts';
import { recordShowOfHands } from './record-show-of-hands.ts';
import { roomVotingView } from './room-voting-view.ts';

const lcg = 'london-commissioning-group';

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  office: string | null;
}

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let meetingId: string;
let itemId: string;
let proposalId: string;
let members: Member[];
let chair: Member;
/** Members who vote from their own accounts; the rest have none. */
let voters: Member[];
let withoutAccount: Member[];
const bearer = new Map<string, { authorization: string; accountId: string }>();
const context = { actor: 'test', requestId: 'live-voting', now: fixedNow };

async function actorOf(accountId: string): Promise<Actor> {
  const actor = await loadAccountActor(database.db, accountId, fixedNow, {
    authenticatedBy: 'session',
  });
  if (!actor) throw new Error('no such account');
  return actor;
}

async function demoActor(email: string): Promise<Actor> {
  const account = await selectAccountByEmail(database.db, email);
  return actorOf(account!.id);
}

function vote(member: Member, choice: string, method: 'POST' | 'PUT' = 'PUT') {
  return app.inject({
    method,
    url: `/api/v1/proposals/${proposalId}/votes`,
    headers: bearer.get(member.seatHoldingId)!,
    payload: { choice },
  });
}

async function storedVotesOf(member: Member) {
  return database.db
    .select()
    .from(votes)
    .where(and(eq(votes.proposalId, proposalId), eq(votes.voterId, member.seatHoldingId)));
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
      title: 'December meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    },
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  meetingId = scheduled.json().meetingId;
  members = (await app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
  chair = members.find((member) => member.office === 'chair')!;
  expect(chair).toBeDefined();
  const others = members.filter((member) => member !== chair);
  voters = [chair, ...others.slice(0, 3)];
  withoutAccount = others.slice(3);
  for (const member of members) {
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
  }
  // Accounts for the chair and three members only, after the seed's own (the chair's may exist).
  const existing = await database.db.execute(sql`select person_id from accounts`);
  const hadAccount = new Set(
    (existing as unknown as { rows: { person_id: string | null }[] }).rows.map(
      (row) => row.person_id,
    ),
  );
  withoutAccount = withoutAccount.filter((member) => !hadAccount.has(member.personId));
  for (const member of voters) {
    const account = await memberAccount(app, {
      personId: member.personId,
      email: `member-${member.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
    });
    bearer.set(member.seatHoldingId, account);
  }
  const item = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Cardiology service development', purpose: 'decision' },
  });
  itemId = item.json().agendaItemId;
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/proposals`,
    headers: secretariat,
    payload: {
      agendaItemId: itemId,
      title: 'Commission a cardiac network',
      text: 'The group agrees to commission a London cardiac network.',
      decisionKind: 'coordination-between-sectors',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  proposalId = created.json().proposalId;
  const opened = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers: secretariat,
  });
  expect(opened.statusCode, opened.body).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('a member changes their vote while the question is open', () => {
  it('keeps one vote for the seat, its latest choice, and the trail keeps both', async () => {
    const member = voters[1]!;
    const first = await vote(member, 'for');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'cast', choice: 'for' });
    const epoch = await readFactsEpoch(database.db);

    const changed = await vote(member, 'abstain');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ outcome: 'changed', choice: 'abstain' });
    expect(changed.json().voteId).toBe(first.json().voteId);

    const stored = await storedVotesOf(member);
    expect(stored.map((row) => row.choice)).toEqual(['abstain']);
    const events = await database.db
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(sql`${auditEvents.after}->>'voteId' = ${first.json().voteId}`)
      .orderBy(auditEvents.occurredAt, auditEvents.id);
    expect(
      events.map((event) => [event.action, (event.after as { choice: string }).choice]),
    ).toEqual([
      ['vote.cast', 'for'],
      ['vote.changed', 'abstain'],
    ]);
    expect(events[1]?.before).toMatchObject({ choice: 'for' });
    // A change of vote changes no meeting fact: the facts kept between votes stay good.
    expect(await readFactsEpoch(database.db)).toBe(epoch);
  });

  it('answers the same choice again as unchanged, writing nothing', async () => {
    const member = voters[1]!;
    const before = await database.db.select({ id: auditEvents.id }).from(auditEvents);
    const again = await vote(member, 'abstain');
    expect(again.json()).toMatchObject({ outcome: 'unchanged' });
    const after = await database.db.select({ id: auditEvents.id }).from(auditEvents);
    expect(after).toHaveLength(before.length);
  });

  it('still refuses a second POST, so a retried first vote never overwrites a change', async () => {
    const again = await vote(voters[1]!, 'for', 'POST');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already-voted');
    expect(again.json().detail).toContain('can be changed');
    expect((await storedVotesOf(voters[1]!)).map((row) => row.choice)).toEqual(['abstain']);
  });

  it('shows the member which choice they recorded, in words', async () => {
    const room = await roomVotingView({
      db: database.db,
      actor: await actorOf(bearer.get(voters[1]!.seatHoldingId)!.accountId),
      meetingId,
      agendaItemId: itemId,
    });
    expect(room.role).toBe('member');
    expect(room.questions).toHaveLength(1);
    const [question] = room.questions;
    expect(question?.mayVote).toBe(true);
    expect(question?.hands).toBeNull();
    expect(question?.yours?.sentence).toMatch(/^(You abstained|Your view: stand aside)$/);
  });
});

describe('someone without a seat', () => {
  it('is refused by the use case, whatever the route lets through', async () => {
    const outsider = await bearerFor(app, 'public');
    const refused = await app.inject({
      method: 'PUT',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: outsider,
      payload: { choice: 'for' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('not-a-member');
  });

  it('may not record a show of hands, nor may a member who does not preside', async () => {
    const hand = { db: database.db, context, proposalId, choice: 'for' as const };
    await expect(
      recordShowOfHands({
        ...hand,
        actor: await demoActor('public@demo.invalid'),
        seatHoldingId: withoutAccount[0]!.seatHoldingId,
      }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
    await expect(
      recordShowOfHands({
        ...hand,
        actor: await actorOf(bearer.get(voters[2]!.seatHoldingId)!.accountId),
        seatHoldingId: withoutAccount[0]!.seatHoldingId,
      }),
    ).rejects.toMatchObject({ problem: { status: 403, code: 'forbidden' } });
    expect(await storedVotesOf(withoutAccount[0]!)).toEqual([]);
  });
});

describe('a show of hands', () => {
  it('records the vote of a member present without an account, and who recorded it', async () => {
    const member = withoutAccount[0]!;
    const recorded = await recordShowOfHands({
      db: database.db,
      context,
      actor: await demoActor('secretariat@demo.invalid'),
      proposalId,
      seatHoldingId: member.seatHoldingId,
      choice: 'for',
    });
    expect(recorded.outcome).toBe('cast');
    const [stored] = await storedVotesOf(member);
    expect(stored).toMatchObject({ choice: 'for', recordedBy: 'Demo Secretariat, secretariat' });
    const [event] = await database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(sql`${auditEvents.after}->>'voteId' = ${stored!.id}`);
    expect(event?.after).toMatchObject({ recordedBy: 'Demo Secretariat, secretariat' });
  });

  it('is recorded by the person presiding as well, and a second entry changes the first', async () => {
    const member = withoutAccount[0]!;
    const changed = await recordShowOfHands({
      db: database.db,
      context,
      actor: await actorOf(bearer.get(chair.seatHoldingId)!.accountId),
      proposalId,
      seatHoldingId: member.seatHoldingId,
      choice: 'abstain',
    });
    expect(changed.outcome).toBe('changed');
    const stored = await storedVotesOf(member);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.choice).toBe('abstain');
    expect(stored[0]?.recordedBy).toMatch(/, chair$/);
  });

  it('is refused for a member who votes from their own account', async () => {
    await expect(
      recordShowOfHands({
        db: database.db,
        context,
        actor: await demoActor('secretariat@demo.invalid'),
        proposalId,
        seatHoldingId: voters[2]!.seatHoldingId,
        choice: 'for',
      }),
    ).rejects.toMatchObject({ problem: { code: 'votes-for-themselves' } });
  });

  it('is shown to the secretariat with each entry’s recorder', async () => {
    const room = await roomVotingView({
      db: database.db,
      actor: await demoActor('secretariat@demo.invalid'),
      meetingId,
      agendaItemId: itemId,
    });
    const hands = room.questions[0]?.hands ?? [];
    expect(hands.map((hand) => hand.seatHoldingId).sort()).toEqual(
      withoutAccount.map((member) => member.seatHoldingId).sort(),
    );
    const recorded = hands.find((hand) => hand.seatHoldingId === withoutAccount[0]!.seatHoldingId);
    expect(recorded?.recordedBy).toMatch(/, chair$/);
    expect(room.questions[0]?.mayClose).toBe(true);
  });
});

describe('the chair closes the question', () => {
  it('refuses a member who does not preside', async () => {
    await expect(
      closeProposal({
        db: database.db,
        context,
        actor: await actorOf(bearer.get(voters[2]!.seatHoldingId)!.accountId),
        proposalId,
      }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
  });

  it('counts each seat once, at its latest choice, and the record agrees with the trail', async () => {
    expect((await vote(voters[2]!, 'for')).statusCode).toBe(200);
    expect((await vote(voters[2]!, 'abstain')).json().outcome).toBe('changed');
    expect((await vote(voters[2]!, 'for')).json().outcome).toBe('changed');
    const closed = await closeProposal({
      db: database.db,
      context,
      actor: await actorOf(bearer.get(chair.seatHoldingId)!.accountId),
      proposalId,
    });
    expect(closed.outcome).not.toBe('castingVoteRequired');
    const view = (
      await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: secretariat })
    ).json() as { status: string; result: { counts: Record<string, number> } };
    expect(view.status).toBe('closed');
    // voters[1] abstained (changed from for), voters[2] for (changed twice), the show of hands
    // abstain (changed from for): one each, never the earlier choices.
    expect(view.result.counts).toMatchObject({ for: 1, abstain: 2, against: 0 });
    const verification = await verifyAuditTrail({ db: database.db });
    expect(verification.records.problems).toEqual([]);
  });

  it('takes no change once closed', async () => {
    const refused = await vote(voters[1]!, 'for');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('question-not-open');
  });
});
