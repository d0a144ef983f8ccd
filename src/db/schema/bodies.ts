import {
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './registry.ts';

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
