/**
 * The reminders' SQL: who the recipients are (the registry's address, the account's choices),
 * the open actions past their due day, and the record of reminders sent, which this capability
 * owns. The insert claims a reminder: a row already there (a second run, or two at once) is left
 * alone and nothing is sent for it.
 */
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { actionItems } from '../db/schema/actions.ts';
import { bodies } from '../db/schema/bodies.ts';
import { accounts } from '../db/schema/identity.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { people } from '../db/schema/registry.ts';
import { reminderSends } from '../db/schema/reminders.ts';
import type { Recipient } from './reminder-rules.ts';

export type ReminderKind = 'question-closing' | 'overdue-actions';

/**
 * Each person's name, registry address and reminder choices. A person with no account (or a
 * disabled one) has made no choice: both reminders are on, as for every new account.
 */
export async function selectRecipients(
  reader: Reader,
  personIds: readonly string[],
): Promise<Map<string, Recipient>> {
  if (personIds.length === 0) return new Map();
  const rows = await reader
    .select({
      personId: people.id,
      name: people.name,
      email: people.email,
      questionReminders: accounts.questionReminders,
      actionDigest: accounts.actionDigest,
    })
    .from(people)
    .leftJoin(accounts, eq(accounts.personId, people.id))
    .where(inArray(people.id, [...new Set(personIds)]));
  return new Map(
    rows.map((row) => [
      row.personId,
      {
        personId: row.personId,
        name: row.name,
        email: row.email?.trim() || null,
        questionReminders: row.questionReminders ?? true,
        actionDigest: row.actionDigest ?? true,
      },
    ]),
  );
}

export interface OverdueActionRecord {
  id: string;
  ownerPersonId: string;
  status: string;
  dueOn: string;
  description: string;
  isConfidential: boolean;
  meetingTitle: string;
  bodyTitle: string;
}

/** Every open action due before `today`: the candidates for this week's digests. */
export async function selectOpenActionsDueBefore(
  reader: Reader,
  today: string,
): Promise<OverdueActionRecord[]> {
  const rows = await reader
    .select({
      id: actionItems.id,
      ownerPersonId: actionItems.ownerPersonId,
      status: actionItems.status,
      dueOn: actionItems.dueOn,
      description: actionItems.description,
      isConfidential: agendaItems.isConfidential,
      meetingTitle: meetings.title,
      bodyTitle: bodies.title,
    })
    .from(actionItems)
    .innerJoin(meetings, eq(actionItems.meetingId, meetings.id))
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .leftJoin(agendaItems, eq(actionItems.agendaItemId, agendaItems.id))
    .where(and(eq(actionItems.status, 'open'), lt(actionItems.dueOn, today)))
    .orderBy(asc(actionItems.dueOn), asc(actionItems.id));
  return rows.map((row) => ({ ...row, isConfidential: row.isConfidential === true }));
}

/** The reminders of this kind already sent about these things, as `about/personId` keys. */
export async function selectSentKeys(
  reader: Reader,
  kind: ReminderKind,
  abouts: readonly string[],
): Promise<Set<string>> {
  if (abouts.length === 0) return new Set();
  const rows = await reader
    .select({ about: reminderSends.about, personId: reminderSends.personId })
    .from(reminderSends)
    .where(and(eq(reminderSends.kind, kind), inArray(reminderSends.about, [...new Set(abouts)])));
  return new Set(rows.map((row) => `${row.about}/${row.personId}`));
}

/**
 * Records a reminder as sent, unless it already is. Returns whether this call recorded it: only
 * then is its mail queued, so nobody gets the same reminder twice.
 */
export async function claimReminder(
  transaction: Transaction,
  row: { id: string; kind: ReminderKind; about: string; personId: string; createdAt: Date },
): Promise<boolean> {
  const inserted = await transaction
    .insert(reminderSends)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: reminderSends.id });
  return inserted.length > 0;
}

export async function setReminderMail(
  transaction: Transaction,
  reminderId: string,
  mailId: string,
): Promise<void> {
  await transaction.update(reminderSends).set({ mailId }).where(eq(reminderSends.id, reminderId));
}
