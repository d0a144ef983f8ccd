/**
 * Use cases of the forward plan: add an expected decision, set its meeting (which puts it on that
 * meeting's agenda in the same transaction), defer it, withdraw it; and read the plan.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody } from '../bodies/index.ts';
import type { Database, Reader, Transaction } from '../db/connection.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import { addAgendaItemWithin, selectMeeting } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import {
  type ForwardPlanItemRecord,
  insertForwardPlanItem,
  selectComingMeetings,
  selectForwardPlan,
  selectForwardPlanItem,
  selectForwardPlanItemForUpdate,
  updateForwardPlanItem,
} from './forward-plan-queries.ts';
import {
  checkDeferral,
  checkItem,
  checkMeetingTakesItems,
  checkOpen,
  checkWithdrawal,
  type DecisionKind,
  decisionKinds,
  decisionKindText,
  monthStart,
  monthText,
  type PlanStatus,
  planStatusOf,
  planStatusText,
  type RuleCheck,
} from './forward-plan-rules.ts';

/** An item of the forward plan as the pages, the feeds and the API show it. */
export interface ForwardPlanItemView {
  id: string;
  body: { slug: string; title: string };
  title: string;
  kind: { id: string; text: string };
  summary: string;
  /** The first day of the expected month. */
  expectedMonth: string;
  /** "January 2027". */
  expectedMonthText: string;
  meeting: { id: string; title: string; startsAt: string } | null;
  agendaItemId: string | null;
  partTwoExpected: boolean;
  partTwoReason: string | null;
  papersDueOn: string | null;
  contact: string;
  status: PlanStatus;
  statusText: string;
  withdrawnReason: string | null;
  updatedAt: string;
  mayKeep: boolean;
}

export function viewOf(record: ForwardPlanItemRecord, actor: Actor): ForwardPlanItemView {
  const status = planStatusOf({
    status: record.status,
    meetingStatus: record.meetingStatus,
    agendaItemWithdrawn: record.agendaItemWithdrawnAt !== null,
  });
  return {
    id: record.id,
    body: { slug: record.bodySlug, title: record.bodyTitle },
    title: record.title,
    kind: {
      id: record.kind,
      text: decisionKindText[record.kind as DecisionKind] ?? record.kind,
    },
    summary: record.summary,
    expectedMonth: record.expectedMonth,
    expectedMonthText: monthText(record.expectedMonth),
    meeting:
      record.meetingId && record.meetingTitle && record.meetingStartsAt
        ? {
            id: record.meetingId,
            title: record.meetingTitle,
            startsAt: record.meetingStartsAt.toISOString(),
          }
        : null,
    agendaItemId: record.agendaItemId,
    partTwoExpected: record.partTwoExpected,
    partTwoReason: record.partTwoReason,
    papersDueOn: record.papersDueOn,
    contact: record.contact,
    status,
    statusText: planStatusText[status],
    withdrawnReason: record.withdrawnReason,
    updatedAt: record.updatedAt.toISOString(),
    mayKeep: mayRunBody(actor, record.bodySlug),
  };
}

function forbidden(bodyTitle: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator or the secretariat of ${bodyTitle} may keep its forward plan.`,
  });
}

function throwIfRefused(check: RuleCheck): void {
  if (check.ok) return;
  const [first] = check.errors;
  if (check.status === 409 && first) throw conflict(first.field, first.message);
  throw invalidInput(check.errors);
}

/** What the audit trail keeps of an item. */
function auditedState(item: {
  id: string;
  title: string;
  kind: string;
  expectedMonth: string;
  meetingId: string | null;
  agendaItemId: string | null;
  partTwoExpected: boolean;
  partTwoReason: string | null;
  papersDueOn: string | null;
  contact: string;
  status: string;
  withdrawnReason: string | null;
}) {
  return {
    itemId: item.id,
    title: item.title,
    kind: item.kind,
    expectedMonth: item.expectedMonth,
    meetingId: item.meetingId,
    agendaItemId: item.agendaItemId,
    partTwoExpected: item.partTwoExpected,
    partTwoReason: item.partTwoReason,
    papersDueOn: item.papersDueOn,
    contact: item.contact,
    status: item.status,
    withdrawnReason: item.withdrawnReason,
  };
}

/**
 * Loads the meeting the keeper names and checks it belongs to the body and can still take items;
 * refused with the field `meetingId` otherwise.
 */
async function meetingToSet(
  reader: Reader,
  meetingId: string,
  body: { id: string; title: string },
  now: Date,
) {
  const meeting = await selectMeeting(reader, meetingId);
  if (!meeting) {
    throw invalidInput([
      { field: 'meetingId', message: `Choose one of the scheduled meetings of ${body.title}.` },
    ]);
  }
  throwIfRefused(checkMeetingTakesItems(meeting, body.id, body.title, now));
  return meeting;
}

/** Puts the item on its meeting's agenda (meetings' own rules: lock, position, Part II reason). */
async function placeOnAgenda(
  transaction: Transaction,
  context: ActionContext,
  meetingId: string,
  item: { title: string; summary: string; partTwoExpected: boolean; partTwoReason: string | null },
): Promise<string> {
  const { agendaItemId } = await addAgendaItemWithin(transaction, context, meetingId, {
    title: item.title,
    purpose: 'decision',
    isConfidential: item.partTwoExpected,
    confidentialityReason: item.partTwoExpected ? item.partTwoReason : null,
    description: item.summary,
  });
  return agendaItemId;
}

export interface AddForwardPlanItemOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  title: string;
  kind: DecisionKind;
  summary: string;
  /** YYYY-MM; when a meeting is named and no month, the meeting's month. */
  expectedMonth?: string | undefined;
  meetingId?: string | undefined;
  partTwoExpected: boolean;
  partTwoReason?: string | undefined;
  papersDueOn?: string | undefined;
  contact: string;
}

/**
 * Adds an expected decision to a body's forward plan. With a meeting named, the item goes onto
 * that meeting's agenda in the same transaction and links to it.
 */
export async function addForwardPlanItem(
  options: AddForwardPlanItemOptions,
): Promise<ForwardPlanItemView> {
  const { db, context, actor } = options;
  const body = await loadBody(db, options.slug);
  if (!mayRunBody(actor, body.slug)) throw forbidden(body.title);
  return db.transaction(async (transaction) => {
    const meeting = options.meetingId
      ? await meetingToSet(transaction, options.meetingId, body, context.now)
      : undefined;
    const meetingOn = meeting ? londonDate(meeting.startsAt) : null;
    const month = options.expectedMonth
      ? monthStart(options.expectedMonth)
      : meetingOn
        ? monthStart(meetingOn)
        : undefined;
    if (!month) {
      throw invalidInput([
        {
          field: 'expectedMonth',
          message: 'Enter the month the decision is expected in, or choose its meeting.',
        },
      ]);
    }
    const partTwoReason = options.partTwoExpected ? options.partTwoReason?.trim() || null : null;
    throwIfRefused(
      checkItem({
        partTwoExpected: options.partTwoExpected,
        partTwoReason,
        expectedMonth: month,
        papersDueOn: options.papersDueOn ?? null,
        meetingOn,
      }),
    );
    const id = uuidv7();
    const agendaItemId = meeting
      ? await placeOnAgenda(transaction, context, meeting.id, {
          title: options.title,
          summary: options.summary,
          partTwoExpected: options.partTwoExpected,
          partTwoReason,
        })
      : null;
    const row = {
      id,
      bodyId: body.id,
      title: options.title,
      kind: options.kind,
      summary: options.summary,
      expectedMonth: month,
      meetingId: meeting?.id ?? null,
      agendaItemId,
      partTwoExpected: options.partTwoExpected,
      partTwoReason,
      papersDueOn: options.papersDueOn ?? null,
      contact: options.contact,
      status: agendaItemId ? ('on-agenda' as const) : ('planned' as const),
      withdrawnReason: null,
      createdAt: context.now,
      updatedAt: context.now,
    };
    await insertForwardPlanItem(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'forward-plan.item-added',
        entityType: 'body',
        entityId: body.id,
        after: auditedState(row),
      },
    ]);
    const saved = await selectForwardPlanItem(transaction, id);
    if (!saved) throw notFound('forward plan item', id);
    return viewOf(saved, actor);
  });
}

type Change =
  | { kind: 'meeting'; meetingId: string; papersDueOn?: string | undefined }
  | { kind: 'defer'; expectedMonth: string }
  | { kind: 'withdraw'; reason: string };

const actionOf: Record<Change['kind'], string> = {
  meeting: 'forward-plan.meeting-set',
  defer: 'forward-plan.item-deferred',
  withdraw: 'forward-plan.item-withdrawn',
};

/**
 * One change to an item in one transaction with its audit event: set its meeting (it moves to
 * that meeting's agenda, and its month to the meeting's), defer it to a later month, or withdraw
 * it with the reason.
 */
export async function changeForwardPlanItem(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  itemId: string;
  change: Change;
}): Promise<ForwardPlanItemView> {
  const { db, context, actor, change } = options;
  return db.transaction(async (transaction) => {
    const item = await selectForwardPlanItemForUpdate(transaction, options.itemId);
    if (!item) throw notFound('forward plan item', options.itemId);
    if (!mayRunBody(actor, item.bodySlug)) throw forbidden(item.bodyTitle);
    const status = planStatusOf({
      status: item.status,
      meetingStatus: item.meetingStatus,
      agendaItemWithdrawn: item.agendaItemWithdrawnAt !== null,
    });
    let changes: Parameters<typeof updateForwardPlanItem>[2];
    switch (change.kind) {
      case 'meeting': {
        throwIfRefused(checkOpen(status));
        if (status === 'on-agenda') {
          throw conflict(
            'meetingId',
            `This item is already on the agenda of “${item.meetingTitle}”: withdraw it from that agenda first to move it to another meeting.`,
          );
        }
        const meeting = await meetingToSet(
          transaction,
          change.meetingId,
          { id: item.bodyId, title: item.bodyTitle },
          context.now,
        );
        const meetingOn = londonDate(meeting.startsAt);
        const papersDueOn = change.papersDueOn ?? item.papersDueOn;
        throwIfRefused(
          checkItem({
            partTwoExpected: item.partTwoExpected,
            partTwoReason: item.partTwoReason,
            expectedMonth: monthStart(meetingOn),
            papersDueOn,
            meetingOn,
          }),
        );
        const agendaItemId = await placeOnAgenda(transaction, context, meeting.id, item);
        changes = {
          meetingId: meeting.id,
          agendaItemId,
          expectedMonth: monthStart(meetingOn),
          papersDueOn,
          status: 'on-agenda',
        };
        break;
      }
      case 'defer': {
        const month = monthStart(change.expectedMonth);
        throwIfRefused(checkDeferral(status, item.expectedMonth, month));
        throwIfRefused(
          checkItem({
            partTwoExpected: item.partTwoExpected,
            partTwoReason: item.partTwoReason,
            expectedMonth: month,
            papersDueOn: null,
            meetingOn: null,
          }),
        );
        // Its meeting (cancelled, or the item taken off its agenda) no longer holds it.
        changes = {
          expectedMonth: month,
          meetingId: null,
          agendaItemId: null,
          papersDueOn: item.papersDueOn && item.papersDueOn >= month ? item.papersDueOn : null,
          status: 'deferred',
        };
        break;
      }
      case 'withdraw':
        throwIfRefused(checkWithdrawal(status));
        changes = { status: 'withdrawn', withdrawnReason: change.reason, agendaItemId: null };
        break;
    }
    changes.updatedAt = context.now;
    await updateForwardPlanItem(transaction, item.id, changes);
    const after = { ...item, ...changes };
    await recordAuditEvents(transaction, context, [
      {
        action: actionOf[change.kind],
        entityType: 'body',
        entityId: item.bodyId,
        before: auditedState(item),
        after: auditedState(after),
      },
    ]);
    const saved = await selectForwardPlanItem(transaction, item.id);
    if (!saved) throw notFound('forward plan item', item.id);
    return viewOf(saved, actor);
  });
}

export async function getForwardPlanItem(options: {
  db: Database;
  actor: Actor;
  itemId: string;
}): Promise<ForwardPlanItemView> {
  const item = await selectForwardPlanItem(options.db, options.itemId);
  if (!item) throw notFound('forward plan item', options.itemId);
  return viewOf(item, options.actor);
}

export interface ForwardPlanView {
  /** The body whose plan this is, or null for every body's. */
  body: { slug: string; title: string } | null;
  today: string;
  /** From the current month on, the next months first. */
  months: { month: string; text: string; items: ForwardPlanItemView[] }[];
  items: ForwardPlanItemView[];
  kinds: { id: string; text: string }[];
  /** The body's meetings still to come, for the keeper's form. */
  meetings: { id: string; title: string; startsAt: string }[];
  mayKeep: boolean;
}

/** The published plan from the current month on: one body's, or every body's when no slug. */
export async function listForwardPlan(options: {
  db: Database;
  actor: Actor;
  slug?: string | undefined;
  now: Date;
}): Promise<ForwardPlanView> {
  const { db, actor, now } = options;
  const today = londonDate(now);
  const body = options.slug ? await loadBody(db, options.slug) : undefined;
  const records = await selectForwardPlan(db, {
    ...(body ? { bodyId: body.id } : {}),
    fromMonth: monthStart(today),
  });
  const items = records.map((record) => viewOf(record, actor));
  const months: ForwardPlanView['months'] = [];
  for (const item of items) {
    const last = months.at(-1);
    if (last?.month === item.expectedMonth) last.items.push(item);
    else months.push({ month: item.expectedMonth, text: item.expectedMonthText, items: [item] });
  }
  const mayKeep = body ? mayRunBody(actor, body.slug) : false;
  return {
    body: body ? { slug: body.slug, title: body.title } : null,
    today,
    months,
    items,
    kinds: decisionKinds.map((id) => ({ id, text: decisionKindText[id] })),
    meetings:
      body && mayKeep
        ? (await selectComingMeetings(db, body.id, now)).map((meeting) => ({
            id: meeting.id,
            title: meeting.title,
            startsAt: meeting.startsAt.toISOString(),
          }))
        : [],
    mayKeep,
  };
}
