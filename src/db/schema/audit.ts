/** Tables owned by audit. The audit trail: every state change, its hash-chain seals and the key secret votes are sealed with. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Written by every use-case in the same transaction as the change it records (promise 4).
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    // Set when the event is sealed into the hash chain (src/audit/); null until then.
    sequence: bigint('sequence', { mode: 'number' }),
    leafHash: text('leaf_hash'),
    chainHash: text('chain_hash'),
    sealId: uuid('seal_id'),
  },
  (table) => [
    index('audit_events_entity_idx').on(table.entityType, table.entityId),
    uniqueIndex('audit_events_sequence_unique').on(table.sequence),
    index('audit_events_unsealed_idx')
      .on(table.occurredAt, table.id)
      .where(sql`${table.sequence} is null`),
  ],
);

// ---- Identity (issue 4): accounts, their OpenID links, sessions, reset links and API tokens ----

export const auditSeals = pgTable('audit_seals', {
  id: uuid('id').primaryKey(),
  firstSequence: bigint('first_sequence', { mode: 'number' }).notNull(),
  lastSequence: bigint('last_sequence', { mode: 'number' }).notNull(),
  eventCount: integer('event_count').notNull(),
  // RFC 6962 Merkle tree head over the batch's leaf hashes, and the chain hash after its last event.
  merkleRoot: text('merkle_root').notNull(),
  chainHead: text('chain_head').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull(),
});

// ---- Bodies and their terms of reference (issue 5) ----

// One row, made by the migration from the server's randomness. A secret ballot's audit event
// carries HMAC-SHA256(key, vote id, choice, reason) instead of the choice, so `audit verify` can
// check the stored vote against its event while the trail, which administrators and secretariats
// read, never tells how anyone voted. No route reads this table.
export const auditKeys = pgTable(
  'audit_keys',
  {
    id: integer('id').primaryKey(),
    ballotSealKey: text('ballot_seal_key').notNull(),
  },
  (table) => [check('audit_keys_one_row', sql`${table.id} = 1`)],
);
