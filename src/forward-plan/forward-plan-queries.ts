import { and, asc, eq, gte, ne, type SQL } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { forwardPlanItems } from '../db/schema/forward-plan.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import type { StoredStatus } from './forward-plan-rules.ts';

export interface ForwardPlanItemRecord {
  id: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  title: string;
  kind: string;
  summary: string;
  expectedMonth: string;
  meetingId: string | null;
  meetingTitle: string | null;
  meetingStartsAt: Date | null;
  meetingStatus: string | null;
  agendaItemId: string | null;
  agendaItemWithdrawnAt: Date | null;
  partTwoExpected: boolean;
  partTwoReason: string | null;
  papersDueOn: string | null;
  contact: string;
  status: StoredStatus;
  withdrawnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const itemColumns = {
  id: forwardPlanItems.id,
  bodyId: forwardPlanItems.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  title: forwardPlanItems.title,
  kind: forwardPlanItems.kind,
  summary: forwardPlanItems.summary,
  expectedMonth: forwardPlanItems.expectedMonth,
  meetingId: forwardPlanItems.meetingId,
  meetingTitle: meetings.title,
  meetingStartsAt: meetings.startsAt,
  meetingStatus: meetings.status,
  agendaItemId: forwardPlanItems.agendaItemId,
  agendaItemWithdrawnAt: agendaItems.withdrawnAt,
  partTwoExpected: forwardPlanItems.partTwoExpected,
  partTwoReason: forwardPlanItems.partTwoReason,
  papersDueOn: forwardPlanItems.papersDueOn,
  contact: forwardPlanItems.contact,
  status: forwardPlanItems.status,
  withdrawnReason: forwardPlanItems.withdrawnReason,
  createdAt: forwardPlanItems.createdAt,
  updatedAt: forwardPlanItems.updatedAt,
};

async function selectItems(
  reader: Reader,
  where: SQL | undefined,
  forUpdate = false,
): Promise<ForwardPlanItemRecord[]> {
  const query = reader
    .select(itemColumns)
    .from(forwardPlanItems)
    .innerJoin(bodies, eq(forwardPlanItems.bodyId, bodies.id))
    .leftJoin(meetings, eq(forwardPlanItems.meetingId, meetings.id))
    .leftJoin(agendaItems, eq(forwardPlanItems.agendaItemId, agendaItems.id))
    .where(where)
    .orderBy(
      asc(forwardPlanItems.expectedMonth),
      asc(meetings.startsAt),
      asc(bodies.title),
      asc(forwardPlanItems.createdAt),
      asc(forwardPlanItems.id),
    );
  const rows = forUpdate ? await query.for('update', { of: forwardPlanItems }) : await query;
  return rows as ForwardPlanItemRecord[];
}

export async function selectForwardPlanItem(
  reader: Reader,
  id: string,
): Promise<ForwardPlanItemRecord | undefined> {
  const [row] = await selectItems(reader, eq(forwardPlanItems.id, id));
  return row;
}

/** One item, locked for the rest of the transaction so two changes to it queue. */
export async function selectForwardPlanItemForUpdate(
  transaction: Transaction,
  id: string,
): Promise<ForwardPlanItemRecord | undefined> {
  const [row] = await selectItems(transaction, eq(forwardPlanItems.id, id), true);
  return row;
}

/**
 * The plan from a month on: one body's, or every body's. Withdrawn items stay in the record but
 * leave the published plan.
 */
export async function selectForwardPlan(
  reader: Reader,
  options: { bodyId?: string; fromMonth: string },
): Promise<ForwardPlanItemRecord[]> {
  return selectItems(
    reader,
    and(
      options.bodyId ? eq(forwardPlanItems.bodyId, options.bodyId) : undefined,
      gte(forwardPlanItems.expectedMonth, options.fromMonth),
      ne(forwardPlanItems.status, 'withdrawn'),
    ),
  );
}

export async function selectForwardPlanItemCount(reader: Reader, bodyId: string): Promise<number> {
  const rows = await reader
    .select({ id: forwardPlanItems.id })
    .from(forwardPlanItems)
    .where(eq(forwardPlanItems.bodyId, bodyId));
  return rows.length;
}

export interface ForwardPlanItemRow {
  id: string;
  bodyId: string;
  title: string;
  kind: string;
  summary: string;
  expectedMonth: string;
  meetingId: string | null;
  agendaItemId: string | null;
  partTwoExpected: boolean;
  partTwoReason: string | null;
  papersDueOn: string | null;
  contact: string;
  status: StoredStatus;
  withdrawnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export async function insertForwardPlanItem(
  transaction: Transaction,
  row: ForwardPlanItemRow,
): Promise<void> {
  await transaction.insert(forwardPlanItems).values(row);
}

export async function updateForwardPlanItem(
  transaction: Transaction,
  id: string,
  changes: Partial<Omit<ForwardPlanItemRow, 'id' | 'bodyId' | 'createdAt'>>,
): Promise<void> {
  await transaction.update(forwardPlanItems).set(changes).where(eq(forwardPlanItems.id, id));
}

/** A body's meetings still to come, for the keeper to choose the expected meeting from. */
export async function selectComingMeetings(
  reader: Reader,
  bodyId: string,
  now: Date,
): Promise<{ id: string; title: string; startsAt: Date }[]> {
  return reader
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.bodyId, bodyId),
        eq(meetings.status, 'scheduled'),
        gte(meetings.startsAt, now),
      ),
    )
    .orderBy(asc(meetings.startsAt));
}
