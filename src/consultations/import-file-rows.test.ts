import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { fileRows } from './import-file-rows.ts';

function chunksOf(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    chunks.push(bytes.subarray(start, start + size));
  }
  return Readable.from(chunks);
}

async function linesOf(text: string, size: number): Promise<[number, string][]> {
  const rows: [number, string][] = [];
  for await (const batch of fileRows(chunksOf(text, size), 'csv', () => {})) {
    for (const row of batch) rows.push([row.line, row.cells[0]!]);
  }
  return rows;
}

/** The lines as csv-parse's `info: true` gives them: what the import read before decision 052. */
async function linesByInfo(text: string): Promise<[number, string][]> {
  const rows: [number, string][] = [];
  let previousEnd = 0;
  let previousEmpty = 0;
  const parser = Readable.from([text]).pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; empty_lines: number };
  }>) {
    rows.push([previousEnd + 1 + (info.empty_lines - previousEmpty), record[0]!]);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
  }
  return rows;
}

describe('the lines of a CSV file, as people see them in an editor', () => {
  it('counts empty lines and a cell over several lines, with LF or CRLF, however the bytes arrive', async () => {
    const unix =
      'category,Q1\npublic,a\n\n"nhs-staff","two\nlines"\n\n\nclinician,"three\nlines\nhere"\nlast,x';
    expect(await linesOf(unix, 1000)).toEqual([
      [1, 'category'],
      [2, 'public'],
      [4, 'nhs-staff'],
      [8, 'clinician'],
      [11, 'last'],
    ]);
    for (const text of [unix, unix.replaceAll('\n', '\r\n'), `\ufeff${unix}\n\n`]) {
      const expected = await linesByInfo(text);
      for (const size of [1, 3, 7, 1000]) expect(await linesOf(text, size)).toEqual(expected);
    }
  });
});

describe('a CSV file saved by Excel on Windows (Windows-1252) (review M1b)', () => {
  it('reads its £, é and curly quotes as they were typed, not replacement characters', async () => {
    const header = Buffer.from('category,Q4\r\n');
    const line = Buffer.concat([
      Buffer.from('public,'),
      Buffer.from([0x93]),
      Buffer.from('Caf'),
      Buffer.from([0xe9, 0x94]),
      Buffer.from(' prices '),
      Buffer.from([0xa3]),
      Buffer.from('3\r\n'),
    ]);
    const cells: string[][] = [];
    for await (const batch of fileRows(Readable.from([header, line]), 'csv', () => {})) {
      for (const row of batch) cells.push(row.cells);
    }
    expect(cells).toEqual([
      ['category', 'Q4'],
      ['public', '“Café” prices £3'],
    ]);
  });

  it('refuses a file that mixes UTF-8 and Windows-1252, saying how to save it', async () => {
    const mixed = [Buffer.from('category,Q4\npublic,café\n', 'utf8'), Buffer.from([0x93, 0x0a])];
    const read = async () => {
      for await (const _ of fileRows(Readable.from(mixed), 'csv', () => {})) {
        // read to the end
      }
    };
    await expect(read()).rejects.toThrow('Save it again as "CSV UTF-8 (comma delimited)"');
  });
});

describe('a zip archive that is not a workbook (review L4)', () => {
  it('is refused as not an XLSX workbook, not as an empty file', async () => {
    const { default: JSZip } = await import('jszip');
    const archive = new JSZip();
    archive.file('notes.txt', 'Minutes of the roadshow in Lewisham.');
    const bytes = await archive.generateAsync({ type: 'nodebuffer' });
    const read = async () => {
      for await (const _ of fileRows(Readable.from([bytes]), 'xlsx', () => {})) {
        // read to the end
      }
    };
    await expect(read()).rejects.toThrow(
      'The file is a zip archive with no worksheet in it, so not an XLSX workbook',
    );
  });
});
