import { describe, expect, it } from 'vitest';
import {
  categoryOf,
  formatOfFileName,
  layoutOf,
  lineProblemMessage,
  lineReaderFor,
  looksLikeXlsx,
  responseFromCells,
  tallyCounterFor,
} from './import-rules.ts';
import {
  longestAnswer,
  type QuestionFacts,
  sumTallyDeltas,
  type TallyDelta,
  tallyDeltasOf,
} from './response-rules.ts';
import { csvLineOf, importHeader, syntheticResponses } from './synthetic-responses.ts';

const questions: QuestionFacts[] = [
  { id: 'q1', number: 1, text: 'Agree?', kind: 'single-choice', options: ['Agree', 'Disagree'] },
  {
    id: 'q2',
    number: 2,
    text: 'Which?',
    kind: 'multiple-choice',
    options: ['GP appointments', 'Diagnostics'],
  },
  { id: 'q3', number: 3, text: 'Else?', kind: 'free-text', options: [] },
];

const layout = (() => {
  const read = layoutOf(
    ['category', 'organisation', 'publish_consent', 'Q1', 'Q2', 'Q3'],
    questions,
  );
  if (!read.ok) throw new Error(read.problems.join(' '));
  return read.layout;
})();

describe('2008 "Healthcare for London" bullet 1 — "taking full account of all the comments received": an imported line meets the form\'s rules', () => {
  it('reads a line into a response: category by code or name, choices split on "; ", consent yes/no', () => {
    const read = responseFromCells(
      [
        'NHS staff',
        '',
        'yes',
        'Agree',
        'GP appointments; Diagnostics',
        'Keep our local hospital open for everyone',
      ],
      layout,
      questions,
    );
    expect(read).toEqual({
      ok: true,
      response: {
        respondentCategory: 'nhs-staff',
        organisationName: null,
        publishConsent: true,
        answers: {
          q1: 'Agree',
          q2: ['GP appointments', 'Diagnostics'],
          q3: 'Keep our local hospital open for everyone',
        },
        normalisedTextHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it('names the column of each problem: unknown category, an organisation unnamed, a choice not offered, an empty response', () => {
    const read = responseFromCells(
      ['organisation', '', 'maybe', 'Maybe', '', ''],
      layout,
      questions,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((problem) => problem.column)).toEqual([
      'organisation',
      'publish_consent',
      'Q1',
    ]);
    const unknown = responseFromCells(['patient', '', '', '', '', ''], layout, questions);
    expect(unknown.ok || unknown.problems.map((problem) => problem.column)).toEqual([
      'category',
      undefined,
    ]);
    expect(categoryOf('Member of the public')).toBe('public');
  });

  it('writes "Line 734,012, column Q3: …" with the line in British digits', () => {
    expect(
      lineProblemMessage(734_012, { column: 'Q3', message: '"Maybe" is not one of its choices' }),
    ).toBe('Line 734,012, column Q3: "Maybe" is not one of its choices.');
  });

  it('refuses a header without category, with an unknown column or a question not asked', () => {
    const read = layoutOf(['Q1', 'Q7', 'postcode'], questions);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toHaveLength(3);
    expect(read.problems.join(' ')).toContain('questions 1 to 3');
  });

  it('knows an XLSX by its zip signature and a format by the file name', () => {
    expect(looksLikeXlsx(Buffer.from('PK\u0003\u0004rest'))).toBe(true);
    expect(looksLikeXlsx(Buffer.from('category,Q1'))).toBe(false);
    expect(formatOfFileName('Paper forms.XLSX')).toBe('xlsx');
    expect(formatOfFileName('forms.txt')).toBeUndefined();
  });

  it('synthetic responses are the same for the same seed, and every one passes the import rules', () => {
    const first = [...syntheticResponses(questions, 500, 9)];
    expect([...syntheticResponses(questions, 500, 9)]).toEqual(first);
    const withText = first.filter((response) => response.answers.has(3)).length;
    expect(withText / 500).toBeGreaterThan(0.18);
    expect(withText / 500).toBeLessThan(0.32);
    expect(importHeader(questions)).toBe('category,organisation,publish_consent,Q1,Q2,Q3\n');
    for (const response of first) {
      const line = csvLineOf(questions, response);
      expect(line.endsWith('\n')).toBe(true);
      const cells = [
        response.category,
        response.organisation ?? '',
        response.publishConsent ? 'yes' : 'no',
        ...questions.map((question) => {
          const answer = response.answers.get(question.number);
          return Array.isArray(answer) ? answer.join('; ') : (answer ?? '');
        }),
      ];
      expect(responseFromCells(cells, layout, questions).ok).toBe(true);
    }
  });
});

/** The fast reading without the JSON it writes as it reads, to compare with responseFromCells. */
function withoutJson(read: ReturnType<typeof responseFromCells>) {
  if (!read.ok) return read;
  const { answersJson: _written, ...response } = read.response;
  return { ok: true, response };
}

const tallyKey = (delta: TallyDelta) =>
  `${delta.questionId} ${delta.kind} ${delta.key} ${delta.respondentCategory} ${delta.change}`;

describe('the import\'s fast reading is the same reading (decision 052): "full account of all the comments received" — 2008 "Healthcare for London" bullet 1', () => {
  const read = lineReaderFor(layout, questions);

  it('accepts, refuses and words every line exactly as responseFromCells does', () => {
    const lines: string[][] = [
      [
        'public',
        '',
        'yes',
        'Agree',
        'GP appointments; Diagnostics',
        'Keep the local hospital open',
      ],
      [' Clinician ', '', ' No ', ' Disagree ', ' ; Diagnostics;  ; Diagnostics ', '  '],
      ['organisation', 'Camden Patients Forum', 'Y', '', 'GP appointments', ''],
      ['organisation', '', 'yes', 'Agree', '', ''],
      ['patient', '', 'yes', 'Agree', '', ''],
      ['', '', '', '', '', ''],
      ['public', '', 'maybe', 'Agree', '', ''],
      ['public', '', '', 'Maybe', '', ''],
      ['public', '', '', 'agree', '', ''],
      ['public', '', '', '', 'Diagnostics; Pharmacy', ''],
      ['public', '', '', '', ' ; ', ''],
      ['public', '', '', '', '', 'x'.repeat(longestAnswer + 1)],
      ['public', '', '', '', '', `  ${'x'.repeat(longestAnswer)}  `],
      ['public'],
      [
        'nhs-staff',
        '',
        '1',
        'Agree',
        '',
        'Tab\there, a "quote" and a\nnew line; more words follow',
      ],
    ];
    for (const cells of lines) {
      expect(withoutJson(read(cells))).toEqual(responseFromCells(cells, layout, questions));
      const fast = read(cells);
      if (fast.ok) expect(fast.response.answersJson).toBe(JSON.stringify(fast.response.answers));
    }
    for (const response of syntheticResponses(questions, 500, 4)) {
      const cells = [
        response.category,
        response.organisation ?? '',
        response.publishConsent ? 'yes' : 'no',
        ...questions.map((question) => {
          const answer = response.answers.get(question.number);
          return Array.isArray(answer) ? answer.join('; ') : (answer ?? '');
        }),
      ];
      const fast = read(cells);
      expect(withoutJson(fast)).toEqual(responseFromCells(cells, layout, questions));
      // The answers are written as JSON: the same keys in the same order, the same text.
      if (fast.ok) {
        const slow = responseFromCells(cells, layout, questions);
        expect(fast.response.answersJson).toBe(JSON.stringify(slow.ok && slow.response.answers));
      }
    }
  });

  it("counts the tallies in place exactly as the sum of every response's changes", () => {
    const counter = tallyCounterFor(questions);
    const deltas: TallyDelta[] = [];
    for (const response of syntheticResponses(questions, 2000, 5)) {
      const cells = [
        response.category,
        response.organisation ?? '',
        response.publishConsent ? 'yes' : 'no',
        ...questions.map((question) => {
          const answer = response.answers.get(question.number);
          return Array.isArray(answer) ? answer.join('; ') : (answer ?? '');
        }),
      ];
      const line = read(cells);
      if (!line.ok) throw new Error('a synthetic line was refused');
      counter.add(line.response.answers, line.response.respondentCategory);
      deltas.push(
        ...tallyDeltasOf(questions, line.response.answers, line.response.respondentCategory),
      );
    }
    expect(counter.deltas().map(tallyKey).sort()).toEqual(
      sumTallyDeltas(deltas).map(tallyKey).sort(),
    );
  });
});
