import { asc, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { Database, DatabaseHandle } from '../db/connection.ts';
import { auditEvents, auditSeals } from '../db/schema/audit.ts';
import { createOrganisation, updateOrganisation } from '../registry/organisation-service.ts';
import type { ActionContext } from '../shared/context.ts';
import { auditLeafHash, chainHash, merkleTreeHash } from './audit-hashing.ts';
import { startAuditSealer } from './audit-sealer.ts';
import { listAuditTrail } from './audit-trail-queries.ts';
import { recordAuditEvents } from './record-audit-event.ts';
import { sealAllAuditEvents, sealAuditEvents } from './seal-audit-events.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

let database: DatabaseHandle;
let db: Database;
const startOfDay = new Date('2026-11-23T09:00:00.000Z');
const sealedAt = new Date('2026-11-23T18:00:00.000Z');
let organisationsCreated = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
});

afterAll(async () => {
  await database?.close();
});

// Every test builds its own chain from nothing; other tables keep their rows, which is harmless.
beforeEach(async () => {
  await db.delete(auditEvents);
  await db.delete(auditSeals);
});

function at(secondsAfterStart: number): Date {
  return new Date(startOfDay.getTime() + secondsAfterStart * 1000 + 7);
}

/** Volume: `count` events recorded the way use-cases do, a few per transaction. */
async function recordEvents(count: number, firstSecond = 0): Promise<void> {
  for (let written = 0; written < count; written += 3) {
    const context: ActionContext = {
      actor: 'test',
      now: at(firstSecond + written),
      requestId: `request-${firstSecond + written}`,
    };
    const events = Array.from({ length: Math.min(3, count - written) }, (_, index) => ({
      action: 'meeting.minuted',
      entityType: 'meeting',
      entityId: `meeting-${firstSecond + written + index}`,
      before: index === 0 ? null : { status: 'draft', attendees: ['chair', 'secretariat'] },
      after: {
        status: 'approved',
        quorate: true,
        tally: { for: 9, against: 2, abstain: 0 },
        note: `Item ${written + index}: “fair shares” agreed`,
      },
    }));
    await db.transaction((transaction) => recordAuditEvents(transaction, context, events));
  }
}

/** A real use-case's events: an organisation registered, then changed. */
async function registerAndRenameOrganisation(second: number): Promise<string> {
  organisationsCreated += 1;
  const context = { actor: 'test', now: at(second) };
  const organisation = await createOrganisation({
    db,
    context,
    input: {
      name: `Audit Test Consortium ${organisationsCreated}`,
      type: 'practice-based-commissioning-consortium',
    },
  });
  await updateOrganisation({
    db,
    context: { actor: 'test', now: at(second + 1) },
    id: organisation.id,
    input: { population: 12_000 + organisationsCreated },
  });
  return organisation.id;
}

/** 40 events (36 recorded directly, 4 through the registry use-cases), sealed 7 at a time. */
async function buildSealedChain(): Promise<void> {
  await recordEvents(18, 0);
  await registerAndRenameOrganisation(100);
  await recordEvents(18, 200);
  await registerAndRenameOrganisation(300);
  const result = await sealAllAuditEvents({ db, now: sealedAt, batchSize: 7 });
  expect(result).toEqual({ sealed: 40, seals: 6 });
}

async function eventAt(sequence: number) {
  const [row] = await db.select().from(auditEvents).where(eq(auditEvents.sequence, sequence));
  if (!row) throw new Error(`no event at sequence ${sequence}`);
  return row;
}

async function sealedRows() {
  return db
    .select()
    .from(auditEvents)
    .where(isNotNull(auditEvents.sequence))
    .orderBy(asc(auditEvents.sequence));
}

/** An attacker's forged event, hashed correctly for its own contents. */
function forgedEvent(sequence: number, sealId: string | null) {
  const contents = {
    id: '01936d2a-0000-7000-8000-00000000f0f0',
    occurredAt: at(50),
    actor: 'test',
    action: 'decision.recorded',
    entityType: 'decision',
    entityId: 'decision-forged',
    before: null,
    after: { outcome: 'carried' },
    requestId: null,
  };
  return { ...contents, sequence, leafHash: auditLeafHash(contents), sealId };
}

/** Moves events at and after a sequence up by one, as a forger must to make room. */
async function shiftSequencesFrom(sequence: number): Promise<void> {
  // Two steps, because the unique index on sequence is checked row by row.
  await db.execute(
    sql`update audit_events set sequence = -(sequence + 1) where sequence >= ${sequence}`,
  );
  await db.execute(sql`update audit_events set sequence = -sequence where sequence < 0`);
}

describe('sealing audit events into the hash chain', () => {
  it('seals 40 events in batches of 7 with consecutive sequences and verifies them', async () => {
    await buildSealedChain();
    const rows = await sealedRows();
    expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const seals = await db.select().from(auditSeals).orderBy(asc(auditSeals.firstSequence));
    expect(
      seals.map(({ firstSequence, lastSequence, eventCount }) => [
        firstSequence,
        lastSequence,
        eventCount,
      ]),
    ).toEqual([
      [1, 7, 7],
      [8, 14, 7],
      [15, 21, 7],
      [22, 28, 7],
      [29, 35, 7],
      [36, 40, 5],
    ]);
    for (const seal of seals) {
      const members = rows.filter((row) => row.sealId === seal.id);
      expect(members.map((row) => row.sequence)).toEqual(
        Array.from({ length: seal.eventCount }, (_, i) => seal.firstSequence + i),
      );
      expect(seal.merkleRoot).toBe(merkleTreeHash(members.map((row) => row.leafHash!)));
      expect(seal.chainHead).toBe(members.at(-1)!.chainHash);
      expect(seal.sealedAt).toEqual(sealedAt);
    }

    const verification = await verifyAuditChain({ db });
    expect(verification).toEqual({
      ok: true,
      eventsChecked: 40,
      sealsChecked: 6,
      unsealedEvents: 0,
      chainHead: { sequence: 40, chainHash: rows.at(-1)!.chainHash },
    });
  });

  it('seals in the order events occurred, whatever order they were written in', async () => {
    await recordEvents(3, 500);
    await recordEvents(3, 0);
    await sealAllAuditEvents({ db, now: sealedAt });
    const rows = await sealedRows();
    const times = rows.map((row) => row.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('verifies page by page, reporting progress, with pages that cut across seals', async () => {
    await buildSealedChain();
    const progress: number[] = [];
    const verification = await verifyAuditChain({
      db,
      pageSize: 5,
      onProgress: (checked) => progress.push(checked),
    });
    expect(verification).toMatchObject({ ok: true, eventsChecked: 40, sealsChecked: 6 });
    expect(progress).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
  });

  it('seals one batch per call, saying which seal, and leaves the rest for later', async () => {
    await recordEvents(10);
    const first = await sealAuditEvents({ db, now: sealedAt, batchSize: 7 });
    expect(first).toEqual({ sealed: 7, sealId: expect.any(String) });
    const [seal] = await db.select().from(auditSeals).where(eq(auditSeals.id, first.sealId!));
    expect(seal).toMatchObject({ firstSequence: 1, lastSequence: 7, eventCount: 7 });
    expect(await verifyAuditChain({ db })).toMatchObject({
      ok: true,
      eventsChecked: 7,
      unsealedEvents: 3,
    });
    expect(await sealAuditEvents({ db, now: sealedAt, batchSize: 7 })).toMatchObject({ sealed: 3 });
    expect(await sealAuditEvents({ db, now: sealedAt })).toEqual({ sealed: 0 });
  });

  it('passes on an empty trail, and counts unsealed events without calling them tampering', async () => {
    expect(await verifyAuditChain({ db })).toEqual({
      ok: true,
      eventsChecked: 0,
      sealsChecked: 0,
      unsealedEvents: 0,
    });
    await recordEvents(12);
    await sealAllAuditEvents({ db, now: sealedAt });
    await recordEvents(5, 100);
    // Unsealed events are not yet covered by the chain: changing or deleting one is not detectable.
    await db.execute(
      sql`update audit_events set after = '{"changed": true}' where sequence is null and entity_id = 'meeting-100'`,
    );
    await db.execute(
      sql`delete from audit_events where sequence is null and entity_id = 'meeting-101'`,
    );
    expect(await verifyAuditChain({ db })).toMatchObject({
      ok: true,
      eventsChecked: 12,
      unsealedEvents: 4,
    });
  });

  it('never gives two racing sealers the same sequence numbers', async () => {
    await recordEvents(40);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => sealAuditEvents({ db, now: sealedAt, batchSize: 10 })),
    );
    expect(results.map((result) => result.sealed)).toEqual([10, 10, 10, 10]);
    const rows = await sealedRows();
    expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(rows.map((row) => row.sealId)).size).toBe(4);
    expect(await verifyAuditChain({ db })).toMatchObject({
      ok: true,
      eventsChecked: 40,
      sealsChecked: 4,
    });
  });

  it('keeps sealing while events are being written, and the chain stays whole', async () => {
    await recordEvents(20);
    await Promise.all([
      sealAllAuditEvents({ db, now: sealedAt, batchSize: 4 }),
      recordEvents(20, 100),
      sealAllAuditEvents({ db, now: sealedAt, batchSize: 6 }),
    ]);
    await sealAllAuditEvents({ db, now: sealedAt });
    expect(await verifyAuditChain({ db })).toMatchObject({
      ok: true,
      eventsChecked: 40,
      unsealedEvents: 0,
    });
  });

  it('does not reuse the sequence numbers of deleted events at the end of the chain', async () => {
    await buildSealedChain();
    await db.execute(sql`delete from audit_events where sequence = 40`);
    await recordEvents(3, 900);
    await sealAllAuditEvents({ db, now: sealedAt });
    const rows = await sealedRows();
    expect(rows.map((row) => row.sequence).slice(-4)).toEqual([39, 41, 42, 43]);
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'deleted',
      sequence: 40,
    });
  });
});

describe('audit verify detects direct changes to sealed audit rows', () => {
  beforeEach(buildSealedChain);

  it('an UPDATE of an event’s after: altered, naming the event and its sequence', async () => {
    const target = await eventAt(17);
    await db.execute(
      sql`update audit_events set after = jsonb_set(after, '{status}', '"rejected"') where id = ${target.id}`,
    );
    const verification = await verifyAuditChain({ db });
    expect(verification).toMatchObject({ ok: false, eventsChecked: 16, sealsChecked: 2 });
    expect(verification.problem).toEqual({
      kind: 'altered',
      sequence: 17,
      eventId: target.id,
      message: `Event ${target.id} (sequence 17, ${target.action} on ${target.entityType} ${target.entityId}) was altered after sealing: its contents no longer match its leaf hash.`,
    });
  });

  it('an UPDATE of a registry event (the actor): altered, naming it', async () => {
    const [registryEvent] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organisation.updated'))
      .orderBy(asc(auditEvents.sequence))
      .limit(1);
    await db.execute(
      sql`update audit_events set actor = 'someone-else' where id = ${registryEvent!.id}`,
    );
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'altered',
      sequence: registryEvent!.sequence,
      eventId: registryEvent!.id,
      message: expect.stringContaining('organisation.updated on organisation'),
    });
  });

  it('an UPDATE of the time by one millisecond: altered', async () => {
    const target = await eventAt(3);
    await db.execute(
      sql`update audit_events set occurred_at = occurred_at + interval '1 millisecond' where id = ${target.id}`,
    );
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'altered',
      sequence: 3,
      eventId: target.id,
    });
  });

  it('an UPDATE that also recomputes the leaf hash: still altered, at that event', async () => {
    const target = await eventAt(17);
    const after = { ...(target.after as object), status: 'rejected' };
    await db
      .update(auditEvents)
      .set({ after, leafHash: auditLeafHash({ ...target, after }) })
      .where(eq(auditEvents.id, target.id));
    const problem = (await verifyAuditChain({ db })).problem;
    expect(problem).toMatchObject({ kind: 'altered', sequence: 17, eventId: target.id });
    expect(problem?.message).toContain('leaf hash recomputed');
  });

  it('a rewritten last event, leaf hash and all: altered', async () => {
    const target = await eventAt(40);
    const after = { forged: true };
    await db
      .update(auditEvents)
      .set({ after, leafHash: auditLeafHash({ ...target, after }) })
      .where(eq(auditEvents.id, target.id));
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'altered',
      sequence: 40,
      eventId: target.id,
    });
  });

  it('a rewritten event whose leaf and chain hashes were both recomputed: the next link breaks', async () => {
    const target = await eventAt(17);
    const previous = await eventAt(16);
    const after = { forged: true };
    const leafHash = auditLeafHash({ ...target, after });
    await db
      .update(auditEvents)
      .set({ after, leafHash, chainHash: chainHash(previous.chainHash!, leafHash) })
      .where(eq(auditEvents.id, target.id));
    const verification = await verifyAuditChain({ db });
    expect(verification.ok).toBe(false);
    expect(verification.problem!.sequence).toBeLessThanOrEqual(18);
  });

  it('a DELETE of a sealed event: deleted, naming the missing sequence and the next event', async () => {
    const next = await eventAt(19);
    await db.execute(sql`delete from audit_events where sequence = 18`);
    const verification = await verifyAuditChain({ db });
    expect(verification.ok).toBe(false);
    expect(verification.problem).toEqual({
      kind: 'deleted',
      sequence: 18,
      message: `Sequence 18 is missing: an event was deleted after sealing; the next event present is ${next.id} at sequence 19.`,
    });
  });

  it('a DELETE of several events, or of the last ones: deleted', async () => {
    await db.execute(sql`delete from audit_events where sequence between 8 and 10`);
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'deleted',
      sequence: 8,
      message: expect.stringMatching(/^Sequences 8 to 10 are missing: 3 events were deleted/),
    });
  });

  it('a DELETE of the last sealed events: deleted, by the seal that recorded them', async () => {
    await db.execute(sql`delete from audit_events where sequence >= 39`);
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'deleted',
      sequence: 39,
      message: expect.stringContaining('Sequences 39 to 40 are missing'),
    });
  });

  it('a DELETE of a whole seal’s events: deleted, found from the seal', async () => {
    await db.execute(sql`delete from audit_events where sequence >= 36`);
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'deleted',
      sequence: 36,
    });
  });

  it('a forged INSERT in the middle, hashed correctly, later events renumbered: inserted', async () => {
    const displaced = await eventAt(20);
    const previous = await eventAt(19);
    await shiftSequencesFrom(20);
    const forged = forgedEvent(20, displaced.sealId);
    await db
      .insert(auditEvents)
      .values({ ...forged, chainHash: chainHash(previous.chainHash!, forged.leafHash) });
    const verification = await verifyAuditChain({ db });
    expect(verification.problem).toMatchObject({
      kind: 'inserted',
      sequence: 20,
      eventId: forged.id,
      message: expect.stringContaining(`Event ${forged.id} (sequence 20, decision.recorded`),
    });
  });

  it('a forged INSERT in the middle with a made-up chain hash: inserted', async () => {
    const displaced = await eventAt(9);
    await shiftSequencesFrom(9);
    const forged = forgedEvent(9, displaced.sealId);
    await db.insert(auditEvents).values({ ...forged, chainHash: 'ab'.repeat(32) });
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'inserted',
      sequence: 9,
      eventId: forged.id,
    });
  });

  it('a forged INSERT at the end with a made-up chain hash: inserted', async () => {
    const last = await eventAt(40);
    const forged = forgedEvent(41, last.sealId);
    await db.insert(auditEvents).values({ ...forged, chainHash: 'cd'.repeat(32) });
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'inserted',
      sequence: 41,
      eventId: forged.id,
      message: expect.stringContaining('no seal records it'),
    });
  });

  it('a forged INSERT at the end, hashed correctly but in no seal: caught by the seals', async () => {
    const last = await eventAt(40);
    const forged = forgedEvent(41, last.sealId);
    await db
      .insert(auditEvents)
      .values({ ...forged, chainHash: chainHash(last.chainHash!, forged.leafHash) });
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'seal-mismatch',
      sequence: 41,
      eventId: forged.id,
    });
  });

  it('a forged INSERT before the start of the chain: inserted', async () => {
    const forged = forgedEvent(0, null);
    await db.insert(auditEvents).values({ ...forged, chainHash: 'ab'.repeat(32) });
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'inserted',
      sequence: 0,
      eventId: forged.id,
    });
  });

  it('the first event rewritten with its leaf hash recomputed: altered, at sequence 1', async () => {
    const target = await eventAt(1);
    const after = { forged: true };
    await db
      .update(auditEvents)
      .set({ after, leafHash: auditLeafHash({ ...target, after }) })
      .where(eq(auditEvents.id, target.id));
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'altered',
      sequence: 1,
      eventId: target.id,
      message: expect.stringContaining('does not follow from the start of the chain'),
    });
  });

  it('an UPDATE of a seal’s Merkle root, chain head or count: seal-mismatch, naming the seal', async () => {
    const [, second] = await db.select().from(auditSeals).orderBy(asc(auditSeals.firstSequence));
    for (const change of [
      sql`merkle_root = ${'ef'.repeat(32)}`,
      sql`chain_head = ${'ef'.repeat(32)}`,
      sql`event_count = 6`,
    ]) {
      await db.execute(sql`update audit_seals set ${change} where id = ${second!.id}`);
      const verification = await verifyAuditChain({ db });
      expect(verification.problem).toMatchObject({
        kind: 'seal-mismatch',
        sequence: 8,
        sealId: second!.id,
        message: expect.stringContaining(`Seal ${second!.id}`),
      });
      await db.update(auditSeals).set(second!).where(eq(auditSeals.id, second!.id));
    }
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it('a DELETE of a seal: seal-mismatch', async () => {
    await db.execute(sql`delete from audit_seals where first_sequence = 15`);
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'seal-mismatch',
      sequence: 15,
    });
  });

  it('a forged seal no event names: seal-mismatch', async () => {
    await db.insert(auditSeals).values({
      id: '01936d2a-0000-7000-8000-00000000beef',
      firstSequence: 3,
      lastSequence: 4,
      eventCount: 2,
      merkleRoot: 'aa'.repeat(32),
      chainHead: 'bb'.repeat(32),
      sealedAt,
    });
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'seal-mismatch',
      sealId: '01936d2a-0000-7000-8000-00000000beef',
    });
  });

  it('two sealed events swapped: reported at the first of them', async () => {
    const [first, second] = [await eventAt(5), await eventAt(6)];
    await db.execute(sql`update audit_events set sequence = -5 where id = ${first.id}`);
    await db.execute(sql`update audit_events set sequence = 5 where id = ${second.id}`);
    await db.execute(sql`update audit_events set sequence = 6 where id = ${first.id}`);
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'altered',
      sequence: 5,
      eventId: second.id,
      message: expect.stringContaining(`have swapped places`),
    });
  });

  it('reports only the first problem in sequence order', async () => {
    await db.execute(sql`update audit_events set actor = 'x' where sequence in (12, 30)`);
    await db.execute(sql`delete from audit_events where sequence = 25`);
    expect((await verifyAuditChain({ db })).problem).toMatchObject({
      kind: 'altered',
      sequence: 12,
    });
  });
});

describe('an entity’s audit trail', () => {
  it('lists what happened to one entity, newest first, with sequences once sealed', async () => {
    const organisationId = await registerAndRenameOrganisation(0);
    await sealAllAuditEvents({ db, now: sealedAt });
    await updateOrganisation({
      db,
      context: { actor: 'api', now: at(60), requestId: 'request-60' },
      id: organisationId,
      input: { population: 99_000 },
    });
    const trail = await listAuditTrail({
      db,
      entityType: 'organisation',
      entityId: organisationId,
    });
    expect(trail.map(({ action, sequence }) => ({ action, sequence }))).toEqual([
      { action: 'organisation.updated', sequence: null },
      { action: 'organisation.updated', sequence: 2 },
      { action: 'organisation.created', sequence: 1 },
    ]);
    expect(trail[0]).toMatchObject({
      actor: 'api',
      requestId: 'request-60',
      occurredAt: at(60),
      after: expect.objectContaining({ population: 99_000 }),
    });
    expect(
      await listAuditTrail({ db, entityType: 'organisation', entityId: organisationId, limit: 1 }),
    ).toHaveLength(1);
  });
});

describe('the background sealer', () => {
  it('seals what is unsealed, keeps going, and stops cleanly', async () => {
    const logger = { error: vi.fn() };
    const sealer = startAuditSealer({ db, intervalMilliseconds: 5, now: () => sealedAt, logger });
    try {
      await recordEvents(9);
      await vi.waitFor(async () => expect((await verifyAuditChain({ db })).eventsChecked).toBe(9), {
        timeout: 20_000,
      });
      await recordEvents(4, 100);
      await vi.waitFor(
        async () => expect((await verifyAuditChain({ db })).eventsChecked).toBe(13),
        { timeout: 20_000 },
      );
    } finally {
      await sealer.stop();
    }
    expect(logger.error).not.toHaveBeenCalled();
    await recordEvents(2, 200);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, unsealedEvents: 2 });
  });
});
