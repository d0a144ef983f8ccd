/**
 * Who is asking: the facts about an actor that every capability's use cases and the audit trail
 * take as input. Identity resolves them (src/identity/actor.ts) and decides with them
 * (src/identity/policy.ts); the type lives here, below both, so the audit trail can name an actor
 * without depending on identity.
 */

/**
 * A body's programme office keeps its delivery programme up to date (2008 "Healthcare for London":
 * "a programme office"); it runs nothing else of the body's business.
 */
export type BodyRole = 'member' | 'chair' | 'secretariat' | 'programme-office';

export interface BodyRoleFact {
  bodyId: string;
  role: BodyRole;
}

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'account';
      accountId: string;
      email: string;
      displayName: string;
      personId: string | null;
      isAdministrator: boolean;
      bodyRoles: BodyRoleFact[];
      authenticatedBy: 'session' | 'api-token';
      /** Set for API tokens: a read token may never change anything. */
      tokenScope?: 'read' | 'write';
    };

export const anonymousActor: Actor = { kind: 'anonymous' };
