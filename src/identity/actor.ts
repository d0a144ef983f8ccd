import type { Reader } from '../db/connection.ts';
import type { ActionContext } from '../shared/context.ts';
import { type AccountRow, selectAccountWithBodyRoles } from './identity-queries.ts';
import type { Actor, BodyRoleFact } from './policy.ts';

// One formatter for every call: constructing an Intl.DateTimeFormat is far dearer than using one,
// and a vote at a 2,000-member meeting asks for thousands of dates.
const londonDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** The calendar date in London, which is the date roles and posts are counted on. */
export function londonDate(now: Date): string {
  return londonDateFormat.format(now);
}

type Authentication =
  | { authenticatedBy: 'session' }
  | { authenticatedBy: 'api-token'; tokenScope: 'read' | 'write' };

/** Builds the policy's facts about an account: who it is and which body roles it holds today. */
export async function loadAccountActor(
  reader: Reader,
  accountId: string,
  now: Date,
  authentication: Authentication,
): Promise<Actor | undefined> {
  const account = await selectAccountWithBodyRoles(reader, accountId, londonDate(now));
  return account && actorOfAccount(account, authentication);
}

/** The actor for an account row already read with its roles; none for a disabled account. */
export function actorOfAccount(
  account: AccountRow & { bodyRoles: BodyRoleFact[] },
  authentication: Authentication,
): Actor | undefined {
  if (account.disabledAt) return undefined;
  return {
    kind: 'account',
    accountId: account.id,
    email: account.email,
    displayName: account.displayName,
    personId: account.personId,
    isAdministrator: account.isAdministrator,
    bodyRoles: account.bodyRoles,
    ...authentication,
  };
}

/** How an actor appears in audit events: stable id first, e-mail for a human reader. */
export function auditActorName(actor: Actor): string {
  return actor.kind === 'anonymous' ? 'anonymous' : `account:${actor.accountId} <${actor.email}>`;
}

/** Who acts, for which request, and when: the context every use-case audits its change with. */
export function actionContextOf(request: { actor: Actor; id: string }, now: Date): ActionContext {
  return { actor: auditActorName(request.actor), requestId: request.id, now };
}
