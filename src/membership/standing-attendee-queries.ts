import { and, asc, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { electionRecords, seatHoldings, standingAttendees } from '../db/schema/membership.ts';
import { organisations, people } from '../db/schema/registry.ts';

/** A standing deputy or non-voting attendee, with whom they are and whom they deputise for. */
export interface StandingAttendeeRecord {
  id: string;
  bodyId: string;
  personId: string;
  personName: string;
  organisationId: string | null;
  organisationName: string | null;
  capacity: 'deputy' | 'non-voting';
  deputyForHoldingId: string | null;
  deputyForName: string | null;
  description: string | null;
  startsOn: string;
  endsOn: string | null;
}

const attendeeColumns = {
  id: standingAttendees.id,
  bodyId: standingAttendees.bodyId,
  personId: standingAttendees.personId,
  personName: people.name,
  organisationId: standingAttendees.organisationId,
  organisationName: organisations.name,
  capacity: standingAttendees.capacity,
  deputyForHoldingId: standingAttendees.deputyForHoldingId,
  description: standingAttendees.description,
  startsOn: standingAttendees.startsOn,
  endsOn: standingAttendees.endsOn,
};

async function withMemberNames(
  reader: Reader,
  rows: Omit<StandingAttendeeRecord, 'deputyForName'>[],
): Promise<StandingAttendeeRecord[]> {
  const holdingIds = [...new Set(rows.flatMap((row) => row.deputyForHoldingId ?? []))];
  const holders =
    holdingIds.length === 0
      ? []
      : await reader
          .select({ id: seatHoldings.id, name: people.name })
          .from(seatHoldings)
          .innerJoin(people, eq(seatHoldings.personId, people.id))
          .where(or(...holdingIds.map((id) => eq(seatHoldings.id, id))));
  const names = new Map(holders.map((holder) => [holder.id, holder.name]));
  return rows.map((row) => ({
    ...row,
    capacity: row.capacity as StandingAttendeeRecord['capacity'],
    deputyForName: row.deputyForHoldingId ? (names.get(row.deputyForHoldingId) ?? null) : null,
  }));
}

/** Standing attendees of the body in force on a date (`endsOn` is the last day). */
export async function selectStandingAttendeesOn(
  reader: Reader,
  bodyId: string,
  asOf: string,
): Promise<StandingAttendeeRecord[]> {
  const rows = await reader
    .select(attendeeColumns)
    .from(standingAttendees)
    .innerJoin(people, eq(standingAttendees.personId, people.id))
    .leftJoin(organisations, eq(standingAttendees.organisationId, organisations.id))
    .where(
      and(
        eq(standingAttendees.bodyId, bodyId),
        lte(standingAttendees.startsOn, asOf),
        or(isNull(standingAttendees.endsOn), gte(standingAttendees.endsOn, asOf)),
      ),
    )
    .orderBy(asc(standingAttendees.capacity), asc(people.name));
  return withMemberNames(reader, rows as Omit<StandingAttendeeRecord, 'deputyForName'>[]);
}

/** Every standing deputy ever named for one member's seat holding. */
export async function selectDeputiesOfHolding(
  reader: Reader,
  holdingId: string,
): Promise<StandingAttendeeRecord[]> {
  const rows = await reader
    .select(attendeeColumns)
    .from(standingAttendees)
    .innerJoin(people, eq(standingAttendees.personId, people.id))
    .leftJoin(organisations, eq(standingAttendees.organisationId, organisations.id))
    .where(eq(standingAttendees.deputyForHoldingId, holdingId))
    .orderBy(asc(standingAttendees.startsOn));
  return withMemberNames(reader, rows as Omit<StandingAttendeeRecord, 'deputyForName'>[]);
}

export async function selectStandingAttendee(
  reader: Reader,
  id: string,
): Promise<StandingAttendeeRecord | undefined> {
  const rows = await reader
    .select(attendeeColumns)
    .from(standingAttendees)
    .innerJoin(people, eq(standingAttendees.personId, people.id))
    .leftJoin(organisations, eq(standingAttendees.organisationId, organisations.id))
    .where(eq(standingAttendees.id, id));
  const [row] = await withMemberNames(
    reader,
    rows as Omit<StandingAttendeeRecord, 'deputyForName'>[],
  );
  return row;
}

/** Locks the attendee's row so two changes to it are made one after the other. */
export async function lockStandingAttendee(transaction: Transaction, id: string): Promise<void> {
  await transaction
    .select({ id: standingAttendees.id })
    .from(standingAttendees)
    .where(eq(standingAttendees.id, id))
    .for('update');
}

export async function insertStandingAttendee(
  transaction: Transaction,
  row: {
    id: string;
    bodyId: string;
    personId: string;
    organisationId: string | null;
    capacity: 'deputy' | 'non-voting';
    deputyForHoldingId: string | null;
    description: string | null;
    startsOn: string;
    endsOn: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await transaction.insert(standingAttendees).values(row);
}

export async function setStandingAttendeeEnd(
  transaction: Transaction,
  id: string,
  endsOn: string,
): Promise<void> {
  await transaction.update(standingAttendees).set({ endsOn }).where(eq(standingAttendees.id, id));
}

export interface ElectionRecord {
  id: string;
  seatHoldingId: string;
  heldOn: string;
  electorate: string;
  votesFor: number;
  votesCast: number;
  minuteReference: string;
}

const electionColumns = {
  id: electionRecords.id,
  seatHoldingId: electionRecords.seatHoldingId,
  heldOn: electionRecords.heldOn,
  electorate: electionRecords.electorate,
  votesFor: electionRecords.votesFor,
  votesCast: electionRecords.votesCast,
  minuteReference: electionRecords.minuteReference,
};

/** The elections recorded for the body's seat holdings. */
export async function selectElectionsOfBody(
  reader: Reader,
  bodyId: string,
): Promise<ElectionRecord[]> {
  return reader
    .select(electionColumns)
    .from(electionRecords)
    .innerJoin(seatHoldings, eq(electionRecords.seatHoldingId, seatHoldings.id))
    .where(eq(seatHoldings.bodyId, bodyId))
    .orderBy(desc(electionRecords.heldOn));
}

export async function selectElectionOfHolding(
  reader: Reader,
  seatHoldingId: string,
): Promise<ElectionRecord | undefined> {
  const [row] = await reader
    .select(electionColumns)
    .from(electionRecords)
    .where(eq(electionRecords.seatHoldingId, seatHoldingId));
  return row;
}

export async function insertElection(
  transaction: Transaction,
  row: ElectionRecord & { recordedAt: Date },
): Promise<void> {
  await transaction.insert(electionRecords).values(row);
}

/** Every standing attendee the body has had, whatever their dates. */
export async function selectStandingAttendeesOfBody(
  reader: Reader,
  bodyId: string,
): Promise<StandingAttendeeRecord[]> {
  const rows = await reader
    .select(attendeeColumns)
    .from(standingAttendees)
    .innerJoin(people, eq(standingAttendees.personId, people.id))
    .leftJoin(organisations, eq(standingAttendees.organisationId, organisations.id))
    .where(eq(standingAttendees.bodyId, bodyId))
    .orderBy(asc(standingAttendees.startsOn));
  return withMemberNames(reader, rows as Omit<StandingAttendeeRecord, 'deputyForName'>[]);
}

export interface StandingAttendeeView {
  id: string;
  capacity: 'deputy' | 'non-voting';
  person: { id: string; name: string };
  organisation: { id: string; name: string } | null;
  deputyFor: { holdingId: string; name: string } | null;
  description: string | null;
  startsOn: string;
  endsOn: string | null;
}

export function standingAttendeeView(record: StandingAttendeeRecord): StandingAttendeeView {
  return {
    id: record.id,
    capacity: record.capacity,
    person: { id: record.personId, name: record.personName },
    organisation:
      record.organisationId && record.organisationName
        ? { id: record.organisationId, name: record.organisationName }
        : null,
    deputyFor: record.deputyForHoldingId
      ? { holdingId: record.deputyForHoldingId, name: record.deputyForName ?? 'A member' }
      : null,
    description: record.description,
    startsOn: record.startsOn,
    endsOn: record.endsOn,
  };
}
