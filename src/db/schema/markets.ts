/**
 * Tables owned by markets. Market management and clinical networks: which provider supplies which
 * service in which London sector, so the gaps show (2006 §104 "ensure that a comprehensive range of
 * patient services exists within reasonable access of all Londoners"; §106 "'Market manage' …
 * where gaps in service provision or market failures are identified"); the Practice Based
 * Commissioning consortia each PCT works with and their patient pathways (§106); and the clinical
 * networks, each reporting to a group at sector or London level (§2.3), with objectives and an
 * annual review (2008 "Commissioning development": "clear objectives").
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';
import { organisations, sectors } from './registry.ts';

// One provider supplying one service area to one sector's population. A provider (an NHS trust or
// foundation trust) has no sector of its own: it serves the sectors recorded here. A provider that
// stops is withdrawn (on a date, with the reason), kept for the record; only current rows count in
// the market, and a provider may enter again once withdrawn.
export const providerServices = pgTable(
  'provider_services',
  {
    id: uuid('id').primaryKey(),
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    // One of London's twelve service areas (the use case refuses any other).
    serviceArea: text('service_area').notNull(),
    sectorId: text('sector_id')
      .notNull()
      .references(() => sectors.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    withdrawalReason: text('withdrawal_reason'),
  },
  (table) => [
    uniqueIndex('provider_services_current_unique')
      .on(table.providerOrganisationId, sql`lower(${table.serviceArea})`, table.sectorId)
      .where(sql`${table.withdrawnOn} is null`),
    check(
      'provider_services_withdrawal_has_reason',
      sql`(${table.withdrawnOn} is null) = (${table.withdrawalReason} is null)`,
    ),
    index('provider_services_area_sector_idx').on(table.serviceArea, table.sectorId),
    check('provider_services_area_not_blank', sql`length(trim(${table.serviceArea})) > 0`),
  ],
);

// A Practice Based Commissioning consortium (a registry organisation of that type) and the one
// PCT it commissions with (2006 §106).
export const practiceConsortia = pgTable(
  'practice_consortia',
  {
    organisationId: uuid('organisation_id')
      .primaryKey()
      .references(() => organisations.id),
    primaryCareTrustId: uuid('primary_care_trust_id')
      .notNull()
      .references(() => organisations.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('practice_consortia_pct_idx').on(table.primaryCareTrustId),
    check(
      'practice_consortia_not_its_own_pct',
      sql`${table.organisationId} <> ${table.primaryCareTrustId}`,
    ),
  ],
);

// A new or revised patient pathway a consortium brings to its PCT: proposed, agreed with the PCT
// (on a date), then in place.
export const consortiumPathways = pgTable(
  'consortium_pathways',
  {
    id: uuid('id').primaryKey(),
    consortiumOrganisationId: uuid('consortium_organisation_id')
      .notNull()
      .references(() => practiceConsortia.organisationId),
    name: text('name').notNull(),
    serviceArea: text('service_area').notNull(),
    status: text('status').notNull(),
    description: text('description').notNull(),
    agreedOn: date('agreed_on', { mode: 'string' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('consortium_pathways_consortium_idx').on(table.consortiumOrganisationId),
    uniqueIndex('consortium_pathways_name_unique').on(
      table.consortiumOrganisationId,
      sql`lower(${table.name})`,
    ),
    check(
      'consortium_pathways_status_known',
      sql`${table.status} in ('proposed', 'agreed', 'in-place')`,
    ),
    // A pathway agreed with the PCT (or in place) says when it was agreed; a proposal does not.
    check(
      'consortium_pathways_agreed_on_with_status',
      sql`(${table.status} = 'proposed') = (${table.agreedOn} is null)`,
    ),
  ],
);

// A clinical network, reporting to a group at sector or London level (2006 §2.3).
export const clinicalNetworks = pgTable(
  'clinical_networks',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    reportsToBodyId: uuid('reports_to_body_id')
      .notNull()
      .references(() => bodies.id),
    objectives: text('objectives').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('clinical_networks_name_unique').on(sql`lower(${table.name})`),
    index('clinical_networks_body_idx').on(table.reportsToBodyId),
  ],
);

// A network's annual review: held on a date (never in the future), what it found, and when the
// next is due (after it was held). The latest review's due date flags the network overdue.
export const networkReviews = pgTable(
  'network_reviews',
  {
    id: uuid('id').primaryKey(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => clinicalNetworks.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    findings: text('findings').notNull(),
    nextReviewDue: date('next_review_due', { mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('network_reviews_network_idx').on(table.networkId, table.heldOn),
    check('network_reviews_next_after_held', sql`${table.nextReviewDue} > ${table.heldOn}`),
  ],
);
