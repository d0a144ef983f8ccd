import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import { selectAgendaItems, selectMeeting } from '../meetings/index.ts';
import { selectCurrentHoldings } from '../membership/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  type FieldProblem,
  invalidInput,
  notFound,
  ProblemError,
} from '../shared/problems.ts';
import {
  type ActionRecord,
  insertAction,
  selectAction,
  selectActionForUpdate,
  selectActionsOfBody,
  selectAllPeople,
  selectOpenActionsDueBefore,
  selectPeopleByIds,
  updateActionStatusRow,
} from './action-queries.ts';
import {
  type ActionStatus,
  checkStatusChange,
  daysOverdue,
  dueDateProblem,
  isOverdue,
  mayReadAction,
  mayUpdateActionStatus,
} from './action-rules.ts';

/** An action as the log shows it to one reader. */
export interface ActionView {
  id: string;
  body: { slug: string; title: string };
  meeting: { id: string; title: string; meetingOn: string };
  agendaItem: { id: string; position: number; title: string; isConfidential: boolean } | null;
  description: string;
  owner: { personId: string; name: string };
  dueOn: string;
  status: string;
  completedOn: string | null;
  note: string | null;
  overdue: boolean;
  daysOverdue: number;
  /** Whether this reader may mark it done, drop it or reopen it. */
  mayUpdate: boolean;
}

function viewOf(record: ActionRecord, actor: Actor, today: string): ActionView {
  return {
    id: record.id,
    body: { slug: record.bodySlug, title: record.bodyTitle },
    meeting: {
      id: record.meetingId,
      title: record.meetingTitle,
      meetingOn: londonDate(record.meetingStartsAt),
    },
    agendaItem:
      record.agendaItemId !== null &&
      record.agendaItemPosition !== null &&
      record.agendaItemTitle !== null
        ? {
            id: record.agendaItemId,
            position: record.agendaItemPosition,
            title: record.agendaItemTitle,
            isConfidential: record.isConfidential,
          }
        : null,
    description: record.description,
    owner: { personId: record.ownerPersonId, name: record.ownerName },
    dueOn: record.dueOn,
    status: record.status,
    completedOn: record.completedOn,
    note: record.note,
    overdue: isOverdue(record, today),
    daysOverdue: daysOverdue(record, today),
    mayUpdate: mayUpdateActionStatus(actor, record),
  };
}

/** What the audit trail keeps of an action. */
function auditedState(record: {
  description: string;
  ownerName: string;
  dueOn: string;
  status: string;
  completedOn: string | null;
  note: string | null;
}) {
  return {
    description: record.description,
    owner: record.ownerName,
    dueOn: record.dueOn,
    status: record.status,
    completedOn: record.completedOn,
    note: record.note,
  };
}

export interface RecordActionOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId?: string | undefined;
  description: string;
  ownerPersonId: string;
  dueOn: string;
}

/**
 * Records an action agreed at a meeting, optionally against one of its agenda items. The owner
 * may be anyone in the registry — actions often fall to officers who attend without a seat (a
 * programme director, the business service) — and it cannot fall due before the meeting.
 */
export async function recordAction(
  options: RecordActionOptions,
): Promise<{ actionId: string; meetingOn: string }> {
  const { db, context } = options;
  const meeting = await selectMeeting(db, options.meetingId);
  if (!meeting) throw notFound('meeting', options.meetingId);
  if (!mayRunBody(options.actor, meeting.bodySlug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${meeting.bodyTitle} may record its actions.`,
    });
  }
  const meetingOn = londonDate(meeting.startsAt);
  const problems: FieldProblem[] = [];
  const item = options.agendaItemId
    ? (await selectAgendaItems(db, meeting.id)).find(
        (candidate) => candidate.id === options.agendaItemId,
      )
    : undefined;
  if (options.agendaItemId && !item) {
    problems.push({
      field: 'agendaItemId',
      message: `That item is not on the agenda of ${meeting.title}.`,
    });
  } else if (item?.withdrawnAt) {
    problems.push({
      field: 'agendaItemId',
      message: `Item ${item.position}, “${item.title}”, was withdrawn from the agenda: no action arises from it.`,
    });
  }
  const [owner] = await selectPeopleByIds(db, [options.ownerPersonId]);
  if (!owner) {
    problems.push({
      field: 'ownerPersonId',
      message: 'Choose the owner from the people in the registry.',
    });
  }
  const dueProblem = dueDateProblem(options.dueOn, meetingOn);
  if (dueProblem) problems.push(dueProblem);
  if (problems.length > 0 || !owner) throw invalidInput(problems);

  const actionId = uuidv7();
  await db.transaction(async (transaction) => {
    await insertAction(transaction, {
      id: actionId,
      meetingId: meeting.id,
      agendaItemId: item?.id ?? null,
      description: options.description,
      ownerPersonId: owner.id,
      dueOn: options.dueOn,
      createdAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.action-recorded',
        entityType: 'meeting',
        entityId: meeting.id,
        after: {
          actionId,
          agendaItem: item?.position ?? null,
          ...auditedState({
            description: options.description,
            ownerName: owner.name,
            dueOn: options.dueOn,
            status: 'open',
            completedOn: null,
            note: null,
          }),
        },
      },
    ]);
  });
  return { actionId, meetingOn };
}

export interface UpdateActionStatusOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  actionId: string;
  status: ActionStatus;
  completedOn?: string | undefined;
  note?: string | undefined;
}

/**
 * Marks an action done (with the date), dropped (with why) or reopens it. The owner may do this
 * for their own action, and the body's secretariat for any of its actions.
 */
export async function updateActionStatus(options: UpdateActionStatusOptions): Promise<ActionView> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  return db.transaction(async (transaction) => {
    const action = await selectActionForUpdate(transaction, options.actionId);
    if (!action || !mayReadAction(actor, action)) throw notFound('action', options.actionId);
    if (!mayUpdateActionStatus(actor, action)) {
      throw new ProblemError({
        status: 403,
        code: 'forbidden',
        title: 'You do not have permission to do this',
        detail: `Only the action's owner (${action.ownerName}), the secretariat of ${action.bodyTitle} or an administrator may change its status.`,
      });
    }
    const meetingOn = londonDate(action.meetingStartsAt);
    const checked = checkStatusChange(
      { status: action.status, meetingOn },
      { status: options.status, completedOn: options.completedOn, note: options.note },
      today,
    );
    if (!checked.ok) {
      const [first] = checked.errors;
      if (checked.conflict && first) throw conflict(first.field, first.message);
      throw invalidInput(checked.errors);
    }
    await updateActionStatusRow(transaction, action.id, {
      ...checked.value,
      updatedAt: context.now,
    });
    const after = { ...action, ...checked.value };
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.action-status-changed',
        entityType: 'meeting',
        entityId: action.meetingId,
        before: { actionId: action.id, ...auditedState(action) },
        after: { actionId: action.id, ...auditedState(after) },
      },
    ]);
    return viewOf(after, actor, today);
  });
}

export interface ActionLog {
  body: { slug: string; title: string };
  today: string;
  items: ActionView[];
  /** Actions from Part II items this reader may not see, counted so the log does not mislead. */
  hiddenConfidentialCount: number;
}

/** A body's action log as this reader may see it, filtered by meeting, status or overdue. */
export async function listBodyActions(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
  meetingId?: string | undefined;
  status?: ActionStatus | undefined;
  overdueOnly?: boolean | undefined;
}): Promise<ActionLog> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const body = await loadBody(db, options.slug);
  const records = await selectActionsOfBody(db, body.id, {
    meetingId: options.meetingId,
    // Overdue actions are open by definition, so that filter narrows to open ones first.
    status: options.overdueOnly ? 'open' : options.status,
  });
  const wanted = records.filter((record) => !options.overdueOnly || isOverdue(record, today));
  const visible = wanted.filter((record) => mayReadAction(actor, record));
  return {
    body: { slug: body.slug, title: body.title },
    today,
    items: visible.map((record) => viewOf(record, actor, today)),
    hiddenConfidentialCount: wanted.length - visible.length,
  };
}

/** One action, as this reader may see it. */
export async function getAction(options: {
  db: Database;
  actor: Actor;
  actionId: string;
  now: Date;
}): Promise<ActionView> {
  const action = await selectAction(options.db, options.actionId);
  if (!action || !mayReadAction(options.actor, action)) throw notFound('action', options.actionId);
  return viewOf(action, options.actor, londonDate(options.now));
}

export interface OverdueActions {
  today: string;
  bodies: { body: { slug: string; title: string }; items: ActionView[] }[];
  hiddenConfidentialCount: number;
}

/** Every open action past its due date, across bodies, grouped by body, most overdue first. */
export async function listOverdueActions(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<OverdueActions> {
  const today = londonDate(options.now);
  const records = await selectOpenActionsDueBefore(options.db, today);
  const visible = records.filter((record) => mayReadAction(options.actor, record));
  const groups = new Map<string, OverdueActions['bodies'][number]>();
  for (const record of visible) {
    const group = groups.get(record.bodySlug) ?? {
      body: { slug: record.bodySlug, title: record.bodyTitle },
      items: [],
    };
    group.items.push(viewOf(record, options.actor, today));
    groups.set(record.bodySlug, group);
  }
  return {
    today,
    bodies: [...groups.values()].sort((a, b) => a.body.title.localeCompare(b.body.title)),
    hiddenConfidentialCount: records.length - visible.length,
  };
}

export interface ActionFormChoices {
  meeting: { id: string; title: string; meetingOn: string; body: { slug: string; title: string } };
  agendaItems: { id: string; position: number; title: string; isConfidential: boolean }[];
  /** Members of the body on the meeting day first, then everyone else in the registry. */
  owners: { personId: string; name: string; isMember: boolean }[];
}

/** What the "record an action" form offers for one meeting: its items and the possible owners. */
export async function getActionFormChoices(options: {
  db: Database;
  meetingId: string;
}): Promise<ActionFormChoices> {
  const { db } = options;
  const meeting = await selectMeeting(db, options.meetingId);
  if (!meeting) throw notFound('meeting', options.meetingId);
  const meetingOn = londonDate(meeting.startsAt);
  const [items, holdings, everyone] = await Promise.all([
    selectAgendaItems(db, meeting.id),
    selectCurrentHoldings(db, meeting.bodyId, meetingOn),
    selectAllPeople(db),
  ]);
  const memberIds = new Set(holdings.map((holding) => holding.personId));
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      meetingOn,
      body: { slug: meeting.bodySlug, title: meeting.bodyTitle },
    },
    // Only the secretariat sees this form, and it runs Part II business too, so every item shows.
    agendaItems: items
      // A withdrawn item stays in the record but takes no more business.
      .filter((item) => item.withdrawnAt === null)
      .map(({ id, position, title, isConfidential }) => ({
        id,
        position,
        title,
        isConfidential,
      })),
    owners: [
      ...everyone.filter((person) => memberIds.has(person.id)),
      ...everyone.filter((person) => !memberIds.has(person.id)),
    ].map((person) => ({
      personId: person.id,
      name: person.name,
      isMember: memberIds.has(person.id),
    })),
  };
}
