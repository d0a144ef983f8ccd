import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/policy.ts';
import { mayRunBody } from '../identity/policy.ts';
import { anonymousActor } from '../shared/actor.ts';
import { londonInstant } from './london-instant.ts';
import {
  attendanceFacts,
  confidentialCountText,
  conflictFacts,
  mayReadConfidentialItems,
  minutesOffer,
  visibleAgenda,
} from './meeting-rules.ts';

const account = (overrides: Partial<Extract<Actor, { kind: 'account' }>> = {}): Actor => ({
  kind: 'account',
  accountId: 'a',
  email: 'a@demo.invalid',
  displayName: 'A',
  personId: null,
  isAdministrator: false,
  bodyRoles: [],
  authenticatedBy: 'session',
  ...overrides,
});

const lcg = 'london-commissioning-group';

describe('who may run a body’s meetings', () => {
  it('its own secretariat and administrators; not another body’s secretariat, nor a read token', () => {
    expect(mayRunBody(account({ isAdministrator: true }), lcg)).toBe(true);
    expect(mayRunBody(account({ bodyRoles: [{ bodyId: lcg, role: 'secretariat' }] }), lcg)).toBe(
      true,
    );
    expect(
      mayRunBody(account({ bodyRoles: [{ bodyId: 'other', role: 'secretariat' }] }), lcg),
    ).toBe(false);
    expect(mayRunBody(account({ bodyRoles: [{ bodyId: lcg, role: 'member' }] }), lcg)).toBe(false);
    expect(
      mayRunBody(
        account({ isAdministrator: true, authenticatedBy: 'api-token', tokenScope: 'read' }),
        lcg,
      ),
    ).toBe(false);
    expect(mayRunBody({ kind: 'anonymous' }, lcg)).toBe(false);
  });
});

describe('Public Bodies (Admission to Meetings) Act 1960 s1: Part II items', () => {
  const items = [
    { id: '1', isConfidential: false },
    { id: '2', isConfidential: true },
    { id: '3', isConfidential: true },
  ];

  it('are hidden from the public and counted instead', () => {
    expect(mayReadConfidentialItems({ kind: 'anonymous' }, lcg)).toBe(false);
    expect(
      mayReadConfidentialItems(account({ bodyRoles: [{ bodyId: 'other', role: 'chair' }] }), lcg),
    ).toBe(false);
    expect(visibleAgenda(items, false)).toEqual({ items: [items[0]], hiddenConfidentialCount: 2 });
    expect(confidentialCountText(1)).toBe('1 confidential item');
    expect(confidentialCountText(2)).toBe('2 confidential items');
  });

  it('are shown to anyone holding a role on the body, and to administrators', () => {
    expect(
      mayReadConfidentialItems(account({ bodyRoles: [{ bodyId: lcg, role: 'member' }] }), lcg),
    ).toBe(true);
    expect(mayReadConfidentialItems(account({ isAdministrator: true }), lcg)).toBe(true);
    expect(visibleAgenda(items, true)).toEqual({ items, hiddenConfidentialCount: 0 });
  });
});

describe('the engine’s facts from the record', () => {
  const members = new Set(['m1', 'm2']);

  it('tells the engine only about members standing on the day, deputies with their names', () => {
    expect(
      attendanceFacts(
        [
          { seatHoldingId: 'm1', status: 'deputy', deputyName: 'Jo Deputy' },
          { seatHoldingId: 'm2', status: 'present', deputyName: null },
          { seatHoldingId: 'gone', status: 'present', deputyName: null },
        ],
        members,
      ),
    ).toEqual([
      { memberId: 'm1', status: 'deputy', deputyName: 'Jo Deputy' },
      { memberId: 'm2', status: 'present' },
    ]);
  });

  it('makes every declaration a conflict on its item, saying its kind', () => {
    expect(
      conflictFacts(
        [
          {
            seatHoldingId: 'm1',
            agendaItemId: 'i1',
            kind: 'financial',
            interest: 'Shares in a bidder',
          },
          { seatHoldingId: 'gone', agendaItemId: 'i1', kind: 'indirect', interest: 'x' },
        ],
        members,
      ),
    ).toEqual([
      { memberId: 'm1', itemId: 'i1', interest: 'Financial interest: Shares in a bidder' },
    ]);
  });
});

describe('meeting times from the form', () => {
  it('reads the date and time as London wall-clock time, in winter and in summer', () => {
    expect(londonInstant('2026-12-10', '14:00')).toBe('2026-12-10T14:00:00.000Z');
    expect(londonInstant('2026-07-09', '14:00')).toBe('2026-07-09T13:00:00.000Z');
    expect(londonInstant('2026-07-09', '00:30')).toBe('2026-07-08T23:30:00.000Z');
  });

  it('passes malformed input through for the schema to refuse', () => {
    expect(londonInstant('10/12/2026', '2pm')).toBe('10/12/2026T2pm');
  });
});

describe('what the meeting page offers of the minutes (issue 22: offer only what can be done)', () => {
  it('approved minutes to everyone; before approval the draft to the body’s own people, and to anyone else no link', () => {
    const insiders = [
      account({ isAdministrator: true }),
      account({ bodyRoles: [{ bodyId: lcg, role: 'secretariat' }] }),
      account({ bodyRoles: [{ bodyId: lcg, role: 'member' }] }),
    ];
    const outsiders = [
      anonymousActor,
      account(),
      account({ bodyRoles: [{ bodyId: 'other', role: 'secretariat' }] }),
    ];
    for (const actor of [...insiders, ...outsiders]) {
      expect(minutesOffer(actor, lcg, true)).toBe('published');
    }
    for (const actor of insiders) expect(minutesOffer(actor, lcg, false)).toBe('draft');
    for (const actor of outsiders)
      expect(minutesOffer(actor, lcg, false)).toBe('not-yet-published');
  });
});
