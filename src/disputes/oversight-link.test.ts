import { describe, expect, it } from 'vitest';
import type { Database } from '../db/connection.ts';
import { type Actor, anonymousActor } from '../shared/actor.ts';
import { createOversightLink } from './oversight-link.ts';

function account(overrides: Partial<Extract<Actor, { kind: 'account' }>> = {}): Actor {
  return {
    kind: 'account',
    accountId: 'a',
    email: 'someone@example.invalid',
    displayName: 'Someone',
    personId: 'person-1',
    isAdministrator: false,
    bodyRoles: [],
    authenticatedBy: 'session',
    ...overrides,
  };
}

/** A link whose lookups are counted and whose minute is counted on a clock the test moves. */
function countedLink(answer: (personId: string) => boolean, capacity?: number) {
  const lookups: string[] = [];
  let clock = 0;
  const offersOversight = createOversightLink({
    db: undefined as unknown as Database,
    capacity,
    elapsedMilliseconds: () => clock,
    holdsShaPost: async (personId, today) => {
      lookups.push(`${personId} ${today}`);
      return answer(personId);
    },
  });
  return {
    offersOversight,
    lookups,
    advance: (milliseconds: number) => {
      clock += milliseconds;
    },
  };
}

const now = new Date('2026-12-07T10:00:00Z');

describe('the header’s Oversight link (2006 §112: the SHA’s oversight)', () => {
  it('asks the database on a session’s first page, then not again for five minutes', async () => {
    const link = countedLink(() => false);
    expect(await link.offersOversight(account(), now, 'session-1')).toBe(false);
    link.advance(299_000);
    expect(await link.offersOversight(account(), now, 'session-1')).toBe(false);
    expect(link.lookups).toEqual(['person-1 2026-12-07']);
    link.advance(2_000);
    expect(await link.offersOversight(account(), now, 'session-1')).toBe(false);
    expect(link.lookups).toHaveLength(2);
  });

  it('reads afresh for a new session, so a post taken up shows at the next sign-in', async () => {
    let holdsPost = false;
    const link = countedLink(() => holdsPost);
    expect(await link.offersOversight(account(), now, 'before')).toBe(false);
    holdsPost = true;
    expect(await link.offersOversight(account(), now, 'after')).toBe(true);
    expect(await link.offersOversight(account(), now, 'after')).toBe(true);
    expect(link.lookups).toHaveLength(2);
  });

  it('asks again on a new day, and every time for a request without a session', async () => {
    const link = countedLink((personId) => personId === 'sha-officer');
    const officer = account({ personId: 'sha-officer' });
    expect(await link.offersOversight(officer, now, 'session')).toBe(true);
    expect(await link.offersOversight(officer, new Date('2026-12-08T10:00:00Z'), 'session')).toBe(
      true,
    );
    expect(await link.offersOversight(officer, now, undefined)).toBe(true);
    expect(await link.offersOversight(officer, now, undefined)).toBe(true);
    expect(link.lookups).toEqual([
      'sha-officer 2026-12-07',
      'sha-officer 2026-12-08',
      'sha-officer 2026-12-07',
      'sha-officer 2026-12-07',
    ]);
  });

  it('needs no lookup for administrators, chairs and secretariats, nor for the signed out', async () => {
    const link = countedLink(() => false);
    expect(await link.offersOversight(account({ isAdministrator: true }), now, 's')).toBe(true);
    expect(
      await link.offersOversight(
        account({ bodyRoles: [{ bodyId: 'london', role: 'secretariat' }] }),
        now,
        's',
      ),
    ).toBe(true);
    expect(await link.offersOversight(anonymousActor, now, undefined)).toBe(false);
    expect(await link.offersOversight(account({ personId: null }), now, 's')).toBe(false);
    expect(link.lookups).toEqual([]);
  });

  it('forgets the longest-remembered session beyond its capacity', async () => {
    const link = countedLink(() => false, 2);
    for (const session of ['one', 'two', 'three', 'one']) {
      await link.offersOversight(account(), now, session);
    }
    expect(link.lookups).toHaveLength(4);
  });
});
