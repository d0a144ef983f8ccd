/** Tables owned by registry. The registry: sectors, organisations, people and the posts they hold. */
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
