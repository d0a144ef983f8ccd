/**
 * Tables owned by specialised-commissioning. Specialised services consortia: member PCTs pooling
 * budgets from their allocations, with their shares, the pooled budget by financial year, the
 * services commissioned, and the London group as lead (2008 "Commissioning development"; 2006
 * §104 "lead for specialised commissioning"; DOMAIN: "Specialised Commissioning Groups pool
 * budgets from PCT allocations"). Shares are basis points (10000 = 100%) summing to exactly 10000;
 * money is integer pence; each member's contribution is derived, never stored.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';
import { organisations } from './registry.ts';
import { specificationVersions } from './specifications.ts';

export const specialisedConsortia = pgTable(
  'specialised_consortia',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    // The lead: the body that leads the consortium's commissioning (the London group).
    leadBodyId: uuid('lead_body_id')
      .notNull()
      .references(() => bodies.id),
    // What the shares were derived from: population | activity | agreed.
    shareBasis: text('share_basis').notNull(),
    shareBasisNote: text('share_basis_note').notNull(),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('specialised_consortia_name_unique').on(sql`lower(${table.name})`),
    check(
      'specialised_consortia_share_basis_known',
      sql`${table.shareBasis} in ('population', 'activity', 'agreed')`,
    ),
  ],
);

export const specialisedConsortiumMembers = pgTable(
  'specialised_consortium_members',
  {
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => specialisedConsortia.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    shareBasisPoints: integer('share_basis_points').notNull(),
  },
  (table) => [
    uniqueIndex('specialised_consortium_members_unique').on(
      table.consortiumId,
      table.organisationId,
    ),
    index('specialised_consortium_members_organisation_idx').on(table.organisationId),
    check(
      'specialised_consortium_members_share_in_range',
      sql`${table.shareBasisPoints} > 0 and ${table.shareBasisPoints} <= 10000`,
    ),
  ],
);

// The pooled budget for one financial year (2007 for 2007/08), in whole pence.
export const specialisedConsortiumBudgets = pgTable(
  'specialised_consortium_budgets',
  {
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => specialisedConsortia.id),
    startYear: integer('start_year').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('specialised_consortium_budgets_year_unique').on(
      table.consortiumId,
      table.startYear,
    ),
    check('specialised_consortium_budgets_positive', sql`${table.amountPence} > 0`),
    check(
      'specialised_consortium_budgets_year_plausible',
      sql`${table.startYear} between 2000 and 2100`,
    ),
  ],
);

// A service the consortium commissions, optionally to a version of a library specification.
export const specialisedConsortiumServices = pgTable(
  'specialised_consortium_services',
  {
    id: uuid('id').primaryKey(),
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => specialisedConsortia.id),
    name: text('name').notNull(),
    specificationVersionId: uuid('specification_version_id').references(
      () => specificationVersions.id,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('specialised_consortium_services_name_unique').on(
      table.consortiumId,
      sql`lower(${table.name})`,
    ),
  ],
);
