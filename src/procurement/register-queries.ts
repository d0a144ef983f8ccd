/**
 * The procurement decisions register's SQL: entries, participants, conflicts of interest and how
 * each was managed (DOMAIN "Procurement decisions register").
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  procurementRegisterConflicts,
  procurementRegisterEntries,
  procurementRegisterParticipants,
} from '../db/schema/procurement.ts';
import { people } from '../db/schema/registry.ts';
import type { ConflictManagement, RegisterSubject } from './procurement-rules.ts';

export interface RegisterEntryRecord {
  id: string;
  tenderId: string;
  subject: RegisterSubject;
  decision: string;
  decidedOn: string;
  recordedBy: string;
}

export async function selectRegisterEntries(
  reader: Reader,
  tenderId: string,
): Promise<RegisterEntryRecord[]> {
  return (await reader
    .select({
      id: procurementRegisterEntries.id,
      tenderId: procurementRegisterEntries.tenderId,
      subject: procurementRegisterEntries.subject,
      decision: procurementRegisterEntries.decision,
      decidedOn: procurementRegisterEntries.decidedOn,
      recordedBy: procurementRegisterEntries.recordedBy,
    })
    .from(procurementRegisterEntries)
    .where(eq(procurementRegisterEntries.tenderId, tenderId))
    .orderBy(
      asc(procurementRegisterEntries.decidedOn),
      asc(procurementRegisterEntries.createdAt),
      asc(procurementRegisterEntries.id),
    )) as RegisterEntryRecord[];
}

export async function selectParticipants(
  reader: Reader,
  entryIds: readonly string[],
): Promise<{ entryId: string; personId: string; name: string }[]> {
  if (entryIds.length === 0) return [];
  return reader
    .select({
      entryId: procurementRegisterParticipants.entryId,
      personId: procurementRegisterParticipants.personId,
      name: people.name,
    })
    .from(procurementRegisterParticipants)
    .innerJoin(people, eq(procurementRegisterParticipants.personId, people.id))
    .where(inArray(procurementRegisterParticipants.entryId, [...entryIds]))
    .orderBy(asc(people.name));
}

export interface ConflictRecord {
  id: string;
  entryId: string;
  personId: string;
  personName: string;
  interest: string;
  management: ConflictManagement | null;
  managementReason: string | null;
  managedRecordedBy: string | null;
}

export async function selectConflicts(
  reader: Reader,
  entryIds: readonly string[],
): Promise<ConflictRecord[]> {
  if (entryIds.length === 0) return [];
  return (await reader
    .select({
      id: procurementRegisterConflicts.id,
      entryId: procurementRegisterConflicts.entryId,
      personId: procurementRegisterConflicts.personId,
      personName: people.name,
      interest: procurementRegisterConflicts.interest,
      management: procurementRegisterConflicts.management,
      managementReason: procurementRegisterConflicts.managementReason,
      managedRecordedBy: procurementRegisterConflicts.managedRecordedBy,
    })
    .from(procurementRegisterConflicts)
    .innerJoin(people, eq(procurementRegisterConflicts.personId, people.id))
    .where(inArray(procurementRegisterConflicts.entryId, [...entryIds]))
    .orderBy(
      asc(procurementRegisterConflicts.createdAt),
      asc(procurementRegisterConflicts.id),
    )) as ConflictRecord[];
}

export async function selectConflict(
  reader: Reader,
  id: string,
): Promise<(ConflictRecord & { tenderId: string }) | undefined> {
  const [row] = await reader
    .select({
      id: procurementRegisterConflicts.id,
      entryId: procurementRegisterConflicts.entryId,
      tenderId: procurementRegisterEntries.tenderId,
      personId: procurementRegisterConflicts.personId,
      personName: people.name,
      interest: procurementRegisterConflicts.interest,
      management: procurementRegisterConflicts.management,
      managementReason: procurementRegisterConflicts.managementReason,
      managedRecordedBy: procurementRegisterConflicts.managedRecordedBy,
    })
    .from(procurementRegisterConflicts)
    .innerJoin(
      procurementRegisterEntries,
      eq(procurementRegisterConflicts.entryId, procurementRegisterEntries.id),
    )
    .innerJoin(people, eq(procurementRegisterConflicts.personId, people.id))
    .where(eq(procurementRegisterConflicts.id, id));
  return row as (ConflictRecord & { tenderId: string }) | undefined;
}

export async function insertRegisterEntry(
  transaction: Transaction,
  row: typeof procurementRegisterEntries.$inferInsert,
  participantIds: readonly string[],
  conflicts: { id: string; personId: string; interest: string; createdAt: Date }[],
): Promise<void> {
  await transaction.insert(procurementRegisterEntries).values(row);
  if (participantIds.length > 0) {
    await transaction
      .insert(procurementRegisterParticipants)
      .values(participantIds.map((personId) => ({ entryId: row.id, personId })));
  }
  if (conflicts.length > 0) {
    await transaction
      .insert(procurementRegisterConflicts)
      .values(conflicts.map((conflict) => ({ ...conflict, entryId: row.id })));
  }
}

export async function updateConflictManagement(
  transaction: Transaction,
  id: string,
  management: ConflictManagement,
  reason: string | null,
  recordedBy: string,
): Promise<void> {
  await transaction
    .update(procurementRegisterConflicts)
    .set({ management, managementReason: reason, managedRecordedBy: recordedBy })
    .where(eq(procurementRegisterConflicts.id, id));
}
