/**
 * Tables owned by business-service. The London Commissioning Business Service held to account:
 * its catalogue of services, its key performance indicators and its periodic performance reports
 * to a group (2006 §3: "report directly to PCTs through the new partnership arrangements"; §106
 * "Performance manage the Commissioning Business Service"; 2008 "Business development": "Provide
 * direction to the Commissioning Support Service"). The Business Service never owns a decision, a
 * vote or a sign-off (2006 §3.2): a report is presented to a group, which records its conclusions.
 */
import { sql } from 'drizzle-orm';
import {
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
import { agendaItems, meetings } from './meetings.ts';
import { organisations } from './registry.ts';

// One service the Business Service offers, in one of the four areas of 2006 §3.1.
export const businessServiceOfferings = pgTable(
  'business_service_offerings',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    // intelligence-and-market-support | specifications-and-quality-assurance |
    // contracting-and-contract-management | administrative-support
    area: text('area').notNull(),
    description: text('description').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('business_service_offerings_name_unique').on(
      table.organisationId,
      sql`lower(${table.name})`,
    ),
    check(
      'business_service_offerings_area_known',
      sql`${table.area} in ('intelligence-and-market-support', 'specifications-and-quality-assurance', 'contracting-and-contract-management', 'administrative-support')`,
    ),
  ],
);

// A key performance indicator of one catalogue service. Target and figures are in hundredths of
// the unit (95% = 9500; 10 days = 1000), so comparisons are exact integers.
export const businessServiceIndicators = pgTable(
  'business_service_indicators',
  {
    id: uuid('id').primaryKey(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => businessServiceOfferings.id),
    name: text('name').notNull(),
    measures: text('measures').notNull(),
    targetHundredths: integer('target_hundredths').notNull(),
    // percent | working-days | count
    unit: text('unit').notNull(),
    // higher-is-better | lower-is-better
    direction: text('direction').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('business_service_indicators_name_unique').on(sql`lower(${table.name})`),
    index('business_service_indicators_offering_idx').on(table.offeringId),
    check(
      'business_service_indicators_unit_known',
      sql`${table.unit} in ('percent', 'working-days', 'count')`,
    ),
    check(
      'business_service_indicators_direction_known',
      sql`${table.direction} in ('higher-is-better', 'lower-is-better')`,
    ),
    check('business_service_indicators_target_not_negative', sql`${table.targetHundredths} >= 0`),
    check(
      'business_service_indicators_percent_at_most_100',
      sql`${table.unit} <> 'percent' or ${table.targetHundredths} <= 10000`,
    ),
  ],
);

// A periodic performance report to a group for one quarter of a financial year: recorded, then
// presented as an agenda item of one of the group's meetings, then concluded by the group.
export const businessServiceReports = pgTable(
  'business_service_reports',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    // The group the report goes to (2006 §106: the groups performance-manage the Business Service).
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    // The financial year's first calendar year (2007 for 2007/08) and the quarter, 1 to 4.
    startYear: integer('start_year').notNull(),
    quarter: integer('quarter').notNull(),
    preparedOn: date('prepared_on', { mode: 'string' }).notNull(),
    summary: text('summary'),
    // recorded → presented (on a meeting's agenda) → concluded (the group's conclusions recorded)
    status: text('status').notNull().default('recorded'),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id),
    conclusions: text('conclusions'),
    concludedOn: date('concluded_on', { mode: 'string' }),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('business_service_reports_period_unique').on(
      table.bodyId,
      table.startYear,
      table.quarter,
    ),
    check('business_service_reports_quarter_known', sql`${table.quarter} between 1 and 4`),
    check(
      'business_service_reports_status_known',
      sql`${table.status} in ('recorded', 'presented', 'concluded')`,
    ),
    check(
      'business_service_reports_presented_on_an_agenda',
      sql`${table.status} = 'recorded' or (${table.meetingId} is not null and ${table.agendaItemId} is not null)`,
    ),
    check(
      'business_service_reports_concluded_with_conclusions',
      sql`${table.status} <> 'concluded' or (${table.conclusions} is not null and ${table.concludedOn} is not null)`,
    ),
  ],
);

// The figure a report gives for one indicator, with the target it was judged against and the
// red/amber/green status the rule gave (kept, so a later change of target never rewrites a report).
export const businessServiceFigures = pgTable(
  'business_service_figures',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => businessServiceReports.id),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => businessServiceIndicators.id),
    valueHundredths: integer('value_hundredths').notNull(),
    targetHundredths: integer('target_hundredths').notNull(),
    status: text('status').notNull(),
    commentary: text('commentary'),
  },
  (table) => [
    uniqueIndex('business_service_figures_unique').on(table.reportId, table.indicatorId),
    index('business_service_figures_indicator_idx').on(table.indicatorId),
    check(
      'business_service_figures_status_known',
      sql`${table.status} in ('green', 'amber', 'red')`,
    ),
    check('business_service_figures_value_not_negative', sql`${table.valueHundredths} >= 0`),
  ],
);
