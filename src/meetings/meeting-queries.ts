import { and, asc, desc, eq, max, min } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  agendaItems,
  attendanceRecords,
  interestDeclarations,
  meetings,
} from '../db/schema/meetings.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { minutesApprovals } from '../db/schema/minutes.ts';
import { meetingNotices } from '../db/schema/notices.ts';
import { people } from '../db/schema/registry.ts';

export interface MeetingRecord {
  id: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  title: string;
  startsAt: Date;
  location: string;
  noticeGivenOn: string;
  urgencyReason: string | null;
  status: string;
  seriesId: string | null;
  originallyStartsAt: Date | null;
  movedReason: string | null;
  cancelledReason: string | null;
  /** While set, the secretariat has the register open and members may mark themselves present. */
  registerOpenedAt: Date | null;
}

export interface AgendaItemRecord {
  id: string;
  position: number;
  title: string;
  purpose: string;
  isConfidential: boolean;
  confidentialityReason: string | null;
  /** Withdrawn before notice: kept in the record, but it takes no more business. */
  withdrawnAt: Date | null;
}

export interface AttendanceRecord {
  seatHoldingId: string;
  status: string;
  deputyName: string | null;
  /** The standing deputy who attended, when the deputy was one named in advance. */
  deputyAttendeeId: string | null;
  recordedAt: Date;
}

export interface DeclarationRecord {
  id: string;
  agendaItemId: string;
  seatHoldingId: string;
  kind: string;
  interest: string;
  declaredAt: Date;
}

const meetingColumns = {
  id: meetings.id,
  bodyId: meetings.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  title: meetings.title,
  startsAt: meetings.startsAt,
  location: meetings.location,
  noticeGivenOn: meetings.noticeGivenOn,
  urgencyReason: meetings.urgencyReason,
  status: meetings.status,
  seriesId: meetings.seriesId,
  originallyStartsAt: meetings.originallyStartsAt,
  movedReason: meetings.movedReason,
  cancelledReason: meetings.cancelledReason,
  registerOpenedAt: meetings.registerOpenedAt,
};

export async function selectMeeting(
  reader: Reader,
  meetingId: string,
): Promise<MeetingRecord | undefined> {
  const [row] = await reader
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(eq(meetings.id, meetingId));
  return row;
}

/**
 * Locks the meeting's row so changes to its agenda are numbered one after the other, and one
 * drafting or approval of its minutes waits for another (minutes take the same lock).
 */
export async function lockMeeting(transaction: Transaction, meetingId: string): Promise<void> {
  await transaction
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
}

/** The body's meetings, latest first. */
export async function selectMeetingsOfBody(
  reader: Reader,
  bodyId: string,
): Promise<MeetingRecord[]> {
  return reader
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(eq(meetings.bodyId, bodyId))
    .orderBy(desc(meetings.startsAt));
}

/** Every body's meetings, or one body's, earliest first: the calendar across bodies. */
export async function selectMeetings(
  reader: Reader,
  filter: { bodyId?: string } = {},
): Promise<MeetingRecord[]> {
  return reader
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(filter.bodyId ? eq(meetings.bodyId, filter.bodyId) : undefined)
    .orderBy(asc(meetings.startsAt), asc(bodies.title));
}

export async function insertMeeting(
  transaction: Transaction,
  row: {
    id: string;
    bodyId: string;
    title: string;
    startsAt: Date;
    location: string;
    noticeGivenOn: string;
    urgencyReason: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await transaction.insert(meetings).values(row);
}

export async function selectAgendaItems(
  reader: Reader,
  meetingId: string,
): Promise<AgendaItemRecord[]> {
  return reader
    .select({
      id: agendaItems.id,
      position: agendaItems.position,
      title: agendaItems.title,
      purpose: agendaItems.purpose,
      isConfidential: agendaItems.isConfidential,
      confidentialityReason: agendaItems.confidentialityReason,
      withdrawnAt: agendaItems.withdrawnAt,
    })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
}

export async function selectLastAgendaPosition(reader: Reader, meetingId: string): Promise<number> {
  const [row] = await reader
    .select({ last: max(agendaItems.position) })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  return row?.last ?? 0;
}

/** An agenda item; minutes add the item that approves an earlier meeting's minutes through this. */
export async function insertAgendaItem(
  transaction: Transaction,
  row: Omit<AgendaItemRecord, 'withdrawnAt'> & {
    meetingId: string;
    createdAt: Date;
    approvesMinutesOfMeetingId?: string | null;
    description?: string | null;
  },
): Promise<void> {
  await transaction.insert(agendaItems).values(row);
}

/** Which item the meeting in progress is on (the live page's "now"), or none. */
export async function updateLivePosition(
  transaction: Transaction,
  meetingId: string,
  agendaItemId: string | null,
): Promise<void> {
  await transaction
    .update(meetings)
    .set({ liveAgendaItemId: agendaItemId })
    .where(eq(meetings.id, meetingId));
}

export async function selectAttendance(
  reader: Reader,
  meetingId: string,
): Promise<AttendanceRecord[]> {
  return reader
    .select({
      seatHoldingId: attendanceRecords.seatHoldingId,
      status: attendanceRecords.status,
      deputyName: attendanceRecords.deputyName,
      deputyAttendeeId: attendanceRecords.deputyAttendeeId,
      recordedAt: attendanceRecords.recordedAt,
    })
    .from(attendanceRecords)
    .where(eq(attendanceRecords.meetingId, meetingId));
}

export async function selectAttendanceOf(
  reader: Reader,
  meetingId: string,
  seatHoldingId: string,
): Promise<AttendanceRecord | undefined> {
  const [row] = await reader
    .select({
      seatHoldingId: attendanceRecords.seatHoldingId,
      status: attendanceRecords.status,
      deputyName: attendanceRecords.deputyName,
      deputyAttendeeId: attendanceRecords.deputyAttendeeId,
      recordedAt: attendanceRecords.recordedAt,
    })
    .from(attendanceRecords)
    .where(
      and(
        eq(attendanceRecords.meetingId, meetingId),
        eq(attendanceRecords.seatHoldingId, seatHoldingId),
      ),
    );
  return row;
}

/** One record per member per meeting: a later record replaces the earlier one. */
export async function upsertAttendance(
  transaction: Transaction,
  row: {
    id: string;
    meetingId: string;
    seatHoldingId: string;
    status: string;
    deputyName: string | null;
    deputyAttendeeId?: string | null;
    recordedAt: Date;
  },
): Promise<void> {
  await transaction
    .insert(attendanceRecords)
    .values(row)
    .onConflictDoUpdate({
      target: [attendanceRecords.meetingId, attendanceRecords.seatHoldingId],
      set: {
        status: row.status,
        deputyName: row.deputyName,
        deputyAttendeeId: row.deputyAttendeeId ?? null,
        recordedAt: row.recordedAt,
      },
    });
}

export async function selectDeclarations(
  reader: Reader,
  meetingId: string,
): Promise<DeclarationRecord[]> {
  return reader
    .select({
      id: interestDeclarations.id,
      agendaItemId: interestDeclarations.agendaItemId,
      seatHoldingId: interestDeclarations.seatHoldingId,
      kind: interestDeclarations.kind,
      interest: interestDeclarations.interest,
      declaredAt: interestDeclarations.declaredAt,
    })
    .from(interestDeclarations)
    .where(eq(interestDeclarations.meetingId, meetingId))
    .orderBy(asc(interestDeclarations.declaredAt), asc(interestDeclarations.id));
}

export async function insertDeclaration(
  transaction: Transaction,
  row: DeclarationRecord & { meetingId: string },
): Promise<void> {
  await transaction.insert(interestDeclarations).values(row);
}

/** Who holds a seat holding and on which body: enough to name them when they are refused. */
export async function selectHolder(
  reader: Reader,
  seatHoldingId: string,
): Promise<{ personName: string; bodyId: string } | undefined> {
  const [row] = await reader
    .select({ personName: people.name, bodyId: seatHoldings.bodyId })
    .from(seatHoldings)
    .innerJoin(people, eq(seatHoldings.personId, people.id))
    .where(eq(seatHoldings.id, seatHoldingId));
  return row;
}

/** Removes a member's attendance record, so they are unrecorded again (apologies withdrawn). */
export async function deleteAttendance(
  transaction: Transaction,
  meetingId: string,
  seatHoldingId: string,
): Promise<void> {
  await transaction
    .delete(attendanceRecords)
    .where(
      and(
        eq(attendanceRecords.meetingId, meetingId),
        eq(attendanceRecords.seatHoldingId, seatHoldingId),
      ),
    );
}

/** Whether the meeting's minutes are approved, and so published (the minutes capability's table). */
export async function selectMinutesApproved(reader: Reader, meetingId: string): Promise<boolean> {
  const [row] = await reader
    .select({ meetingId: minutesApprovals.meetingId })
    .from(minutesApprovals)
    .where(eq(minutesApprovals.meetingId, meetingId))
    .limit(1);
  return row !== undefined;
}

/** An agenda item with what the meeting page shows of it: description, presenter, time, withdrawal. */
export interface AgendaItemDetails extends AgendaItemRecord {
  description: string | null;
  presenterPersonId: string | null;
  /** The presenter's name: the registry's for a person, or the name typed in. */
  presenterName: string | null;
  /** A London wall-clock start time, "14:30". */
  startTime: string | null;
  minutesAllotted: number | null;
  withdrawnReason: string | null;
}

export async function selectAgendaItemDetails(
  reader: Reader,
  meetingId: string,
): Promise<AgendaItemDetails[]> {
  const rows = await reader
    .select({
      id: agendaItems.id,
      position: agendaItems.position,
      title: agendaItems.title,
      purpose: agendaItems.purpose,
      isConfidential: agendaItems.isConfidential,
      confidentialityReason: agendaItems.confidentialityReason,
      description: agendaItems.description,
      presenterPersonId: agendaItems.presenterPersonId,
      presenterPersonName: people.name,
      typedPresenterName: agendaItems.presenterName,
      startTime: agendaItems.startTime,
      minutesAllotted: agendaItems.minutesAllotted,
      withdrawnAt: agendaItems.withdrawnAt,
      withdrawnReason: agendaItems.withdrawnReason,
    })
    .from(agendaItems)
    .leftJoin(people, eq(agendaItems.presenterPersonId, people.id))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
  return rows.map(({ presenterPersonName, typedPresenterName, ...row }) => ({
    ...row,
    presenterName: presenterPersonName ?? typedPresenterName,
  }));
}

/** Changes an item's details; the caller has checked who may and whether notice allows it. */
export async function updateAgendaItem(
  transaction: Transaction,
  agendaItemId: string,
  changes: {
    title: string;
    purpose: string;
    isConfidential: boolean;
    confidentialityReason: string | null;
    description: string | null;
    presenterPersonId: string | null;
    presenterName: string | null;
    startTime: string | null;
    minutesAllotted: number | null;
  },
): Promise<void> {
  await transaction.update(agendaItems).set(changes).where(eq(agendaItems.id, agendaItemId));
}

/**
 * Swaps two items' places. Positions are unique per meeting, so one item waits at a negative
 * position (no item has one) while the other takes its place.
 */
export async function swapAgendaPositions(
  transaction: Transaction,
  first: { id: string; position: number },
  second: { id: string; position: number },
): Promise<void> {
  await transaction
    .update(agendaItems)
    .set({ position: -first.position })
    .where(eq(agendaItems.id, first.id));
  await transaction
    .update(agendaItems)
    .set({ position: first.position })
    .where(eq(agendaItems.id, second.id));
  await transaction
    .update(agendaItems)
    .set({ position: second.position })
    .where(eq(agendaItems.id, first.id));
}

export async function markAgendaItemWithdrawn(
  transaction: Transaction,
  agendaItemId: string,
  withdrawal: { withdrawnAt: Date; withdrawnReason: string },
): Promise<void> {
  await transaction.update(agendaItems).set(withdrawal).where(eq(agendaItems.id, agendaItemId));
}

/** Opens (an instant) or closes (null) the register for members to mark themselves present. */
export async function updateRegisterOpenedAt(
  transaction: Transaction,
  meetingId: string,
  openedAt: Date | null,
): Promise<void> {
  await transaction
    .update(meetings)
    .set({ registerOpenedAt: openedAt })
    .where(eq(meetings.id, meetingId));
}

/** The registry person a presenter names, if there is one. */
export async function selectPersonName(
  reader: Reader,
  personId: string,
): Promise<string | undefined> {
  const [row] = await reader
    .select({ name: people.name })
    .from(people)
    .where(eq(people.id, personId));
  return row?.name;
}

/**
 * When notice of the meeting was e-mailed to its members, if it has been (the notices
 * capability's record, read here so meetings need not depend on notices).
 */
export async function selectFirstNoticeSentAt(
  reader: Reader,
  meetingId: string,
): Promise<Date | undefined> {
  const [row] = await reader
    .select({ sentAt: min(meetingNotices.createdAt) })
    .from(meetingNotices)
    .where(eq(meetingNotices.meetingId, meetingId));
  return row?.sentAt ?? undefined;
}
