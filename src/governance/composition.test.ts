import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateComposition } from './composition.ts';
import type { MemberFact } from './facts.ts';
import {
  constitutionFrom,
  expectErrors,
  expectOk,
  member,
  partnership,
  partnershipDocument,
} from './test-support.ts';

describe('validateComposition', () => {
  it('allows a membership within every count', () => {
    const result = expectOk(
      validateComposition(partnership(), [
        member('e1', 'member', { sector: 'east', office: 'chair' }),
        member('w1', 'member', { sector: 'west' }),
      ]),
    );
    expect(result).toMatchObject({ valid: true, complete: true, refusals: [], vacancies: [] });
  });

  it('refuses a third member from one sector, citing the seat clause', () => {
    const result = expectOk(
      validateComposition(partnership(), [
        member('e1', 'member', { sector: 'east', office: 'chair' }),
        member('e2', 'member', { sector: 'east' }),
        member('e3', 'member', { sector: 'east' }),
      ]),
    );
    expect(result.valid).toBe(false);
    expect(result.refusals).toEqual([
      expect.objectContaining({
        finding: 'tooMany',
        clause: 'T §4',
        sector: 'east',
        memberIds: ['e1', 'e2', 'e3'],
        message:
          'Member from East: 3 (Member e1, Member e2 and Member e3), but T §4 allows at most 2 per sector',
      }),
    ]);
    expect(result.explanation.summary).toMatch(/^Refused under T §4/);
  });

  it('refuses a holder who is not eligible, saying why', () => {
    const result = expectOk(
      validateComposition(partnership(), [
        member('e1', 'member', { sector: 'east', post: 'finance-director', office: 'chair' }),
      ]),
    );
    expect(result.refusals[0]).toMatchObject({ finding: 'notEligible' });
    expect(result.refusals[0]?.message).toContain(
      'the seat is for a chief executive, but the post recorded is finance director',
    );
  });

  it('refuses a holder recorded as filled by a route the seat does not use', () => {
    const result = expectOk(
      validateComposition(partnership(), [
        member('e1', 'member', {
          sector: 'east',
          office: 'chair',
          filledBy: { method: 'elected' },
        }),
      ]),
    );
    expect(result.refusals[0]).toMatchObject({ finding: 'wrongRoute' });
  });

  it('reports vacancies without refusing, including an unelected chair', () => {
    const document = partnershipDocument();
    (document.seats as Array<Record<string, unknown>>)[1] = {
      ...(document.seats as Array<Record<string, unknown>>)[1],
      count: { exactly: 2 },
    };
    const result = expectOk(
      validateComposition(constitutionFrom(document), [member('l1', 'lay-member')]),
    );
    expect(result).toMatchObject({ valid: true, complete: false });
    expect(result.vacancies.map((vacancy) => vacancy.finding)).toEqual([
      'tooFew',
      'officeUnfilled',
    ]);
  });

  it('is an error, not a refusal, when a member holds a seat the constitution does not define', () => {
    const errors = expectErrors(validateComposition(partnership(), [member('x', 'treasurer')]));
    expect(errors[0]?.code).toBe('unknown-role');
  });

  it('is an error when two members are recorded as chair', () => {
    const errors = expectErrors(
      validateComposition(partnership(), [
        member('a', 'lay-member', { office: 'chair' }),
        member('b', 'lay-member', { office: 'chair' }),
      ]),
    );
    expect(errors[0]?.code).toBe('chair-mismatch');
  });

  it('property: refusals for counts agree with a brute-force count', () => {
    const countArbitrary = fc.record({
      total: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      perSector: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    });
    const holderArbitrary = fc.record({
      role: fc.constantFrom('member', 'lay-member'),
      sector: fc.constantFrom('east', 'west'),
    });
    fc.assert(
      fc.property(
        countArbitrary,
        fc.array(holderArbitrary, { maxLength: 14 }),
        (limits, holders) => {
          const document = partnershipDocument();
          const seats = document.seats as Array<Record<string, unknown>>;
          const memberSeat = seats[0] as Record<string, unknown>;
          memberSeat.count = limits.total === undefined ? { atLeast: 0 } : { atMost: limits.total };
          if (limits.perSector === undefined) delete memberSeat.perSector;
          else memberSeat.perSector = { atMost: limits.perSector };
          (seats[1] as Record<string, unknown>).count = { atLeast: 0 };
          // A quorum that does not depend on the counts under test, so every fixture is valid.
          document.quorum = {
            clause: 'T §8',
            text: 'Quorum.',
            rule: { fractionOfMembership: { numerator: 1, denominator: 3, membership: 'whole' } },
          };
          const constitution = constitutionFrom(document);
          const facts: MemberFact[] = holders.map((holder, index) =>
            member(
              `m${index}`,
              holder.role,
              holder.role === 'member' ? { sector: holder.sector } : {},
            ),
          );
          const result = expectOk(validateComposition(constitution, facts));

          // Brute force: count by hand.
          const members = holders.filter((holder) => holder.role === 'member');
          const expected: string[] = [];
          if (limits.total !== undefined && members.length > limits.total)
            expected.push('member:total');
          for (const sector of ['east', 'west']) {
            const inSector = members.filter((holder) => holder.sector === sector).length;
            if (limits.perSector !== undefined && inSector > limits.perSector)
              expected.push(`member:${sector}`);
          }
          const actual = result.refusals
            .filter((refusal) => refusal.finding === 'tooMany')
            .map((refusal) => `${refusal.role}:${refusal.sector ?? 'total'}`)
            .sort();
          expect(actual).toEqual(expected.sort());
          expect(result.valid).toBe(expected.length === 0);
        },
      ),
    );
  });
});
