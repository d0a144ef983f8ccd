import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/policy.ts';
import {
  checkStatusChange,
  daysOverdue,
  daysOverdueText,
  dueDateProblem,
  isOverdue,
  mayReadAction,
  mayUpdateActionStatus,
} from './action-rules.ts';

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
const owner = '01900000-0000-7000-8000-0000000000aa';

describe('an overdue action: open, and due before today in London', () => {
  it('is not overdue on the day it is due, and is 1 day overdue the day after', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-11-23' }, '2026-11-23')).toBe(false);
    expect(isOverdue({ status: 'open', dueOn: '2026-11-22' }, '2026-11-23')).toBe(true);
    expect(daysOverdue({ status: 'open', dueOn: '2026-11-22' }, '2026-11-23')).toBe(1);
    expect(daysOverdueText(1)).toBe('1 day overdue');
  });

  it('counts calendar days across a month and the clocks changing', () => {
    expect(daysOverdue({ status: 'open', dueOn: '2026-10-20' }, '2026-11-23')).toBe(34);
    expect(daysOverdueText(34)).toBe('34 days overdue');
  });

  it('is never overdue once done or dropped, whatever the due date', () => {
    expect(isOverdue({ status: 'done', dueOn: '2020-01-01' }, '2026-11-23')).toBe(false);
    expect(isOverdue({ status: 'dropped', dueOn: '2020-01-01' }, '2026-11-23')).toBe(false);
    expect(daysOverdue({ status: 'done', dueOn: '2020-01-01' }, '2026-11-23')).toBe(0);
  });

  it('depends only on the today it is given', () => {
    const action = { status: 'open', dueOn: '2026-12-01' };
    expect(isOverdue(action, '2026-11-23')).toBe(false);
    expect(isOverdue(action, '2026-12-02')).toBe(true);
  });
});

describe('the due date of an action agreed at a meeting', () => {
  it('may be the meeting day or later, never before it', () => {
    expect(dueDateProblem('2026-12-10', '2026-12-10')).toBeUndefined();
    expect(dueDateProblem('2026-12-09', '2026-12-10')).toEqual({
      field: 'dueOn',
      message: expect.stringContaining('before the meeting that agreed it (2026-12-10)'),
    });
  });
});

describe('who may follow up an action', () => {
  const action = { bodySlug: lcg, ownerPersonId: owner };

  it('its owner, the body’s secretariat and administrators', () => {
    expect(mayUpdateActionStatus(account({ personId: owner }), action)).toBe(true);
    expect(
      mayUpdateActionStatus(account({ bodyRoles: [{ bodyId: lcg, role: 'secretariat' }] }), action),
    ).toBe(true);
    expect(mayUpdateActionStatus(account({ isAdministrator: true }), action)).toBe(true);
  });

  it('not another member, another body’s secretariat, the public, or a read-only token', () => {
    expect(
      mayUpdateActionStatus(
        account({
          personId: '01900000-0000-7000-8000-0000000000bb',
          bodyRoles: [{ bodyId: lcg, role: 'member' }],
        }),
        action,
      ),
    ).toBe(false);
    expect(
      mayUpdateActionStatus(account({ bodyRoles: [{ bodyId: 'x', role: 'secretariat' }] }), action),
    ).toBe(false);
    expect(mayUpdateActionStatus({ kind: 'anonymous' }, action)).toBe(false);
    expect(
      mayUpdateActionStatus(
        account({ personId: owner, authenticatedBy: 'api-token', tokenScope: 'read' }),
        action,
      ),
    ).toBe(false);
  });
});

describe('Public Bodies (Admission to Meetings) Act 1960 s1: actions from Part II items', () => {
  const confidential = { bodySlug: lcg, ownerPersonId: owner, isConfidential: true };

  it('are seen by the body’s own people, administrators and the owner, not the public', () => {
    expect(mayReadAction({ kind: 'anonymous' }, confidential)).toBe(false);
    expect(mayReadAction(account(), confidential)).toBe(false);
    expect(
      mayReadAction(account({ bodyRoles: [{ bodyId: lcg, role: 'member' }] }), confidential),
    ).toBe(true);
    expect(mayReadAction(account({ personId: owner }), confidential)).toBe(true);
    expect(mayReadAction({ kind: 'anonymous' }, { ...confidential, isConfidential: false })).toBe(
      true,
    );
  });
});

describe('changing an action’s status', () => {
  const open = { status: 'open', meetingOn: '2026-10-01' };
  const today = '2026-11-23';

  it('done needs the date it was done: not before the meeting, not in the future', () => {
    expect(checkStatusChange(open, { status: 'done', completedOn: '2026-11-20' }, today)).toEqual({
      ok: true,
      value: { status: 'done', completedOn: '2026-11-20', note: null },
    });
    const missing = checkStatusChange(open, { status: 'done' }, today);
    expect(missing).toMatchObject({ ok: false, errors: [{ field: 'completedOn' }] });
    const future = checkStatusChange(open, { status: 'done', completedOn: '2026-11-24' }, today);
    expect(future).toMatchObject({ ok: false, errors: [{ field: 'completedOn' }] });
    const early = checkStatusChange(open, { status: 'done', completedOn: '2026-09-30' }, today);
    expect(early).toMatchObject({ ok: false, conflict: false, errors: [{ field: 'completedOn' }] });
  });

  it('dropped needs a note saying why, and is dated today', () => {
    expect(checkStatusChange(open, { status: 'dropped', note: '  ' }, today)).toMatchObject({
      ok: false,
      errors: [{ field: 'note', message: 'Say why the action is dropped.' }],
    });
    expect(
      checkStatusChange(open, { status: 'dropped', note: 'Overtaken by events' }, today),
    ).toEqual({
      ok: true,
      value: { status: 'dropped', completedOn: today, note: 'Overtaken by events' },
    });
  });

  it('reopening clears the completion date; the same status twice is a conflict', () => {
    expect(
      checkStatusChange({ status: 'done', meetingOn: '2026-10-01' }, { status: 'open' }, today),
    ).toEqual({ ok: true, value: { status: 'open', completedOn: null, note: null } });
    expect(checkStatusChange(open, { status: 'open' }, today)).toMatchObject({
      ok: false,
      conflict: true,
      errors: [{ field: 'status', message: 'The action is already open.' }],
    });
  });
});
