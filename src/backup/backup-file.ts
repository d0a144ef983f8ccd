import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { BackupError } from './backup-error.ts';
import { backupFileHeadLength } from './backup-file-kind.ts';

/**
 * A backup is written under a temporary name beside its final one and renamed into place only
 * once complete and on disk, so a backup that failed halfway never looks like a good one, and an
 * earlier backup of the same name is replaced whole or not at all.
 */
export function startBackupFile(file: string, options: { overwrite: boolean }): string {
  if (!options.overwrite && existsSync(file)) {
    throw new BackupError(
      'backup-file-exists',
      `${file} already exists. Give a new file name (a date in it keeps each backup), or add --overwrite to replace it.`,
    );
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new BackupError('backup-file-exists', `${file} is a folder; give a file name.`);
  }
  const folder = path.dirname(path.resolve(file));
  if (!existsSync(folder)) {
    throw new BackupError(
      'backup-folder-missing',
      `The folder ${folder} does not exist; create it first, or give a file in another folder.`,
    );
  }
  return `${file}.partial`;
}

/** Flushes the finished backup to disk, gives it its name, and returns its size in bytes. */
export function finishBackupFile(partial: string, file: string): number {
  syncToDisk(partial);
  renameSync(partial, file);
  syncToDisk(path.dirname(path.resolve(file)));
  return statSync(file).size;
}

export function discardBackupFile(partial: string): void {
  rmSync(partial, { force: true });
}

/** The first bytes of a backup, enough to tell what it is; a missing file is a plain refusal. */
export function readBackupFileHead(file: string): Uint8Array {
  if (!existsSync(file)) {
    throw new BackupError('not-a-backup', `${file} does not exist.`);
  }
  if (statSync(file).isDirectory()) {
    throw new BackupError('not-a-backup', `${file} is a folder, not a backup file.`);
  }
  const descriptor = openSync(file, 'r');
  try {
    const head = new Uint8Array(backupFileHeadLength);
    const length = readSync(descriptor, head, 0, head.length, 0);
    return head.subarray(0, length);
  } finally {
    closeSync(descriptor);
  }
}

function syncToDisk(fileOrFolder: string): void {
  const descriptor = openSync(fileOrFolder, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
