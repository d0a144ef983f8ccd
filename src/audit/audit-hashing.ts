import { createHash } from 'node:crypto';

/**
 * The hashes that make the audit trail tamper-evident. Pure functions: no database, no clock.
 * Byte layouts are documented in docs/audit.md; changing anything here invalidates every seal.
 */

/** A SHA-256 digest as 64 lowercase hexadecimal characters, the form stored in the database. */
export type Sha256Hex = string;

/** The fields of an audit event that its leaf hash covers: everything recorded about the change. */
export interface AuditEventContents {
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** The chain hash "before" the first event: 32 zero bytes. */
export const genesisChainHash: Sha256Hex = '00'.repeat(32);

const leafPrefix = Buffer.from([0x00]);
const nodePrefix = Buffer.from([0x01]);

export function isSha256Hex(value: unknown): value is Sha256Hex {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/**
 * JSON with object keys sorted (by UTF-16 code unit, recursively) and no insignificant
 * whitespace, so the same value always serialises to the same bytes. Keys must be sorted here
 * because jsonb stores objects in its own key order, not the order they were written in.
 * Strings and numbers use JSON.stringify's (ECMAScript) forms, as RFC 8785 does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(
          `An audit event cannot record the number ${value}: JSON has no form for it.`,
        );
      }
      return JSON.stringify(value);
    case 'object':
      return canonicalObject(value);
    default:
      throw new TypeError(`An audit event cannot record a value of type ${typeof value}.`);
  }
}

function canonicalObject(value: object): string {
  // Dates and other values with toJSON are recorded the way jsonb stored them.
  if ('toJSON' in value && typeof value.toJSON === 'function') {
    return canonicalJson(value.toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** The canonical JSON of the fields an event's leaf hash covers (timestamps in UTC, milliseconds). */
export function canonicalAuditEvent(event: AuditEventContents): string {
  return canonicalJson({
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actor,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: event.requestId ?? null,
  });
}

/** RFC 6962 §2.1 leaf hash: SHA-256(0x00 || data). */
export function hashLeaf(data: Uint8Array): Sha256Hex {
  return createHash('sha256').update(leafPrefix).update(data).digest('hex');
}

/** RFC 6962 §2.1 interior node hash: SHA-256(0x01 || left || right). */
export function hashChildren(left: Sha256Hex, right: Sha256Hex): Sha256Hex {
  return createHash('sha256')
    .update(nodePrefix)
    .update(hashBytes(left))
    .update(hashBytes(right))
    .digest('hex');
}

/** The leaf hash of one audit event: SHA-256(0x00 || UTF-8 canonical JSON). */
export function auditLeafHash(event: AuditEventContents): Sha256Hex {
  return hashLeaf(Buffer.from(canonicalAuditEvent(event), 'utf8'));
}

/** One link of the chain: SHA-256(previous chain hash || leaf hash), both as 32 raw bytes. */
export function chainHash(previousChainHash: Sha256Hex, leafHash: Sha256Hex): Sha256Hex {
  return createHash('sha256')
    .update(hashBytes(previousChainHash))
    .update(hashBytes(leafHash))
    .digest('hex');
}

/**
 * RFC 6962 §2.1 Merkle Tree Hash of already-hashed leaves: the empty tree is SHA-256 of nothing,
 * one leaf is its own hash, and n > 1 leaves split at k, the largest power of two less than n.
 * Written as the RFC states it; {@link MerkleTreeBuilder} computes the same value in a stream.
 */
export function merkleTreeHash(leafHashes: readonly Sha256Hex[]): Sha256Hex {
  if (leafHashes.length === 0) return createHash('sha256').digest('hex');
  if (leafHashes.length === 1) return checkedHash(leafHashes[0]);
  const split = largestPowerOfTwoBelow(leafHashes.length);
  return hashChildren(
    merkleTreeHash(leafHashes.slice(0, split)),
    merkleTreeHash(leafHashes.slice(split)),
  );
}

function largestPowerOfTwoBelow(count: number): number {
  let power = 1;
  while (power * 2 < count) power *= 2;
  return power;
}

/**
 * The RFC 6962 Merkle Tree Hash computed one leaf at a time in O(log n) memory, so a seal of any
 * size can be checked while its events stream past. It keeps the roots of the perfect subtrees
 * (sizes strictly decreasing); the RFC's tree is those subtrees joined from the right.
 */
export class MerkleTreeBuilder {
  readonly #subtrees: { hash: Sha256Hex; size: number }[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  append(leafHash: Sha256Hex): void {
    let subtree = { hash: checkedHash(leafHash), size: 1 };
    for (
      let last = this.#subtrees.at(-1);
      last?.size === subtree.size;
      last = this.#subtrees.at(-1)
    ) {
      this.#subtrees.pop();
      subtree = { hash: hashChildren(last.hash, subtree.hash), size: last.size * 2 };
    }
    this.#subtrees.push(subtree);
    this.#size += 1;
  }

  root(): Sha256Hex {
    if (this.#subtrees.length === 0) return merkleTreeHash([]);
    let root = this.#subtrees.at(-1)!.hash;
    for (let index = this.#subtrees.length - 2; index >= 0; index -= 1) {
      root = hashChildren(this.#subtrees[index]!.hash, root);
    }
    return root;
  }
}

function checkedHash(hash: Sha256Hex | undefined): Sha256Hex {
  if (!isSha256Hex(hash)) throw new TypeError(`Not a SHA-256 hash: ${String(hash)}`);
  return hash;
}

function hashBytes(hash: Sha256Hex): Buffer {
  return Buffer.from(checkedHash(hash), 'hex');
}
