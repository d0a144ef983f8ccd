import type { DatabaseEngine } from '../db/connection.ts';
import { BackupError } from './backup-error.ts';

/**
 * What a file holds, told from its first bytes: a pg_dump custom-format archive (a backup of a
 * PostgreSQL database), a tarball of an embedded database's folder (gzip-compressed as
 * `concordat backup` writes it, or plain as PGlite's own `dumpDataDir('none')` gives it), or
 * something that is not a Concordat backup at all.
 */
export type BackupFileKind =
  | { kind: 'postgres-archive' }
  | { kind: 'embedded-tarball'; compressed: boolean }
  | { kind: 'plain-sql' }
  | { kind: 'empty' }
  | { kind: 'unknown' };

/** Enough of the file to identify it and read a pg_dump archive's header. */
export const backupFileHeadLength = 4096;

const postgresArchiveMagic = 'PGDMP';
const gzipMagic = [0x1f, 0x8b];
const tarMagicOffset = 257;

export function identifyBackupFile(head: Uint8Array): BackupFileKind {
  if (head.length === 0) return { kind: 'empty' };
  if (textAt(head, 0, postgresArchiveMagic.length) === postgresArchiveMagic) {
    return { kind: 'postgres-archive' };
  }
  if (head[0] === gzipMagic[0] && head[1] === gzipMagic[1]) {
    return { kind: 'embedded-tarball', compressed: true };
  }
  if (textAt(head, tarMagicOffset, 5) === 'ustar') {
    return { kind: 'embedded-tarball', compressed: false };
  }
  // pg_dump's plain format starts with a comment; a hand-written script with a statement.
  if (/^(--|\/\*|set |create |begin)/i.test(textAt(head, 0, 16).trimStart())) {
    return { kind: 'plain-sql' };
  }
  return { kind: 'unknown' };
}

/**
 * Why this file cannot be restored into this kind of database, or undefined when it can. Each
 * kind of backup goes back only into its own kind of database: a PGlite folder holds the files of
 * a different PostgreSQL version, and an archive needs pg_restore and a server to load it.
 */
export function refuseBackupForTarget(
  file: { path: string; kind: BackupFileKind },
  target: DatabaseEngine,
): BackupError | undefined {
  const { path, kind } = file;
  switch (kind.kind) {
    case 'empty':
      return new BackupError('not-a-backup', `${path} is empty: it is not a Concordat backup.`);
    case 'unknown':
      return new BackupError(
        'not-a-backup',
        `${path} is not a Concordat backup: it is neither a pg_dump custom-format archive (which starts with "PGDMP") nor a tarball of an embedded database's folder.`,
      );
    case 'plain-sql':
      return new BackupError(
        'not-a-backup',
        `${path} looks like a plain SQL script. concordat restore reads the custom-format archives (pg_dump -Fc) that concordat backup writes; load a SQL script into an empty database with psql instead.`,
      );
    case 'postgres-archive':
      return target === 'postgres'
        ? undefined
        : new BackupError(
            'wrong-kind-of-backup',
            `${path} is a backup of a PostgreSQL database (a pg_dump archive), but DATABASE_URL is not set, so the target is the embedded database. Set DATABASE_URL to an empty PostgreSQL database to restore it there; concordat restore does not move data between the two kinds of database.`,
          );
    case 'embedded-tarball':
      return target === 'pglite'
        ? undefined
        : new BackupError(
            'wrong-kind-of-backup',
            `${path} is a backup of an embedded (PGlite) database, but DATABASE_URL is set, so the target is a PostgreSQL server. Unset DATABASE_URL and set DATA_DIR to an empty folder to restore it as an embedded database; concordat restore does not move data between the two kinds of database.`,
          );
  }
}

/** What a pg_dump archive's header says about where and by what it was written. */
export interface PostgresArchiveHeader {
  /** The archive format version, e.g. "1.14" (PostgreSQL 15's pg_dump). */
  formatVersion: string;
  databaseName: string | undefined;
  /** The server the dump was taken from, e.g. "15.18 (Debian 15.18-0+deb12u1)". */
  serverVersion: string | undefined;
  /** The pg_dump that wrote it; pg_restore must be at least this new. */
  pgDumpVersion: string | undefined;
}

// pg_backup_archiver.h: the archive formats and the header versions whose layout changed.
const customArchiveFormat = 1;
const archiveFormatNames: Record<number, string> = { 3: 'tar', 4: 'null', 5: 'directory' };
const oldestReadableVersion = 10; // 1.10 (PostgreSQL 8.0) added the version strings read here
const firstVersionWithCompressionAlgorithmByte = 15; // 1.15 (PostgreSQL 16)

/**
 * Reads the header pg_dump writes at the start of a custom-format archive (pg_backup_archiver.c
 * WriteHead): "PGDMP", the format version, integer and offset sizes, the format, the compression,
 * the creation time, then the database name, the server's version and pg_dump's version.
 */
export function readPostgresArchiveHeader(path: string, head: Uint8Array): PostgresArchiveHeader {
  const reader = new ArchiveHeaderReader(path, head);
  reader.skip(postgresArchiveMagic.length);
  const major = reader.byte();
  const minor = reader.byte();
  reader.byte(); // revision
  const formatVersion = `${major}.${minor}`;
  if (major !== 1 || minor < oldestReadableVersion) {
    throw damaged(path, `its header names archive format version ${formatVersion}`);
  }
  const integerSize = reader.byte();
  if (integerSize < 1 || integerSize > 8) {
    throw damaged(path, `its header gives an integer size of ${integerSize} bytes`);
  }
  reader.integerSize = integerSize;
  reader.byte(); // offset size
  const format = reader.byte();
  if (format !== customArchiveFormat) {
    throw new BackupError(
      'not-a-backup',
      `${path} is a pg_dump archive in the ${archiveFormatNames[format] ?? `unknown (${format})`} format; concordat restore reads the custom format (pg_dump -Fc) that concordat backup writes. Restore it with pg_restore instead.`,
    );
  }
  if (minor >= firstVersionWithCompressionAlgorithmByte) reader.byte();
  else reader.integer();
  for (let field = 0; field < 7; field += 1) reader.integer(); // sec, min, hour, day, month, year, dst
  return {
    formatVersion,
    databaseName: reader.string(),
    serverVersion: reader.string(),
    pgDumpVersion: reader.string(),
  };
}

class ArchiveHeaderReader {
  integerSize = 4;
  #offset = 0;

  constructor(
    private readonly path: string,
    private readonly bytes: Uint8Array,
  ) {}

  skip(count: number): void {
    this.#need(count);
    this.#offset += count;
  }

  byte(): number {
    this.#need(1);
    return this.bytes[this.#offset++]!;
  }

  /** pg_dump's WriteInt: a sign byte, then the magnitude least significant byte first. */
  integer(): number {
    const negative = this.byte() !== 0;
    this.#need(this.integerSize);
    let value = 0;
    for (let index = 0; index < this.integerSize; index += 1) {
      value += this.bytes[this.#offset + index]! * 2 ** (8 * index);
    }
    this.#offset += this.integerSize;
    return negative ? -value : value;
  }

  /** pg_dump's WriteStr: a length (negative for none), then the bytes. */
  string(): string | undefined {
    const length = this.integer();
    if (length < 0) return undefined;
    this.#need(length);
    const text = new TextDecoder().decode(this.bytes.subarray(this.#offset, this.#offset + length));
    this.#offset += length;
    return text;
  }

  #need(count: number): void {
    if (this.#offset + count > this.bytes.length) {
      throw damaged(this.path, 'its header ends early');
    }
  }
}

function damaged(path: string, reason: string): BackupError {
  return new BackupError(
    'backup-damaged',
    `${path} starts like a pg_dump archive but is damaged: ${reason}.`,
  );
}

function textAt(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
