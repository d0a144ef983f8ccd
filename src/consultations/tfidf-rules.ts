/**
 * The features theme suggestions are computed from, pure: each answer's words (normalised as
 * duplicates are, so "Polyclinics," and "polyclinics" are one word) and the pairs of neighbouring
 * words, weighted by TF-IDF — how often the feature is in the answer, times how rare it is across
 * the question's coded answers (smoothed idf = ln((1 + n) ÷ (1 + df)) + 1) — and each answer's
 * vector scaled to length 1. The vocabulary is capped (the most frequent features, ties by
 * spelling) so training stays bounded however many answers there are (decision 055).
 */
import { normaliseText } from './response-rules.ts';

/** Words too common to tell one theme from another. */
const stopWords = new Set(
  'a an and are as at be but by for from has have i in is it its of on or so that the their there this to was we were will with would you your our they them be been not no do does'.split(
    ' ',
  ),
);

/** The words and word pairs of a text: "Keep the local hospital" → keep, local, hospital, keep local, local hospital. */
export function featuresOf(text: string): string[] {
  const words = normaliseText(text)
    .split(' ')
    .filter((word) => word.length > 1 && !stopWords.has(word));
  const features = [...words];
  for (let index = 1; index < words.length; index += 1) {
    features.push(`${words[index - 1]} ${words[index]}`);
  }
  return features;
}

export interface Vocabulary {
  /** Feature → its column. */
  index: Map<string, number>;
  features: string[];
  /** The idf of each column. */
  idf: number[];
}

/**
 * The vocabulary of a set of answers: features found in at least `minimumAnswers` of them, the
 * `limit` most widespread kept (ties by spelling, so the same answers always give the same columns).
 */
export function vocabularyOf(
  texts: readonly string[],
  options: { limit: number; minimumAnswers?: number },
): Vocabulary {
  const answersWith = new Map<string, number>();
  for (const text of texts) {
    for (const feature of new Set(featuresOf(text))) {
      answersWith.set(feature, (answersWith.get(feature) ?? 0) + 1);
    }
  }
  const minimum = options.minimumAnswers ?? 2;
  const kept = [...answersWith]
    .filter(([, count]) => count >= minimum)
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, options.limit);
  const n = texts.length;
  return {
    index: new Map(kept.map(([feature], column) => [feature, column])),
    features: kept.map(([feature]) => feature),
    idf: kept.map(([, count]) => Math.log((1 + n) / (1 + count)) + 1),
  };
}

/** One answer's TF-IDF vector over the vocabulary, scaled to length 1 (all zeros if nothing matches). */
export function tfidfVector(text: string, vocabulary: Vocabulary): number[] {
  const vector = new Array<number>(vocabulary.features.length).fill(0);
  for (const feature of featuresOf(text)) {
    const column = vocabulary.index.get(feature);
    if (column !== undefined) vector[column] = (vector[column] ?? 0) + 1;
  }
  let length = 0;
  for (let column = 0; column < vector.length; column += 1) {
    vector[column] = (vector[column] ?? 0) * (vocabulary.idf[column] ?? 0);
    length += (vector[column] ?? 0) ** 2;
  }
  if (length === 0) return vector;
  const norm = Math.sqrt(length);
  return vector.map((value) => value / norm);
}
