import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/connection.ts';
import {
  insertAuditSeal,
  lockAuditSealing,
  markEventsSealed,
  type SealedLink,
  selectChainTail,
  selectUnsealedEvents,
} from './audit-chain-queries.ts';
import {
  auditLeafHash,
  chainHash,
  genesisChainHash,
  isSha256Hex,
  MerkleTreeBuilder,
} from './audit-hashing.ts';

/** Large enough to keep up with any write rate, small enough that a seal is a short transaction. */
export const defaultSealBatchSize = 1000;

export interface SealResult {
  /** How many events this call sealed (0 when nothing was waiting). */
  sealed: number;
  /** The seal written, when anything was sealed. */
  sealId?: string;
}

/**
 * Seals up to one batch of unsealed events, oldest first, into the hash chain: gives them the
 * next sequence numbers, leaf and chain hashes, and records the batch's RFC 6962 Merkle root in
 * one `audit_seals` row, all in one transaction. Concurrent callers (two app instances) queue on
 * an advisory lock, so sequences stay consecutive; writers of events never wait for it.
 */
export async function sealAuditEvents(options: {
  db: Database;
  now: Date;
  batchSize?: number;
}): Promise<SealResult> {
  const batchSize = options.batchSize ?? defaultSealBatchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `The seal batch size must be a whole number of at least 1, not ${batchSize}.`,
    );
  }
  return options.db.transaction(async (transaction) => {
    // Take the lock before reading anything, so what follows sees the previous sealer's commit.
    await lockAuditSealing(transaction);
    const events = await selectUnsealedEvents(transaction, batchSize);
    if (events.length === 0) return { sealed: 0 };

    const tail = startOfNextBatch(await selectChainTail(transaction));
    const merkleTree = new MerkleTreeBuilder();
    let previousChainHash = tail.chainHash;
    const links: SealedLink[] = events.map((event, index) => {
      const leafHash = auditLeafHash(event);
      merkleTree.append(leafHash);
      previousChainHash = chainHash(previousChainHash, leafHash);
      return {
        id: event.id,
        sequence: tail.sequence + 1 + index,
        leafHash,
        chainHash: previousChainHash,
      };
    });

    const sealId = uuidv7();
    const updated = await markEventsSealed(transaction, sealId, links);
    if (updated !== links.length) {
      // Only a sealer changes unsealed rows, and we hold the lock; refuse rather than seal a gap.
      throw new Error(
        `Sealing stopped: ${links.length} audit events were read as unsealed but ${updated} could be sealed.`,
      );
    }
    await insertAuditSeal(transaction, {
      id: sealId,
      firstSequence: links[0]!.sequence,
      lastSequence: links.at(-1)!.sequence,
      eventCount: links.length,
      merkleRoot: merkleTree.root(),
      chainHead: previousChainHash,
      sealedAt: options.now,
    });
    return { sealed: links.length, sealId };
  });
}

/**
 * The sequence and chain hash the next batch continues from. The seal's record wins over the
 * last row present: if rows at the end of the chain were deleted, new events must not reuse their
 * sequence numbers, or the deletion would be papered over.
 */
function startOfNextBatch(tail: Awaited<ReturnType<typeof selectChainTail>>): {
  sequence: number;
  chainHash: string;
} {
  if (!tail) return { sequence: 0, chainHash: genesisChainHash };
  if (tail.seal && (tail.seal.lastSequence > tail.sequence || tail.chainHash === null)) {
    return { sequence: tail.seal.lastSequence, chainHash: tail.seal.chainHead };
  }
  if (!isSha256Hex(tail.chainHash)) {
    // Extending a chain whose end is unreadable would hide where it broke; someone must look.
    throw new Error(
      `Cannot seal: the last sealed audit event (sequence ${tail.sequence}) has no valid chain hash. Run "concordat audit verify".`,
    );
  }
  return { sequence: tail.sequence, chainHash: tail.chainHash };
}

/**
 * Seals batch after batch until a batch comes back short, i.e. until everything that was unsealed
 * when it started is sealed. Each batch is its own short transaction, so writers are never held.
 */
export async function sealAllAuditEvents(options: {
  db: Database;
  now: Date;
  batchSize?: number;
  onBatch?: (progress: { sealed: number; seals: number }) => void;
}): Promise<{ sealed: number; seals: number }> {
  const batchSize = options.batchSize ?? defaultSealBatchSize;
  const total = { sealed: 0, seals: 0 };
  for (;;) {
    const batch = await sealAuditEvents({ db: options.db, now: options.now, batchSize });
    if (batch.sealed > 0) {
      total.sealed += batch.sealed;
      total.seals += 1;
      options.onBatch?.({ ...total });
    }
    if (batch.sealed < batchSize) return total;
  }
}
