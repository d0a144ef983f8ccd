import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { decodeWindows1252, MixedEncodingError, utf8FromCsvBytes } from './csv-text-encoding.ts';

/** The transform's output for the bytes given in these chunks. */
const through = (chunks: Buffer[]) =>
  text(Readable.from(chunks, { objectMode: false }).pipe(utf8FromCsvBytes()));

describe('a CSV file in Windows-1252 (Excel on Windows) imports with its £, é and curly quotes (review M1b)', () => {
  it('decodes the bytes Windows-1252 has where Latin-1 has control characters', () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x93, 0x94, 0x96, 0xa3, 0xe9]))).toBe('€“”–£é');
  });

  it('passes UTF-8 through unchanged, a character split between chunks included', async () => {
    const bytes = Buffer.from('category,Q1\npublic,“Café” costs £3 — 🚑\n', 'utf8');
    const chunks = [...Array(bytes.length).keys()].map((index) => bytes.subarray(index, index + 1));
    expect(await through(chunks)).toBe('category,Q1\npublic,“Café” costs £3 — 🚑\n');
  });

  it('reads a file that stops being UTF-8 before any non-ASCII character as Windows-1252 throughout', async () => {
    const ascii = Buffer.from('category,Q4\npublic,Open in the evenings\n');
    const windows = Buffer.from([
      ...Buffer.from('public,'),
      0x93,
      ...Buffer.from('Caf'),
      0xe9,
      0x94,
      ...Buffer.from(' costs '),
      0xa3,
      ...Buffer.from('3\n'),
    ]);
    expect(await through([ascii, windows])).toBe(
      'category,Q4\npublic,Open in the evenings\npublic,“Café” costs £3\n',
    );
  });

  it('a Windows-1252 byte as the last byte of the file is read as Windows-1252, not lost', async () => {
    expect(await through([Buffer.from('public,caf'), Buffer.from([0xe9])])).toBe('public,café');
  });

  it('refuses a file with UTF-8 characters and then bytes that are not: it mixes encodings', async () => {
    await expect(
      through([Buffer.from('public,café\n', 'utf8'), Buffer.from([0x93, 0x41, 0x94])]),
    ).rejects.toBeInstanceOf(MixedEncodingError);
  });
});
