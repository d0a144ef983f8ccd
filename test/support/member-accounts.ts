import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { accounts, bodyRoleAssignments } from '../../src/db/schema/identity.ts';
import type { App } from '../../src/http/app-types.ts';
import { createApiToken } from '../../src/identity/account-service.ts';
import { loadAccountActor } from '../../src/identity/actor.ts';
import { insertAccount, insertBodyRoleAssignments } from '../../src/identity/identity-queries.ts';
import { hashPassword } from '../../src/identity/passwords.ts';

/**
 * An account for a registry person who sits on a body, as demo-accounts.ts links the chair and
 * member: the account acts as the person, so their seat is theirs to vote for. The demo seed has
 * accounts for two members only; tests that need every member present make the rest here.
 */
export async function memberAccount(
  app: App,
  options: { personId: string; email: string; bodySlug?: string; password?: string },
): Promise<{ accountId: string; authorization: string }> {
  const now = app.now();
  const [existing] = await app.database.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.personId, options.personId));
  // One account per person: the demo chair and member already have theirs.
  const accountId = existing?.id ?? uuidv7();
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  // A demo account that already exists (the lead and associate PCTs' chief executives) may hold no
  // role on this body yet: the member role is added all the same.
  const holdsRole =
    existing && options.bodySlug
      ? (
          await app.database.db
            .select({ id: bodyRoleAssignments.id })
            .from(bodyRoleAssignments)
            .where(
              and(
                eq(bodyRoleAssignments.accountId, existing.id),
                eq(bodyRoleAssignments.bodyId, options.bodySlug),
              ),
            )
        ).length > 0
      : true;
  if (!existing || !holdsRole)
    await app.database.db.transaction(async (transaction) => {
      if (!existing)
        await insertAccount(transaction, {
          id: accountId,
          email: options.email,
          displayName: options.email,
          personId: options.personId,
          passwordHash,
          isAdministrator: false,
          isDemo: false,
          createdAt: now,
        });
      if (options.bodySlug) {
        await insertBodyRoleAssignments(transaction, [
          {
            id: uuidv7(),
            accountId,
            bodyId: options.bodySlug,
            role: 'member',
            startsOn: '2000-01-01',
          },
        ]);
      }
    });
  const actor = await loadAccountActor(app.database.db, accountId, now, {
    authenticatedBy: 'session',
  });
  if (actor?.kind !== 'account') throw new Error('the member account did not load');
  const { token } = await createApiToken({
    db: app.database.db,
    actor,
    name: 'test member',
    scope: 'write',
    now,
  });
  return { accountId, authorization: `Bearer ${token}` };
}
