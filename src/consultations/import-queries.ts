/**
 * The writes and reads of a bulk import: earlier imports by the file's sha-256 (re-running a file
 * writes nothing), the import's own row, and the responses as COPY text lines written through one
 * COPY kept open on the import's transaction (`openCopyInto`, decisions 050 and 052).
 */
import { and, desc, eq } from 'drizzle-orm';
import {
  type CopyWriter,
  copyTextField,
  openCopyInto,
  type Reader,
  type Transaction,
} from '../db/connection.ts';
import { consultationImports } from '../db/schema/consultations.ts';
import type { ImportedResponse, ImportFormat } from './import-rules.ts';

export interface ImportRecord {
  id: string;
  fileName: string;
  fileSha256: string;
  format: ImportFormat;
  responseCount: number;
  importedAt: Date;
}

const importColumns = {
  id: consultationImports.id,
  fileName: consultationImports.fileName,
  fileSha256: consultationImports.fileSha256,
  format: consultationImports.format,
  responseCount: consultationImports.responseCount,
  importedAt: consultationImports.importedAt,
};

export async function selectImportBySha(
  reader: Reader,
  consultationId: string,
  fileSha256: string,
): Promise<ImportRecord | undefined> {
  const [row] = await reader
    .select(importColumns)
    .from(consultationImports)
    .where(
      and(
        eq(consultationImports.consultationId, consultationId),
        eq(consultationImports.fileSha256, fileSha256),
      ),
    );
  return row as ImportRecord | undefined;
}

/** The consultation's imports, latest first. */
export async function selectImports(
  reader: Reader,
  consultationId: string,
): Promise<ImportRecord[]> {
  const rows = await reader
    .select(importColumns)
    .from(consultationImports)
    .where(eq(consultationImports.consultationId, consultationId))
    .orderBy(desc(consultationImports.importedAt));
  return rows as ImportRecord[];
}

export async function insertImport(
  transaction: Transaction,
  row: ImportRecord & { consultationId: string; importedByPersonId: string | null },
): Promise<void> {
  await transaction.insert(consultationImports).values(row);
}

/** The columns an imported response is written with; `number` is an identity and defaults. */
export const responseCopyColumns = [
  'id',
  'consultation_id',
  'respondent_category',
  'organisation_name',
  'publish_consent',
  'channel',
  'state',
  'answers',
  'normalised_text_hash',
  'import_id',
  'import_line',
  'submitted_at',
  'created_at',
  'updated_at',
] as const;

const needsEscape = /[\\\t\n\r]/;
/** `copyTextField` without its replace for the many values that have nothing to escape. */
const field = (value: string | null) =>
  value === null ? '\\N' : needsEscape.test(value) ? copyTextField(value) : value;

/** One imported response as a line of COPY text (channel import, state submitted). */
export function responseCopyLine(
  response: ImportedResponse,
  facts: { id: string; consultationId: string; importId: string; line: number; at: string },
): string {
  return `${facts.id}\t${facts.consultationId}\t${field(response.respondentCategory)}\t${field(response.organisationName)}\t${response.publishConsent ? 't' : 'f'}\timport\tsubmitted\t${field(response.answersJson ?? JSON.stringify(response.answers))}\t${field(response.normalisedTextHash)}\t${facts.importId}\t${facts.line}\t${facts.at}\t${facts.at}\t${facts.at}\n`;
}

/** One COPY into consultation_responses for the whole file, on the import's transaction (decision 052). */
export function openResponseCopy(transaction: Transaction): CopyWriter {
  return openCopyInto(transaction, 'consultation_responses', responseCopyColumns);
}
