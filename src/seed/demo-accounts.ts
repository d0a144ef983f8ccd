import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { accounts } from '../db/schema/identity.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';
import {
  type BodyRole,
  hashPassword,
  insertAccount,
  insertBodyRoleAssignments,
} from '../identity/index.ts';
import { insertPeople } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';

/** The one password every demo account shares; printed in the README, never used outside demos. */
export const demoPassword = 'concordat-demo';
const londonCommissioningGroup = 'london-commissioning-group';

interface DemoAccount {
  email: string;
  displayName: string;
  isAdministrator: boolean;
  bodyRole?: BodyRole;
  /** The body the role is held in; the London group unless named. */
  bodySlug?: string;
  /** The fictional office holder the account acts as, found by the organisation they lead. */
  chiefExecutiveOf?: string;
}

export const demoAccounts: DemoAccount[] = [
  { email: 'admin@demo.invalid', displayName: 'Demo Administrator', isAdministrator: true },
  {
    email: 'secretariat@demo.invalid',
    displayName: 'Demo Secretariat',
    isAdministrator: false,
    bodyRole: 'secretariat',
  },
  {
    email: 'chair@demo.invalid',
    displayName: 'Demo Chair (NHS London)',
    isAdministrator: false,
    bodyRole: 'chair',
    chiefExecutiveOf: 'NHS London',
  },
  {
    email: 'member@demo.invalid',
    displayName: 'Demo Member (Brent)',
    isAdministrator: false,
    bodyRole: 'member',
    chiefExecutiveOf: 'Brent Teaching PCT',
  },
  { email: 'public@demo.invalid', displayName: 'Demo Public User', isAdministrator: false },
  // Lead commissioning (issue 23): the North Central local group's secretariat records the
  // arrangements; Camden PCT leads and Islington PCT is an associate in the demo's negotiations.
  {
    email: 'area-secretariat@demo.invalid',
    displayName: 'Demo Secretariat (North Central)',
    isAdministrator: false,
    bodyRole: 'secretariat',
    bodySlug: 'north-central-local-commissioning-group',
  },
  {
    email: 'lead@demo.invalid',
    displayName: 'Demo Lead Commissioner (Camden)',
    isAdministrator: false,
    chiefExecutiveOf: 'Camden PCT',
  },
  {
    email: 'associate@demo.invalid',
    displayName: 'Demo Associate (Islington)',
    isAdministrator: false,
    chiefExecutiveOf: 'Islington PCT',
  },
  {
    email: 'consultation@demo.invalid',
    displayName: 'Demo Consultation Team',
    isAdministrator: false,
    bodyRole: 'secretariat',
    bodySlug: 'joint-committee-of-pcts',
  },
  {
    email: 'analyst@demo.invalid',
    displayName: 'Demo Analyst',
    isAdministrator: false,
    bodyRole: 'secretariat',
    bodySlug: 'joint-committee-of-pcts',
  },
  // Delivery programme (issue 26): the London group's programme office keeps the Healthcare for
  // London programme up to date and accounts for it; it runs none of the group's other business.
  {
    email: 'programme@demo.invalid',
    displayName: 'Demo Programme Office',
    isAdministrator: false,
    bodyRole: 'programme-office',
  },
];

/**
 * One account per role for trying Concordat out, on the London group. Only the demo seed calls
 * this, and only once (skipped when any demo account exists).
 */
export async function seedDemoAccounts(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const [existing] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(sql`${accounts.isDemo}`)
    .limit(1);
  if (existing) return 0;
  const passwordHash = await hashPassword(demoPassword);
  const startsOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    context.now,
  );
  return db.transaction(async (transaction) => {
    for (const demo of demoAccounts) {
      const [chiefExecutive] = demo.chiefExecutiveOf
        ? await transaction
            .select({ personId: people.id })
            .from(posts)
            .innerJoin(people, eq(posts.personId, people.id))
            .innerJoin(organisations, eq(posts.organisationId, organisations.id))
            .where(
              sql`${organisations.name} = ${demo.chiefExecutiveOf} and ${posts.role} = 'chief-executive' and ${posts.endsOn} is null`,
            )
            .limit(1)
        : [];
      const id = uuidv7();
      await insertAccount(transaction, {
        id,
        email: demo.email,
        displayName: demo.displayName,
        personId: chiefExecutive?.personId ?? null,
        passwordHash,
        isAdministrator: demo.isAdministrator,
        isDemo: true,
        createdAt: context.now,
      });
      if (demo.bodyRole) {
        await insertBodyRoleAssignments(transaction, [
          {
            id: uuidv7(),
            accountId: id,
            bodyId: demo.bodySlug ?? londonCommissioningGroup,
            role: demo.bodyRole,
            startsOn,
          },
        ]);
      }
      await recordAuditEvents(transaction, context, [
        {
          action: 'account.created',
          entityType: 'account',
          entityId: id,
          after: {
            email: demo.email,
            isAdministrator: demo.isAdministrator,
            bodyRole: demo.bodyRole ?? null,
            demo: true,
          },
        },
      ]);
    }
    return demoAccounts.length;
  });
}

/** The fictional people the demo's consultation team and analyst code the responses as. */
export const demoAnalystPeople = [
  { email: 'consultation@demo.invalid', name: 'Ruth Adebayo (fictional)' },
  { email: 'analyst@demo.invalid', name: 'Daniel Marsh (fictional)' },
] as const;

/**
 * Links the demo's consultation team and analyst accounts to fictional people in the registry:
 * a coding is recorded against a person, so that the two passes of double coding are two people.
 * Does nothing for an account that is missing or already linked.
 */
export async function linkDemoAnalystsToPeople(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  return db.transaction(async (transaction) => {
    let linked = 0;
    for (const demo of demoAnalystPeople) {
      const [account] = await transaction
        .select({ id: accounts.id, personId: accounts.personId })
        .from(accounts)
        .where(eq(accounts.email, demo.email));
      if (!account || account.personId !== null) continue;
      const personId = uuidv7();
      await insertPeople(transaction, [
        { id: personId, name: demo.name, email: null, isFictional: true, createdAt: context.now },
      ]);
      await transaction.update(accounts).set({ personId }).where(eq(accounts.id, account.id));
      await recordAuditEvents(transaction, context, [
        {
          action: 'person.created',
          entityType: 'person',
          entityId: personId,
          after: { name: demo.name, isFictional: true },
        },
        {
          action: 'account.linked-to-person',
          entityType: 'account',
          entityId: account.id,
          before: { personId: null },
          after: { personId },
        },
      ]);
      linked += 1;
    }
    return linked;
  });
}
