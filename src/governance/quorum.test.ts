import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttendanceStatus, MemberFact } from './facts.ts';
import { evaluateQuorum } from './quorum.ts';
import {
  attendance,
  constitutionFrom,
  expectErrors,
  expectOk,
  member,
  partnership,
  partnershipDocument,
} from './test-support.ts';

const members = [
  member('e1', 'member', { sector: 'east' }),
  member('e2', 'member', { sector: 'east' }),
  member('w1', 'member', { sector: 'west' }),
  member('l1', 'lay-member'),
  member('o1', 'observer'),
];

describe('evaluateQuorum', () => {
  it('is quorate when every condition is met, and says so citing the clause', () => {
    const result = expectOk(
      evaluateQuorum(partnership(), {
        members,
        attendance: attendance({ e1: 'present', w1: 'present' }),
      }),
    );
    expect(result.quorate).toBe(true);
    expect(result.explanation.clause).toBe('T §8');
    expect(result.explanation.summary).toMatch(/^Quorate under T §8/);
    expect(result.explanation.missing).toEqual([]);
  });

  it('names the unrepresented sector when one is missing', () => {
    const result = expectOk(
      evaluateQuorum(partnership(), {
        members,
        attendance: attendance({ e1: 'present', e2: 'present' }),
      }),
    );
    expect(result.quorate).toBe(false);
    expect(result.explanation.missing).toEqual([
      'West sector unrepresented: none of the Member present is from West',
    ]);
  });

  it('does not count deputies where the deputies rule says they do not count, and reports them', () => {
    const result = expectOk(
      evaluateQuorum(partnership(), {
        members,
        attendance: [
          { memberId: 'e1', status: 'present' },
          { memberId: 'w1', status: 'deputy', deputyName: 'A. Deputy' },
        ],
      }),
    );
    expect(result.quorate).toBe(false);
    expect(result.explanation.excluded).toEqual([
      expect.objectContaining({ name: 'A. Deputy (deputy for Member w1)', clause: 'T §9' }),
    ]);
  });

  it('counts deputies where the constitution says they count', () => {
    const document = partnershipDocument();
    document.deputies = {
      countTowardQuorum: true,
      mayVote: false,
      clause: 'T §9',
      text: 'Deputies count.',
    };
    const result = expectOk(
      evaluateQuorum(constitutionFrom(document), {
        members,
        attendance: attendance({ e1: 'present', w1: 'deputy' }),
      }),
    );
    expect(result.quorate).toBe(true);
  });

  it('for an item, leaves out members with a declared conflict on it', () => {
    const meeting = {
      members,
      attendance: attendance({ e1: 'present', w1: 'present' }),
      conflicts: [{ memberId: 'w1', itemId: 'item-4', interest: 'director of a bidder' }],
    };
    expect(expectOk(evaluateQuorum(partnership(), meeting)).quorate).toBe(true);
    const forItem = expectOk(evaluateQuorum(partnership(), meeting, { itemId: 'item-4' }));
    expect(forItem.quorate).toBe(false);
    expect(forItem.explanation.excluded[0]).toMatchObject({ id: 'w1', clause: 'T §10' });
  });

  it('counts members without an attendance record as not present, and says so', () => {
    const result = expectOk(evaluateQuorum(partnership(), { members, attendance: [] }));
    expect(result.quorate).toBe(false);
    expect(result.explanation.lines.join('\n')).toContain('No attendance recorded for');
  });

  it('lists invited attendees as not counted', () => {
    const result = expectOk(
      evaluateQuorum(partnership(), {
        members,
        attendance: attendance({ e1: 'present', w1: 'present' }),
        invitedAttendees: [{ id: 'guest', name: 'Guest Speaker' }],
      }),
    );
    expect(result.explanation.excluded).toEqual([
      expect.objectContaining({
        name: 'Guest Speaker',
        reason: 'attends by invitation and is not a member',
      }),
    ]);
  });

  it('evaluates anyOf, fractions of the membership and officer/non-officer conditions', () => {
    const document = partnershipDocument();
    document.quorum = {
      clause: 'T §8',
      text: 'Quorum.',
      rule: {
        anyOf: [
          {
            allOf: [
              { fractionOfMembership: { numerator: 1, denominator: 2, membership: 'voting' } },
              { officerAndNonOfficer: true },
            ],
          },
          { chairPresent: true },
        ],
      },
    };
    const constitution = constitutionFrom(document);
    const officersOnly = expectOk(
      evaluateQuorum(constitution, {
        members,
        attendance: attendance({ e1: 'present', e2: 'present', w1: 'present' }),
      }),
    );
    expect(officersOnly.quorate).toBe(false);
    expect(officersOnly.explanation.missing).toEqual(
      expect.arrayContaining([
        'no non-officer member present',
        'the chair: no one holds the office',
      ]),
    );
    const withLay = expectOk(
      evaluateQuorum(constitution, {
        members,
        attendance: attendance({ e1: 'present', l1: 'present' }),
      }),
    );
    // 4 voting members; half is 2: two present, one officer and one non-officer.
    expect(withLay.quorate).toBe(true);
    const chaired = expectOk(
      evaluateQuorum(constitution, {
        members: members.map((entry) =>
          entry.id === 'o1' ? { ...entry, office: 'chair' as const } : entry,
        ),
        attendance: attendance({ o1: 'present' }),
      }),
    );
    expect(chaired.quorate).toBe(true);
  });

  describe('facts that do not fit the constitution are errors, never guesses', () => {
    it('refuses an attendee holding a seat the constitution does not define', () => {
      const errors = expectErrors(
        evaluateQuorum(partnership(), {
          members: [...members, member('x', 'treasurer')],
          attendance: attendance({ x: 'present' }),
        }),
      );
      expect(errors[0]).toMatchObject({ code: 'unknown-role', path: ['members', 5, 'role'] });
      expect(errors[0]?.message).toContain(
        'holds seat "treasurer", which Test Partnership (version 1) does not define',
      );
    });

    it('refuses attendance for someone who is not a member', () => {
      const errors = expectErrors(
        evaluateQuorum(partnership(), { members, attendance: attendance({ stranger: 'present' }) }),
      );
      expect(errors[0]?.code).toBe('unknown-member');
    });

    it('refuses a sector the constitution does not have', () => {
      const errors = expectErrors(
        evaluateQuorum(partnership(), {
          members: [member('n1', 'member', { sector: 'north' })],
          attendance: [],
        }),
      );
      expect(errors[0]?.code).toBe('unknown-sector');
    });

    it('refuses a member of a per-sector seat with no sector', () => {
      const errors = expectErrors(
        evaluateQuorum(partnership(), { members: [member('n1', 'member')], attendance: [] }),
      );
      expect(errors[0]?.code).toBe('missing-sector');
    });

    it('refuses malformed facts with their path', () => {
      const errors = expectErrors(
        evaluateQuorum(partnership(), {
          members,
          attendance: [{ memberId: 'e1', status: 'here' as AttendanceStatus }],
        }),
      );
      expect(errors[0]).toMatchObject({ code: 'invalid-facts', path: ['attendance', 0, 'status'] });
    });

    it('refuses a recorded voting flag that disagrees with the seat', () => {
      const errors = expectErrors(
        evaluateQuorum(partnership(), {
          members: [member('o1', 'observer', { voting: true })],
          attendance: [],
        }),
      );
      expect(errors[0]).toMatchObject({
        code: 'voting-mismatch',
        clause: 'T §6',
        path: ['members', 0, 'voting'],
      });
    });

    it('refuses duplicate attendance', () => {
      const errors = expectErrors(
        evaluateQuorum(partnership(), {
          members,
          attendance: [
            { memberId: 'e1', status: 'present' },
            { memberId: 'e1', status: 'absent' },
          ],
        }),
      );
      expect(errors[0]?.code).toBe('duplicate-attendance');
    });
  });

  describe('property: quorum is never lost by adding a present member', () => {
    const statuses: AttendanceStatus[] = ['present', 'apologies', 'absent', 'deputy'];
    const memberArbitrary = fc.record({
      role: fc.constantFrom('member', 'lay-member', 'observer'),
      sector: fc.constantFrom('east', 'west'),
      status: fc.constantFrom(...statuses),
    });
    const build = (entries: Array<{ role: string; sector: string; status: AttendanceStatus }>) => {
      const memberFacts: MemberFact[] = entries.map((entry, index) =>
        member(`m${index}`, entry.role, entry.role === 'member' ? { sector: entry.sector } : {}),
      );
      return {
        members: memberFacts,
        attendance: entries.map((entry, index) => ({
          memberId: `m${index}`,
          status: entry.status,
        })),
      };
    };
    const constitutions = () => {
      const fractionDocument = partnershipDocument();
      fractionDocument.quorum = {
        clause: 'T §8',
        text: 'Quorum.',
        rule: {
          allOf: [
            { fractionOfMembership: { numerator: 2, denominator: 5, membership: 'whole' } },
            { officerAndNonOfficer: true },
            {
              anyOf: [
                { atLeastOnePerSector: { roles: ['member'] } },
                { atLeast: { count: 3, roles: ['member', 'lay-member'] } },
              ],
            },
          ],
        },
      };
      return [partnershipDocument(), fractionDocument].map((document) => {
        // Seat counts are lifted so that any generated membership fits.
        for (const seat of document.seats as Array<Record<string, unknown>>) {
          seat.count = { atLeast: 0 };
          delete seat.perSector;
        }
        return constitutionFrom(document);
      });
    };

    it('holds when an absent member arrives', () => {
      for (const constitution of constitutions()) {
        fc.assert(
          fc.property(
            fc.array(memberArbitrary, { minLength: 1, maxLength: 12 }),
            fc.nat(),
            (entries, pick) => {
              const index = pick % entries.length;
              const before = expectOk(evaluateQuorum(constitution, build(entries)));
              const arrived = entries.map((entry, position) =>
                position === index ? { ...entry, status: 'present' as const } : entry,
              );
              const after = expectOk(evaluateQuorum(constitution, build(arrived)));
              expect(!before.quorate || after.quorate).toBe(true);
            },
          ),
        );
      }
    });

    it('holds when a new member joins and is present', () => {
      for (const constitution of constitutions()) {
        fc.assert(
          fc.property(
            fc.array(memberArbitrary, { maxLength: 12 }),
            memberArbitrary,
            (entries, joining) => {
              const before = expectOk(evaluateQuorum(constitution, build(entries)));
              const after = expectOk(
                evaluateQuorum(
                  constitution,
                  build([...entries, { ...joining, status: 'present' }]),
                ),
              );
              expect(!before.quorate || after.quorate).toBe(true);
            },
          ),
        );
      }
    });
  });
});
