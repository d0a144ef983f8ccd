import { describe, expect, it } from 'vitest';
import type { CompositionViolation } from '../governance/index.ts';
import { factProblems, refusalsOfCandidate, withClause } from './appointment-refusals.ts';

const membershipClause = {
  clause: '2008 §Membership',
  text: '10 London PCT Chief Executives (2 per sector, including 5 Collaborative Commissioning Group (CCG) chairs and the remaining 5 nominated by CCGs)',
};

function refusal(overrides: Partial<CompositionViolation>): CompositionViolation {
  return {
    finding: 'tooMany',
    severity: 'refused',
    ...membershipClause,
    message:
      'London PCT Chief Executives from North West: 3 (A, B and C), but 2008 §Membership allows exactly 2 per sector',
    memberIds: ['a', 'b', 'candidate'],
    ...overrides,
  };
}

describe('which refusals stop an appointment', () => {
  it('quotes the clause after the engine message', () => {
    expect(withClause({ message: 'too many', ...membershipClause })).toBe(
      `Too many (2008 §Membership: "${membershipClause.text}")`,
    );
  });

  it('blames the candidate for a per-sector count they break, on the organisation field', () => {
    const problems = refusalsOfCandidate([refusal({ sector: 'north-west' })], 'candidate');
    expect(problems).toEqual([
      {
        field: 'organisationId',
        message: expect.stringContaining(
          '(2008 §Membership: "10 London PCT Chief Executives (2 per sector',
        ),
      },
    ]);
  });

  it('puts a total count on the seat, an ineligible holder on the seat and a wrong route on the method', () => {
    const fields = refusalsOfCandidate(
      [
        refusal({}),
        refusal({ finding: 'notEligible', memberIds: ['candidate'] }),
        refusal({ finding: 'wrongRoute', memberIds: ['candidate'] }),
      ],
      'candidate',
    ).map((problem) => problem.field);
    expect(fields).toEqual(['seatRole', 'seatRole', 'fillMethod']);
  });

  it('does not blame the candidate for a refusal about members already sitting', () => {
    expect(refusalsOfCandidate([refusal({ memberIds: ['a', 'b', 'c'] })], 'candidate')).toEqual([]);
  });

  it("names the form field for facts about the candidate, and `members` for others'", () => {
    expect(
      factProblems(
        [
          { code: 'unknown-role', message: 'x holds seat "nobody"', path: ['members', 2, 'role'] },
          {
            code: 'chair-mismatch',
            message: 'y is recorded as chair',
            path: ['members', 0, 'office'],
          },
        ],
        2,
      ),
    ).toEqual([
      { field: 'seatRole', message: 'X holds seat "nobody"' },
      { field: 'members', message: 'Y is recorded as chair' },
    ]);
  });
});
