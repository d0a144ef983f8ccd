/**
 * The use cases of the delivery programme. Each checks who may act on the record's body
 * (`mayKeepProgramme`: an administrator, the body's secretariat or programme office), runs in one
 * transaction, and writes its audit event in it. Reads are public: a delivery programme is.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, selectBodies, selectBodyBySlug, termsInForce } from '../bodies/index.ts';
import type { Database, Reader, Transaction } from '../db/connection.ts';
import { type Actor, londonDate, mayKeepProgramme } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
  notFound,
  ProblemError,
} from '../shared/problems.ts';
import {
  insertAction,
  insertActionTeam,
  insertDependency,
  insertMilestone,
  insertProgramme,
  insertProject,
  insertRagChanges,
  insertWorkstream,
  type ProgrammeRow,
  selectActionTeam,
  selectOrganisation,
  selectOwnerOrganisations,
  selectProgramme,
  selectProgrammeIdOf,
  selectProgrammeIdsWithOrganisation,
  selectProgrammeRecords,
  selectProgrammes,
  selectSectors,
  updateAction,
  updateMilestoneAchieved,
  updateProjectRag,
} from './programme-queries.ts';
import {
  accountabilityClause,
  checkRagChange,
  countActions,
  cycleProblem,
  dependencyCycle,
  lateFirst,
  type OwnerCandidate,
  ownerLevelOf,
  type Rag,
} from './programme-rules.ts';
import { type ActionView, ProgrammeModel, type ProgrammeView } from './programme-view.ts';

function forbidden(bodyTitle: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator, or the secretariat or programme office of ${bodyTitle}, may keep its delivery programme.`,
  });
}

function refuse(problems: FieldProblem[]): void {
  if (problems.length) throw invalidInput(problems);
}

/** The programme a record belongs to, locked, with the keeper's permission checked on its body. */
async function programmeToKeep(
  transaction: Transaction,
  actor: Actor,
  kind: 'programme' | 'workstream' | 'project' | 'action' | 'milestone',
  id: string,
): Promise<ProgrammeRow> {
  const programmeId = kind === 'programme' ? id : await selectProgrammeIdOf(transaction, kind, id);
  const programme = programmeId ? await selectProgramme(transaction, programmeId, true) : undefined;
  if (!programme) throw notFound(kind === 'programme' ? 'programme' : `programme ${kind}`, id);
  if (!mayKeepProgramme(actor, programme.bodySlug)) throw forbidden(programme.bodyTitle);
  return programme;
}

async function modelOf(reader: Reader, programme: ProgrammeRow, today: string) {
  return new ProgrammeModel(await selectProgrammeRecords(reader, programme), today);
}

function uniqueOr(error: unknown, field: string, message: string): never {
  if (isUniqueViolation(error)) throw conflict(field, message);
  throw error;
}

// ── Programmes, workstreams, action teams ─────────────────────────────────────────────────────

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
const firstStatusDate = (startsOn: string, today: string) => (startsOn < today ? startsOn : today);

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
async function ownerOf(
  transaction: Transaction,
  programmeId: string,
  owner: string,
  today: string,
) {
  const [kind, ...rest] = owner.split(':');
  const key = rest.join(':');
  const unknown = () =>
    invalidInput([{ field: 'owner', message: 'Choose who owns the action from the list.' }]);
  if (kind === 'body') {
    const body = await selectBodyBySlug(transaction, key);
    if (!body) throw unknown();
    const terms = await termsInForce(transaction, body.id, today);
    const candidate: OwnerCandidate = {
      kind: 'body',
      title: body.title,
      sectorIds: (terms?.sectors ?? []).map((sector) => sector.id),
    };
    return { candidate, columns: { ownerBodyId: body.id }, name: body.title };
  }
  if (kind === 'organisation' && /^[0-9a-f-]{36}$/i.test(key)) {
    const organisation = await selectOrganisation(transaction, { id: key });
    if (!organisation) throw unknown();
    const candidate: OwnerCandidate = {
      kind: 'organisation',
      name: organisation.name,
      type: organisation.type,
      sectorId: organisation.sectorId,
    };
    return {
      candidate,
      columns: { ownerOrganisationId: organisation.id },
      name: organisation.name,
    };
  }
  if (kind === 'action-team' && /^[0-9a-f-]{36}$/i.test(key)) {
    const team = await selectActionTeam(transaction, programmeId, key);
    if (!team) throw unknown();
    const candidate: OwnerCandidate = { kind: 'action-team', name: team.name };
    return { candidate, columns: { actionTeamId: team.id }, name: team.name };
  }
  throw unknown();
}

export async function addAction(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  projectId: string;
  title: string;
  owner: string;
  leadPerson?: string | undefined;
  dueOn: string;
  rag: Rag;
}): Promise<{ actionId: string }> {
  const { db, context, actor } = options;
  const id = uuidv7();
  const today = londonDate(context.now);
  await db.transaction(async (transaction) => {
    const programme = await programmeToKeep(transaction, actor, 'project', options.projectId);
    const owner = await ownerOf(transaction, programme.id, options.owner, today);
    const decision = ownerLevelOf(owner.candidate);
    if (!decision.ok) throw invalidInput([decision.problem]);
    const model = await modelOf(transaction, programme, today);
    const project = model.records.projects.find((each) => each.id === options.projectId);
    const row = {
      id,
      projectId: options.projectId,
      title: options.title,
      ownerLevel: decision.level,
      ...owner.columns,
      sectorId: decision.sectorId,
      leadPerson: options.leadPerson ?? null,
      dueOn: options.dueOn,
      completedOn: null,
      rag: options.rag,
      createdAt: context.now,
    };
    await insertAction(transaction, row);
    await insertRagChanges(transaction, [
      {
        id: uuidv7(),
        actionId: id,
        kind: 'set',
        fromRag: null,
        toRag: options.rag,
        reason: 'Status when the action was added to the programme.',
        changedOn: firstStatusDate(project?.startsOn ?? today, today),
        changedBy: context.actor,
        recordedAt: context.now,
      },
    ]);
    await recordAuditEvents(transaction, context, [
      {
        action: 'programme.action-added',
        entityType: 'programme',
        entityId: programme.id,
        after: { ...row, owner: owner.name },
      },
    ]);
  });
  return { actionId: id };
}

/** A change of RAG status with its reason, on a project or an action; the history keeps it. */
export async function changeRag(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  subject: { kind: 'project' | 'action'; id: string };
  rag: Rag;
  reason: string;
  changedOn?: string | undefined;
}): Promise<{ rag: Rag }> {
  const { db, context, actor, subject } = options;
  const today = londonDate(context.now);
  const changedOn = options.changedOn ?? today;
  return db.transaction(async (transaction) => {
    const programme = await programmeToKeep(transaction, actor, subject.kind, subject.id);
    const model = await modelOf(transaction, programme, today);
    const record =
      subject.kind === 'project'
        ? model.records.projects.find((each) => each.id === subject.id)
        : model.records.actions.find((each) => each.id === subject.id);
    if (!record) throw notFound(subject.kind, subject.id);
    const history = model.records.ragChanges.filter((change) =>
      subject.kind === 'project' ? change.projectId === subject.id : change.actionId === subject.id,
    );
    const problems = checkRagChange({
      current: record.rag,
      to: options.rag,
      reason: options.reason,
      changedOn,
      today,
      completedOn: 'completedOn' in record ? record.completedOn : null,
      what: subject.kind,
    });
    const latest = history.at(-1)?.changedOn;
    if (latest && changedOn < latest) {
      problems.push({
        field: 'changedOn',
        message: `The change cannot be dated before the last one recorded (${latest}).`,
      });
    }
    refuse(problems);
    if (subject.kind === 'project') await updateProjectRag(transaction, subject.id, options.rag);
    else await updateAction(transaction, subject.id, { rag: options.rag });
    const change = {
      id: uuidv7(),
      ...(subject.kind === 'project' ? { projectId: subject.id } : { actionId: subject.id }),
      kind: 'change' as const,
      fromRag: record.rag,
      toRag: options.rag,
      reason: options.reason.trim(),
      changedOn,
      changedBy: context.actor,
      recordedAt: context.now,
    };
    await insertRagChanges(transaction, [change]);
    await recordAuditEvents(transaction, context, [
      {
        action: `programme.${subject.kind}-rag-changed`,
        entityType: 'programme',
        entityId: programme.id,
        before: { id: subject.id, title: record.title, rag: record.rag },
        after: {
          id: subject.id,
          title: record.title,
          rag: options.rag,
          reason: change.reason,
          changedOn,
        },
      },
    ]);
    return { rag: options.rag };
  });
}

/** Completing an action: a change of its own in the history. */
export async function completeAction(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  actionId: string;
  completedOn: string;
  note?: string | undefined;
}): Promise<{ completedOn: string }> {
  const { db, context, actor, actionId, completedOn } = options;
  const today = londonDate(context.now);
  return db.transaction(async (transaction) => {
    const programme = await programmeToKeep(transaction, actor, 'action', actionId);
    const model = await modelOf(transaction, programme, today);
    const action = model.records.actions.find((each) => each.id === actionId);
    if (!action) throw notFound('action', actionId);
    if (action.completedOn) {
      throw conflict('completedOn', `The action was already completed on ${action.completedOn}.`);
    }
    const latest = model.records.ragChanges.filter((change) => change.actionId === actionId).at(-1);
    const problems: FieldProblem[] = [];
    if (completedOn > today) {
      problems.push({
        field: 'completedOn',
        message: 'An action cannot be completed after today.',
      });
    }
    if (latest && completedOn < latest.changedOn) {
      problems.push({
        field: 'completedOn',
        message: `The completion cannot be dated before the last status recorded (${latest.changedOn}).`,
      });
    }
    refuse(problems);
    await updateAction(transaction, actionId, { completedOn });
    await insertRagChanges(transaction, [
      {
        id: uuidv7(),
        actionId,
        kind: 'completed',
        fromRag: action.rag,
        toRag: action.rag,
        reason: options.note?.trim() || 'The action was completed.',
        changedOn: completedOn,
        changedBy: context.actor,
        recordedAt: context.now,
      },
    ]);
    await recordAuditEvents(transaction, context, [
      {
        action: 'programme.action-completed',
        entityType: 'programme',
        entityId: programme.id,
        before: { id: actionId, title: action.title, completedOn: null },
        after: { id: actionId, title: action.title, completedOn, note: options.note ?? null },
      },
    ]);
    return { completedOn };
  });
}

// ── Reads ───────────────────────────────────────────────────────────────────────────────────

async function loadModel(db: Reader, programmeId: string, now: Date) {
  const programme = await selectProgramme(db, programmeId);
  if (!programme) throw notFound('programme', programmeId);
  return modelOf(db, programme, londonDate(now));
}

export interface ProgrammeSummary {
  id: string;
  title: string;
  body: { slug: string; title: string };
}

export async function listProgrammes(options: {
  db: Database;
  actor: Actor;
  slug?: string | undefined;
}): Promise<{
  body: { slug: string; title: string } | null;
  items: ProgrammeSummary[];
  mayKeep: boolean;
}> {
  const body = options.slug ? await loadBody(options.db, options.slug) : null;
  const rows = await selectProgrammes(options.db, body?.id);
  return {
    body: body ? { slug: body.slug, title: body.title } : null,
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      body: { slug: row.bodySlug, title: row.bodyTitle },
    })),
    mayKeep: body ? mayKeepProgramme(options.actor, body.slug) : false,
  };
}

export async function getProgramme(options: {
  db: Database;
  actor: Actor;
  programmeId: string;
  now: Date;
}): Promise<ProgrammeView> {
  const model = await loadModel(options.db, options.programmeId, options.now);
  return model.view(mayKeepProgramme(options.actor, model.records.programme.bodySlug));
}

export interface OwnerOption {
  value: string;
  text: string;
  group: 'London' | 'Sector' | 'PCT' | 'Action team';
}

/** Who may own an action: London-wide bodies and NHS London, sector groups, PCTs, action teams. */
async function ownerOptions(db: Reader, model: ProgrammeModel): Promise<OwnerOption[]> {
  const options: OwnerOption[] = [];
  for (const body of await selectBodies(db)) {
    const terms = await termsInForce(db, body.id, model.today);
    const decision = ownerLevelOf({
      kind: 'body',
      title: body.title,
      sectorIds: (terms?.sectors ?? []).map((sector) => sector.id),
    });
    if (decision.ok) {
      options.push({
        value: `body:${body.slug}`,
        text: body.title,
        group: decision.level === 'sector' ? 'Sector' : 'London',
      });
    }
  }
  for (const organisation of await selectOwnerOrganisations(db)) {
    options.push({
      value: `organisation:${organisation.id}`,
      text: organisation.name,
      group: organisation.type === 'primary-care-trust' ? 'PCT' : 'London',
    });
  }
  for (const team of model.records.actionTeams) {
    options.push({ value: `action-team:${team.id}`, text: team.name, group: 'Action team' });
  }
  const order = ['London', 'Sector', 'PCT', 'Action team'];
  return options.sort(
    (a, b) => order.indexOf(a.group) - order.indexOf(b.group) || a.text.localeCompare(b.text),
  );
}

export async function getWorkstream(options: {
  db: Database;
  actor: Actor;
  workstreamId: string;
  now: Date;
}) {
  const programmeId = await selectProgrammeIdOf(options.db, 'workstream', options.workstreamId);
  if (!programmeId) throw notFound('workstream', options.workstreamId);
  const model = await loadModel(options.db, programmeId, options.now);
  const workstream = model.workstream(options.workstreamId);
  if (!workstream) throw notFound('workstream', options.workstreamId);
  const { programme } = model.records;
  const projectIds = new Set(workstream.projects.map((project) => project.id));
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
    },
    today: model.today,
    workstream,
    actions: model.actions((action) => projectIds.has(action.projectId)),
    timeline: model.timeline([workstream], `Timeline of the ${workstream.title} workstream`),
    mayKeep: mayKeepProgramme(options.actor, programme.bodySlug),
  };
}

export async function getProject(options: {
  db: Database;
  actor: Actor;
  projectId: string;
  now: Date;
}) {
  const programmeId = await selectProgrammeIdOf(options.db, 'project', options.projectId);
  if (!programmeId) throw notFound('project', options.projectId);
  const model = await loadModel(options.db, programmeId, options.now);
  const project = model.project(options.projectId);
  if (!project) throw notFound('project', options.projectId);
  const { programme } = model.records;
  const mayKeep = mayKeepProgramme(options.actor, programme.bodySlug);
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
    },
    today: model.today,
    project,
    actions: model.actions((action) => action.projectId === options.projectId),
    history: model.history({ projectId: options.projectId }),
    /** Projects it could be set to wait for (the cycle check refuses the ones that close a loop). */
    otherProjects: model.records.projects
      .filter((each) => each.id !== options.projectId)
      .map((each) => ({ id: each.id, title: each.title })),
    owners: mayKeep ? await ownerOptions(options.db, model) : [],
    mayKeep,
  };
}

export async function getAction(options: {
  db: Database;
  actor: Actor;
  actionId: string;
  now: Date;
}) {
  const programmeId = await selectProgrammeIdOf(options.db, 'action', options.actionId);
  if (!programmeId) throw notFound('action', options.actionId);
  const model = await loadModel(options.db, programmeId, options.now);
  const row = model.records.actions.find((each) => each.id === options.actionId);
  if (!row) throw notFound('action', options.actionId);
  const { programme } = model.records;
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
    },
    today: model.today,
    action: model.action(row),
    history: model.history({ actionId: options.actionId }),
    mayKeep: mayKeepProgramme(options.actor, programme.bodySlug),
  };
}

export interface RollUpRow {
  key: string;
  title: string;
  /** Where its own page is: a workstream's, a PCT's. */
  href: string | null;
  counts: ReturnType<typeof countActions>;
  late: ActionView[];
}

/** Roll-ups by workstream, by sector (the sector group's and its PCTs' actions) and by PCT. */
export async function getRollUp(options: { db: Database; programmeId: string; now: Date }) {
  const model = await loadModel(options.db, options.programmeId, options.now);
  const all = model.actions();
  const row = (
    key: string,
    title: string,
    href: string | null,
    actions: ActionView[],
  ): RollUpRow => ({
    key,
    title,
    href,
    counts: countActions(actions, model.today),
    late: lateFirst(
      actions.filter((action) => action.late),
      model.today,
    ),
  });
  const sectors = await selectSectors(options.db);
  const pcts = (await selectOwnerOrganisations(options.db)).filter(
    (organisation) => organisation.type === 'primary-care-trust',
  );
  const { programme } = model.records;
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
    },
    today: model.today,
    overall: row('all', 'The whole programme', null, all),
    byWorkstream: model.records.workstreams.map((workstream) =>
      row(
        workstream.id,
        workstream.title,
        `/programme/workstreams/${workstream.id}`,
        all.filter((action) => action.workstream.id === workstream.id),
      ),
    ),
    byLevel: (['london', 'sector', 'pct', 'action-team'] as const).map((level) =>
      row(
        level,
        { london: 'London', sector: 'Sector groups', pct: 'PCTs', 'action-team': 'Action teams' }[
          level
        ],
        null,
        all.filter((action) => action.owner.level === level),
      ),
    ),
    bySector: sectors.map((sector) =>
      row(
        sector.id,
        sector.name,
        null,
        all.filter((action) => action.sector?.id === sector.id),
      ),
    ),
    byPct: pcts
      .map((pct) =>
        row(
          pct.odsCode ?? pct.id,
          pct.name,
          pct.odsCode ? `/programme/pcts/${pct.odsCode}` : null,
          all.filter(
            (action) => action.owner.level === 'pct' && action.owner.odsCode === pct.odsCode,
          ),
        ),
      )
      .filter((each) => each.counts.total > 0),
  };
}

/** The Healthcare for London actions one PCT is accountable for, in every programme. */
export async function getPctActions(options: { db: Database; odsCode: string; now: Date }) {
  const organisation = await selectOrganisation(options.db, { odsCode: options.odsCode });
  if (organisation?.type !== 'primary-care-trust') {
    throw notFound('PCT', options.odsCode);
  }
  const today = londonDate(options.now);
  const programmes = [];
  for (const programmeId of await selectProgrammeIdsWithOrganisation(options.db, organisation.id)) {
    const model = await loadModel(options.db, programmeId, options.now);
    const actions = model.actions((action) => action.ownerOrganisationId === organisation.id);
    const { programme } = model.records;
    programmes.push({
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
      counts: countActions(actions, today),
      actions,
    });
  }
  return {
    pct: {
      name: organisation.name,
      odsCode: organisation.odsCode,
      sector: organisation.sectorName,
    },
    today,
    rule: accountabilityClause,
    programmes,
  };
}

// ── As at a date, and over a period: what the progress update and annual report are made from ──

/** Each project's and action's RAG on a date (from the history), and the counts then. */
export async function programmeAsAt(options: { db: Reader; programmeId: string; asAt: string }) {
  const programme = await selectProgramme(options.db, options.programmeId);
  if (!programme) throw notFound('programme', options.programmeId);
  const model = await modelOf(options.db, programme, options.asAt);
  return { programme: { id: programme.id, title: programme.title }, ...model.asAt(options.asAt) };
}

/** Actions completed in a period, RAG changes in it with their reasons, and actions late at its end. */
export async function programmeInPeriod(options: {
  db: Reader;
  programmeId: string;
  from: string;
  to: string;
}) {
  if (options.to < options.from) {
    throw invalidInput([{ field: 'to', message: 'The period cannot end before it starts.' }]);
  }
  const programme = await selectProgramme(options.db, options.programmeId);
  if (!programme) throw notFound('programme', options.programmeId);
  const model = await modelOf(options.db, programme, options.to);
  return {
    programme: { id: programme.id, title: programme.title },
    ...model.inPeriod(options.from, options.to),
  };
}

/** The project a milestone belongs to (for its page, when a form about it is shown again). */
export async function projectOfMilestone(options: {
  db: Reader;
  milestoneId: string;
}): Promise<string> {
  const programmeId = await selectProgrammeIdOf(options.db, 'milestone', options.milestoneId);
  if (!programmeId) throw notFound('milestone', options.milestoneId);
  const programme = await selectProgramme(options.db, programmeId);
  if (!programme) throw notFound('milestone', options.milestoneId);
  const records = await selectProgrammeRecords(options.db, programme);
  const milestone = records.milestones.find((each) => each.id === options.milestoneId);
  if (!milestone) throw notFound('milestone', options.milestoneId);
  return milestone.projectId;
}
