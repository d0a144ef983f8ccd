/** Tables owned by joint-reviews. Joint service reviews (2006 §112). */
import { sql } from 'drizzle-orm';
import { check, date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';

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
