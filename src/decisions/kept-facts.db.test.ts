/**
 * A vote is judged against the meeting's facts kept between votes (src/db/facts-cache.ts). These
 * tests make each kind of change through one app instance and vote through another that has
 * already kept the facts: the vote must be judged on the facts as changed, never on the kept ones.
 * On PostgreSQL the instances have their own pools (as behind a load balancer); PGlite is one
 * process's database, so there they share it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp, fixedNow, testConfig } from '../../test/support/test-app.ts';
import {
  createDatabaseTarget,
  openTestDatabase,
  testDatabaseEngine,
} from '../../test/support/test-database.ts';
import { buildApp } from '../app.ts';
import { auditEventRow } from '../audit/record-audit-event.ts';
import { type DatabaseHandle, openDatabase } from '../db/connection.ts';
import { readFactsEpoch } from '../db/facts-cache.ts';
import { meetingChangeNotification } from '../db/meeting-changes.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { factsEpoch, votes } from '../db/schema/decisions.ts';
import type { App } from '../http/app-types.ts';
import { insertVotesWithAudit, insertVoteWithAudit, type VoteWrite } from './decision-queries.ts';

const lcg = 'london-commissioning-group';

interface Member {
  seatHoldingId: string;
  personId: string;
  sector: string | null;
}

let databaseA: DatabaseHandle;
let databaseB: DatabaseHandle;
let appA: App;
let appB: App;
let secretariat: { authorization: string };
let meetingId: string;
let itemId: string;
let proposalId: string;
let members: Member[];
const bearer = new Map<string, { authorization: string }>();

beforeAll(async () => {
  if (testDatabaseEngine() === 'postgres') {
    const { databaseUrl } = await createDatabaseTarget();
    databaseA = await openDatabase({ databaseUrl });
    await migrateDatabase(databaseA);
    databaseB = await openDatabase({ databaseUrl });
  } else {
    databaseA = await openTestDatabase();
    databaseB = databaseA;
  }
  appA = await buildSeededTestApp(databaseA);
  appB = await buildApp({
    database: databaseB,
    config: testConfig(),
    logger: false,
    now: () => fixedNow,
  });
  secretariat = await bearerFor(appA, 'secretariat');
  const scheduled = await appA.inject({
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
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
  members = (await appA.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
  for (const member of members) {
    await setAttendance(member, 'present');
    const account = await memberAccount(appA, {
      personId: member.personId,
      email: `member-${member.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
    });
    bearer.set(member.seatHoldingId, { authorization: account.authorization });
  }
  const item = await appA.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Cardiology service development', purpose: 'decision' },
  });
  itemId = item.json().agendaItemId;
  const created = await appA.inject({
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
  const opened = await appA.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers: secretariat,
  });
  expect(opened.statusCode).toBe(200);
});

afterAll(async () => {
  await appB?.close();
  await appA?.close();
  if (databaseB !== databaseA) await databaseB?.close();
  await databaseA?.close();
});

async function setAttendance(member: Member, status: 'present' | 'absent') {
  const recorded = await appA.inject({
    method: 'PUT',
    url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
    headers: secretariat,
    payload: { status },
  });
  expect(recorded.statusCode, recorded.body).toBe(200);
}

function voteThroughB(member: Member) {
  return appB.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/votes`,
    headers: bearer.get(member.seatHoldingId)!,
    payload: { choice: 'for' },
  });
}

describe('the facts epoch', () => {
  it('moves with every audited change that may alter a fact, and not with a vote', async () => {
    const start = await readFactsEpoch(databaseA.db);
    await setAttendance(members[0]!, 'absent');
    expect(await readFactsEpoch(databaseA.db)).toBe(start + 1);
    await setAttendance(members[0]!, 'present');
    const afterAttendance = await readFactsEpoch(databaseA.db);
    expect(afterAttendance).toBe(start + 2);
    expect((await voteThroughB(members[0]!)).statusCode).toBe(201);
    expect(await readFactsEpoch(databaseA.db)).toBe(afterAttendance);
  });

  it('is one row the database keeps to one', async () => {
    await expect(databaseA.db.insert(factsEpoch).values({ id: 2, value: 0 })).rejects.toThrow();
    const rows = await databaseA.db.select().from(factsEpoch).where(eq(factsEpoch.id, 1));
    expect(rows).toHaveLength(1);
  });
});

describe('a vote is judged on the facts as they are, whichever instance changed them', () => {
  it('a member recorded absent through A after B kept the facts is refused by B', async () => {
    const member = members[1]!;
    // B has kept the facts: the vote in the test above, and this one.
    expect((await voteThroughB(members[2]!)).statusCode).toBe(201);
    await setAttendance(member, 'absent');
    const refused = await voteThroughB(member);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('not recorded as present');
  });

  it('the same member recorded present again through A may vote through B', async () => {
    const member = members[1]!;
    await setAttendance(member, 'present');
    expect((await voteThroughB(member)).statusCode).toBe(201);
  });

  it('SI 1991/809 reg 10: an interest declared through A after B kept the facts is refused by B with its clause', async () => {
    const member = members.slice(3).find((candidate) => candidate.sector === 'north-central')!;
    const declared = await appA.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/declarations`,
      headers: secretariat,
      payload: {
        agendaItemId: itemId,
        seatHoldingId: member.seatHoldingId,
        kind: 'financial',
        interest: 'Spouse is a consultant cardiac surgeon at a bidding trust',
      },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const refused = await voteThroughB(member);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('declared an interest');
    expect(refused.json().detail).toContain('SI 1991/809 reg 10');
  });

  it('a second vote from one seat is still refused by the unique index, naming the seat', async () => {
    const again = await voteThroughB(members[2]!);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already-voted');
    expect(again.json().detail).toContain('one vote per seat');
  });
});

describe('the vote write judges nothing and refuses what was judged on facts since changed', () => {
  const voteWrite = (member: Member, epoch: number): VoteWrite => ({
    vote: {
      id: crypto.randomUUID(),
      proposalId,
      voterId: member.seatHoldingId,
      choice: 'for',
      reason: null,
      castByPersonId: member.personId,
      proxyId: null,
      castAt: fixedNow,
    },
    audit: auditEventRow(
      { actor: 'test', requestId: 'kept-facts', now: fixedNow },
      { action: 'vote.cast', entityType: 'meeting', entityId: meetingId, after: { proposalId } },
    ),
    factsEpoch: epoch,
    notification: meetingChangeNotification(meetingId, 'vote'),
  });
  const writeFor = (member: Member, epoch: number) => {
    const write = voteWrite(member, epoch);
    const written = insertVoteWithAudit(databaseA.db, write);
    return { id: write.vote.id, auditId: write.audit.id, written };
  };
  const rowsOf = async (voteId: string, auditId: string) => ({
    votes: await databaseA.db.select().from(votes).where(eq(votes.id, voteId)),
    audit: await databaseA.db.select().from(auditEvents).where(eq(auditEvents.id, auditId)),
  });

  it('writes nothing, vote or audit event, when the facts epoch has moved on', async () => {
    const epoch = await readFactsEpoch(databaseA.db);
    const stale = writeFor(members[5]!, epoch - 1);
    expect(await stale.written).toBe('stale');
    expect(await rowsOf(stale.id, stale.auditId)).toEqual({ votes: [], audit: [] });
  });

  it('writes the vote and its audit event together at the current epoch', async () => {
    const epoch = await readFactsEpoch(databaseA.db);
    const fresh = writeFor(members[5]!, epoch);
    expect(await fresh.written).toBe('written');
    const rows = await rowsOf(fresh.id, fresh.auditId);
    expect(rows.votes).toHaveLength(1);
    expect(rows.audit).toHaveLength(1);
    expect(rows.audit[0]?.after).toEqual({ proposalId });
  });
  it('writes a batch in one statement, each vote with its own outcome and only the written ones audited', async () => {
    const epoch = await readFactsEpoch(databaseA.db);
    const batch = [
      voteWrite(members[6]!, epoch),
      voteWrite(members[7]!, epoch),
      voteWrite(members[7]!, epoch),
      voteWrite(members[8]!, epoch - 1),
      voteWrite(members[5]!, epoch),
    ];
    // Members 6 and 7 vote; 7's second vote in the same batch finds the seat taken, as does 5's
    // (written by the test above); 8's was judged at an epoch that has passed.
    expect(await insertVotesWithAudit(databaseA.db, batch)).toEqual([
      'written',
      'written',
      'seat-taken',
      'stale',
      'seat-taken',
    ]);
    const stored = await Promise.all(batch.map((write) => rowsOf(write.vote.id, write.audit.id)));
    expect(stored.map((rows) => [rows.votes.length, rows.audit.length])).toEqual([
      [1, 1],
      [1, 1],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('a batch of votes arriving together is answered vote by vote', async () => {
    const epoch = await readFactsEpoch(databaseA.db);
    // Member 8's stale vote above wrote nothing, so the seat is free.
    const writes = [8, 9, 9].map((index) => writeFor(members[index]!, epoch));
    expect(await Promise.all(writes.map((write) => write.written))).toEqual([
      'written',
      'written',
      'seat-taken',
    ]);
  });
});

describe('a vote judged on the question as an instance last read it', () => {
  it('is refused as not open once the question is closed through the other instance', async () => {
    // B keeps the question from the votes above; closing through A moves the epoch, so B's
    // write on its kept copy writes nothing and B judges again on the question as it now is.
    const closed = await appA.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/close`,
      headers: secretariat,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const late = await voteThroughB(members[3]!);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('question-not-open');
    const counted = await databaseA.db.select().from(votes).where(eq(votes.proposalId, proposalId));
    expect(counted.some((vote) => vote.voterId === members[3]!.seatHoldingId)).toBe(false);
  });
});
