import { describe, expect, it } from 'vitest';
import {
  acceptedPerMille,
  checkCoding,
  checkSecondCoder,
  checkThemeCode,
  inSecondPassSample,
  perMilleInWords,
  themeDeltasOf,
} from './coding-rules.ts';

const codebook = [
  { id: 't-access', code: 'ACCESS', label: 'Access to polyclinics' },
  { id: 't-travel', code: 'TRAVEL', label: 'Travel to specialist care' },
];
const answer = 'The polyclinic is too far: two buses to get there.';

describe('coding an answer against its codebook (Gunning 4: "conscientiously taken into account")', () => {
  it('takes codes of the codebook in any case, in codebook order, with a quote from the answer', () => {
    const result = checkCoding({
      codebook,
      codes: ['travel', 'ACCESS'],
      quote: ' two buses ',
      answer,
      questionNumber: 4,
    });
    expect(result).toEqual({
      themeIds: ['t-access', 't-travel'],
      quote: 'two buses',
      problems: [],
    });
  });

  it('refuses a theme code not in the codebook, naming the codebook and the rule', () => {
    const { problems } = checkCoding({
      codebook,
      codes: ['COST'],
      quote: null,
      answer,
      questionNumber: 4,
    });
    expect(problems).toEqual([
      {
        field: 'themes',
        message: expect.stringMatching(
          /COST is not in question 4’s codebook \(ACCESS, TRAVEL\).*Gunning 4/,
        ),
      },
    ]);
  });

  it('refuses a coding with no theme ticked: the answer would count as coded under nothing (review M3)', () => {
    const { problems } = checkCoding({
      codebook,
      codes: [' '],
      quote: null,
      answer,
      questionNumber: 4,
    });
    expect(problems).toEqual([
      { field: 'themes', message: expect.stringMatching(/^Tick at least one theme.*Gunning 4/) },
    ]);
  });

  it('refuses a quote that is not part of the answer', () => {
    const { problems } = checkCoding({
      codebook,
      codes: ['ACCESS'],
      quote: 'three buses',
      answer,
      questionNumber: 4,
    });
    expect(problems[0]?.field).toBe('quote');
    expect(problems[0]?.message).toMatch(/not part of the answer/);
  });

  it('takes codes of letters, digits and hyphens only', () => {
    expect(checkThemeCode('GP-CONT')).toBeNull();
    expect(checkThemeCode('gp cont')).toMatch(/letters, digits and hyphens/);
  });
});

describe('double coding (Cohen 1960: agreement between two analysts)', () => {
  it('refuses a second pass by the first pass’s analyst, or with no first pass', () => {
    expect(checkSecondCoder('p1', 'p2')).toBeNull();
    expect(checkSecondCoder('p1', 'p1')).toMatch(/another analyst/);
    expect(checkSecondCoder(null, 'p1')).toMatch(/no first-pass coding/);
  });

  it('draws the same sample every time, about one answer in ten', () => {
    const ids = Array.from({ length: 2000 }, (_, index) => `response-${index}`);
    const drawn = ids.filter((id) => inSecondPassSample(id, 'q'));
    expect(drawn).toEqual(ids.filter((id) => inSecondPassSample(id, 'q')));
    expect(drawn.length).toBeGreaterThan(150);
    expect(drawn.length).toBeLessThan(250);
  });
});

describe('the theme tallies a first-pass coding changes', () => {
  it('adds each theme and the coded count on first coding', () => {
    expect(themeDeltasOf('q', null, ['a', 'b'], 'public')).toEqual([
      { questionId: 'q', kind: 'theme', key: 'a', respondentCategory: 'public', change: 1 },
      { questionId: 'q', kind: 'theme', key: 'b', respondentCategory: 'public', change: 1 },
      { questionId: 'q', kind: 'theme', key: '', respondentCategory: 'public', change: 1 },
    ]);
  });

  it('on recoding takes the old themes away and adds the new, the coded count unchanged', () => {
    expect(themeDeltasOf('q', ['a', 'b'], ['b', 'c'], 'clinician')).toEqual([
      { questionId: 'q', kind: 'theme', key: 'a', respondentCategory: 'clinician', change: -1 },
      { questionId: 'q', kind: 'theme', key: 'c', respondentCategory: 'clinician', change: 1 },
    ]);
  });
});

describe('agreement between suggestions and people', () => {
  it('is accepted ÷ decided, in per-mille, and says so in words', () => {
    expect(acceptedPerMille(3, 1)).toBe(750);
    expect(acceptedPerMille(0, 0)).toBeNull();
    expect(perMilleInWords(750)).toBe('75%');
    expect(perMilleInWords(734)).toBe('73.4%');
  });
});
