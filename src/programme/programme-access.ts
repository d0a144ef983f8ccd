import type { Reader, Transaction } from '../db/connection.ts';
import { type Actor, mayKeepProgramme } from '../identity/index.ts';
import {
  conflict,
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
  notFound,
  ProblemError,
} from '../shared/problems.ts';
import {
  type ProgrammeRow,
  selectProgramme,
  selectProgrammeIdOf,
  selectProgrammeRecords,
} from './programme-queries.ts';
import { ProgrammeModel } from './programme-view.ts';

export function forbidden(bodyTitle: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator, or the secretariat or programme office of ${bodyTitle}, may keep its delivery programme.`,
  });
}

export function refuse(problems: FieldProblem[]): void {
  if (problems.length) throw invalidInput(problems);
}

/** The programme a record belongs to, locked, with the keeper's permission checked on its body. */
export async function programmeToKeep(
  transaction: Transaction,
  actor: Actor,
  kind: 'programme' | 'workstream' | 'project' | 'action' | 'milestone',
  id: string,
): Promise<ProgrammeRow> {
  const programmeId = kind === 'programme' ? id : await selectProgrammeIdOf(transaction, kind, id);
  const programme = programmeId ? await selectProgramme(transaction, programmeId, true) : undefined;
  if (!programme) throw notFound(kind === 'programme' ? 'programme' : `programme ${kind}`, id);
  if (!mayKeepProgramme(actor, programme.bodySlug)) throw forbidden(programme.bodyTitle);
  return programme;
}

export async function modelOf(reader: Reader, programme: ProgrammeRow, today: string) {
  return new ProgrammeModel(await selectProgrammeRecords(reader, programme), today);
}

export function uniqueOr(error: unknown, field: string, message: string): never {
  if (isUniqueViolation(error)) throw conflict(field, message);
  throw error;
}

// ── Programmes, workstreams, action teams ─────────────────────────────────────────────────────

/** A first status is dated at the start, or today when the start is still to come. */
export const firstStatusDate = (startsOn: string, today: string) =>
  startsOn < today ? startsOn : today;
