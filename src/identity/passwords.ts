import { hash, verify } from '@node-rs/argon2';
import type { FieldProblem } from '../shared/problems.ts';

// NCSC guidance favours length over composition rules; the upper bound stops hash-flooding.
export const minimumPasswordLength = 12;
export const maximumPasswordLength = 200;

/** argon2id (the library's default algorithm) with its default, OWASP-level cost. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > maximumPasswordLength) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export function checkNewPassword(password: string, field = 'newPassword'): FieldProblem[] {
  if (password.length < minimumPasswordLength) {
    return [
      {
        field,
        message: `Use at least ${minimumPasswordLength} characters; a few unrelated words make a strong password.`,
      },
    ];
  }
  if (password.length > maximumPasswordLength) {
    return [{ field, message: `Use at most ${maximumPasswordLength} characters.` }];
  }
  return [];
}

// A fixed hash to verify against when the account does not exist, so that a wrong e-mail
// address takes as long to refuse as a wrong password (no account enumeration by timing).
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('decoy password that nobody has');
  return decoyHash;
}
