import { BackupError } from './backup-error.ts';

/** What a tarball of an embedded database's folder holds, once every header has been checked. */
export interface TarballContents {
  files: number;
  directories: number;
  /** The PostgreSQL major version of the data files (the folder's PG_VERSION), e.g. "18". */
  postgresVersion: string;
}

const blockSize = 512;
const typeRegularFile = '0';
const typeDirectory = '5';

/**
 * Walks a tar archive header by header before anything is written, so a damaged backup is refused
 * with the target untouched: every header's checksum must match, every file's data must be
 * there, the archive must end with its end-of-archive block, and the folder must be a PostgreSQL
 * data folder (a PG_VERSION file). gzip's own check (CRC-32 and length) has already caught damage
 * to a compressed backup; this catches it in an uncompressed one, and a tarball of anything else.
 */
export function readTarballContents(path: string, tarball: Uint8Array): TarballContents {
  let files = 0;
  let directories = 0;
  let postgresVersion: string | undefined;
  const names: string[] = [];
  let offset = 0;
  for (;;) {
    if (offset + blockSize > tarball.length) {
      throw damaged(path, 'the archive ends early, without its end-of-archive block');
    }
    const header = tarball.subarray(offset, offset + blockSize);
    if (header.every((byte) => byte === 0)) break;
    const name = headerText(header, 0, 100);
    const stored = Number.parseInt(headerText(header, 148, 8).trim() || 'x', 8);
    if (stored !== headerChecksum(header)) {
      throw damaged(path, `the header of entry ${names.length + 1} fails its checksum`);
    }
    if (name.split('/').includes('..')) {
      throw damaged(path, `entry "${name}" points outside the database folder`);
    }
    const size = Number.parseInt(headerText(header, 124, 12).trim() || '0', 8);
    if (!Number.isInteger(size)) {
      throw damaged(path, `entry "${name}" gives no readable size`);
    }
    const type = headerText(header, 156, 1) || typeRegularFile;
    const dataStart = offset + blockSize;
    if (dataStart + size > tarball.length) {
      throw damaged(path, `the archive ends in the middle of "${name}"`);
    }
    if (type === typeRegularFile) {
      files += 1;
      if (name.replace(/^\/+/, '') === 'PG_VERSION') {
        postgresVersion = new TextDecoder().decode(tarball.subarray(dataStart, dataStart + size));
      }
    } else if (type === typeDirectory) {
      directories += 1;
    }
    names.push(name);
    offset = dataStart + Math.ceil(size / blockSize) * blockSize;
  }
  if (postgresVersion === undefined) {
    const pgDumpTarFormat = names.some((name) => name.replace(/^\/+/, '') === 'toc.dat');
    throw new BackupError(
      'not-a-backup',
      pgDumpTarFormat
        ? `${path} is a pg_dump archive in the tar format; concordat restore reads the custom format (pg_dump -Fc) that concordat backup writes. Restore it with pg_restore instead.`
        : `${path} is a tarball but not of a database folder (it has no PG_VERSION file): it is not a Concordat backup.`,
    );
  }
  return { files, directories, postgresVersion: postgresVersion.trim() };
}

/** The tar checksum: the sum of the header's bytes with the checksum field counted as spaces. */
function headerChecksum(header: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < blockSize; index += 1) {
    sum += index >= 148 && index < 156 ? 0x20 : header[index]!;
  }
  return sum;
}

function headerText(header: Uint8Array, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return String.fromCharCode(...(end === -1 ? field : field.subarray(0, end)));
}

function damaged(path: string, reason: string): BackupError {
  return new BackupError(
    'backup-damaged',
    `${path} is damaged: ${reason}. Nothing was restored; use another copy of the backup.`,
  );
}
