import { describe, expect, it } from 'vitest';
import { type Actor, anonymousActor, authorize, bodiesServedBy } from './policy.ts';

function account(overrides: Partial<Extract<Actor, { kind: 'account' }>> = {}): Actor {
  return {
    kind: 'account',
    accountId: 'a',
    email: 'a@demo.invalid',
    displayName: 'A',
    personId: null,
    isAdministrator: false,
    bodyRoles: [],
    authenticatedBy: 'session',
    ...overrides,
  };
}

const read = { changesState: false };
const write = { changesState: true };

describe('the permission policy', () => {
  it('lets everyone read published material', () => {
    expect(authorize(anonymousActor, 'public.read', read).allowed).toBe(true);
  });

  it('asks an anonymous visitor to sign in (401) and says for what', () => {
    expect(authorize(anonymousActor, 'registry.write-organisations', write)).toEqual({
      allowed: false,
      status: 401,
      reason: 'Sign in to register and change organisations.',
    });
  });

  it('lets only administrators change organisations', () => {
    expect(
      authorize(account({ isAdministrator: true }), 'registry.write-organisations', write).allowed,
    ).toBe(true);
    const secretariat = account({ bodyRoles: [{ bodyId: 'lcg', role: 'secretariat' }] });
    expect(authorize(secretariat, 'registry.write-organisations', write)).toMatchObject({
      allowed: false,
      status: 403,
    });
  });

  it("lets a body's secretariat record people and posts, but not a member or chair", () => {
    expect(
      authorize(
        account({ bodyRoles: [{ bodyId: 'lcg', role: 'secretariat' }] }),
        'registry.write-people',
        write,
      ).allowed,
    ).toBe(true);
    expect(
      authorize(
        account({ bodyRoles: [{ bodyId: 'lcg', role: 'chair' }] }),
        'registry.write-people',
        write,
      ).allowed,
    ).toBe(false);
    expect(
      authorize(account({ bodyRoles: [{ bodyId: 'lcg', role: 'member' }] }), 'audit.read', read)
        .allowed,
    ).toBe(false);
  });

  it("lets administrators and secretariats manage membership (the use-case checks which body's)", () => {
    expect(
      authorize(account({ isAdministrator: true }), 'bodies.manage-membership', write).allowed,
    ).toBe(true);
    expect(
      authorize(
        account({ bodyRoles: [{ bodyId: 'lcg', role: 'secretariat' }] }),
        'bodies.manage-membership',
        write,
      ).allowed,
    ).toBe(true);
    expect(
      authorize(
        account({ bodyRoles: [{ bodyId: 'lcg', role: 'chair' }] }),
        'bodies.manage-membership',
        write,
      ),
    ).toMatchObject({ allowed: false, status: 403 });
    expect(authorize(anonymousActor, 'bodies.manage-membership', write)).toMatchObject({
      allowed: false,
      status: 401,
    });
  });

  it('refuses any change through a read-only API token, whoever owns it', () => {
    const token = account({
      isAdministrator: true,
      authenticatedBy: 'api-token',
      tokenScope: 'read',
    });
    expect(authorize(token, 'registry.write-organisations', write)).toMatchObject({
      allowed: false,
      status: 403,
      reason: expect.stringContaining('read-only'),
    });
    expect(authorize(token, 'audit.read', read).allowed).toBe(true);
    expect(
      authorize({ ...token, tokenScope: 'write' } as Actor, 'registry.write-organisations', write)
        .allowed,
    ).toBe(true);
  });

  it('decides whose secretariat from the path when it names the body, before the body of the request is read', () => {
    const secretariat = account({ bodyRoles: [{ bodyId: 'lcg', role: 'secretariat' }] });
    for (const permission of [
      'meetings.manage',
      'bodies.manage-membership',
      'bodies.record-adoption',
      'disputes.manage',
    ] as const) {
      expect(authorize(secretariat, permission, { ...write, bodySlug: 'lcg' }).allowed).toBe(true);
      expect(
        authorize(secretariat, permission, { ...write, bodySlug: 'joint-committee' }),
      ).toMatchObject({ allowed: false, status: 403 });
      // A path naming a meeting or a question leaves the body to the use-case.
      expect(authorize(secretariat, permission, write).allowed).toBe(true);
    }
  });
});

describe('the bodies a secretariat serves, for its home page', () => {
  it('names each body whose secretariat the account is, once, and none for other roles or read-only tokens', () => {
    const secretariat = account({
      bodyRoles: [
        { bodyId: 'london-commissioning-group', role: 'secretariat' },
        { bodyId: 'london-commissioning-group', role: 'member' },
        { bodyId: 'joint-committee-of-pcts', role: 'chair' },
      ],
    });
    expect(bodiesServedBy(secretariat)).toEqual(['london-commissioning-group']);
    expect(bodiesServedBy(account({ isAdministrator: true }))).toEqual([]);
    expect(bodiesServedBy(anonymousActor)).toEqual([]);
    expect(
      bodiesServedBy({
        ...(secretariat as Extract<Actor, { kind: 'account' }>),
        authenticatedBy: 'api-token',
        tokenScope: 'read',
      }),
    ).toEqual([]);
  });
});
