/** Tables owned by interests. The register of interests and the annual declarations. */
import { sql } from 'drizzle-orm';
import {
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
import { people } from './registry.ts';

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
