/**
 * Why a backup or a restore was refused or failed, with a stable code for tests and scripts and
 * a message that says what to do. The CLI prints the message as it is.
 */
export type BackupErrorCode =
  | 'backup-file-exists'
  | 'backup-folder-missing'
  | 'nothing-to-back-up'
  | 'not-a-concordat-database'
  | 'tool-missing'
  | 'tool-too-old'
  | 'tool-failed'
  | 'not-a-backup'
  | 'backup-damaged'
  | 'wrong-kind-of-backup'
  | 'target-not-empty';

export class BackupError extends Error {
  readonly code: BackupErrorCode;

  constructor(code: BackupErrorCode, message: string) {
    super(message);
    this.name = 'BackupError';
    this.code = code;
  }
}
