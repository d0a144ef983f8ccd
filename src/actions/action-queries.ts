import { and, asc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { actionItems } from '../db/schema/actions.ts';
import { bodies } from '../db/schema/bodies.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { people } from '../db/schema/registry.ts';

/** An action with where it came from and who owns it: what every list and check needs. */
export interface ActionRecord {
  id: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  agendaItemId: string | null;
  agendaItemPosition: number | null;
  agendaItemTitle: string | null;
  /** True when the action arose from a Part II item. */
  isConfidential: boolean;
  description: string;
  ownerPersonId: string;
  ownerName: string;
  dueOn: string;
  status: string;
  completedOn: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const actionColumns = {
  id: actionItems.id,
  meetingId: actionItems.meetingId,
  meetingTitle: meetings.title,
  meetingStartsAt: meetings.startsAt,
  bodyId: bodies.id,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  agendaItemId: actionItems.agendaItemId,
  agendaItemPosition: agendaItems.position,
  agendaItemTitle: agendaItems.title,
  agendaItemIsConfidential: agendaItems.isConfidential,
  description: actionItems.description,
  ownerPersonId: actionItems.ownerPersonId,
  ownerName: people.name,
  dueOn: actionItems.dueOn,
  status: actionItems.status,
  completedOn: actionItems.completedOn,
  note: actionItems.note,
  createdAt: actionItems.createdAt,
  updatedAt: actionItems.updatedAt,
};

async function selectActions(reader: Reader, where: SQL | undefined, forUpdate = false) {
  const query = reader
    .select(actionColumns)
    .from(actionItems)
    .innerJoin(meetings, eq(actionItems.meetingId, meetings.id))
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .innerJoin(people, eq(actionItems.ownerPersonId, people.id))
    .leftJoin(agendaItems, eq(actionItems.agendaItemId, agendaItems.id))
    .where(where)
    .orderBy(asc(actionItems.dueOn), asc(actionItems.id));
  const rows = forUpdate ? await query.for('update', { of: actionItems }) : await query;
  return rows.map(
    ({ agendaItemIsConfidential, ...row }): ActionRecord => ({
      ...row,
      isConfidential: agendaItemIsConfidential === true,
    }),
  );
}

/** One action, locked for the rest of the transaction so two status changes queue. */
export async function selectActionForUpdate(
  transaction: Transaction,
  actionId: string,
): Promise<ActionRecord | undefined> {
  const [row] = await selectActions(transaction, eq(actionItems.id, actionId), true);
  return row;
}

export async function selectAction(
  reader: Reader,
  actionId: string,
): Promise<ActionRecord | undefined> {
  const [row] = await selectActions(reader, eq(actionItems.id, actionId));
  return row;
}

/** A body's actions, soonest due first, optionally only one meeting's or one status. */
export async function selectActionsOfBody(
  reader: Reader,
  bodyId: string,
  filter: { meetingId?: string | undefined; status?: string | undefined },
): Promise<ActionRecord[]> {
  return selectActions(
    reader,
    and(
      eq(meetings.bodyId, bodyId),
      filter.meetingId ? eq(actionItems.meetingId, filter.meetingId) : undefined,
      filter.status ? eq(actionItems.status, filter.status) : undefined,
    ),
  );
}

/** Open actions due before `today`, across every body: the overdue view's rows. */
export async function selectOpenActionsDueBefore(
  reader: Reader,
  today: string,
): Promise<ActionRecord[]> {
  return selectActions(reader, and(eq(actionItems.status, 'open'), lt(actionItems.dueOn, today)));
}

export async function insertAction(
  transaction: Transaction,
  row: {
    id: string;
    meetingId: string;
    agendaItemId: string | null;
    description: string;
    ownerPersonId: string;
    dueOn: string;
    createdAt: Date;
  },
): Promise<void> {
  await transaction
    .insert(actionItems)
    .values({ ...row, status: 'open', updatedAt: row.createdAt });
}

export async function updateActionStatusRow(
  transaction: Transaction,
  actionId: string,
  change: { status: string; completedOn: string | null; note: string | null; updatedAt: Date },
): Promise<void> {
  await transaction.update(actionItems).set(change).where(eq(actionItems.id, actionId));
}

/** Who the owners may be: people in the registry, by id, with their names. */
export async function selectPeopleByIds(
  reader: Reader,
  personIds: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (personIds.length === 0) return [];
  return reader
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, [...personIds]));
}

/** Everyone in the registry by name: the choice of owner offered on the form. */
export async function selectAllPeople(reader: Reader): Promise<{ id: string; name: string }[]> {
  return reader
    .select({ id: people.id, name: people.name })
    .from(people)
    .orderBy(asc(people.name), asc(people.id));
}

/** The open actions a person owns, across every body, soonest due first: the home page's. */
export async function selectOpenActionsOfOwner(
  reader: Reader,
  personId: string,
): Promise<ActionRecord[]> {
  return selectActions(
    reader,
    and(eq(actionItems.status, 'open'), eq(actionItems.ownerPersonId, personId)),
  );
}
