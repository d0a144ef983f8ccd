/**
 * Tables owned by programme. A body's delivery programme (2008 "Healthcare for London": "a
 * delivery programme, with priority and sequencing of activity, and actions at London, sector and
 * PCT level"): workstreams, projects and their dependencies, action teams, actions, milestones,
 * and the RAG history with the reason for each change.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';
import { organisations, sectors } from './registry.ts';

const ragCheck = (column: unknown) => sql`${column} in ('red', 'amber', 'green')`;

export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    title: text('title').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('programmes_body_title_unique').on(table.bodyId, sql`lower(${table.title})`),
    check('programmes_title_not_blank', sql`btrim(${table.title}) <> ''`),
  ],
);

export const programmeWorkstreams = pgTable(
  'programme_workstreams',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    title: text('title').notNull(),
    // 1 = first.
    priority: integer('priority').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('programme_workstreams_title_unique').on(
      table.programmeId,
      sql`lower(${table.title})`,
    ),
    check('programme_workstreams_title_not_blank', sql`btrim(${table.title}) <> ''`),
    check('programme_workstreams_priority_positive', sql`${table.priority} >= 1`),
  ],
);

export const programmeProjects = pgTable(
  'programme_projects',
  {
    id: uuid('id').primaryKey(),
    workstreamId: uuid('workstream_id')
      .notNull()
      .references(() => programmeWorkstreams.id),
    title: text('title').notNull(),
    // 1 = first; the sequence orders projects of the same priority within the workstream.
    priority: integer('priority').notNull(),
    sequence: integer('sequence').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    rag: text('rag').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('programme_projects_workstream_idx').on(table.workstreamId),
    check('programme_projects_title_not_blank', sql`btrim(${table.title}) <> ''`),
    check('programme_projects_priority_positive', sql`${table.priority} >= 1`),
    check('programme_projects_sequence_positive', sql`${table.sequence} >= 1`),
    check('programme_projects_due_not_before_start', sql`${table.dueOn} >= ${table.startsOn}`),
    check('programme_projects_rag', ragCheck(table.rag)),
  ],
);

// Project B (projectId) cannot start before project A (dependsOnProjectId) finishes.
export const programmeProjectDependencies = pgTable(
  'programme_project_dependencies',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => programmeProjects.id),
    dependsOnProjectId: uuid('depends_on_project_id')
      .notNull()
      .references(() => programmeProjects.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.dependsOnProjectId] }),
    check(
      'programme_project_dependencies_not_itself',
      sql`${table.projectId} <> ${table.dependsOnProjectId}`,
    ),
  ],
);

// 2008 "Healthcare for London": "set up action teams ... accountable to the group".
export const programmeActionTeams = pgTable(
  'programme_action_teams',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    name: text('name').notNull(),
    remit: text('remit').notNull(),
    leadPerson: text('lead_person'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('programme_action_teams_name_unique').on(
      table.programmeId,
      sql`lower(${table.name})`,
    ),
    check('programme_action_teams_name_not_blank', sql`btrim(${table.name}) <> ''`),
    check('programme_action_teams_remit_not_blank', sql`btrim(${table.remit}) <> ''`),
  ],
);

// An action is owned by exactly one level: London (a London-wide body, or NHS London), a sector
// (its local group), a PCT, or an action team of the programme.
export const programmeActions = pgTable(
  'programme_actions',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => programmeProjects.id),
    title: text('title').notNull(),
    ownerLevel: text('owner_level').notNull(),
    ownerBodyId: uuid('owner_body_id').references(() => bodies.id),
    ownerOrganisationId: uuid('owner_organisation_id').references(() => organisations.id),
    actionTeamId: uuid('action_team_id').references(() => programmeActionTeams.id),
    // The sector the owner answers in (a sector group's, or a PCT's), for the roll-ups.
    sectorId: text('sector_id').references(() => sectors.id),
    leadPerson: text('lead_person'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    completedOn: date('completed_on', { mode: 'string' }),
    rag: text('rag').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('programme_actions_project_idx').on(table.projectId),
    index('programme_actions_organisation_idx').on(table.ownerOrganisationId),
    check('programme_actions_title_not_blank', sql`btrim(${table.title}) <> ''`),
    check('programme_actions_rag', ragCheck(table.rag)),
    check(
      'programme_actions_one_owner',
      sql`(${table.ownerLevel} = 'london' and ((${table.ownerBodyId} is not null and ${table.ownerOrganisationId} is null) or (${table.ownerBodyId} is null and ${table.ownerOrganisationId} is not null)) and ${table.actionTeamId} is null and ${table.sectorId} is null)
        or (${table.ownerLevel} = 'sector' and ${table.ownerBodyId} is not null and ${table.ownerOrganisationId} is null and ${table.actionTeamId} is null and ${table.sectorId} is not null)
        or (${table.ownerLevel} = 'pct' and ${table.ownerBodyId} is null and ${table.ownerOrganisationId} is not null and ${table.actionTeamId} is null and ${table.sectorId} is not null)
        or (${table.ownerLevel} = 'action-team' and ${table.ownerBodyId} is null and ${table.ownerOrganisationId} is null and ${table.actionTeamId} is not null and ${table.sectorId} is null)`,
    ),
  ],
);

export const programmeMilestones = pgTable(
  'programme_milestones',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => programmeProjects.id),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    achievedOn: date('achieved_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('programme_milestones_project_idx').on(table.projectId),
    check('programme_milestones_title_not_blank', sql`btrim(${table.title}) <> ''`),
  ],
);

// The RAG history: the status each project and action was given, from what, why, by whom, when.
// 'set' is the status a project or action is added with; 'completed' records an action's completion.
export const programmeRagChanges = pgTable(
  'programme_rag_changes',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').references(() => programmeProjects.id),
    actionId: uuid('action_id').references(() => programmeActions.id),
    kind: text('kind').notNull(),
    fromRag: text('from_rag'),
    toRag: text('to_rag').notNull(),
    reason: text('reason').notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    changedBy: text('changed_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('programme_rag_changes_project_idx').on(table.projectId),
    index('programme_rag_changes_action_idx').on(table.actionId),
    check(
      'programme_rag_changes_one_subject',
      sql`(${table.projectId} is null) <> (${table.actionId} is null)`,
    ),
    check('programme_rag_changes_kind', sql`${table.kind} in ('set', 'change', 'completed')`),
    check('programme_rag_changes_to_rag', ragCheck(table.toRag)),
    check(
      'programme_rag_changes_from_rag',
      sql`${table.fromRag} is null or ${table.fromRag} in ('red', 'amber', 'green')`,
    ),
    check('programme_rag_changes_reason_not_blank', sql`btrim(${table.reason}) <> ''`),
  ],
);
