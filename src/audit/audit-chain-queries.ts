import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { auditEvents, auditSeals } from '../db/schema/audit.ts';
import type { AuditEventContents, Sha256Hex } from './audit-hashing.ts';

/**
 * The advisory lock only sealers take, so two app instances never seal at once while writers,
 * which never take it, are not held up. Any fixed number would do: this is "audit" in ASCII.
 */
const auditSealingLockKey = 0x61_75_64_69_74;

export interface SealedAuditEventRecord extends AuditEventContents {
  sequence: number;
  // What the row says now; verification compares these with what the contents hash to.
  leafHash: string | null;
  chainHash: string | null;
  sealId: string | null;
}

export interface AuditSealRecord {
  id: string;
  firstSequence: number;
  lastSequence: number;
  eventCount: number;
  merkleRoot: string;
  chainHead: string;
  sealedAt: Date;
}

export interface SealedLink {
  id: string;
  sequence: number;
  leafHash: Sha256Hex;
  chainHash: Sha256Hex;
}

const recordedColumns = {
  id: auditEvents.id,
  occurredAt: auditEvents.occurredAt,
  actor: auditEvents.actor,
  action: auditEvents.action,
  entityType: auditEvents.entityType,
  entityId: auditEvents.entityId,
  before: auditEvents.before,
  after: auditEvents.after,
  requestId: auditEvents.requestId,
};

/** Waits for any other sealer to commit; released when the transaction ends. */
export async function lockAuditSealing(transaction: Transaction): Promise<void> {
  await transaction.execute(sql`select pg_advisory_xact_lock(${auditSealingLockKey})`);
}

/** Unsealed events in the order they will be sealed (served by the partial index). */
export async function selectUnsealedEvents(
  transaction: Transaction,
  limit: number,
): Promise<AuditEventContents[]> {
  return transaction
    .select(recordedColumns)
    .from(auditEvents)
    .where(isNull(auditEvents.sequence))
    .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id))
    .limit(limit);
}

/**
 * Where the chain ends: the last sealed event and the seal that recorded it. The seal is read
 * too because it says how far the chain reached; if the last events were deleted, the seal still
 * remembers them, and continuing from it keeps the deletion visible as a gap.
 */
export async function selectChainTail(transaction: Transaction): Promise<
  | {
      sequence: number;
      chainHash: string | null;
      seal: { lastSequence: number; chainHead: string } | null;
    }
  | undefined
> {
  const [tail] = await transaction
    .select({
      sequence: auditEvents.sequence,
      chainHash: auditEvents.chainHash,
      sealLastSequence: auditSeals.lastSequence,
      sealChainHead: auditSeals.chainHead,
    })
    .from(auditEvents)
    .leftJoin(auditSeals, eq(auditSeals.id, auditEvents.sealId))
    .where(isNotNull(auditEvents.sequence))
    .orderBy(desc(auditEvents.sequence))
    .limit(1);
  if (!tail || tail.sequence === null) return undefined;
  return {
    sequence: tail.sequence,
    chainHash: tail.chainHash,
    seal:
      tail.sealLastSequence !== null && tail.sealChainHead !== null
        ? { lastSequence: tail.sealLastSequence, chainHead: tail.sealChainHead }
        : null,
  };
}

/**
 * Writes a batch's sequence numbers and hashes in one statement (PGlite manages hundreds of
 * thousands of rows a second batched, a few thousand one by one). Only rows still unsealed are
 * touched; returns how many were, so the caller can refuse a partial seal.
 */
export async function markEventsSealed(
  transaction: Transaction,
  sealId: string,
  links: SealedLink[],
): Promise<number> {
  const result = await transaction.execute(sql`
    update audit_events
    set sequence = batch.sequence,
        leaf_hash = batch.leaf_hash,
        chain_hash = batch.chain_hash,
        seal_id = ${sealId}
    from unnest(
      ${sql.param(links.map((link) => link.id))}::uuid[],
      ${sql.param(links.map((link) => link.sequence))}::bigint[],
      ${sql.param(links.map((link) => link.leafHash))}::text[],
      ${sql.param(links.map((link) => link.chainHash))}::text[]
    ) as batch(id, sequence, leaf_hash, chain_hash)
    where audit_events.id = batch.id and audit_events.sequence is null
    returning audit_events.id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

export async function insertAuditSeal(
  transaction: Transaction,
  seal: AuditSealRecord,
): Promise<void> {
  await transaction.insert(auditSeals).values(seal);
}

/**
 * The highest sequence either table mentions, read in one statement so that it is one snapshot:
 * everything at or below it was committed together with its seal, and a seal committed later
 * lies above it. Verification stops there, so a sealer running meanwhile cannot look like
 * tampering. 0 when nothing is sealed.
 */
export async function selectHighestSealedSequence(reader: Reader): Promise<number> {
  const result = await reader.execute(sql`
    select greatest(
      (select max(sequence) from audit_events),
      (select max(last_sequence) from audit_seals)
    ) as highest`);
  const [row] = (result as unknown as { rows: { highest: unknown }[] }).rows;
  return row?.highest === null || row?.highest === undefined ? 0 : Number(row.highest);
}

/** One page of sealed events in sequence order, after a sequence (keyset pagination). */
export async function selectSealedEventsPage(
  reader: Reader,
  page: { afterSequence: number; upToSequence: number; limit: number },
): Promise<SealedAuditEventRecord[]> {
  const rows = await reader
    .select({
      ...recordedColumns,
      sequence: auditEvents.sequence,
      leafHash: auditEvents.leafHash,
      chainHash: auditEvents.chainHash,
      sealId: auditEvents.sealId,
    })
    .from(auditEvents)
    .where(
      and(
        gt(auditEvents.sequence, page.afterSequence),
        lte(auditEvents.sequence, page.upToSequence),
      ),
    )
    .orderBy(asc(auditEvents.sequence))
    .limit(page.limit);
  return rows as SealedAuditEventRecord[];
}

export async function selectSealsByIds(
  reader: Reader,
  ids: readonly string[],
): Promise<AuditSealRecord[]> {
  if (ids.length === 0) return [];
  return reader
    .select()
    .from(auditSeals)
    .where(inArray(auditSeals.id, [...ids]));
}

/** The first seal (at or below the bound) recording events beyond a sequence. */
export async function selectFirstSealEndingAfter(
  reader: Reader,
  options: { sequence: number; upToSequence: number },
): Promise<AuditSealRecord | undefined> {
  const [seal] = await reader
    .select()
    .from(auditSeals)
    .where(
      and(
        gt(auditSeals.lastSequence, options.sequence),
        lte(auditSeals.firstSequence, options.upToSequence),
      ),
    )
    .orderBy(asc(auditSeals.firstSequence))
    .limit(1);
  return seal;
}

export async function countSeals(reader: Reader, upToSequence: number): Promise<number> {
  const [row] = await reader
    .select({ total: count() })
    .from(auditSeals)
    .where(lte(auditSeals.firstSequence, upToSequence));
  return row?.total ?? 0;
}

/** A seal no event refers to: only looked for once the seal count shows there is one. */
export async function selectSealWithoutEvents(
  reader: Reader,
  upToSequence: number,
): Promise<AuditSealRecord | undefined> {
  const [seal] = await reader
    .select()
    .from(auditSeals)
    .where(
      and(
        lte(auditSeals.firstSequence, upToSequence),
        sql`not exists (select 1 from audit_events where audit_events.seal_id = ${auditSeals.id})`,
      ),
    )
    .orderBy(asc(auditSeals.firstSequence))
    .limit(1);
  return seal;
}

export async function countUnsealedEvents(reader: Reader): Promise<number> {
  const [row] = await reader
    .select({ total: count() })
    .from(auditEvents)
    .where(isNull(auditEvents.sequence));
  return row?.total ?? 0;
}
