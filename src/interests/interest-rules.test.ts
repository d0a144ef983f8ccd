import { describe, expect, it } from 'vitest';
import { addDays } from '../governance/index.ts';
import type { Actor } from '../identity/policy.ts';
import {
  annualDeclarationProblem,
  declarationLateness,
  declarationSummaryText,
  entryDateProblems,
  isCurrentInYear,
  mayReadWithheldEntries,
  mayRecordInterests,
} from './interest-rules.ts';

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
const personId = '01900000-0000-7000-8000-0000000000aa';
const person = { id: personId, bodySlugs: [lcg] };

describe('Managing Conflicts of Interest in the NHS: "Declare within 28 days of an interest arising"', () => {
  const aroseOn = '2026-10-01';

  it('exactly 28 days after it arose is on time', () => {
    expect(declarationLateness({ aroseOn, declaredOn: addDays(aroseOn, 28) })).toEqual({
      late: false,
      days: 28,
      explanation: null,
    });
  });

  it('29 days after it arose is late, and the flag quotes the rule', () => {
    const lateness = declarationLateness({ aroseOn, declaredOn: addDays(aroseOn, 29) });
    expect(lateness.late).toBe(true);
    expect(lateness.days).toBe(29);
    expect(lateness.explanation).toContain(
      'declared 29 days after it arose; interests are to be declared within 28 days of arising',
    );
    expect(lateness.explanation).toContain('“Declare within 28 days of an interest arising”');
  });

  it('41 days after it arose reads as the register shows it', () => {
    expect(
      declarationLateness({ aroseOn, declaredOn: addDays(aroseOn, 41) }).explanation,
    ).toContain(
      'declared 41 days after it arose; interests are to be declared within 28 days of arising',
    );
  });

  it('declared the day it arose is on time', () => {
    expect(declarationLateness({ aroseOn, declaredOn: aroseOn }).late).toBe(false);
  });
});

describe('the dates of an entry', () => {
  const today = '2026-11-23';

  it('refuses a declaration before the interest arose', () => {
    expect(entryDateProblems({ aroseOn: '2026-11-10', declaredOn: '2026-11-09' }, today)).toEqual([
      {
        field: 'declaredOn',
        message: 'An interest cannot be declared on 2026-11-09, before it arose on 2026-11-10.',
      },
    ]);
  });

  it('refuses a declaration dated in the future, and an interest still to arise', () => {
    expect(
      entryDateProblems({ aroseOn: '2026-11-10', declaredOn: '2026-11-24' }, today).map(
        (problem) => problem.field,
      ),
    ).toEqual(['declaredOn']);
    expect(
      entryDateProblems({ aroseOn: '2026-11-30', declaredOn: today }, today).map(
        (problem) => problem.field,
      ),
    ).toEqual(['aroseOn', 'declaredOn']);
  });

  it('refuses an end before the start; accepts a declaration made today', () => {
    expect(
      entryDateProblems(
        { aroseOn: '2026-11-10', declaredOn: today, endedOn: '2026-11-01' },
        today,
      ).map((problem) => problem.field),
    ).toEqual(['endedOn']);
    expect(entryDateProblems({ aroseOn: '2026-11-10', declaredOn: today }, today)).toEqual([]);
  });
});

describe('"decision-making staff make an annual declaration, nil returns included"', () => {
  const today = '2026-11-23';
  const ongoing = { aroseOn: '2025-03-01', endedOn: null };
  const endedLastYear = { aroseOn: '2024-03-01', endedOn: '2025-12-31' };

  it('an interest is current in a year it overlaps at all', () => {
    expect(isCurrentInYear(ongoing, 2026)).toBe(true);
    expect(isCurrentInYear(endedLastYear, 2026)).toBe(false);
    expect(isCurrentInYear(endedLastYear, 2025)).toBe(true);
    expect(isCurrentInYear({ aroseOn: '2027-01-01', endedOn: null }, 2026)).toBe(false);
  });

  it('a nil return is refused while an interest was current in that year, and says why', () => {
    const problem = annualDeclarationProblem({ year: 2026, isNilReturn: true }, [ongoing], today);
    expect(problem?.field).toBe('isNilReturn');
    expect(problem?.message).toContain('1 interest on the register was current in 2026');
  });

  it('a nil return is accepted when every interest ended before the year began', () => {
    expect(
      annualDeclarationProblem({ year: 2026, isNilReturn: true }, [endedLastYear], today),
    ).toBeUndefined();
  });

  it('confirming the listed interests needs some to confirm; next year cannot be declared yet', () => {
    expect(
      annualDeclarationProblem({ year: 2026, isNilReturn: false }, [endedLastYear], today)?.field,
    ).toBe('isNilReturn');
    expect(
      annualDeclarationProblem({ year: 2026, isNilReturn: false }, [ongoing], today),
    ).toBeUndefined();
    expect(annualDeclarationProblem({ year: 2027, isNilReturn: true }, [], today)?.field).toBe(
      'year',
    );
  });

  it('the body’s summary counts who has not declared', () => {
    expect(declarationSummaryText(11, 3, 2026)).toBe(
      '11 members; 3 have not made their 2026 declaration',
    );
    expect(declarationSummaryText(1, 1, 2026)).toBe(
      '1 member; 1 has not made their 2026 declaration',
    );
    expect(declarationSummaryText(11, 0, 2026)).toBe(
      '11 members; all have made their 2026 declaration',
    );
  });
});

describe('who keeps a person’s register', () => {
  it('the person, an administrator, or the secretariat of a body they sit on', () => {
    expect(mayRecordInterests(account({ personId }), person)).toBe(true);
    expect(mayRecordInterests(account({ isAdministrator: true }), person)).toBe(true);
    expect(
      mayRecordInterests(account({ bodyRoles: [{ bodyId: lcg, role: 'secretariat' }] }), person),
    ).toBe(true);
  });

  it('not another member, another body’s secretariat, the public, or a read-only token', () => {
    expect(
      mayRecordInterests(account({ bodyRoles: [{ bodyId: lcg, role: 'member' }] }), person),
    ).toBe(false);
    expect(
      mayRecordInterests(account({ bodyRoles: [{ bodyId: 'x', role: 'secretariat' }] }), person),
    ).toBe(false);
    expect(mayRecordInterests({ kind: 'anonymous' }, person)).toBe(false);
    expect(
      mayRecordInterests(
        account({ personId, authenticatedBy: 'api-token', tokenScope: 'read' }),
        person,
      ),
    ).toBe(false);
  });
});

describe('"an entry may be withheld with a reason"', () => {
  it('its description is for the person, the people of their bodies and administrators', () => {
    expect(mayReadWithheldEntries(account({ personId }), person)).toBe(true);
    expect(
      mayReadWithheldEntries(account({ bodyRoles: [{ bodyId: lcg, role: 'member' }] }), person),
    ).toBe(true);
    expect(mayReadWithheldEntries(account({ isAdministrator: true }), person)).toBe(true);
  });

  it('not the public, nor people of other bodies', () => {
    expect(mayReadWithheldEntries({ kind: 'anonymous' }, person)).toBe(false);
    expect(mayReadWithheldEntries(account(), person)).toBe(false);
    expect(
      mayReadWithheldEntries(account({ bodyRoles: [{ bodyId: 'x', role: 'chair' }] }), person),
    ).toBe(false);
  });
});
