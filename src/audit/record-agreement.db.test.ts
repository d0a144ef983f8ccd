import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { registerAuditCommands } from '../cli/audit-command.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents, seatHoldings, votes } from '../db/schema.ts';
import type { App } from '../http/app.ts';
import { seedDemoMeetings } from '../meetings/demo-meetings.ts';
import { sealAllAuditEvents } from './seal-audit-events.ts';
import { verifyAuditTrail } from './verify-audit-trail.ts';

/**
 * Review finding 6: `update votes set choice = 'for' …` or `update proposals set outcome = …` left
 * `concordat audit verify` green, since the chain covers events, not the records they describe.
 * Each record kind is changed in SQL here and must be reported with the record and the field.
 */

let database: DatabaseHandle;
let app: App;
let meetingId: string;
let namedQuestion: string;
let secretQuestion: string;
let members: { seatHoldingId: string; personId: string; office: string | null }[];

const lcg = 'london-commissioning-group';

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  await seedDemoMeetings({
    db: database.db,
    context: { actor: 'seed', now: fixedNow },
    publicUrl: 'http://localhost:3000',
  });
  const secretariat = await bearerFor(app, 'secretariat');
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
  const bearers = new Map<string, { authorization: string }>();
  for (const member of members) {
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(recorded.statusCode).toBe(200);
    const account = await memberAccount(app, {
      personId: member.personId,
      email: `member-${member.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
    });
    bearers.set(member.seatHoldingId, { authorization: account.authorization });
  }
  const item = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'London-wide stroke pathway', purpose: 'decision' },
  });
  const questionOn = async (ballot: 'named' | 'secret') => {
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/proposals`,
      headers: secretariat,
      payload: {
        agendaItemId: item.json().agendaItemId,
        title: `A ${ballot} question`,
        text: 'The group agrees.',
        decisionKind: 'london-wide-view',
        ballot,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const proposalId = created.json().proposalId as string;
    await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/open`,
      headers: secretariat,
    });
    for (const member of members) {
      const cast = await app.inject({
        method: 'POST',
        url: `/api/v1/proposals/${proposalId}/votes`,
        headers: bearers.get(member.seatHoldingId)!,
        payload: { choice: 'for' },
      });
      expect(cast.statusCode, cast.body).toBe(201);
    }
    return proposalId;
  };
  namedQuestion = await questionOn('named');
  secretQuestion = await questionOn('secret');
  const closed = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${namedQuestion}/close`,
    headers: secretariat,
  });
  expect(closed.statusCode, closed.body).toBe(200);
  await sealAllAuditEvents({ db: database.db, now: fixedNow });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function voteOf(proposalId: string) {
  const [vote] = await database.db
    .select({ id: votes.id })
    .from(votes)
    .where(eq(votes.proposalId, proposalId))
    .limit(1);
  return vote!.id;
}

/** Changes the database in SQL, checks what verify says, then puts it back. */
async function afterChanging(change: ReturnType<typeof sql>, undo: ReturnType<typeof sql>) {
  await database.db.execute(change);
  try {
    return await verifyAuditTrail({ db: database.db });
  } finally {
    await database.db.execute(undo);
  }
}

describe('records agree with their audit events (concordat audit verify)', () => {
  it('the demo history, votes named and secret, a closed question, attendance and memberships all agree', async () => {
    const result = await verifyAuditTrail({ db: database.db });
    expect(result.records.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.records.checked.vote).toBe(members.length * 2);
    expect(result.records.checked.proposal).toBeGreaterThanOrEqual(2);
    expect(result.records.checked.attendance).toBeGreaterThan(members.length);
    expect(result.records.checked.membership).toBeGreaterThan(10);
  });

  it('a named vote changed in SQL is reported with the vote and its field', async () => {
    const voteId = await voteOf(namedQuestion);
    const result = await afterChanging(
      sql`update votes set choice = 'against' where id = ${voteId}`,
      sql`update votes set choice = 'for' where id = ${voteId}`,
    );
    expect(result.ok).toBe(false);
    expect(result.records.problems).toEqual([
      expect.objectContaining({
        kind: 'changed',
        record: 'vote',
        recordId: voteId,
        field: 'choice',
      }),
    ]);
    expect(result.records.problems[0]!.message).toContain('"against"');
  });

  it('a secret vote changed in SQL is reported through its seal, without telling the choice', async () => {
    const voteId = await voteOf(secretQuestion);
    const result = await afterChanging(
      sql`update votes set choice = 'against' where id = ${voteId}`,
      sql`update votes set choice = 'for' where id = ${voteId}`,
    );
    expect(result.records.problems).toEqual([
      expect.objectContaining({ kind: 'changed', record: 'vote', recordId: voteId }),
    ]);
    expect(result.records.problems[0]!.message).not.toMatch(/against|"for"/);
    // The trail itself never carries the choice of a secret vote, only its seal.
    const [event] = await database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(sql`${auditEvents.after}->>'voteId' = ${voteId}`);
    expect(event!.after).not.toHaveProperty('choice');
    expect(event!.after).toHaveProperty('ballotSeal', expect.stringMatching(/^[0-9a-f]{64}$/));
  });

  it('a question’s outcome changed in SQL is reported', async () => {
    const result = await afterChanging(
      sql`update proposals set outcome = 'noConsensus' where id = ${namedQuestion}`,
      sql`update proposals set outcome = 'consensus' where id = ${namedQuestion}`,
    );
    expect(result.records.problems).toEqual([
      expect.objectContaining({ record: 'proposal', recordId: namedQuestion, field: 'outcome' }),
    ]);
  });

  it('an open question given an outcome in SQL is reported', async () => {
    const result = await afterChanging(
      sql`update proposals set outcome = 'consensus' where id = ${secretQuestion}`,
      sql`update proposals set outcome = null where id = ${secretQuestion}`,
    );
    expect(result.records.problems).toEqual([
      expect.objectContaining({ record: 'proposal', recordId: secretQuestion, field: 'outcome' }),
    ]);
  });

  it('an attendance changed in SQL is reported', async () => {
    const member = members[3]!;
    const result = await afterChanging(
      sql`update attendance_records set status = 'absent' where meeting_id = ${meetingId} and seat_holding_id = ${member.seatHoldingId}`,
      sql`update attendance_records set status = 'present' where meeting_id = ${meetingId} and seat_holding_id = ${member.seatHoldingId}`,
    );
    expect(result.records.problems).toEqual([
      expect.objectContaining({
        record: 'attendance',
        recordId: `${meetingId}/${member.seatHoldingId}`,
        field: 'status',
      }),
    ]);
  });

  it('a membership changed in SQL is reported', async () => {
    const member = members[4]!;
    const [holding] = await database.db
      .select({ endsOn: seatHoldings.endsOn })
      .from(seatHoldings)
      .where(eq(seatHoldings.id, member.seatHoldingId));
    const result = await afterChanging(
      sql`update seat_holdings set ends_on = '2027-12-01' where id = ${member.seatHoldingId}`,
      sql`update seat_holdings set ends_on = ${holding!.endsOn} where id = ${member.seatHoldingId}`,
    );
    expect(result.records.problems).toEqual([
      expect.objectContaining({
        record: 'membership',
        recordId: member.seatHoldingId,
        field: 'endsOn',
      }),
    ]);
  });

  it('a vote inserted in SQL is reported as unaudited, and a deleted one as missing', async () => {
    const insertedId = uuidv7();
    const inserted = await afterChanging(
      sql`insert into votes (id, proposal_id, voter_id, choice, cast_at)
          select ${insertedId}, id, ${uuidv7()}, 'for', now() from proposals where id = ${secretQuestion}`,
      sql`delete from votes where id = ${insertedId}`,
    );
    expect(inserted.records.problems).toEqual([
      expect.objectContaining({ kind: 'unaudited', record: 'vote', recordId: insertedId }),
    ]);
    const deletedId = await voteOf(namedQuestion);
    const [row] = await database.db.select().from(votes).where(eq(votes.id, deletedId));
    await database.db.delete(votes).where(eq(votes.id, deletedId));
    const deleted = await verifyAuditTrail({ db: database.db });
    await database.db.insert(votes).values(row!);
    expect(deleted.records.problems).toEqual([
      expect.objectContaining({ kind: 'missing', record: 'vote', recordId: deletedId }),
    ]);
  });

  it('`concordat audit verify` reports a vote changed in SQL and exits 1', async () => {
    const voteId = await voteOf(namedQuestion);
    await database.db.execute(sql`update votes set choice = 'abstain' where id = ${voteId}`);
    let stdout = '';
    const output = new PassThrough().on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const program = new Command('concordat').exitOverride();
    registerAuditCommands(program, async () => ({ ...database, close: async () => {} }), {
      stdout: output,
      stderr: new PassThrough(),
    });
    let exitCode = 0;
    try {
      await program.parseAsync(['audit', 'verify'], { from: 'user' });
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      exitCode = error.exitCode;
    } finally {
      await database.db.execute(sql`update votes set choice = 'for' where id = ${voteId}`);
    }
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/^Audit chain verified: /);
    expect(stdout).toContain('Records DISAGREE with their audit events: 1 problem');
    expect(stdout).toContain(
      `The vote ${voteId}: choice is "abstain" but its audit event recorded "for"`,
    );
  });
});
