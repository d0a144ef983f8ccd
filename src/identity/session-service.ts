import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
import { ProblemError } from '../shared/problems.ts';
import { auditActorName, loadAccountActor } from './actor.ts';
import {
  endSession,
  insertAccountIdentity,
  insertSession,
  selectAccountByEmail,
  selectAccountIdByIdentity,
  selectLiveSession,
  touchSession,
} from './identity-queries.ts';
import type { OpenIdIdentity } from './oidc.ts';
import { decoyPasswordHash, passwordMatches } from './passwords.ts';
import type { Actor } from './policy.ts';
import { digestToken, newSecretToken } from './secrets.ts';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

const touchIntervalMilliseconds = 60_000;

export const signInRefused = () =>
  new ProblemError({
    status: 401,
    code: 'sign-in-failed',
    title: 'Sign-in failed',
    detail: 'The e-mail address or password is not right.',
    errors: [{ field: 'email', message: 'The e-mail address or password is not right.' }],
  });

/** Starts a brand-new session (a new id at every sign-in defeats session fixation). */
export async function startSession(
  transaction: Transaction,
  options: { accountId: string; now: Date; settings: SessionSettings },
): Promise<string> {
  const token = newSecretToken();
  await insertSession(transaction, {
    idHash: digestToken(token),
    accountId: options.accountId,
    createdAt: options.now,
    absoluteExpiresAt: new Date(options.now.getTime() + options.settings.absoluteHours * 3_600_000),
  });
  return token;
}

export async function signInWithPassword(options: {
  db: Database;
  email: string;
  password: string;
  now: Date;
  settings: SessionSettings;
  requestId?: string;
  previousSessionToken?: string | undefined;
}): Promise<{ sessionToken: string; actor: Actor }> {
  const account = await selectAccountByEmail(options.db, options.email);
  const matches = await passwordMatches(
    account?.passwordHash ?? (await decoyPasswordHash()),
    options.password,
  );
  if (!account?.passwordHash || !matches || account.disabledAt) throw signInRefused();
  return options.db.transaction(async (transaction) => {
    if (options.previousSessionToken) {
      await endSession(transaction, digestToken(options.previousSessionToken), options.now);
    }
    const sessionToken = await startSession(transaction, {
      accountId: account.id,
      now: options.now,
      settings: options.settings,
    });
    const actor = (await loadAccountActor(transaction, account.id, options.now, {
      authenticatedBy: 'session',
    }))!;
    await recordAuditEvents(
      transaction,
      { actor: auditActorName(actor), requestId: options.requestId, now: options.now },
      [
        {
          action: 'account.signed-in',
          entityType: 'account',
          entityId: account.id,
          after: { method: 'password' },
        },
      ],
    );
    return { sessionToken, actor };
  });
}

/** The actor behind a session cookie, or undefined when the session is unknown, ended or expired. */
export async function resolveSession(options: {
  db: Database;
  sessionToken: string;
  now: Date;
  settings: SessionSettings;
}): Promise<Actor | undefined> {
  const idHash = digestToken(options.sessionToken);
  const idleCutoff = new Date(options.now.getTime() - options.settings.idleMinutes * 60_000);
  const session = await selectLiveSession(options.db, idHash, options.now, idleCutoff);
  if (!session) return undefined;
  // Recording activity at most once a minute keeps reads from becoming writes.
  if (options.now.getTime() - session.lastSeenAt.getTime() > touchIntervalMilliseconds) {
    await touchSession(options.db, idHash, options.now);
  }
  return loadAccountActor(options.db, session.accountId, options.now, {
    authenticatedBy: 'session',
  });
}

export async function signOut(options: {
  db: Database;
  sessionToken: string;
  actor: Actor;
  now: Date;
  requestId?: string;
}): Promise<void> {
  if (options.actor.kind !== 'account') return;
  const { actor } = options;
  await options.db.transaction(async (transaction) => {
    await endSession(transaction, digestToken(options.sessionToken), options.now);
    await recordAuditEvents(
      transaction,
      { actor: auditActorName(actor), requestId: options.requestId, now: options.now },
      [{ action: 'account.signed-out', entityType: 'account', entityId: actor.accountId }],
    );
  });
}

/**
 * Signs in a person the identity provider vouches for. An account is found by its earlier link to
 * this provider's subject, or linked the first time by a matching e-mail address the provider has
 * not marked unverified. Nobody gets an account by signing in: an administrator creates it.
 */
export async function signInWithOpenId(options: {
  db: Database;
  identity: OpenIdIdentity;
  now: Date;
  settings: SessionSettings;
  requestId?: string;
  previousSessionToken?: string | undefined;
}): Promise<{ sessionToken: string; actor: Actor }> {
  const { identity } = options;
  return options.db.transaction(async (transaction) => {
    let accountId = await selectAccountIdByIdentity(transaction, identity.issuer, identity.subject);
    let linkedNow = false;
    if (!accountId && identity.email && identity.emailVerified !== false) {
      accountId = (await selectAccountByEmail(transaction, identity.email))?.id;
      linkedNow = accountId !== undefined;
    }
    if (!accountId) {
      throw new ProblemError({
        status: 403,
        code: 'no-account-for-identity',
        title: 'No Concordat account for this sign-in',
        detail: `${identity.email ?? identity.subject} signed in with the identity provider, but no Concordat account is linked to it. Ask an administrator to create your account.`,
      });
    }
    if (linkedNow) {
      await insertAccountIdentity(transaction, {
        id: uuidv7(),
        accountId,
        issuer: identity.issuer,
        subject: identity.subject,
        linkedAt: options.now,
      });
    }
    if (options.previousSessionToken) {
      await endSession(transaction, digestToken(options.previousSessionToken), options.now);
    }
    const actor = await loadAccountActor(transaction, accountId, options.now, {
      authenticatedBy: 'session',
    });
    if (!actor) throw signInRefused();
    const sessionToken = await startSession(transaction, {
      accountId,
      now: options.now,
      settings: options.settings,
    });
    await recordAuditEvents(
      transaction,
      { actor: auditActorName(actor), requestId: options.requestId, now: options.now },
      [
        ...(linkedNow
          ? [
              {
                action: 'account.identity-linked',
                entityType: 'account',
                entityId: accountId,
                after: { issuer: identity.issuer, subject: identity.subject },
              },
            ]
          : []),
        {
          action: 'account.signed-in',
          entityType: 'account',
          entityId: accountId,
          after: { method: 'openid-connect', issuer: identity.issuer },
        },
      ],
    );
    return { sessionToken, actor };
  });
}
