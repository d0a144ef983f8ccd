import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { batchedPerHandle } from '../db/batched.ts';
import type { Database, Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  accountIdentities,
  accounts,
  apiTokens,
  bodyRoleAssignments,
  passwordResetTokens,
  sessions,
} from '../db/schema/identity.ts';
import type { BodyRole, BodyRoleFact } from './policy.ts';

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  personId: string | null;
  passwordHash: string | null;
  isAdministrator: boolean;
  isDemo: boolean;
  disabledAt: Date | null;
}

const accountColumns = {
  id: accounts.id,
  email: accounts.email,
  displayName: accounts.displayName,
  personId: accounts.personId,
  passwordHash: accounts.passwordHash,
  isAdministrator: accounts.isAdministrator,
  isDemo: accounts.isDemo,
  disabledAt: accounts.disabledAt,
};

export async function selectAccountByEmail(
  reader: Reader,
  email: string,
): Promise<AccountRow | undefined> {
  const [row] = await reader
    .select(accountColumns)
    .from(accounts)
    .where(sql`lower(${accounts.email}) = lower(${email})`);
  return row;
}

export async function selectAccountById(
  reader: Reader,
  id: string,
): Promise<AccountRow | undefined> {
  const [row] = await reader.select(accountColumns).from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function insertAccount(
  transaction: Transaction,
  row: Omit<AccountRow, 'disabledAt'> & { createdAt: Date },
): Promise<void> {
  await transaction.insert(accounts).values(row);
}

export async function setAccountPasswordHash(
  transaction: Transaction,
  accountId: string,
  passwordHash: string,
) {
  await transaction.update(accounts).set({ passwordHash }).where(eq(accounts.id, accountId));
}

/**
 * The body roles an account holds on `today`, as a column of the account's row. Written out
 * with its own alias: drizzle leaves a single table's columns unqualified, which inside the
 * subquery would name the role's own columns.
 */
function bodyRolesHeldOn(today: string) {
  return sql<BodyRoleFact[]>`coalesce((
    select json_agg(json_build_object('bodyId', role.body_id, 'role', role.role)
      order by role.body_id, role.role)
    from body_role_assignments role
    where role.account_id = "accounts"."id"
      and role.starts_on <= ${today}
      and (role.ends_on is null or role.ends_on >= ${today})
  ), '[]'::json)`;
}

/**
 * An account with the body roles it holds today, in one query: it is read on every signed-in
 * request, and a vote's cost is mostly its round trips to the database.
 */
export async function selectAccountWithBodyRoles(
  reader: Reader,
  id: string,
  today: string,
): Promise<(AccountRow & { bodyRoles: BodyRoleFact[] }) | undefined> {
  const [row] = await reader
    .select({ ...accountColumns, bodyRoles: bodyRolesHeldOn(today) })
    .from(accounts)
    .where(eq(accounts.id, id));
  return row;
}

/** The titles of bodies by slug ("London Commissioning Group"), for saying which body a role is on. */
export async function selectBodyTitles(
  reader: Reader,
  slugs: readonly string[],
): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await reader
    .select({ slug: bodies.slug, title: bodies.title })
    .from(bodies)
    .where(inArray(bodies.slug, [...slugs]));
  return new Map(rows.map((row) => [row.slug, row.title]));
}

export async function insertBodyRoleAssignments(
  transaction: Transaction,
  rows: { id: string; accountId: string; bodyId: string; role: BodyRole; startsOn: string }[],
) {
  if (rows.length > 0) await transaction.insert(bodyRoleAssignments).values(rows);
}

// ---- sessions ----

export async function insertSession(
  transaction: Transaction,
  row: { idHash: string; accountId: string; createdAt: Date; absoluteExpiresAt: Date },
) {
  await transaction.insert(sessions).values({ ...row, lastSeenAt: row.createdAt });
}

/** A live session: not ended, not past its absolute expiry, and seen within the idle limit. */
export async function selectLiveSession(
  reader: Reader,
  idHash: string,
  now: Date,
  idleCutoff: Date,
) {
  const [row] = await reader
    .select({
      idHash: sessions.idHash,
      accountId: sessions.accountId,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.idHash, idHash),
        isNull(sessions.endedAt),
        gt(sessions.absoluteExpiresAt, now),
        gt(sessions.lastSeenAt, idleCutoff),
      ),
    );
  return row;
}

export async function touchSession(reader: Reader, idHash: string, now: Date) {
  await reader.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
}

export async function endSession(transaction: Transaction, idHash: string, now: Date) {
  await transaction
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.endedAt)));
}

/** Ends every session of an account, e.g. after its password changes. */
export async function endAccountSessions(
  transaction: Transaction,
  accountId: string,
  now: Date,
  exceptIdHash?: string,
) {
  await transaction
    .update(sessions)
    .set({ endedAt: now })
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.endedAt),
        exceptIdHash ? sql`${sessions.idHash} <> ${exceptIdHash}` : undefined,
      ),
    );
}

// ---- password reset links ----

export async function insertPasswordResetToken(
  transaction: Transaction,
  row: { tokenHash: string; accountId: string; createdAt: Date; expiresAt: Date },
) {
  await transaction.insert(passwordResetTokens).values(row);
}

export async function selectPasswordResetTokenForUpdate(
  transaction: Transaction,
  tokenHash: string,
) {
  const [row] = await transaction
    .select({
      accountId: passwordResetTokens.accountId,
      expiresAt: passwordResetTokens.expiresAt,
      usedAt: passwordResetTokens.usedAt,
    })
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, tokenHash))
    .for('update');
  return row;
}

export async function markPasswordResetTokenUsed(
  transaction: Transaction,
  tokenHash: string,
  now: Date,
) {
  await transaction
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(eq(passwordResetTokens.tokenHash, tokenHash));
}

// ---- API tokens ----

export interface ApiTokenRow {
  id: string;
  name: string;
  scope: 'read' | 'write';
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function insertApiToken(
  transaction: Transaction,
  row: {
    id: string;
    accountId: string;
    name: string;
    tokenHash: string;
    scope: 'read' | 'write';
    createdAt: Date;
  },
) {
  await transaction.insert(apiTokens).values(row);
}

export async function selectApiTokens(reader: Reader, accountId: string): Promise<ApiTokenRow[]> {
  const rows = await reader
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.accountId, accountId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((row) => ({ ...row, scope: row.scope as 'read' | 'write' }));
}

export async function selectApiTokenForUpdate(transaction: Transaction, id: string) {
  const [row] = await transaction
    .select({
      id: apiTokens.id,
      accountId: apiTokens.accountId,
      name: apiTokens.name,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.id, id))
    .for('update');
  return row;
}

export async function revokeApiTokenRow(transaction: Transaction, id: string, now: Date) {
  await transaction.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id));
}

export interface LiveApiToken {
  token: { id: string; scope: 'read' | 'write'; lastUsedAt: Date | null };
  account: AccountRow & { bodyRoles: BodyRoleFact[] };
}

/**
 * Live (unrevoked) tokens by their hashes, each with its account and the account's body roles
 * today, in one query: every API request reads one, and a vote's cost is mostly its round trips.
 */
export async function selectLiveApiTokensWithAccount(
  reader: Reader,
  tokenHashes: readonly string[],
  today: string,
): Promise<Map<string, LiveApiToken>> {
  const rows = await reader
    .select({
      tokenHash: apiTokens.tokenHash,
      token: {
        id: apiTokens.id,
        scope: apiTokens.scope,
        lastUsedAt: apiTokens.lastUsedAt,
      },
      account: { ...accountColumns, bodyRoles: bodyRolesHeldOn(today) },
    })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(and(inArray(apiTokens.tokenHash, [...tokenHashes]), isNull(apiTokens.revokedAt)));
  return new Map(
    rows.map((row) => [
      row.tokenHash,
      {
        token: { ...row.token, scope: row.token.scope as 'read' | 'write' },
        account: row.account as AccountRow & { bodyRoles: BodyRoleFact[] },
      },
    ]),
  );
}

/**
 * One token looked up as `selectLiveApiTokensWithAccount` looks up many: alone when no lookup is
 * out, or with the requests that arrived while one was (src/db/batched.ts, decision 013).
 */
export const selectLiveApiTokenWithAccount = batchedPerHandle(
  (reader: Database) => async (lookups: readonly { tokenHash: string; today: string }[]) => {
    // Requests either side of midnight may ask for different days' roles: one query a day.
    const found = new Map<string, Map<string, LiveApiToken>>();
    for (const today of new Set(lookups.map((lookup) => lookup.today))) {
      const hashes = lookups.filter((lookup) => lookup.today === today).map((l) => l.tokenHash);
      found.set(today, await selectLiveApiTokensWithAccount(reader, hashes, today));
    }
    return lookups.map((lookup) => found.get(lookup.today)?.get(lookup.tokenHash));
  },
);

/** Sets the last use of several tokens at once (src/identity/token-use-recorder.ts). */
export async function setApiTokensLastUsed(reader: Reader, ids: string[], usedAt: Date) {
  await reader.update(apiTokens).set({ lastUsedAt: usedAt }).where(inArray(apiTokens.id, ids));
}

// ---- OpenID Connect links ----

export async function selectAccountIdByIdentity(reader: Reader, issuer: string, subject: string) {
  const [row] = await reader
    .select({ accountId: accountIdentities.accountId })
    .from(accountIdentities)
    .where(and(eq(accountIdentities.issuer, issuer), eq(accountIdentities.subject, subject)));
  return row?.accountId;
}

export async function insertAccountIdentity(
  transaction: Transaction,
  row: { id: string; accountId: string; issuer: string; subject: string; linkedAt: Date },
) {
  await transaction.insert(accountIdentities).values(row);
}

/** Revokes every live token of an account (after a password reset: whoever knew the old one may hold some). */
export async function revokeAccountApiTokens(
  transaction: Transaction,
  accountId: string,
  now: Date,
): Promise<number> {
  const revoked = await transaction
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}

/** The account's choice of e-mail reminders (both on unless turned off). */
export async function selectReminderPreferences(
  reader: Reader,
  accountId: string,
): Promise<{ questionReminders: boolean; actionDigest: boolean } | undefined> {
  const [row] = await reader
    .select({ questionReminders: accounts.questionReminders, actionDigest: accounts.actionDigest })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row;
}

export async function updateReminderPreferences(
  transaction: Transaction,
  accountId: string,
  preferences: { questionReminders: boolean; actionDigest: boolean },
): Promise<void> {
  await transaction.update(accounts).set(preferences).where(eq(accounts.id, accountId));
}
