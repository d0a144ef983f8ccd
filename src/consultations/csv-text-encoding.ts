/**
 * A CSV file's bytes as UTF-8 for the parser (review M1b). Excel on Windows saves "CSV" in
 * Windows-1252, where "£", "é" and Word's curly quotes are single bytes that are not UTF-8: read as
 * UTF-8 they became replacement characters in every answer. UTF-8 passes through, checked chunk by
 * chunk (a character split between chunks is carried over); a file whose bytes stop being UTF-8
 * before any character beyond ASCII was seen is read as Windows-1252 from there (ASCII is the same
 * in both, so what came before is unchanged). A file with UTF-8 characters and then bytes that are
 * not is refused: it mixes encodings, and guessing would corrupt one half or the other.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

/** Windows-1252's 0x80–0x9F, where it differs from Latin-1 (WHATWG Encoding's index). */
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 bytes as a string (Node's own decoder for the label is Latin-1's). */
export function decodeWindows1252(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (character) =>
      String.fromCodePoint(windows1252High[character.charCodeAt(0) - 0x80]!),
    );
}

/** Where the last complete UTF-8 character ends: an incomplete one at the end waits for more. */
function completeLength(bytes: Buffer): number {
  for (let index = bytes.length - 1; index >= Math.max(0, bytes.length - 4); index--) {
    const byte = bytes[index]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return bytes.length;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return bytes.length - index < needed ? index : bytes.length;
  }
  return bytes.length;
}

export class MixedEncodingError extends Error {
  constructor() {
    super(
      'The file mixes two encodings: it has UTF-8 characters and then bytes that are not UTF-8. Save it again as "CSV UTF-8 (comma delimited)" and import that.',
    );
    this.name = 'MixedEncodingError';
  }
}

/** The transform: bytes in, UTF-8 bytes out. */
export function utf8FromCsvBytes(): Transform {
  let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  let sawBeyondAscii = false;
  let pending = Buffer.alloc(0);
  const asWindows1252 = (bytes: Buffer) => Buffer.from(decodeWindows1252(bytes), 'utf8');
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (encoding === 'windows-1252') return done(null, asWindows1252(chunk));
      const bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      const complete = completeLength(bytes);
      const body = bytes.subarray(0, complete);
      if (isUtf8(body)) {
        pending = Buffer.from(bytes.subarray(complete));
        sawBeyondAscii ||= !isAscii(body);
        return done(null, body);
      }
      if (sawBeyondAscii) return done(new MixedEncodingError());
      encoding = 'windows-1252';
      pending = Buffer.alloc(0);
      return done(null, asWindows1252(bytes));
    },
    flush(done: TransformCallback) {
      if (pending.length === 0) return done();
      // A file ending part-way through a character: not UTF-8 after all.
      if (sawBeyondAscii) return done(new MixedEncodingError());
      return done(null, asWindows1252(pending));
    },
  });
}
