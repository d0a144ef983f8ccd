import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Mailer } from '../mail/mailer.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import { actorOfAccount, auditActorName, londonDate } from './actor.ts';
import {
  type ApiTokenRow,
  endAccountSessions,
  insertApiToken,
  insertPasswordResetToken,
  markPasswordResetTokenUsed,
  revokeAccountApiTokens,
  revokeApiTokenRow,
  selectAccountByEmail,
  selectAccountById,
  selectApiTokenForUpdate,
  selectApiTokens,
  selectBodyTitles,
  selectLiveApiTokenWithAccount,
  selectPasswordResetTokenForUpdate,
  setAccountPasswordHash,
} from './identity-queries.ts';
import { checkNewPassword, hashPassword, passwordMatches } from './passwords.ts';
import { type Actor, describeActor } from './policy.ts';
import { digestToken, newSecretToken } from './secrets.ts';

type AccountActor = Extract<Actor, { kind: 'account' }>;

const resetLinkLifetimeMinutes = 30;
export const apiTokenPrefix = 'cct_';

export async function changePassword(options: {
  db: Database;
  actor: AccountActor;
  currentPassword: string;
  newPassword: string;
  now: Date;
  currentSessionToken?: string | undefined;
  requestId?: string;
}): Promise<void> {
  const account = await selectAccountById(options.db, options.actor.accountId);
  if (!account) throw notFound('account', options.actor.accountId);
  if (
    !account.passwordHash ||
    !(await passwordMatches(account.passwordHash, options.currentPassword))
  ) {
    throw invalidInput([
      { field: 'currentPassword', message: 'Your current password is not right.' },
    ]);
  }
  const problems = checkNewPassword(options.newPassword);
  if (problems.length) throw invalidInput(problems);
  const passwordHash = await hashPassword(options.newPassword);
  await options.db.transaction(async (transaction) => {
    await setAccountPasswordHash(transaction, account.id, passwordHash);
    // Other sessions may belong to whoever knew the old password.
    await endAccountSessions(
      transaction,
      account.id,
      options.now,
      options.currentSessionToken ? digestToken(options.currentSessionToken) : undefined,
    );
    await recordAuditEvents(
      transaction,
      { actor: auditActorName(options.actor), requestId: options.requestId, now: options.now },
      [{ action: 'account.password-changed', entityType: 'account', entityId: account.id }],
    );
  });
}

/**
 * Sends a one-time reset link. The answer is the same whether or not the address has an account,
 * so the form cannot be used to find out who has one.
 */
export async function requestPasswordReset(options: {
  db: Database;
  email: string;
  now: Date;
  mailer: Mailer;
  publicUrl: string;
  requestId?: string;
}): Promise<void> {
  if (!options.mailer.canSend) {
    throw new ProblemError({
      status: 503,
      code: 'mail-not-configured',
      title: 'Password reset by e-mail is not available',
      detail:
        'This server has no e-mail (SMTP_URL) configured. Ask an administrator to reset your password.',
    });
  }
  const account = await selectAccountByEmail(options.db, options.email);
  if (!account || account.disabledAt) return;
  const token = newSecretToken();
  await options.db.transaction(async (transaction) => {
    await insertPasswordResetToken(transaction, {
      tokenHash: digestToken(token),
      accountId: account.id,
      createdAt: options.now,
      expiresAt: new Date(options.now.getTime() + resetLinkLifetimeMinutes * 60_000),
    });
    await recordAuditEvents(
      transaction,
      { actor: 'anonymous', requestId: options.requestId, now: options.now },
      [{ action: 'account.password-reset-requested', entityType: 'account', entityId: account.id }],
    );
  });
  await options.mailer.send({
    to: account.email,
    subject: 'Reset your Concordat password',
    text: [
      `Someone asked to reset the password for ${account.email} on Concordat.`,
      '',
      `To choose a new password, open this link within ${resetLinkLifetimeMinutes} minutes. It works once:`,
      `${options.publicUrl}/password-reset/${token}`,
      '',
      'If this was not you, ignore this e-mail; your password has not changed.',
    ].join('\n'),
  });
}

export async function resetPassword(options: {
  db: Database;
  token: string;
  newPassword: string;
  now: Date;
  requestId?: string;
}): Promise<void> {
  const problems = checkNewPassword(options.newPassword);
  if (problems.length) throw invalidInput(problems);
  const passwordHash = await hashPassword(options.newPassword);
  await options.db.transaction(async (transaction) => {
    const tokenHash = digestToken(options.token);
    const link = await selectPasswordResetTokenForUpdate(transaction, tokenHash);
    if (!link || link.usedAt || link.expiresAt <= options.now) {
      throw new ProblemError({
        status: 400,
        code: 'reset-link-invalid',
        title: 'This reset link cannot be used',
        detail: 'The link has expired or has already been used. Ask for a new one.',
        errors: [{ field: 'token', message: 'The link has expired or has already been used.' }],
      });
    }
    await markPasswordResetTokenUsed(transaction, tokenHash, options.now);
    await setAccountPasswordHash(transaction, link.accountId, passwordHash);
    await endAccountSessions(transaction, link.accountId, options.now);
    const tokensRevoked = await revokeAccountApiTokens(transaction, link.accountId, options.now);
    await recordAuditEvents(
      transaction,
      { actor: `account:${link.accountId}`, requestId: options.requestId, now: options.now },
      [
        {
          action: 'account.password-reset',
          entityType: 'account',
          entityId: link.accountId,
          after: { sessionsEnded: true, tokensRevoked },
        },
      ],
    );
  });
}

export async function listApiTokens(options: {
  db: Database;
  actor: AccountActor;
}): Promise<ApiTokenRow[]> {
  return selectApiTokens(options.db, options.actor.accountId);
}

/** The account's roles in words, each body named by its title, for the account page. */
export async function describeOwnAccount(options: {
  db: Database;
  actor: AccountActor;
}): Promise<string> {
  const slugs = [...new Set(options.actor.bodyRoles.map((fact) => fact.bodyId))];
  return describeActor(options.actor, await selectBodyTitles(options.db, slugs));
}

/** Creates a token and returns its secret once; only its digest is kept. */
export async function createApiToken(options: {
  db: Database;
  actor: AccountActor;
  name: string;
  scope: 'read' | 'write';
  now: Date;
  requestId?: string;
}): Promise<{ token: string; id: string }> {
  const token = newSecretToken(apiTokenPrefix);
  const id = uuidv7();
  await options.db.transaction(async (transaction) => {
    await insertApiToken(transaction, {
      id,
      accountId: options.actor.accountId,
      name: options.name,
      tokenHash: digestToken(token),
      scope: options.scope,
      createdAt: options.now,
    });
    await recordAuditEvents(
      transaction,
      { actor: auditActorName(options.actor), requestId: options.requestId, now: options.now },
      [
        {
          action: 'api-token.created',
          entityType: 'api-token',
          entityId: id,
          after: { name: options.name, scope: options.scope },
        },
      ],
    );
  });
  return { token, id };
}

export async function revokeApiToken(options: {
  db: Database;
  actor: AccountActor;
  id: string;
  now: Date;
  requestId?: string;
}): Promise<void> {
  await options.db.transaction(async (transaction) => {
    const row = await selectApiTokenForUpdate(transaction, options.id);
    // Someone else's token is reported as not found: its existence is not ours to reveal.
    if (!row || row.accountId !== options.actor.accountId) throw notFound('API token', options.id);
    if (row.revokedAt) return;
    await revokeApiTokenRow(transaction, options.id, options.now);
    await recordAuditEvents(
      transaction,
      { actor: auditActorName(options.actor), requestId: options.requestId, now: options.now },
      [
        {
          action: 'api-token.revoked',
          entityType: 'api-token',
          entityId: options.id,
          before: { name: row.name },
        },
      ],
    );
  });
}

/** The actor behind a bearer token, or undefined for an unknown or revoked one. */
export async function resolveApiToken(options: {
  db: Database;
  token: string;
  now: Date;
  /** Notes the token's use, kept to the minute (src/identity/token-use-recorder.ts). */
  recordUse: (tokenId: string, now: Date) => void;
}): Promise<Actor | undefined> {
  if (!options.token.startsWith(apiTokenPrefix) || options.token.length > 200) return undefined;
  const row = await selectLiveApiTokenWithAccount(options.db, {
    tokenHash: digestToken(options.token),
    today: londonDate(options.now),
  });
  if (!row) return undefined;
  const { token, account } = row;
  if (!token.lastUsedAt || options.now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    options.recordUse(token.id, options.now);
  }
  return actorOfAccount(account, { authenticatedBy: 'api-token', tokenScope: token.scope });
}
