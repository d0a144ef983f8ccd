/**
 * Theme suggestions, computed locally from the codes people have given (no external service):
 * TF-IDF features of the question's first-pass coded answers (tfidf-rules.ts) and, for each theme,
 * a logistic regression of "has this theme" on them (`ml-logistic-regression` with `ml-matrix`,
 * one classifier per theme: an answer may raise several). An uncoded answer gets a suggestion for
 * each theme whose probability reaches the threshold, with its confidence in per-mille and its
 * "because": the features of the answer that pushed hardest, as weight × value. Pure: the answers
 * and codings are arguments; nothing is stored here. Bounds (decision 055): at most
 * `trainingLimit` answers, `vocabularyLimit` features, a theme is suggested only once people have
 * given it to `minimumPerTheme` answers and left it off as many.
 */
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { tfidfVector, type Vocabulary, vocabularyOf } from './tfidf-rules.ts';

export const suggestionBounds = {
  trainingLimit: 2000,
  vocabularyLimit: 400,
  minimumPerTheme: 5,
  thresholdPerMille: 500,
  steps: 300,
  becauseCount: 3,
} as const;

export interface CodedAnswer {
  text: string;
  themeIds: readonly string[];
}

export interface Suggestion {
  /** Index of the answer among those asked about. */
  answer: number;
  themeId: string;
  confidencePerMille: number;
  because: { feature: string; weight: number }[];
}

export interface ThemeModel {
  themeId: string;
  /** The intercept, then one weight per vocabulary column. */
  weights: number[];
}

export interface SuggestionModel {
  vocabulary: Vocabulary;
  themes: ThemeModel[];
  /** Themes not learnt, with the reason (too few coded answers with or without them). */
  notLearnt: { themeId: string; withTheme: number; withoutTheme: number }[];
}

/** Learns one classifier per theme that has enough examples either way. */
export function trainSuggestionModel(
  coded: readonly CodedAnswer[],
  themeIds: readonly string[],
  bounds: typeof suggestionBounds = suggestionBounds,
): SuggestionModel {
  const training = coded.slice(0, bounds.trainingLimit);
  const vocabulary = vocabularyOf(
    training.map((answer) => answer.text),
    { limit: bounds.vocabularyLimit },
  );
  const rows = training.map((answer) => [1, ...tfidfVector(answer.text, vocabulary)]);
  const themes: ThemeModel[] = [];
  const notLearnt: SuggestionModel['notLearnt'] = [];
  if (vocabulary.features.length === 0) {
    return {
      vocabulary,
      themes,
      notLearnt: themeIds.map((themeId) => ({
        themeId,
        withTheme: 0,
        withoutTheme: training.length,
      })),
    };
  }
  const features = new Matrix(rows);
  for (const themeId of themeIds) {
    const labels = training.map((answer) => (answer.themeIds.includes(themeId) ? 1 : 0));
    const withTheme = labels.filter((label) => label === 1).length;
    const withoutTheme = labels.length - withTheme;
    if (withTheme < bounds.minimumPerTheme || withoutTheme < bounds.minimumPerTheme) {
      notLearnt.push({ themeId, withTheme, withoutTheme });
      continue;
    }
    // Two classes: the package's first classifier is trained on "not class 0" (it maps class 0 to
    // 0 and the rest to 1), so with 1 = has the theme its score is the probability of the theme.
    const model = new LogisticRegression({
      numSteps: bounds.steps,
      learningRate: 5 / training.length,
    });
    model.train(features, Matrix.columnVector(labels));
    const classifier = model.classifiers[0];
    if (!classifier) continue;
    themes.push({ themeId, weights: classifier.weights.to1DArray() });
  }
  return { vocabulary, themes, notLearnt };
}

/** The themes to suggest for each answer: probability at or over the threshold, with the why. */
export function suggestThemes(
  model: SuggestionModel,
  texts: readonly string[],
  bounds: typeof suggestionBounds = suggestionBounds,
): Suggestion[] {
  const suggestions: Suggestion[] = [];
  texts.forEach((text, answer) => {
    const vector = tfidfVector(text, model.vocabulary);
    if (vector.every((value) => value === 0)) return;
    for (const theme of model.themes) {
      let score = theme.weights[0] ?? 0;
      const contributions: { feature: string; weight: number }[] = [];
      vector.forEach((value, column) => {
        if (value === 0) return;
        const contribution = (theme.weights[column + 1] ?? 0) * value;
        score += contribution;
        contributions.push({
          feature: model.vocabulary.features[column] ?? '',
          weight: Math.round(contribution * 1000) / 1000,
        });
      });
      const confidencePerMille = Math.round(1000 / (1 + Math.exp(-score)));
      if (confidencePerMille < bounds.thresholdPerMille) continue;
      const because = contributions
        .filter((each) => each.weight > 0)
        .sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1))
        .slice(0, bounds.becauseCount);
      suggestions.push({ answer, themeId: theme.themeId, confidencePerMille, because });
    }
  });
  return suggestions;
}

/** A suggestion's confidence as people read it: 734‰ is "73.4%". */
export function confidenceInWords(confidencePerMille: number): string {
  return `${(confidencePerMille / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
}

/** A suggestion's "because" in words: the features that pushed hardest, with their weights. */
export function becauseInWords(because: readonly { feature: string; weight: number }[]): string {
  if (because.length === 0) return 'no single word stood out';
  return because
    .map(
      (each) =>
        `“${each.feature}” (${each.weight.toLocaleString('en-GB', { maximumFractionDigits: 2 })})`,
    )
    .join(', ');
}
