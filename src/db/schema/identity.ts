/** Tables owned by identity. Accounts, their OpenID links, sessions, reset links, API tokens and body roles. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from './registry.ts';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    // The registry person this account acts as; seats and posts are facts about people.
    personId: uuid('person_id').references(() => people.id),
    // argon2id PHC string; null for accounts that only sign in through OpenID Connect.
    passwordHash: text('password_hash'),
    isAdministrator: boolean('is_administrator').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    // E-mail reminders the person has not turned off (account page): before a question closes
    // without their vote or view, and the weekly digest of their overdue actions.
    questionReminders: boolean('question_reminders').notNull().default(true),
    actionDigest: boolean('action_digest').notNull().default(true),
  },
  (table) => [
    uniqueIndex('accounts_email_unique').on(sql`lower(${table.email})`),
    uniqueIndex('accounts_person_unique').on(table.personId),
  ],
);

export const accountIdentities = pgTable(
  'account_identities',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('account_identities_issuer_subject_unique').on(table.issuer, table.subject),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the cookie value: a copy of this table cannot be replayed as cookies.
    idHash: text('id_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [index('sessions_account_idx').on(table.accountId)],
);

export const passwordResetTokens = pgTable('password_reset_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    scope: text('scope').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    index('api_tokens_account_idx').on(table.accountId),
    check('api_tokens_scope_known', sql`${table.scope} in ('read', 'write')`),
  ],
);

// A secretariat role is a fact of its own: it is an appointment, not a seat (issue 5 adds seats).
export const bodyRoleAssignments = pgTable(
  'body_role_assignments',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    // The body's constitution identity (e.g. london-commissioning-group) until bodies get a table.
    bodyId: text('body_id').notNull(),
    role: text('role').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
  },
  (table) => [
    index('body_role_assignments_account_idx').on(table.accountId),
    check(
      'body_role_assignments_role_known',
      sql`${table.role} in ('secretariat', 'member', 'chair', 'programme-office')`,
    ),
  ],
);

// ---- Tamper-evident audit (issue 4): events are sealed in order into a hash chain ----
