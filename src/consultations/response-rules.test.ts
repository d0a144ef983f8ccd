import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  duplicateHashOf,
  normaliseText,
  type QuestionFacts,
  sumTallyDeltas,
  tallyDeltasOf,
} from './response-rules.ts';

const questions: QuestionFacts[] = [
  { id: 'q1', number: 1, text: 'Agree?', kind: 'single-choice', options: ['Agree', 'Disagree'] },
  { id: 'q2', number: 2, text: 'Which?', kind: 'multiple-choice', options: ['A', 'B', 'C'] },
  { id: 'q3', number: 3, text: 'Anything else?', kind: 'free-text', options: [] },
];

describe('a response checked against the questions', () => {
  it('keeps choices that are options, drops blanks and repeats', () => {
    const { answers, problems } = checkAnswers(questions, {
      q1: 'Agree',
      q2: ['A', 'A', 'C', ' '],
      q3: '   ',
    });
    expect(problems).toEqual([]);
    expect(answers).toEqual({ q1: 'Agree', q2: ['A', 'C'] });
  });

  it('refuses a choice that is not an option, naming the question by its number', () => {
    const { problems } = checkAnswers(questions, { q1: 'Maybe' });
    expect(problems).toEqual([
      {
        field: 'question-1',
        message: 'Question 1: "Maybe" is not one of its choices (Agree, Disagree).',
      },
    ]);
  });

  it('refuses an empty response, unless it comments on the document', () => {
    expect(checkAnswers(questions, { q3: '' }).problems[0]?.message).toMatch(
      /The response is empty/,
    );
    expect(checkAnswers(questions, {}, { hasComments: true }).problems).toEqual([]);
  });

  it('refuses two answers to a single-choice question and an answer to no question', () => {
    expect(checkAnswers(questions, { q1: ['Agree', 'Disagree'] }).problems[0]?.message).toBe(
      'Question 1: choose one answer only.',
    );
    expect(checkAnswers(questions, { elsewhere: 'x', q1: 'Agree' }).problems[0]?.field).toBe(
      'answers',
    );
  });
});

describe('duplicates by normalised text', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(normaliseText('  Keep   St Mary’s, OPEN!! ')).toBe(normaliseText('keep st mary s open'));
    expect(duplicateHashOf('Keep St Mary’s A&E open please now')).toBe(
      duplicateHashOf('keep st mary s a e open  PLEASE now!'),
    );
  });

  it('does not call short answers duplicates', () => {
    expect(duplicateHashOf('Yes, agree.')).toBeNull();
  });
});

describe('tallies', () => {
  it('count each question answered and each choice, and sum per row', () => {
    const one = tallyDeltasOf(questions, { q1: 'Agree', q2: ['A', 'B'], q3: 'text' }, 'public');
    expect(one).toHaveLength(6);
    const summed = sumTallyDeltas([...one, ...tallyDeltasOf(questions, { q1: 'Agree' }, 'public')]);
    expect(summed.find((row) => row.kind === 'choice' && row.key === 'Agree')?.change).toBe(2);
    expect(
      sumTallyDeltas([
        ...one,
        ...tallyDeltasOf(questions, { q1: 'Agree', q2: ['A', 'B'], q3: 'text' }, 'public', -1),
      ]),
    ).toEqual([]);
  });
});
