/**
 * Use case: the consortium's secretariat records an entry in a tender's procurement decisions
 * register — the decision (the evaluation, the award recommendation, or another), its date, the
 * people who took part, and the conflicts of interest declared with, where already known, how
 * each was managed (Managing Conflicts of Interest in the NHS: "the decision, who was involved,
 * conflicts and how managed").
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, type FieldProblem, invalidInput } from '../shared/problems.ts';
import { assertRunsConsortium, loadTender, nameOf } from './procurement-access.ts';
import { lockTender, selectPeopleNames } from './procurement-queries.ts';
import {
  type ConflictManagement,
  type RegisterSubject,
  registerClause,
} from './procurement-rules.ts';
import { managementProblem } from './record-conflict-management.ts';
import { insertRegisterEntry, updateConflictManagement } from './register-queries.ts';

export interface DeclaredConflict {
  personId: string;
  interest: string;
  management?: ConflictManagement | undefined;
  reason?: string | undefined;
}

export async function recordRegisterEntry(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  tenderId: string;
  subject: RegisterSubject;
  decision: string;
  decidedOn: string;
  participantIds: string[];
  conflicts: DeclaredConflict[];
}): Promise<{ entryId: string }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const { tender, consortium } = await loadTender(db, options.tenderId);
  assertRunsConsortium(actor, consortium);
  const problems: FieldProblem[] = [];
  const participantIds = [...new Set(options.participantIds)];
  if (participantIds.length === 0) {
    problems.push({
      field: 'participantIds',
      message: `Name the people who took part in the decision: the register records who was involved (${registerClause.clause}).`,
    });
  }
  const known = new Set(
    (
      await selectPeopleNames(db, [
        ...participantIds,
        ...options.conflicts.map((each) => each.personId),
      ])
    ).map((person) => person.id),
  );
  participantIds.forEach((id, index) => {
    if (!known.has(id)) {
      problems.push({
        field: `participantIds.${index}`,
        message: 'Choose each participant from the registry.',
      });
    }
  });
  options.conflicts.forEach((declared, index) => {
    if (!known.has(declared.personId)) {
      problems.push({
        field: `conflicts.${index}.personId`,
        message: 'Choose who declared the conflict from the registry.',
      });
    } else if (!participantIds.includes(declared.personId)) {
      problems.push({
        field: `conflicts.${index}.personId`,
        message:
          'A conflict is declared by one of the people involved in the decision: add them as a participant.',
      });
    }
    if (declared.management) {
      const problem = managementProblem(declared.management, declared.reason);
      if (problem) problems.push({ field: `conflicts.${index}.reason`, message: problem });
    }
  });
  if (options.decidedOn > today) {
    problems.push({
      field: 'decidedOn',
      message: `A decision cannot be dated after today (${today}).`,
    });
  }
  if (options.decidedOn < tender.openedOn) {
    problems.push({
      field: 'decidedOn',
      message: `The tender opened on ${tender.openedOn}: its decisions are dated on or after that.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  const entryId = uuidv7();
  const recordedBy = nameOf(actor, context.actor);
  await db.transaction(async (transaction) => {
    const current = await lockTender(transaction, tender.id);
    if (current.stage === 'awarded') {
      throw conflict(
        'tenderId',
        'The tender is awarded: its register was complete when the award was recorded, and is kept as it was.',
      );
    }
    const conflicts = options.conflicts.map((declared) => ({
      id: uuidv7(),
      personId: declared.personId,
      interest: declared.interest,
      createdAt: context.now,
    }));
    const row = {
      id: entryId,
      tenderId: tender.id,
      subject: options.subject,
      decision: options.decision,
      decidedOn: options.decidedOn,
      recordedBy,
      createdAt: context.now,
    };
    await insertRegisterEntry(transaction, row, participantIds, conflicts);
    for (const [index, declared] of options.conflicts.entries()) {
      const id = conflicts[index]?.id;
      if (id && declared.management) {
        await updateConflictManagement(
          transaction,
          id,
          declared.management,
          declared.reason ?? null,
          recordedBy,
        );
      }
    }
    await recordAuditEvents(transaction, context, [
      {
        action: 'procurement-register.entry-recorded',
        entityType: 'tender',
        entityId: tender.id,
        after: {
          ...row,
          participantIds,
          conflicts: options.conflicts.map((each, index) => ({
            id: conflicts[index]?.id,
            ...each,
          })),
        },
      },
    ]);
  });
  return { entryId };
}
