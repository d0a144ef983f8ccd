/**
 * A file of responses read as a stream of rows, each with the line people see it on: CSV through
 * csv-parse, XLSX through exceljs's streamed WorkbookReader (the first worksheet). Neither holds
 * the file: rows are read as the bytes arrive. The bytes pass through `tap` first (the file's
 * sha-256 and the bytes read, for idempotency and the progress bar).
 */
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { MixedEncodingError, utf8FromCsvBytes } from './csv-text-encoding.ts';
import { type ImportFormat, looksLikeXlsx } from './import-rules.ts';

export interface FileRow {
  line: number;
  cells: string[];
}

/** The file is not what its format says: the message is for people. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

/** The input's bytes, each seen by `tap`, after the first `head` bytes already read. */
async function* tapped(
  head: Buffer,
  rest: AsyncIterator<Buffer | string>,
  tap: (chunk: Buffer) => void,
): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    tap(chunk);
    yield chunk;
  }
}

function notXlsx(): UnreadableFileError {
  return new UnreadableFileError(
    'The file is not an XLSX workbook (an XLSX file is a zip archive, and this one does not start like one): save it from the spreadsheet as "Excel Workbook (.xlsx)", or as CSV and import it as CSV.',
  );
}

/** Rows handed on at most this many at a time: one step of the reading per batch, not per row. */
const rowsPerBatch = 500;

/**
 * The rows of the file, in order, in batches (a million awaited steps cost more than the rows'
 * checking, decision 052). The first bytes are read before any parser sees the file, so that a file
 * that is not an XLSX is refused here, not deep inside the zip reader.
 */
export async function* fileRows(
  input: AsyncIterable<Buffer | string>,
  format: ImportFormat,
  tap: (chunk: Buffer) => void,
): AsyncGenerator<FileRow[]> {
  const iterator = input[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  try {
    while (format === 'xlsx' && head.length < 4) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      tap(chunk);
      head = Buffer.concat([head, chunk]);
    }
    if (format === 'xlsx' && !looksLikeXlsx(head)) throw notXlsx();
    const bytes = Readable.from(tapped(head, iterator, tap), { objectMode: false });
    yield* format === 'csv' ? csvRows(bytes) : inBatches(xlsxRows(bytes));
  } finally {
    await iterator.return?.();
  }
}

async function* csvRows(bytes: Readable): AsyncGenerator<FileRow[]> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true });
  // The lines each record ends on, read from the parser's running counts as it hands the record
  // on: what `info: true` gives, without copying every count into an object per record (a tenth
  // of the parsing's time on a million lines, decision 052).
  const handOn = parser.push.bind(parser);
  parser.push = (record: string[] | null) =>
    handOn(
      record === null
        ? null
        : { record, lines: parser.info.lines, emptyLines: parser.info.empty_lines },
    );
  // Excel's Windows-1252 "CSV" is read as such; UTF-8 passes through checked (review M1b).
  const text = utf8FromCsvBytes();
  bytes.pipe(text).pipe(parser);
  // A failure of the bytes (not an XLSX, a read error, mixed encodings) ends the parser with it.
  bytes.on('error', (error) => parser.destroy(error));
  text.on('error', (error) => parser.destroy(error));
  let previousEnd = 0;
  let previousEmpty = 0;
  let batch: FileRow[] = [];
  try {
    for await (const { record, lines, emptyLines } of parser as AsyncIterable<{
      record: string[];
      lines: number;
      emptyLines: number;
    }>) {
      const line = previousEnd + 1 + (emptyLines - previousEmpty);
      previousEnd = lines;
      previousEmpty = emptyLines;
      batch.push({ line, cells: record });
      if (batch.length >= rowsPerBatch) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    // The rows read before the failure are checked first, as they come before it in the file.
    if (batch.length > 0) {
      const before = batch;
      batch = [];
      yield before;
    }
    if (error instanceof UnreadableFileError) throw error;
    if (error instanceof MixedEncodingError) throw new UnreadableFileError(error.message);
    if (error instanceof CsvError) {
      const line = (error as { lines?: number }).lines ?? previousEnd + 1;
      throw new UnreadableFileError(csvErrorInWords(error, line), line);
    }
    throw error;
  } finally {
    parser.destroy();
    text.destroy();
    bytes.destroy();
  }
}

async function* inBatches(rows: AsyncGenerator<FileRow>): AsyncGenerator<FileRow[]> {
  let batch: FileRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= rowsPerBatch) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

type CellValue = ExcelJS.CellValue;

/** A cell as the text a person sees in it. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as CellValue);
  }
  return String(value);
}

async function* xlsxRows(bytes: Readable): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(bytes, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sawWorksheet = false;
  try {
    for await (const worksheet of reader) {
      sawWorksheet = true;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as CellValue[];
        const cells: string[] = [];
        for (let index = 1; index < values.length; index += 1) cells.push(cellText(values[index]));
        if (cells.every((cell) => cell.trim() === '')) continue;
        yield { line: row.number, cells };
      }
      // The responses are on the first worksheet; any other is not read.
      break;
    }
    if (!sawWorksheet) {
      // A zip archive, but not a workbook: "the file is empty" would send them looking for rows.
      throw new UnreadableFileError(
        'The file is a zip archive with no worksheet in it, so not an XLSX workbook: save it from the spreadsheet as "Excel Workbook (.xlsx)", or as CSV and import it as CSV.',
      );
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(
      `The file cannot be read as an XLSX workbook (${(error as Error).message}): save it again from the spreadsheet as "Excel Workbook (.xlsx)", or as CSV.`,
    );
  }
}

/** csv-parse's refusal said as a person fixing the file needs it (its own words are a parser's). */
function csvErrorInWords(error: CsvError, line: number): string {
  const at = `Line ${line.toLocaleString('en-GB')}`;
  if (error.code === 'INVALID_OPENING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE') {
    return `${at}: a quote mark inside a cell that is not in double quotes — put the whole answer in double quotes and double each quote mark inside it ("I said ""no"" to closing").`;
  }
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `${at}: a cell opens a double quote that is never closed — close it, or double each quote mark inside the answer.`;
  }
  return `The file cannot be read as CSV from line ${line.toLocaleString('en-GB')}: check the quoting and the commas of that line.`;
}
