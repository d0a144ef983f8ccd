/**
 * The use cases of the delivery programme. Each checks who may act on the record's body
 * (`mayKeepProgramme`: an administrator, the body's secretariat or programme office), runs in one
 * transaction, and writes its audit event in it. Reads are public: a delivery programme is.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate, mayKeepProgramme } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound } from '../shared/problems.ts';
import {
  firstStatusDate,
  forbidden,
  modelOf,
  programmeToKeep,
  uniqueOr,
} from './programme-access.ts';
import {
  insertActionTeam,
  insertDependency,
  insertMilestone,
  insertProgramme,
  insertProject,
  insertRagChanges,
  insertWorkstream,
  updateMilestoneAchieved,
} from './programme-queries.ts';
import { cycleProblem, dependencyCycle, type Rag } from './programme-rules.ts';

export async function createProgramme(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  title: string;
  description?: string | undefined;
}): Promise<{ programmeId: string }> {
  const { db, context, actor } = options;
  const body = await loadBody(db, options.slug);
  if (!mayKeepProgramme(actor, body.slug)) throw forbidden(body.title);
  const row = {
    id: uuidv7(),
    bodyId: body.id,
    title: options.title,
    description: options.description ?? null,
    createdAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await insertProgramme(transaction, row);
      await recordAuditEvents(transaction, context, [
        { action: 'programme.created', entityType: 'programme', entityId: row.id, after: row },
      ]);
    });
  } catch (error) {
    uniqueOr(error, 'title', `${body.title} already has a programme called “${options.title}”.`);
  }
  return { programmeId: row.id };
}

export async function addWorkstream(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  programmeId: string;
  title: string;
  priority: number;
}): Promise<{ workstreamId: string }> {
  const { db, context, actor } = options;
  const id = uuidv7();
  try {
    await db.transaction(async (transaction) => {
      const programme = await programmeToKeep(transaction, actor, 'programme', options.programmeId);
      const row = {
        id,
        programmeId: programme.id,
        title: options.title,
        priority: options.priority,
        createdAt: context.now,
      };
      await insertWorkstream(transaction, row);
      await recordAuditEvents(transaction, context, [
        {
          action: 'programme.workstream-added',
          entityType: 'programme',
          entityId: programme.id,
          after: row,
        },
      ]);
    });
  } catch (error) {
    uniqueOr(error, 'title', `The programme already has a workstream called “${options.title}”.`);
  }
  return { workstreamId: id };
}

export async function addActionTeam(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  programmeId: string;
  name: string;
  remit: string;
  leadPerson?: string | undefined;
}): Promise<{ actionTeamId: string }> {
  const { db, context, actor } = options;
  const id = uuidv7();
  try {
    await db.transaction(async (transaction) => {
      const programme = await programmeToKeep(transaction, actor, 'programme', options.programmeId);
      const row = {
        id,
        programmeId: programme.id,
        name: options.name,
        remit: options.remit,
        leadPerson: options.leadPerson ?? null,
        createdAt: context.now,
      };
      await insertActionTeam(transaction, row);
      await recordAuditEvents(transaction, context, [
        {
          action: 'programme.action-team-set-up',
          entityType: 'programme',
          entityId: programme.id,
          after: row,
        },
      ]);
    });
  } catch (error) {
    uniqueOr(error, 'name', `The programme already has an action team called “${options.name}”.`);
  }
  return { actionTeamId: id };
}

// ── Projects, dependencies, milestones ───────────────────────────────────────────────────────

/** The date a new project's or action's first status is recorded on: its start, or today if later. */

export async function addProject(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  workstreamId: string;
  title: string;
  priority: number;
  sequence: number;
  startsOn: string;
  dueOn: string;
  rag: Rag;
}): Promise<{ projectId: string }> {
  const { db, context, actor } = options;
  if (options.dueOn < options.startsOn) {
    throw invalidInput([
      { field: 'dueOn', message: 'The due date cannot be before the start date.' },
    ]);
  }
  const id = uuidv7();
  const today = londonDate(context.now);
  await db.transaction(async (transaction) => {
    const programme = await programmeToKeep(transaction, actor, 'workstream', options.workstreamId);
    const row = {
      id,
      workstreamId: options.workstreamId,
      title: options.title,
      priority: options.priority,
      sequence: options.sequence,
      startsOn: options.startsOn,
      dueOn: options.dueOn,
      rag: options.rag,
      createdAt: context.now,
    };
    await insertProject(transaction, row);
    await insertRagChanges(transaction, [
      {
        id: uuidv7(),
        projectId: id,
        kind: 'set',
        fromRag: null,
        toRag: options.rag,
        reason: 'Status when the project was added to the programme.',
        changedOn: firstStatusDate(options.startsOn, today),
        changedBy: context.actor,
        recordedAt: context.now,
      },
    ]);
    await recordAuditEvents(transaction, context, [
      {
        action: 'programme.project-added',
        entityType: 'programme',
        entityId: programme.id,
        after: row,
      },
    ]);
  });
  return { projectId: id };
}

/** "Project B cannot start before A finishes": refused when it would close a cycle, naming it. */
export async function addDependency(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  projectId: string;
  dependsOnProjectId: string;
}): Promise<{ projectId: string; dependsOnProjectId: string }> {
  const { db, context, actor, projectId, dependsOnProjectId } = options;
  await db.transaction(async (transaction) => {
    const programme = await programmeToKeep(transaction, actor, 'project', projectId);
    const model = await modelOf(transaction, programme, londonDate(context.now));
    if (!model.records.projects.some((project) => project.id === dependsOnProjectId)) {
      throw invalidInput([
        {
          field: 'dependsOnProjectId',
          message: 'Choose a project of the same programme for it to wait for.',
        },
      ]);
    }
    if (
      model.records.dependencies.some(
        (edge) => edge.projectId === projectId && edge.dependsOnProjectId === dependsOnProjectId,
      )
    ) {
      throw conflict(
        'dependsOnProjectId',
        `${model.projectTitle(projectId)} already waits for ${model.projectTitle(dependsOnProjectId)}.`,
      );
    }
    const cycle = dependencyCycle(model.records.dependencies, projectId, dependsOnProjectId);
    if (cycle) {
      const problem = cycleProblem(cycle, (id) => model.projectTitle(id));
      throw conflict(problem.field, problem.message);
    }
    const row = { projectId, dependsOnProjectId, createdAt: context.now };
    await insertDependency(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'programme.dependency-added',
        entityType: 'programme',
        entityId: programme.id,
        after: {
          ...row,
          project: model.projectTitle(projectId),
          after: model.projectTitle(dependsOnProjectId),
        },
      },
    ]);
  });
  return { projectId, dependsOnProjectId };
}

export async function addMilestone(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  projectId: string;
  title: string;
  dueOn: string;
  achievedOn?: string | undefined;
}): Promise<{ milestoneId: string }> {
  const { db, context, actor } = options;
  if (options.achievedOn && options.achievedOn > londonDate(context.now)) {
    throw invalidInput([
      { field: 'achievedOn', message: 'A milestone cannot be achieved after today.' },
    ]);
  }
  const id = uuidv7();
  await db.transaction(async (transaction) => {
    const programme = await programmeToKeep(transaction, actor, 'project', options.projectId);
    const row = {
      id,
      projectId: options.projectId,
      title: options.title,
      dueOn: options.dueOn,
      achievedOn: options.achievedOn ?? null,
      createdAt: context.now,
    };
    await insertMilestone(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'programme.milestone-added',
        entityType: 'programme',
        entityId: programme.id,
        after: row,
      },
    ]);
  });
  return { milestoneId: id };
}

export async function recordMilestoneAchieved(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  milestoneId: string;
  achievedOn: string;
}): Promise<{ projectId: string }> {
  const { db, context, actor, milestoneId, achievedOn } = options;
  if (achievedOn > londonDate(context.now)) {
    throw invalidInput([
      { field: 'achievedOn', message: 'A milestone cannot be achieved after today.' },
    ]);
  }
  return db.transaction(async (transaction) => {
    const programme = await programmeToKeep(transaction, actor, 'milestone', milestoneId);
    const model = await modelOf(transaction, programme, londonDate(context.now));
    const milestone = model.records.milestones.find((each) => each.id === milestoneId);
    if (!milestone) throw notFound('milestone', milestoneId);
    if (milestone.achievedOn) {
      throw conflict(
        'achievedOn',
        `The milestone was already achieved on ${milestone.achievedOn}.`,
      );
    }
    await updateMilestoneAchieved(transaction, milestoneId, achievedOn);
    await recordAuditEvents(transaction, context, [
      {
        action: 'programme.milestone-achieved',
        entityType: 'programme',
        entityId: programme.id,
        before: milestone,
        after: { ...milestone, achievedOn },
      },
    ]);
    return { projectId: milestone.projectId };
  });
}

// ── Actions ─────────────────────────────────────────────────────────────────────────────────

/**
 * An owner as a form or the API names it: `body:<slug>` (the London group, a sector's group),
 * `organisation:<id>` (a PCT, NHS London) or `action-team:<id>` (a team of this programme).
 */
