import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
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
    // Where the board's papers go (its board secretary): minutes are distributed here.
    correspondenceEmail: text('correspondence_email'),
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
    // Meetings generated together from the constitution's cadence share a series id.
    seriesId: uuid('series_id'),
    // When one occurrence moves, where it was first set and why it moved.
    originallyStartsAt: timestamp('originally_starts_at', { withTimezone: true }),
    movedReason: text('moved_reason'),
    // Why a meeting was called off: kept with it so the list, the page and the feed can say so.
    cancelledReason: text('cancelled_reason'),
    // The agenda item the meeting is on now, set by the secretariat on the live meeting page.
    liveAgendaItemId: uuid('live_agenda_item_id').references((): AnyPgColumn => agendaItems.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('meetings_series_idx').on(table.seriesId),
    index('meetings_body_starts_idx').on(table.bodyId, table.startsAt),
    check('meetings_status_known', sql`${table.status} in ('scheduled', 'held', 'cancelled')`),
    // A cancelled meeting, and only a cancelled meeting, keeps why it was called off.
    check(
      'meetings_cancelled_has_reason',
      sql`(${table.status} = 'cancelled') = (${table.cancelledReason} is not null)`,
    ),
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
    // Set on the item of the next meeting that approves an earlier meeting's minutes.
    approvesMinutesOfMeetingId: uuid('approves_minutes_of_meeting_id').references(
      (): AnyPgColumn => meetings.id,
    ),
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
    // The standing deputy who attended, when the deputy is one named in advance.
    deputyAttendeeId: uuid('deputy_attendee_id').references(
      (): AnyPgColumn => standingAttendees.id,
    ),
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

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

// ---- Papers: uploaded per agenda item, every upload a new version (issue 5) ----

export const meetingPapers = pgTable(
  'meeting_papers',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    // A paper belongs to an item; its confidentiality follows the item's (Part II papers stay private).
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    title: text('title').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('meeting_papers_meeting_idx').on(table.meetingId)],
);

export const paperVersions = pgTable(
  'paper_versions',
  {
    id: uuid('id').primaryKey(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => meetingPapers.id),
    version: integer('version').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    byteLength: integer('byte_length').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('paper_versions_paper_version_unique').on(table.paperId, table.version)],
);

// ---- Register of interests per person (NHS England, Managing Conflicts of Interest) ----

export const registeredInterests = pgTable(
  'registered_interests',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    // The 28-day rule is measured from the day the interest arose to the day it was declared.
    aroseOn: date('arose_on', { mode: 'string' }).notNull(),
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    // An entry may be withheld from the published register, with the reason recorded.
    withheldReason: text('withheld_reason'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('registered_interests_person_idx').on(table.personId),
    check(
      'registered_interests_kind_known',
      sql`${table.kind} in ('financial', 'non-financial-professional', 'non-financial-personal', 'indirect')`,
    ),
    check(
      'registered_interests_dates_in_order',
      sql`${table.declaredOn} >= ${table.aroseOn} and (${table.endedOn} is null or ${table.endedOn} >= ${table.aroseOn})`,
    ),
  ],
);

// The annual declaration: one per person per year, a nil return when they have nothing to declare.
export const annualDeclarations = pgTable(
  'annual_declarations',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    year: integer('year').notNull(),
    isNilReturn: boolean('is_nil_return').notNull(),
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('annual_declarations_person_year_unique').on(table.personId, table.year)],
);

// ---- Minutes: drafted per item, approved at the next meeting, distributed (issue 5) ----

export const minuteEntries = pgTable(
  'minute_entries',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    text: text('text').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('minute_entries_item_unique').on(table.agendaItemId)],
);

// One row when a meeting's minutes are approved: where, and signed by whom (the person presiding).
export const minutesApprovals = pgTable(
  'minutes_approvals',
  {
    meetingId: uuid('meeting_id')
      .primaryKey()
      .references(() => meetings.id),
    approvedAtMeetingId: uuid('approved_at_meeting_id')
      .notNull()
      .references(() => meetings.id),
    approvedAtAgendaItemId: uuid('approved_at_agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    signedByPersonId: uuid('signed_by_person_id')
      .notNull()
      .references(() => people.id),
    // The engine's quorum explanation at approval, kept as the record of why it was valid.
    quorumSummary: text('quorum_summary').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    check(
      'minutes_approvals_later_meeting',
      sql`${table.approvedAtMeetingId} <> ${table.meetingId}`,
    ),
  ],
);

// Outgoing e-mail, written in the same transaction as what it announces, then delivered over SMTP
// by a dispatcher that retries: an acknowledged approval never loses its distribution.
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('mail_outbox_pending_idx').on(table.status, table.createdAt),
    check('mail_outbox_status_known', sql`${table.status} in ('pending', 'sent', 'failed')`),
  ],
);

// A copy of approved minutes to each body the constitution names, with its receipt.
export const minutesDistributions = pgTable(
  'minutes_distributions',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    // Null when the organisation has no correspondence address: the page says to send it by hand.
    mailId: uuid('mail_id').references(() => mailOutbox.id),
    // The recipient confirms receipt through a link carrying a secret; only its hash is kept.
    receiptTokenHash: text('receipt_token_hash').notNull().unique(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('minutes_distributions_meeting_organisation_unique').on(
      table.meetingId,
      table.organisationId,
    ),
  ],
);

// Notice of a meeting e-mailed to each member: which mail went to whom.
export const meetingNotices = pgTable(
  'meeting_notices',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    mailId: uuid('mail_id')
      .notNull()
      .references(() => mailOutbox.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('meeting_notices_meeting_idx').on(table.meetingId)],
);

// ---- Action log (issue 5) ----

export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id),
    description: text('description').notNull(),
    ownerPersonId: uuid('owner_person_id')
      .notNull()
      .references(() => people.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    completedOn: date('completed_on', { mode: 'string' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('action_items_meeting_idx').on(table.meetingId),
    index('action_items_owner_idx').on(table.ownerPersonId),
    check('action_items_status_known', sql`${table.status} in ('open', 'done', 'dropped')`),
    check(
      'action_items_done_has_date',
      sql`(${table.status} = 'open') = (${table.completedOn} is null)`,
    ),
  ],
);

// ---- Membership details (issue 5): elections, deputies, non-voting attendees ----

// How an elected seat or office was filled: who voted, for whom, the result and the minute.
export const electionRecords = pgTable('election_records', {
  id: uuid('id').primaryKey(),
  seatHoldingId: uuid('seat_holding_id')
    .notNull()
    .unique()
    .references(() => seatHoldings.id),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  electorate: text('electorate').notNull(),
  votesFor: integer('votes_for').notNull(),
  votesCast: integer('votes_cast').notNull(),
  minuteReference: text('minute_reference').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});

// People who attend a body without holding a seat: standing deputies named for a member, and
// non-voting attendees the terms invite. Neither counts toward quorum unless the terms say so.
export const standingAttendees = pgTable(
  'standing_attendees',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    capacity: text('capacity').notNull(),
    deputyForHoldingId: uuid('deputy_for_holding_id').references(() => seatHoldings.id),
    description: text('description'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('standing_attendees_body_idx').on(table.bodyId),
    check('standing_attendees_capacity_known', sql`${table.capacity} in ('deputy', 'non-voting')`),
    check(
      'standing_attendees_deputy_names_member',
      sql`(${table.capacity} = 'deputy') = (${table.deputyForHoldingId} is not null)`,
    ),
    check(
      'standing_attendees_dates_in_order',
      sql`${table.endsOn} is null or ${table.endsOn} >= ${table.startsOn}`,
    ),
  ],
);

// ---- Decisions, votes and disputes (issue 6) ----

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// A question put to the body on an agenda item: a motion, or an amendment to one (voted first).
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    // An amendment names the proposal it amends; the main question cannot close before it does.
    amendsProposalId: uuid('amends_proposal_id').references((): AnyPgColumn => proposals.id),
    title: text('title').notNull(),
    text: text('text').notNull(),
    // The constitution's kind of decision (2006 §2.1–2.2, a reserved matter…) and the method it names.
    decisionKind: text('decision_kind'),
    methodId: text('method_id').notNull(),
    ballot: text('ballot').notNull().default('named'),
    status: text('status').notNull().default('draft'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    // The engine's result at close (outcome, counts, explanation), kept as the record.
    result: jsonb('result'),
    outcome: text('outcome'),
    outcomeSummary: text('outcome_summary'),
    castingVote: text('casting_vote'),
    // Set when the secretariat closed a tied vote under a method with a casting vote: no more
    // votes are taken, and the person presiding may now give the casting vote.
    votingEndedAt: timestamp('voting_ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // The decision register's full-text search (PostgreSQL tsvector, English stemming).
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('english', coalesce(title, '') || ' ' || coalesce(text, '') || ' ' || coalesce(outcome_summary, ''))`,
    ),
  },
  (table) => [
    index('proposals_meeting_idx').on(table.meetingId),
    index('proposals_search_idx').using('gin', table.search),
    check('proposals_ballot_known', sql`${table.ballot} in ('named', 'secret')`),
    check(
      'proposals_status_known',
      sql`${table.status} in ('draft', 'open', 'closed', 'withdrawn')`,
    ),
    check(
      'proposals_casting_vote_known',
      sql`${table.castingVote} is null or ${table.castingVote} in ('for', 'against')`,
    ),
  ],
);

// One vote (or consensus view) per voter per proposal, enforced here, not only in code.
export const votes = pgTable(
  'votes',
  {
    id: uuid('id').primaryKey(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    // The engine's voter: a seat holding (members) or an organisation (a party, e.g. a PCT).
    voterId: uuid('voter_id').notNull(),
    // for / against / abstain; under consensus: agree / object / stand aside, stored as the same.
    choice: text('choice').notNull(),
    reason: text('reason'),
    // Who pressed the button: the member, or the proxy acting for them.
    castByPersonId: uuid('cast_by_person_id').references(() => people.id),
    proxyId: uuid('proxy_id').references((): AnyPgColumn => proxies.id),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('votes_one_per_voter').on(table.proposalId, table.voterId),
    check('votes_choice_known', sql`${table.choice} in ('for', 'against', 'abstain')`),
  ],
);

// A member's delegation of their vote to another person, with its history (revoked, not deleted).
export const proxies = pgTable(
  'proxies',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    grantorHoldingId: uuid('grantor_holding_id')
      .notNull()
      .references(() => seatHoldings.id),
    proxyPersonId: uuid('proxy_person_id')
      .notNull()
      .references(() => people.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    // At most one live proxy per member per meeting; revoked ones stay as history.
    uniqueIndex('proxies_one_live_per_grantor')
      .on(table.meetingId, table.grantorHoldingId)
      .where(sql`${table.revokedAt} is null`),
  ],
);

// Sign-off of a decision by each sponsoring PCT board; it takes effect only when all have signed.
export const ratifications = pgTable(
  'ratifications',
  {
    id: uuid('id').primaryKey(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').notNull().default('pending'),
    decidedOn: date('decided_on', { mode: 'string' }),
    minuteReference: text('minute_reference'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('ratifications_proposal_board_unique').on(table.proposalId, table.organisationId),
    check('ratifications_status_known', sql`${table.status} in ('pending', 'signed', 'refused')`),
  ],
);

// 2006 §112: a joint service review starts only once its decision process and its handling of a
// failure to agree are recorded and agreed.
export const jointReviews = pgTable(
  'joint_reviews',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    decisionProcess: text('decision_process'),
    failureToAgree: text('failure_to_agree'),
    agreedOn: date('agreed_on', { mode: 'string' }),
    agreedMinuteReference: text('agreed_minute_reference'),
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    check(
      'joint_reviews_start_needs_agreement',
      sql`${table.startedOn} is null or ${table.agreedOn} is not null`,
    ),
  ],
);

export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    // The constitution's dispute category (collective procurement, service development, …).
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    jointReviewId: uuid('joint_review_id').references(() => jointReviews.id),
    raisedByPersonId: uuid('raised_by_person_id').references(() => people.id),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('disputes_status_idx').on(table.status),
    check('disputes_status_known', sql`${table.status} in ('open', 'resolved', 'unresolved')`),
  ],
);

// Each step taken up the ladder, dated and attributed; the engine checks the order.
export const disputeSteps = pgTable(
  'dispute_steps',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id')
      .notNull()
      .references(() => disputes.id),
    position: integer('position').notNull(),
    stepId: text('step_id').notNull(),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    takenBy: text('taken_by').notNull(),
    outcome: text('outcome').notNull(),
    boardOrganisationId: uuid('board_organisation_id').references(() => organisations.id),
    // A vote step's proposal, when the vote was taken in Concordat.
    proposalId: uuid('proposal_id').references(() => proposals.id),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('dispute_steps_dispute_position_unique').on(table.disputeId, table.position),
  ],
);

// ---- Cached facts (issue 6 benchmark): one counter of recorded changes ----

// Counts committed changes that may alter a meeting's facts: a trigger on audit_events (every
// state change is audited in its own transaction, promise 4) adds one, except for the actions
// that change no fact (a vote, a sign-in). An app instance keeps a meeting's facts while the
// counter it read them at is unchanged (src/decisions/decision-facts-cache.ts).
export const factsEpoch = pgTable(
  'facts_epoch',
  {
    id: integer('id').primaryKey(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (table) => [check('facts_epoch_one_row', sql`${table.id} = 1`)],
);

// ---- Record agreement (issue 20): the key a secret vote's choice is sealed with in its event ----

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
