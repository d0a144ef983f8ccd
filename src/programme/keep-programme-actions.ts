/**
 * The use cases of the delivery programme. Each checks who may act on the record's body
 * (`mayKeepProgramme`: an administrator, the body's secretariat or programme office), runs in one
 * transaction, and writes its audit event in it. Reads are public: a delivery programme is.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { selectBodyBySlug, termsInForce } from '../bodies/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, type FieldProblem, invalidInput, notFound } from '../shared/problems.ts';
import { firstStatusDate, modelOf, programmeToKeep, refuse } from './programme-access.ts';
import {
  insertAction,
  insertRagChanges,
  selectActionTeam,
  selectOrganisation,
  updateAction,
  updateProjectRag,
} from './programme-queries.ts';
import { checkRagChange, type OwnerCandidate, ownerLevelOf, type Rag } from './programme-rules.ts';

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
