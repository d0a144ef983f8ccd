import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Sectors are data, not an enum: another partnership loads its own (an ICS's places, say).
export const sectors = pgTable('sectors', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  displayOrder: integer('display_order').notNull(),
});

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    odsCode: text('ods_code'),
    sectorId: text('sector_id').references(() => sectors.id),
    population: integer('population'),
    // Where a reference fact came from, so a reader can judge how far to trust it.
    source: text('source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('organisations_ods_code_unique').on(table.odsCode),
    uniqueIndex('organisations_name_unique').on(sql`lower(${table.name})`),
    index('organisations_type_sector_idx').on(table.type, table.sectorId),
    check('organisations_population_non_negative', sql`${table.population} >= 0`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email'),
    // Demo people are fictional; pages label them so nobody mistakes them for real officers.
    isFictional: boolean('is_fictional').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('people_email_unique').on(sql`lower(${table.email})`)],
);

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull(),
    title: text('title').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('posts_person_idx').on(table.personId),
    index('posts_organisation_idx').on(table.organisationId),
    check(
      'posts_dates_in_order',
      sql`${table.endsOn} is null or ${table.endsOn} >= ${table.startsOn}`,
    ),
  ],
);

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
      sql`${table.role} in ('secretariat', 'member', 'chair')`,
    ),
  ],
);

// ---- Tamper-evident audit (issue 4): events are sealed in order into a hash chain ----

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

export const bodies = pgTable('bodies', {
  id: uuid('id').primaryKey(),
  // The constitution's identity id (london-commissioning-group): every version shares it.
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const constitutionVersions = pgTable(
  'constitution_versions',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    version: integer('version').notNull(),
    // The validated constitution the engine executes, and the text it was loaded from.
    document: jsonb('document').notNull(),
    sourceText: text('source_text').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    reviewOn: date('review_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('constitution_versions_body_version_unique').on(table.bodyId, table.version),
  ],
);

// 2006 §103: each PCT Board formally approves the remit; one row per board per version.
export const constitutionAdoptions = pgTable(
  'constitution_adoptions',
  {
    id: uuid('id').primaryKey(),
    constitutionVersionId: uuid('constitution_version_id')
      .notNull()
      .references(() => constitutionVersions.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    adoptedOn: date('adopted_on', { mode: 'string' }).notNull(),
    minuteReference: text('minute_reference').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('constitution_adoptions_version_board_unique').on(
      table.constitutionVersionId,
      table.organisationId,
    ),
  ],
);

// Who holds which seat on a body, from when to when, and how the seat was filled.
export const seatHoldings = pgTable(
  'seat_holdings',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    seatRole: text('seat_role').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    // The organisation the holder represents (a PCT for a chief executive's seat).
    organisationId: uuid('organisation_id').references(() => organisations.id),
    fillMethod: text('fill_method').notNull(),
    // The body that nominated or elected, as the constitution names it (sector-commissioning-group).
    filledBy: text('filled_by'),
    office: text('office'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('seat_holdings_body_idx').on(table.bodyId),
    check(
      'seat_holdings_dates_in_order',
      sql`${table.endsOn} is null or ${table.endsOn} >= ${table.startsOn}`,
    ),
    check(
      'seat_holdings_office_known',
      sql`${table.office} is null or ${table.office} in ('chair', 'viceChair')`,
    ),
  ],
);

// ---- Meetings (issue 5) ----

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    location: text('location').notNull(),
    noticeGivenOn: date('notice_given_on', { mode: 'string' }).notNull(),
    // Short notice is allowed only with the urgency recorded (standing orders: 3 clear days).
    urgencyReason: text('urgency_reason'),
    status: text('status').notNull().default('scheduled'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('meetings_body_starts_idx').on(table.bodyId, table.startsAt),
    check('meetings_status_known', sql`${table.status} in ('scheduled', 'held', 'cancelled')`),
  ],
);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    purpose: text('purpose').notNull(),
    // Part II: the public is excluded only by a resolution stating why (1960 Act s1).
    isConfidential: boolean('is_confidential').notNull().default(false),
    confidentialityReason: text('confidentiality_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('agenda_items_meeting_position_unique').on(table.meetingId, table.position),
    check(
      'agenda_items_purpose_known',
      sql`${table.purpose} in ('decision', 'discussion', 'information')`,
    ),
    check(
      'agenda_items_confidential_has_reason',
      sql`not ${table.isConfidential} or ${table.confidentialityReason} is not null`,
    ),
  ],
);

export const attendanceRecords = pgTable(
  'attendance_records',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    seatHoldingId: uuid('seat_holding_id')
      .notNull()
      .references(() => seatHoldings.id),
    status: text('status').notNull(),
    deputyName: text('deputy_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('attendance_records_meeting_holding_unique').on(
      table.meetingId,
      table.seatHoldingId,
    ),
    check(
      'attendance_records_status_known',
      sql`${table.status} in ('present', 'apologies', 'absent', 'deputy')`,
    ),
  ],
);

export const interestDeclarations = pgTable(
  'interest_declarations',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    seatHoldingId: uuid('seat_holding_id')
      .notNull()
      .references(() => seatHoldings.id),
    // NHS England, Managing Conflicts of Interest (2017): the four kinds of interest.
    kind: text('kind').notNull(),
    interest: text('interest').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('interest_declarations_meeting_idx').on(table.meetingId),
    check(
      'interest_declarations_kind_known',
      sql`${table.kind} in ('financial', 'non-financial-professional', 'non-financial-personal', 'indirect')`,
    ),
  ],
);
