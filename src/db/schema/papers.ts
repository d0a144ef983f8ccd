import {
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agendaItems, meetings } from './meetings.ts';

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
