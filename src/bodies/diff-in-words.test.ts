import { describe, expect, it } from 'vitest';
import type { ConstitutionDiff } from '../governance/index.ts';
import { changesInWords, placeInWords, presetInWords, valueInWords } from './diff-in-words.ts';

const titles = new Map([
  ['nhs-london-chief-executive', 'NHS London Chief Executive'],
  ['nhs-london', 'NHS London'],
]);

describe('a diff of terms of reference in words (issue 22, item 5)', () => {
  it('names a place by the titles of its rules, never by their ids', () => {
    expect(placeInWords('seats[nhs-london-chief-executive].count.atMost', titles)).toBe(
      'Seats › NHS London Chief Executive › count › at most',
    );
    expect(placeInWords('chair.selection.method', titles)).toBe('Chair › selection › method');
    expect(placeInWords('bodies[unknown-body].name', titles)).toBe('Bodies › unknown body › name');
  });

  it('gives values in words: identifiers spoken, text quoted without mark-up', () => {
    expect(valueInWords('exOfficio', titles)).toBe('ex officio');
    expect(valueInWords('nhs-london', titles)).toBe('NHS London');
    expect(valueInWords('NHS London (the London SHA)', titles)).toBe(
      '“NHS London (the London SHA)”',
    );
    expect(valueInWords('sets `base`', titles)).toBe('“sets base”');
    expect(valueInWords({ role: 'x', title: 'Clinical lead' }, titles)).toBe('Clinical lead');
    expect(valueInWords(8, titles)).toBe('8');
  });

  it('says each change with its clause, and keeps the engine’s words for the quorum', () => {
    const diff = {
      from: { version: 1, effective: '2006-01-01' },
      to: { version: 2, effective: '2008-01-01' },
      changes: [
        {
          path: 'chair.selection.method',
          change: 'changed',
          before: 'elected',
          after: 'exOfficio',
          clauseAfter: '2008 §Membership',
          description: 'Changed chair.selection.method from "elected" to "exOfficio"',
        },
        {
          path: 'seats[nhs-london-chief-executive]',
          change: 'added',
          after: { role: 'nhs-london-chief-executive', title: 'NHS London Chief Executive' },
          description: 'Added seats[nhs-london-chief-executive]',
        },
        {
          path: 'quorum.rule',
          change: 'changed',
          description: 'Changed the quorum from "a" (x) to "b" (y)',
        },
      ],
      explanation: { summary: '', citations: [] },
    } as unknown as ConstitutionDiff;
    expect(
      changesInWords(
        diff,
        {},
        { seats: [{ role: 'nhs-london-chief-executive', title: 'NHS London Chief Executive' }] },
      ),
    ).toEqual([
      {
        change: 'changed',
        text: 'Chair › selection › method: from elected to ex officio',
        clause: '2008 §Membership',
      },
      { change: 'added', text: 'Seats › NHS London Chief Executive', clause: '' },
      { change: 'changed', text: 'Changed the quorum from "a" (x) to "b" (y)', clause: '' },
    ]);
  });

  it('names a preset in words', () => {
    expect(presetInWords('joint-committee-of-pcts-2008')).toBe('Joint committee of PCTs 2008');
    expect(presetInWords('nhs-standing-orders-default')).toBe('NHS standing orders default');
  });
});
