import { describe, expect, it } from 'vitest';
import {
  becauseInWords,
  confidenceInWords,
  suggestThemes,
  trainSuggestionModel,
} from './suggestion-rules.ts';

const travel = [
  'Too far to travel to the stroke unit by bus',
  'The travel time by bus to specialist care is too long',
  'Two buses to the specialist hospital, travel is hard',
  'Travel for my mother by bus would take an hour',
  'Specialist care is fine but the bus travel is not',
  'Ambulance travel time matters more than the bus',
];
const closures = [
  'Do not close our local hospital',
  'Keep the local hospital open for emergencies',
  'Closing the local hospital A&E would be wrong',
  'Our local hospital is needed, no closure',
  'Local hospital closure would hurt the elderly',
  'Save the local hospital maternity unit',
];

describe('theme suggestions from the codes people gave (decision 055)', () => {
  const coded = [
    ...travel.map((text) => ({ text, themeIds: ['travel'] })),
    ...closures.map((text) => ({ text, themeIds: ['closures'] })),
  ];

  it('learns each theme with at least five answers with and five without it, and says which it could not', () => {
    const model = trainSuggestionModel(coded, ['travel', 'closures', 'cost']);
    expect(model.themes.map((theme) => theme.themeId)).toEqual(['travel', 'closures']);
    expect(model.notLearnt).toEqual([{ themeId: 'cost', withTheme: 0, withoutTheme: 12 }]);
  });

  it('suggests the right theme with its confidence and the words that made it', () => {
    const model = trainSuggestionModel(coded, ['travel', 'closures']);
    const suggestions = suggestThemes(model, [
      'The bus travel to the new specialist centre is too long',
      'Please keep the local hospital',
      'Nothing in common',
    ]);
    const first = suggestions.filter((each) => each.answer === 0);
    expect(first.map((each) => each.themeId)).toEqual(['travel']);
    expect(first[0]!.confidencePerMille).toBeGreaterThanOrEqual(500);
    expect(first[0]!.confidencePerMille).toBeLessThanOrEqual(1000);
    expect(first[0]!.because.map((each) => each.feature)).toContain('travel');
    expect(first[0]!.because.every((each) => each.weight > 0)).toBe(true);
    expect(suggestions.filter((each) => each.answer === 1).map((each) => each.themeId)).toEqual([
      'closures',
    ]);
    expect(suggestions.some((each) => each.answer === 2)).toBe(false);
  });
});

describe('a suggestion in words, the same on the coding page and in the API', () => {
  it('gives the confidence as a percentage and the why as the words that pushed hardest', () => {
    expect(confidenceInWords(734)).toBe('73.4%');
    expect(confidenceInWords(1000)).toBe('100%');
    expect(
      becauseInWords([
        { feature: 'bus', weight: 1.234 },
        { feature: 'travel', weight: 0.5 },
      ]),
    ).toBe('“bus” (1.23), “travel” (0.5)');
    expect(becauseInWords([])).toBe('no single word stood out');
  });
});
