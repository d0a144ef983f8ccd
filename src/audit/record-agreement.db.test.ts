import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { eq, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import {
  addAgendaItem,
  type MeetingMember,
  meetingWithEveryonePresent,
  openQuestion,
} from '../../test/support/meeting-fixtures.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { registerAuditCommands } from '../cli/audit-command.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { votes } from '../db/schema/decisions.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoMeetings } from '../seed/demo-meetings.ts';
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
let members: MeetingMember[];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  await seedDemoMeetings({
    db: database.db,
    context: { actor: 'seed', now: fixedNow },
    publicUrl: 'http://localhost:3000',
  });
  const meeting = await meetingWithEveryonePresent(app);
  meetingId = meeting.meetingId;
  members = meeting.members;
  const agendaItemId = await addAgendaItem(app, meeting, { title: 'London-wide stroke pathway' });
  const questionOn = async (ballot: 'named' | 'secret') => {
    const proposalId = await openQuestion(app, meeting, { agendaItemId, ballot });
    for (const member of members) {
      const cast = await app.inject({
        method: 'POST',
        url: `/api/v1/proposals/${proposalId}/votes`,
        headers: member.headers,
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
    headers: meeting.secretariat,
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
async function afterChanging(change: SQL | SQL[], undo: SQL | SQL[]) {
  for (const statement of [change].flat()) await database.db.execute(statement);
  try {
    return await verifyAuditTrail({ db: database.db });
  } finally {
    for (const statement of [undo].flat()) await database.db.execute(statement);
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

  it('the outside review’s misses: a named vote moved to another seat, a question moved to another item, a membership’s organisation changed, a forged second event', async () => {
    const [first, second] = await database.db
      .select({ id: votes.id, voterId: votes.voterId })
      .from(votes)
      .where(eq(votes.proposalId, namedQuestion))
      .limit(2);
    const swapped = await afterChanging(
      sql`update votes set voter_id = ${uuidv7()} where id = ${first!.id}`,
      sql`update votes set voter_id = ${first!.voterId} where id = ${first!.id}`,
    );
    expect(swapped.records.problems).toEqual([
      expect.objectContaining({ record: 'vote', recordId: first!.id, field: 'voterId' }),
    ]);
    expect(second).toBeDefined();

    const moved = await afterChanging(
      sql`update proposals set decision_kind = 'policy-and-strategy' where id = ${namedQuestion}`,
      sql`update proposals set decision_kind = 'london-wide-view' where id = ${namedQuestion}`,
    );
    expect(moved.records.problems).toEqual([
      expect.objectContaining({
        record: 'proposal',
        recordId: namedQuestion,
        field: 'decisionKind',
      }),
    ]);

    const member = members.find((candidate) => candidate.sector !== null)!;
    const [holding] = await database.db
      .select({ organisationId: seatHoldings.organisationId })
      .from(seatHoldings)
      .where(eq(seatHoldings.id, member.seatHoldingId));
    const [otherPct] = (
      (await database.db.execute(
        sql`select id from organisations where type = 'primary-care-trust' and id <> ${holding!.organisationId} limit 1`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    const reassigned = await afterChanging(
      sql`update seat_holdings set organisation_id = ${otherPct!.id} where id = ${member.seatHoldingId}`,
      sql`update seat_holdings set organisation_id = ${holding!.organisationId} where id = ${member.seatHoldingId}`,
    );
    expect(reassigned.records.problems).toEqual([
      expect.objectContaining({
        record: 'membership',
        recordId: member.seatHoldingId,
        field: 'organisationId',
      }),
    ]);

    // A forger changes a vote and writes an event that agrees with the change: the vote now has
    // two vote.cast events, and Concordat writes one.
    const forgedId = uuidv7();
    const forged = await afterChanging(
      [
        sql`update votes set choice = 'against' where id = ${first!.id}`,
        sql`insert into audit_events (id, occurred_at, actor, action, entity_type, entity_id, after)
          values (${forgedId}, now(), 'secretariat@demo.invalid', 'vote.cast', 'meeting', ${meetingId},
            ${JSON.stringify({ proposalId: namedQuestion, voteId: first!.id, voterId: first!.voterId, choice: 'against', reason: null })}::jsonb)`,
      ],
      [
        sql`update votes set choice = 'for' where id = ${first!.id}`,
        sql`delete from audit_events where id = ${forgedId}`,
      ],
    );
    expect(forged.records.problems).toEqual([
      expect.objectContaining({
        kind: 'repeated',
        record: 'vote',
        recordId: first!.id,
        eventId: forgedId,
      }),
    ]);
    expect((await verifyAuditTrail({ db: database.db })).ok).toBe(true);
  });

  it('the second review’s misses: a membership moved to another body, apologies withdrawn then put back in SQL, a second list of older votes', async () => {
    const member = members[5]!;
    const [jointCommittee] = (
      (await database.db.execute(
        sql`select id from bodies where slug = 'joint-committee-of-pcts'`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    const [holding] = await database.db
      .select({ bodyId: seatHoldings.bodyId })
      .from(seatHoldings)
      .where(eq(seatHoldings.id, member.seatHoldingId));
    const movedBody = await afterChanging(
      sql`update seat_holdings set body_id = ${jointCommittee!.id} where id = ${member.seatHoldingId}`,
      sql`update seat_holdings set body_id = ${holding!.bodyId} where id = ${member.seatHoldingId}`,
    );
    expect(movedBody.records.problems).toEqual([
      expect.objectContaining({
        record: 'membership',
        recordId: member.seatHoldingId,
        field: 'bodyId',
      }),
    ]);

    // The demo member sends and withdraws apologies for an upcoming meeting: the record is gone,
    // and its events say so.
    const memberHeaders = await bearerFor(app, 'member');
    const upcoming = (await app.inject('/api/v1/bodies/london-commissioning-group/meetings'))
      .json()
      .items.find(
        (meeting: { status: string; startsAt: string }) =>
          meeting.status === 'scheduled' && meeting.startsAt > '2026-12-11',
      ) as { id: string };
    const url = `/api/v1/meetings/${upcoming.id}/apologies`;
    expect((await app.inject({ method: 'POST', url, headers: memberHeaders })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ method: 'DELETE', url, headers: memberHeaders })).statusCode).toBe(
      200,
    );
    expect((await verifyAuditTrail({ db: database.db })).records.problems).toEqual([]);
    const [seat] = (
      (await database.db.execute(
        sql`select after->>'seatHoldingId' as seat_holding_id from audit_events
            where action = 'meeting.apologies-withdrawn' and entity_id = ${upcoming.id}`,
      )) as unknown as { rows: { seat_holding_id: string }[] }
    ).rows;
    const putBack = await afterChanging(
      sql`insert into attendance_records (id, meeting_id, seat_holding_id, status, recorded_at)
          values (${uuidv7()}, ${upcoming.id}, ${seat!.seat_holding_id}, 'apologies', now())`,
      sql`delete from attendance_records where meeting_id = ${upcoming.id} and seat_holding_id = ${seat!.seat_holding_id}`,
    );
    expect(putBack.records.problems).toEqual([
      expect.objectContaining({ kind: 'unaudited', record: 'attendance' }),
    ]);

    // A vote slipped in, excused by a second list of "older" votes: the list is reported.
    const insertedId = uuidv7();
    const listed = await afterChanging(
      [
        sql`insert into votes (id, proposal_id, voter_id, choice, cast_at)
            values (${insertedId}, ${secretQuestion}, ${uuidv7()}, 'for', now())`,
        sql`insert into audit_events (id, occurred_at, actor, action, entity_type, entity_id, after)
            values (${uuidv7()}, now(), 'migration', 'audit.record-checks-began', 'audit', 'record-checks',
              ${JSON.stringify({ votesBeforeChecks: [insertedId] })}::jsonb)`,
      ],
      [
        sql`delete from votes where id = ${insertedId}`,
        sql`delete from audit_events where action = 'audit.record-checks-began' and after->'votesBeforeChecks' ? ${insertedId}`,
      ],
    );
    expect(listed.records.problems).toEqual([
      expect.objectContaining({ kind: 'repeated', recordId: 'votes before record checks' }),
      expect.objectContaining({ kind: 'unaudited', record: 'vote', recordId: insertedId }),
    ]);
  });
});
