/**
 * Read model: a tender's procurement decisions register — each entry with its decision, date,
 * participants, and the conflicts declared with how each was managed — and whether it is complete
 * (Managing Conflicts of Interest in the NHS: "complete before a contract is marked awarded").
 * Also its CSV export.
 */
import type { Reader } from '../db/connection.ts';
import { longDateText } from '../shared/long-date.ts';
import { selectTender } from './procurement-queries.ts';
import {
  type ConflictManagement,
  csvField,
  managementWords,
  type RegisterSubject,
  registerGaps,
  subjectWords,
} from './procurement-rules.ts';
import { selectConflicts, selectParticipants, selectRegisterEntries } from './register-queries.ts';

export interface RegisterView {
  entries: {
    id: string;
    subject: RegisterSubject;
    subjectText: string;
    decision: string;
    decidedOn: string;
    decidedOnText: string;
    recordedBy: string;
    participants: { personId: string; name: string }[];
    conflicts: {
      id: string;
      personId: string;
      personName: string;
      interest: string;
      management: ConflictManagement | null;
      managementText: string | null;
      reason: string | null;
    }[];
  }[];
  complete: boolean;
  /** What the register still needs, in words; empty when complete. */
  missing: string[];
}

export async function registerOf(reader: Reader, tenderId: string): Promise<RegisterView> {
  const entries = await selectRegisterEntries(reader, tenderId);
  const ids = entries.map((entry) => entry.id);
  const participants = await selectParticipants(reader, ids);
  const conflicts = await selectConflicts(reader, ids);
  const view = entries.map((entry) => ({
    id: entry.id,
    subject: entry.subject,
    subjectText: subjectWords[entry.subject],
    decision: entry.decision,
    decidedOn: entry.decidedOn,
    decidedOnText: longDateText(entry.decidedOn),
    recordedBy: entry.recordedBy,
    participants: participants
      .filter((each) => each.entryId === entry.id)
      .map((each) => ({ personId: each.personId, name: each.name })),
    conflicts: conflicts
      .filter((each) => each.entryId === entry.id)
      .map((each) => ({
        id: each.id,
        personId: each.personId,
        personName: each.personName,
        interest: each.interest,
        management: each.management,
        managementText: each.management ? managementWords[each.management] : null,
        reason: each.managementReason,
      })),
  }));
  const tender = await selectTender(reader, tenderId);
  const missing = registerGaps({
    entries: view.map((entry) => ({
      subject: entry.subject,
      participants: entry.participants.length,
      decidedOn: entry.decidedOn,
    })),
    evaluatedOn: tender?.evaluatedOn ?? null,
    conflicts: conflicts.map((each) => ({
      personName: each.personName,
      interest: each.interest,
      management: each.management,
    })),
  });
  return { entries: view, complete: missing.length === 0, missing };
}

/** The register as CSV: one line per entry and declared conflict (an entry without one: one line). */
export function registerCsv(tenderTitle: string, register: RegisterView): string {
  const header = [
    'Tender',
    'Decision about',
    'Decision',
    'Decided on',
    'Participants',
    'Conflict declared by',
    'Interest',
    'How managed',
    'Reason',
  ];
  const lines = [header];
  for (const entry of register.entries) {
    const base = [
      tenderTitle,
      entry.subjectText,
      entry.decision,
      entry.decidedOn,
      entry.participants.map((each) => each.name).join('; '),
    ];
    if (entry.conflicts.length === 0) lines.push([...base, '', '', '', '']);
    for (const declared of entry.conflicts) {
      lines.push([
        ...base,
        declared.personName,
        declared.interest,
        declared.managementText ?? 'Not yet recorded',
        declared.reason ?? '',
      ]);
    }
  }
  return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}
