/**
 * Use case: import a file of responses (paper forms, other channels) into a consultation — issue
 * 25 part 3; 2008 "Healthcare for London" bullet 1: the analysis takes "full account of all the
 * comments received". The file (CSV or XLSX, docs/consultations.md) is read as a stream; each line
 * is checked with the form's own rules, and the checked lines go in chunks into one COPY kept open
 * on the import's one transaction (decisions 050 and 052), the next lines read while a chunk is
 * written and none read while the database is behind.
 * All or nothing: at the first bad line writing stops, the next few bad lines are still named
 * (line and column), then reading stops and the transaction rolls back. Idempotent: a file whose
 * sha-256 this consultation has imported before writes nothing and names the earlier import. The
 * tallies are added once at the end from counts summed in memory (bounded by questions × options
 * × categories, never by rows), with one audit event for the import.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, type FieldProblem, invalidInput, ProblemError } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import {
  type ConsultationRecord,
  selectConsultationBySlug,
  selectQuestions,
} from './consultation-queries.ts';
import { fileRows, UnreadableFileError } from './import-file-rows.ts';
import {
  insertImport,
  openResponseCopy,
  responseCopyLine,
  selectImportBySha,
} from './import-queries.ts';
import {
  type ImportFormat,
  type ImportLayout,
  importClause,
  layoutOf,
  lineProblemMessage,
  lineReaderFor,
  tallyCounterFor,
} from './import-rules.ts';
import { applyResponseCountDeltas, applyTallyDeltas } from './tally-queries.ts';

/**
 * Characters of COPY text gathered before they are written: the lines checked meanwhile are held
 * only this long, so they die young and the heap stays flat (decision 052).
 */
export const importChunkCharacters = 256 * 1024;
/** Bad lines named before reading stops: enough to show a pattern, without reading a million. */
export const badLinesNamedAtMost = 10;
const progressEveryLines = 1_000;

export interface ImportProgress {
  linesRead: number;
  bytesRead: number;
  responsesChecked: number;
  badLines: number;
}

export interface ImportResponsesOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  consultationSlug: string;
  fileName: string;
  input: AsyncIterable<Buffer | string>;
  format: ImportFormat;
  /** The file's sha-256 when the caller already knows it: a re-run is then answered before reading. */
  knownSha256?: string;
  onProgress?: (progress: ImportProgress) => void;
}

export type ImportOutcome =
  | {
      kind: 'imported';
      importId: string;
      responses: number;
      fileSha256: string;
      importedAt: Date;
    }
  | {
      kind: 'already-imported';
      importId: string;
      responses: number;
      fileName: string;
      importedAt: Date;
    };

/** Thrown inside the transaction to roll it back when the file turns out to be imported already. */
class AlreadyImported extends Error {
  constructor(readonly outcome: Extract<ImportOutcome, { kind: 'already-imported' }>) {
    super('already imported');
  }
}

/** Responses are imported once the consultation has opened and until its decision is put. */
export function importRefusal(consultation: ConsultationRecord, now: Date): string | undefined {
  if (consultation.stage === 'preparing' || consultation.stage === 'approval-put') {
    return 'Responses can be imported only once the Joint Committee has approved the consultation and it has opened.';
  }
  if (consultation.opensAt !== null && now < consultation.opensAt) {
    return 'Responses can be imported only once the consultation has opened.';
  }
  if (consultation.stage === 'decision-put' || consultation.stage === 'decided') {
    return 'The decision after the consultation has been put: the analysis it reads no longer changes, so no more responses are imported (Gunning 4, responses conscientiously taken into account before deciding).';
  }
  return undefined;
}

export async function loadConsultationToImport(
  db: Database,
  actor: Actor,
  slug: string,
): Promise<ConsultationRecord> {
  const consultation = await selectConsultationBySlug(db, slug);
  if (!consultation) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: 'There is no such consultation.',
    });
  }
  requireRunsConsultation(actor, consultation, 'import responses to its consultations');
  return consultation;
}

function alreadyImportedOutcome(existing: {
  id: string;
  fileName: string;
  responseCount: number;
  importedAt: Date;
}): Extract<ImportOutcome, { kind: 'already-imported' }> {
  return {
    kind: 'already-imported',
    importId: existing.id,
    responses: existing.responseCount,
    fileName: existing.fileName,
    importedAt: existing.importedAt,
  };
}

export async function importResponses(options: ImportResponsesOptions): Promise<ImportOutcome> {
  const { db, context, actor } = options;
  const consultation = await loadConsultationToImport(db, actor, options.consultationSlug);
  const refusal = importRefusal(consultation, context.now);
  if (refusal) throw conflict('consultation', refusal);
  if (options.knownSha256) {
    const existing = await selectImportBySha(db, consultation.id, options.knownSha256);
    if (existing) return alreadyImportedOutcome(existing);
  }
  const questions = await selectQuestions(db, consultation.id);
  const importId = uuidv7();
  const at = context.now.toISOString();
  const hash = createHash('sha256');
  const progress: ImportProgress = {
    linesRead: 0,
    bytesRead: 0,
    responsesChecked: 0,
    badLines: 0,
  };
  const report = () => options.onProgress?.({ ...progress });
  const problems: FieldProblem[] = [];
  const rows = fileRows(options.input, options.format, (chunk) => {
    hash.update(chunk);
    progress.bytesRead += chunk.length;
  });

  try {
    return await db.transaction(async (transaction) => {
      let layout: ImportLayout | undefined;
      let readLine: ReturnType<typeof lineReaderFor> | undefined;
      const tallies = tallyCounterFor(questions);
      // One COPY for the whole file; while a chunk is handed on, the next lines wait unread.
      const copy = openResponseCopy(transaction);
      let chunk = '';
      let imported = 0;
      try {
        reading: for await (const batch of rows) {
          for (const row of batch) {
            if (!readLine) {
              const read = layoutOf(row.cells, questions);
              if (!read.ok) {
                problems.push(
                  ...read.problems.map((message) => ({
                    field: 'file',
                    message: `Line ${row.line}, the header: ${message}`,
                  })),
                );
                break reading;
              }
              layout = read.layout;
              readLine = lineReaderFor(read.layout, questions);
              continue;
            }
            progress.linesRead += 1;
            if (progress.linesRead % progressEveryLines === 0) report();
            const read = readLine(row.cells);
            if (!read.ok) {
              progress.badLines += 1;
              problems.push(
                ...read.problems.map((problem) => ({
                  field: 'file',
                  message: lineProblemMessage(row.line, problem),
                })),
              );
              if (progress.badLines >= badLinesNamedAtMost) break reading;
              continue;
            }
            progress.responsesChecked += 1;
            // Once a line is bad nothing will be written: keep checking, stop writing.
            if (progress.badLines > 0) continue;
            chunk += responseCopyLine(read.response, {
              id: uuidv7(),
              consultationId: consultation.id,
              importId,
              line: row.line,
              at,
            });
            tallies.add(read.response.answers, read.response.respondentCategory);
            imported += 1;
            if (chunk.length >= importChunkCharacters) {
              const text = chunk;
              chunk = '';
              await copy.write(text);
            }
          }
        }
        if (problems.length === 0 && chunk !== '') await copy.write(chunk);
        chunk = '';
      } catch (error) {
        await copy.abort();
        if (!(error instanceof UnreadableFileError)) throw error;
        problems.push({ field: 'file', message: error.message });
      } finally {
        // Reading may have stopped early (a bad header, too many bad lines): end the stream.
        await rows.return(undefined);
      }
      if (!layout && problems.length === 0) {
        problems.push({
          field: 'file',
          message:
            'The file is empty: give a header row (category, organisation, publish_consent, Q1 …) and one line per response.',
        });
      }
      if (layout && problems.length === 0 && imported === 0) {
        problems.push({ field: 'file', message: 'The file has a header but no responses.' });
      }
      if (problems.length > 0) {
        await copy.abort();
        report();
        const stopped =
          progress.badLines >= badLinesNamedAtMost
            ? ` Reading stopped after ${badLinesNamedAtMost} bad lines.`
            : '';
        throw invalidInput(
          problems,
          `Nothing was imported: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'} listed)` : ''}${stopped} Every response must meet the same rules as one sent through the form, so that the analysis takes "full account of all the comments received" (${importClause.clause}).`,
        );
      }
      await copy.end();
      report();
      const fileSha256 = hash.digest('hex');
      const existing = await selectImportBySha(transaction, consultation.id, fileSha256);
      if (existing) throw new AlreadyImported(alreadyImportedOutcome(existing));
      await insertImport(transaction, {
        id: importId,
        consultationId: consultation.id,
        fileName: options.fileName,
        fileSha256,
        format: options.format,
        responseCount: imported,
        importedByPersonId: actor.kind === 'account' ? actor.personId : null,
        importedAt: context.now,
      });
      await applyTallyDeltas(transaction, consultation.id, tallies.deltas());
      await applyResponseCountDeltas(
        transaction,
        consultation.id,
        tallies.responsesByCategory().map(({ respondentCategory, count }) => ({
          channel: 'import',
          respondentCategory,
          change: count,
        })),
      );
      await recordAuditEvents(transaction, context, [
        {
          action: 'consultation.responses-imported',
          entityType: 'consultation_import',
          entityId: importId,
          after: {
            consultationId: consultation.id,
            fileName: options.fileName,
            fileSha256,
            format: options.format,
            responseCount: imported,
            clause: importClause.clause,
          },
        },
      ]);
      return {
        kind: 'imported' as const,
        importId,
        responses: imported,
        fileSha256,
        importedAt: context.now,
      };
    });
  } catch (error) {
    if (error instanceof AlreadyImported) return error.outcome;
    throw error;
  }
}
