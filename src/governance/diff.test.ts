import { describe, expect, it } from 'vitest';
import { diffConstitutions } from './diff.ts';
import {
  constitutionFrom,
  expectErrors,
  expectOk,
  partnership,
  partnershipDocument,
} from './test-support.ts';

describe('diffConstitutions', () => {
  it('finds no change between a constitution and itself, even reordered', () => {
    const reordered = partnershipDocument();
    (reordered.seats as unknown[]).reverse();
    const result = expectOk(diffConstitutions(partnership(), constitutionFrom(reordered)));
    expect(result.changes).toEqual([]);
  });

  it('lists added seats, changed counts and a changed quorum, each with its clause', () => {
    const next = partnershipDocument();
    next.identity = { id: 'test-partnership', title: 'Test Partnership', version: 2 };
    const seats = next.seats as Array<Record<string, unknown>>;
    (seats[1] as Record<string, unknown>).count = { atMost: 3 };
    seats.push({
      role: 'clinical-lead',
      title: 'Clinical lead',
      clause: 'T §5a',
      text: 'A clinical lead.',
      filledBy: { method: 'appointed' },
      count: { exactly: 1 },
      voting: { entitled: true, clause: 'T §5a', text: 'A clinical lead.' },
    });
    next.quorum = {
      clause: 'T §8',
      text: 'Quorum.',
      rule: { atLeast: { count: 3, roles: ['member'] } },
    };
    const result = expectOk(diffConstitutions(partnership(), constitutionFrom(next)));
    expect(result.changes.map((change) => change.path)).toEqual([
      'identity.version',
      'seats[lay-member].count.atMost',
      'seats[clinical-lead]',
      'quorum.text',
      'quorum.rule',
    ]);
    expect(result.changes.find((change) => change.path === 'seats[clinical-lead]')).toMatchObject({
      change: 'added',
      clauseAfter: 'T §5a',
      description: 'Added seats[clinical-lead] (Clinical lead) (T §5a)',
    });
    expect(result.changes.find((change) => change.path === 'quorum.rule')?.description).toBe(
      'Changed the quorum from "all of: Member: at least 2 present; Member: at least one present from each sector" (T §8) to "Member: at least 3 present" (T §8)',
    );
    expect(result.explanation.summary).toBe(
      'Test Partnership: version 1 (effective 2020-01-01) to version 2 (effective 2020-01-01): 5 changes.',
    );
  });

  it('refuses to compare two different bodies', () => {
    const other = partnershipDocument();
    other.identity = { id: 'another-body', title: 'Another', version: 1 };
    expect(expectErrors(diffConstitutions(partnership(), constitutionFrom(other)))[0]?.code).toBe(
      'different-bodies',
    );
  });
});
