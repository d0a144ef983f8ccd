import { describe, expect, it } from 'vitest';
import { featuresOf, tfidfVector, vocabularyOf } from './tfidf-rules.ts';

describe('TF-IDF features of the answers (theme suggestions, decision 055)', () => {
  it('takes the words and the pairs of neighbouring words, normalised, without the commonest words', () => {
    expect(featuresOf('Keep the LOCAL hospital, please!')).toEqual([
      'keep',
      'local',
      'hospital',
      'please',
      'keep local',
      'local hospital',
      'hospital please',
    ]);
  });

  it('keeps features found in at least two answers, the most widespread first, capped', () => {
    const texts = [
      'local hospital closing',
      'the local hospital matters',
      'buses to the hospital',
      'more GPs',
    ];
    const vocabulary = vocabularyOf(texts, { limit: 2 });
    expect(vocabulary.features).toEqual(['hospital', 'local']);
    const all = vocabularyOf(texts, { limit: 10 });
    expect(all.features).toEqual(['hospital', 'local', 'local hospital']);
    // Rarer features weigh more: idf = ln((1 + 4) ÷ (1 + df)) + 1.
    expect(all.idf[0]).toBeCloseTo(Math.log(5 / 4) + 1, 10);
    expect(all.idf[1]).toBeCloseTo(Math.log(5 / 3) + 1, 10);
  });

  it('scales each answer’s vector to length 1, and leaves an answer with no known feature at zero', () => {
    const vocabulary = vocabularyOf(['local hospital', 'local hospital', 'buses'], { limit: 10 });
    const vector = tfidfVector('Local hospital, local!', vocabulary);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    expect(vector[vocabulary.index.get('local')!]!).toBeGreaterThan(
      vector[vocabulary.index.get('hospital')!]!,
    );
    expect(tfidfVector('nothing known here', vocabulary).every((value) => value === 0)).toBe(true);
  });
});
