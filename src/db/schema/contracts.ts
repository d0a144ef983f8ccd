/**
 * Tables owned by contracts. The register of the contracts London's PCTs hold: who provides what,
 * bought how, for how long and for how much, and which PCTs pay in what shares (2006 §3.1(c)
 * "Contracting and management"; 2006 §104 "Market manage on a London wide basis"). Money is in
 * whole pence and shares in hundredths of a per cent, so totals add up exactly.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
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
import { organisations } from './registry.ts';
import { specificationVersions } from './specifications.ts';

// One contract. Rules the use cases enforce and the database backs where it can: the end is on or
// after the start; a single tender states its reason; an extension names the contract it extends;
// values are whole pence, never negative; the lead commissioner is one of the commissioners and
// their shares sum to exactly 100.00% (checked in src/contracts/contract-rules.ts, as it spans
// rows). "awarded" is reserved: a contract is marked awarded only from a tender whose procurement
// decisions register is complete (shared DOMAIN.md), so `tender_id` names that tender once the
// procurement capability sets it; no use case of the register may set it or the status.
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    service: text('service').notNull(),
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    // The version of a specification the contract buys: a version, never a specification (decision 023).
    specificationVersionId: uuid('specification_version_id').references(
      () => specificationVersions.id,
    ),
    procurementRoute: text('procurement_route').notNull(),
    singleTenderReason: text('single_tender_reason'),
    extendsContractId: uuid('extends_contract_id').references((): AnyPgColumn => contracts.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    totalValuePence: bigint('total_value_pence', { mode: 'number' }).notNull(),
    annualValuePence: bigint('annual_value_pence', { mode: 'number' }).notNull(),
    // How the commissioners' shares were worked out: by weighted population or by activity.
    shareBasis: text('share_basis').notNull(),
    leadOrganisationId: uuid('lead_organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').notNull(),
    // The tender a contract was awarded from (set by procurement, not by the register).
    tenderId: uuid('tender_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('contracts_reference_unique').on(sql`lower(${table.reference})`),
    // One award, one contract: two requests at once cannot both record a tender's contract.
    uniqueIndex('contracts_tender_unique').on(table.tenderId),
    index('contracts_provider_idx').on(table.providerOrganisationId),
    index('contracts_lead_idx').on(table.leadOrganisationId),
    index('contracts_status_idx').on(table.status),
    check(
      'contracts_procurement_route_known',
      sql`${table.procurementRoute} in ('open', 'restricted', 'competitive-dialogue', 'framework-call-off', 'single-tender', 'extension')`,
    ),
    check(
      'contracts_single_tender_has_reason',
      sql`${table.procurementRoute} <> 'single-tender' or ${table.singleTenderReason} is not null`,
    ),
    check(
      'contracts_extension_names_contract',
      sql`${table.procurementRoute} <> 'extension' or ${table.extendsContractId} is not null`,
    ),
    check('contracts_end_not_before_start', sql`${table.endsOn} >= ${table.startsOn}`),
    check(
      'contracts_values_not_negative',
      sql`${table.totalValuePence} >= 0 and ${table.annualValuePence} >= 0`,
    ),
    check('contracts_share_basis_known', sql`${table.shareBasis} in ('population', 'activity')`),
    check(
      'contracts_status_known',
      sql`${table.status} in ('active', 'extended', 'expired', 'terminated', 'awarded')`,
    ),
    check(
      'contracts_awarded_from_a_tender',
      sql`${table.status} <> 'awarded' or ${table.tenderId} is not null`,
    ),
  ],
);

// The PCTs that commission a contract and their shares of its cost (basis points, 10000 = 100%).
export const contractCommissioners = pgTable(
  'contract_commissioners',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    shareBasisPoints: integer('share_basis_points').notNull(),
  },
  (table) => [
    uniqueIndex('contract_commissioners_unique').on(table.contractId, table.organisationId),
    index('contract_commissioners_organisation_idx').on(table.organisationId),
    check(
      'contract_commissioners_share_in_range',
      sql`${table.shareBasisPoints} > 0 and ${table.shareBasisPoints} <= 10000`,
    ),
  ],
);

// The options to extend a contract, in order: each so many months, exercised or not. The latest
// possible end is the end plus every option's months.
export const contractExtensionOptions = pgTable(
  'contract_extension_options',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    months: integer('months').notNull(),
    exercised: boolean('exercised').notNull().default(false),
  },
  (table) => [
    uniqueIndex('contract_extension_options_unique').on(table.contractId, table.position),
    check('contract_extension_options_months_in_range', sql`${table.months} between 1 and 120`),
  ],
);
