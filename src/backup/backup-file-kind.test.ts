import { describe, expect, it } from 'vitest';
import {
  identifyBackupFile,
  readPostgresArchiveHeader,
  refuseBackupForTarget,
} from './backup-file-kind.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The first 160 bytes of a real archive: `pg_dump -Fc` 15.18 of a database named "src". */
const pgDump15Header = Uint8Array.from(
  Buffer.from(
    '5047444d50010e000408010101000000002b000000002800000000110000000006000000000b000000007e00000000000000000003000000737263001e00000031352e3138202844656269616e2031352e31382d302b6465623132753129001e00000031352e3138202844656269616e2031352e31382d302b646562313275312900f800000000d40e0000000000000000010000003000010000003000080000',
    'hex',
  ),
);

/** A header laid out as pg_dump 16 and later write it: the compression as one algorithm byte. */
function pgDump16Header(options: { format?: number } = {}): Uint8Array {
  const integer = (value: number) => [0, value & 0xff, (value >> 8) & 0xff, 0, 0];
  const text = (value: string) => [...integer(value.length), ...bytes(value)];
  return Uint8Array.from([
    ...bytes('PGDMP'),
    1,
    15,
    0,
    4, // integer size
    8, // offset size
    options.format ?? 1,
    1, // gzip
    ...[0, 30, 12, 6, 11, 126, 0].flatMap(integer),
    ...text('concordat'),
    ...text('16.4'),
    ...text('16.4'),
  ]);
}

describe('identifying a backup file by its first bytes', () => {
  it('a pg_dump custom-format archive starts with "PGDMP"', () => {
    expect(identifyBackupFile(pgDump15Header)).toEqual({ kind: 'postgres-archive' });
  });

  it("a compressed embedded backup starts with gzip's magic bytes", () => {
    expect(identifyBackupFile(Uint8Array.from([0x1f, 0x8b, 8, 0]))).toEqual({
      kind: 'embedded-tarball',
      compressed: true,
    });
  });

  it('an uncompressed tarball has "ustar" at byte 257', () => {
    const tar = new Uint8Array(512);
    tar.set(bytes('/PG_VERSION'), 0);
    tar.set(bytes('ustar\u000000'), 257);
    expect(identifyBackupFile(tar)).toEqual({ kind: 'embedded-tarball', compressed: false });
  });

  it('tells a plain SQL dump, an empty file and anything else apart', () => {
    expect(identifyBackupFile(bytes('--\n-- PostgreSQL database dump\n--\n'))).toEqual({
      kind: 'plain-sql',
    });
    expect(identifyBackupFile(new Uint8Array())).toEqual({ kind: 'empty' });
    expect(identifyBackupFile(bytes('hello\n'))).toEqual({ kind: 'unknown' });
  });
});

describe('which backups go into which database', () => {
  const archive = { path: 'nightly.dump', kind: { kind: 'postgres-archive' } as const };
  const tarball = {
    path: 'nightly.tar.gz',
    kind: { kind: 'embedded-tarball', compressed: true } as const,
  };

  it('each kind of backup goes back into its own kind of database', () => {
    expect(refuseBackupForTarget(archive, 'postgres')).toBeUndefined();
    expect(refuseBackupForTarget(tarball, 'pglite')).toBeUndefined();
  });

  it('a PostgreSQL backup is refused for the embedded database, saying what to set', () => {
    const refusal = refuseBackupForTarget(archive, 'pglite');
    expect(refusal?.code).toBe('wrong-kind-of-backup');
    expect(refusal?.message).toContain('nightly.dump is a backup of a PostgreSQL database');
    expect(refusal?.message).toContain('Set DATABASE_URL to an empty PostgreSQL database');
  });

  it('an embedded backup is refused for PostgreSQL, saying what to set', () => {
    const refusal = refuseBackupForTarget(tarball, 'postgres');
    expect(refusal?.code).toBe('wrong-kind-of-backup');
    expect(refusal?.message).toContain('is a backup of an embedded (PGlite) database');
    expect(refusal?.message).toContain('Unset DATABASE_URL and set DATA_DIR to an empty folder');
  });

  it('files that are not backups are refused for either database', () => {
    for (const target of ['pglite', 'postgres'] as const) {
      for (const kind of ['empty', 'unknown', 'plain-sql'] as const) {
        expect(refuseBackupForTarget({ path: 'x', kind: { kind } }, target)?.code).toBe(
          'not-a-backup',
        );
      }
    }
  });
});

describe("reading a pg_dump archive's header", () => {
  it("reads pg_dump 15's header: format 1.14, database, server and pg_dump versions", () => {
    expect(readPostgresArchiveHeader('src.dump', pgDump15Header)).toEqual({
      formatVersion: '1.14',
      databaseName: 'src',
      serverVersion: '15.18 (Debian 15.18-0+deb12u1)',
      pgDumpVersion: '15.18 (Debian 15.18-0+deb12u1)',
    });
  });

  it('reads the header of pg_dump 16 and later, whose compression is one byte', () => {
    expect(readPostgresArchiveHeader('new.dump', pgDump16Header())).toEqual({
      formatVersion: '1.15',
      databaseName: 'concordat',
      serverVersion: '16.4',
      pgDumpVersion: '16.4',
    });
  });

  it('a header cut short is damaged', () => {
    expect(() => readPostgresArchiveHeader('cut.dump', pgDump15Header.subarray(0, 40))).toThrow(
      expect.objectContaining({
        code: 'backup-damaged',
        message: 'cut.dump starts like a pg_dump archive but is damaged: its header ends early.',
      }),
    );
  });

  it('an archive in another pg_dump format is refused, naming the format', () => {
    expect(() => readPostgresArchiveHeader('dir/toc.dat', pgDump16Header({ format: 5 }))).toThrow(
      expect.objectContaining({
        code: 'not-a-backup',
        message: expect.stringContaining('is a pg_dump archive in the directory format'),
      }),
    );
  });
});
