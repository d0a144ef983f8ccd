/**
 * What a file of imported responses must look like, pure (docs/consultations.md, "Importing
 * responses"): a header row naming `category`, optionally `organisation` and `publish_consent`,
 * and one column per question by its number (`Q1` … `QN`); then one response per line, its
 * choices exactly as the question offers them (several separated by "; "). Each line is checked
 * with the same rules as a response sent through the form (`checkAnswers`), so paper forms and
 * other channels count exactly as online responses do — 2008 "Healthcare for London" bullet 1:
 * the analysis must take "full account of all the comments received".
 */
import {
  type Answers,
  checkAnswers,
  duplicateHashOf,
  freeTextOf,
  longestAnswer,
  type QuestionFacts,
  type RespondentCategory,
  respondentCategories,
  respondentCategoryNames,
  type TallyDelta,
} from './response-rules.ts';

export const importClause = {
  clause: '2008 "Healthcare for London" bullet 1',
  text: 'developing the documentation and analysis which will enable PCTs to take appropriate decisions on the outcome of consultation taking full account of all the comments received',
} as const;

export const importFormats = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Where each column of the file is: by position in the header row. */
export interface ImportLayout {
  category: number;
  organisation: number | undefined;
  publishConsent: number | undefined;
  questions: { index: number; column: string; question: QuestionFacts }[];
  /** How many columns the header has: a line with more filled cells lost an answer's comma. */
  columns: number;
}

/** A line read and checked: what goes into consultation_responses. */
export interface ImportedResponse {
  respondentCategory: RespondentCategory;
  organisationName: string | null;
  publishConsent: boolean;
  answers: Answers;
  normalisedTextHash: string | null;
  /** `JSON.stringify(answers)`, when the reader wrote it as it read the line (`lineReaderFor`). */
  answersJson?: string;
}

export interface CellProblem {
  column: string | undefined;
  message: string;
}

const questionColumn = /^q(\d+)$/;

/** The header row read against the consultation's questions, or what is wrong with it. */
export function layoutOf(
  header: readonly string[],
  questions: readonly QuestionFacts[],
): { ok: true; layout: ImportLayout } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const byNumber = new Map(questions.map((question) => [question.number, question]));
  const seen = new Set<string>();
  const layout: Omit<ImportLayout, 'category'> & { category: number | undefined } = {
    category: undefined,
    organisation: undefined,
    publishConsent: undefined,
    questions: [],
    columns: header.length,
  };
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase().replace(/\s+/g, '_');
    if (name === '') return;
    if (seen.has(name)) {
      problems.push(`The header names the column "${raw.trim()}" twice.`);
      return;
    }
    seen.add(name);
    if (name === 'category') layout.category = index;
    else if (name === 'organisation') layout.organisation = index;
    else if (name === 'publish_consent') layout.publishConsent = index;
    else {
      const number = questionColumn.exec(name)?.[1];
      const question = number === undefined ? undefined : byNumber.get(Number(number));
      if (question) layout.questions.push({ index, column: `Q${question.number}`, question });
      else if (number !== undefined) {
        problems.push(
          `The header names ${raw.trim()}, but the consultation asks questions 1 to ${questions.length}.`,
        );
      } else {
        problems.push(
          `The header names a column "${raw.trim()}" the import does not know: the columns are category, organisation, publish_consent and Q1 to Q${questions.length}.`,
        );
      }
    }
  });
  if (layout.category === undefined) {
    problems.push(
      'The header has no "category" column: each response needs its respondent category.',
    );
  }
  if (layout.questions.length === 0) {
    problems.push(`The header names no question column (Q1 to Q${questions.length}).`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, layout: { ...layout, category: layout.category! } };
}

const categoryByName = new Map<string, RespondentCategory>(
  respondentCategories.flatMap((category) => [
    [category, category],
    [respondentCategoryNames[category].toLowerCase(), category],
  ]),
);

/** A respondent category by its code ("nhs-staff") or its name ("NHS staff"), any case. */
export function categoryOf(text: string): RespondentCategory | undefined {
  return categoryByName.get(text.trim().toLowerCase());
}

const yes = new Set(['yes', 'y', 'true', '1']);
const no = new Set(['no', 'n', 'false', '0', '']);

/** Filled cells past the header's last column (empty ones, a trailing comma, are harmless). */
function hasCellsBeyondHeader(cells: readonly string[], layout: ImportLayout): boolean {
  for (let index = layout.columns; index < cells.length; index += 1) {
    if ((cells[index] ?? '').trim() !== '') return true;
  }
  return false;
}

/** One line's cells checked against the layout: the response, or each problem with its column. */
export function responseFromCells(
  cells: readonly string[],
  layout: ImportLayout,
  questions: readonly QuestionFacts[],
): { ok: true; response: ImportedResponse } | { ok: false; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  if (hasCellsBeyondHeader(cells, layout)) {
    // Dropping them would cut an answer at its unquoted comma and import the rest as if whole.
    return {
      ok: false,
      problems: [
        {
          column: undefined,
          message: `${cells.length} cells where the header names ${layout.columns} columns — a comma in an answer needs the answer in double quotes`,
        },
      ],
    };
  }
  const cell = (index: number | undefined) =>
    index === undefined ? '' : (cells[index] ?? '').trim();
  const categoryText = cell(layout.category);
  const respondentCategory = categoryOf(categoryText);
  if (!respondentCategory) {
    problems.push({
      column: 'category',
      message:
        categoryText === ''
          ? 'the respondent category is missing'
          : `"${categoryText}" is not a respondent category (${respondentCategories
              .map(
                (category) => `${category} for ${respondentCategoryNames[category].toLowerCase()}`,
              )
              .join(', ')})`,
    });
  }
  const organisationName = cell(layout.organisation) || null;
  if (respondentCategory === 'organisation' && organisationName === null) {
    problems.push({
      column: 'organisation',
      message: 'a response on behalf of an organisation names the organisation',
    });
  }
  const consentText = cell(layout.publishConsent).toLowerCase();
  if (!yes.has(consentText) && !no.has(consentText)) {
    problems.push({
      column: 'publish_consent',
      message: `"${cell(layout.publishConsent)}" is not yes or no`,
    });
  }
  const given: Record<string, string | string[]> = {};
  for (const { index, question } of layout.questions) {
    const text = cell(index);
    if (text === '') continue;
    given[question.id] =
      question.kind === 'multiple-choice' ? text.split(';').map((choice) => choice.trim()) : text;
  }
  const checked = checkAnswers(questions, given);
  for (const problem of checked.problems) {
    const number = /^question-(\d+)$/.exec(problem.field)?.[1];
    problems.push({
      column: number === undefined ? undefined : `Q${number}`,
      message: lowerFirst(problem.message.replace(/^Question \d+: /, '')),
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    response: {
      respondentCategory: respondentCategory!,
      organisationName,
      publishConsent: yes.has(consentText),
      answers: checked.answers,
      normalisedTextHash: duplicateHashOf(freeTextOf(questions, checked.answers)),
    },
  };
}

function lowerFirst(text: string): string {
  return /^(The|A|An|Choose) /.test(text)
    ? `${text.charAt(0).toLowerCase()}${text.slice(1)}`
    : text;
}

/** "Line 734,012, column Q3: "Maybe" is not one of its choices (…)." */
export function lineProblemMessage(line: number, problem: CellProblem): string {
  const where = `Line ${line.toLocaleString('en-GB')}${problem.column ? `, column ${problem.column}` : ''}`;
  const message = problem.message.endsWith('.') ? problem.message : `${problem.message}.`;
  return `${where}: ${message}`;
}

/** An XLSX file is a zip: it starts with "PK\x03\x04". */
export function looksLikeXlsx(firstBytes: Uint8Array): boolean {
  return (
    firstBytes.length >= 4 &&
    firstBytes[0] === 0x50 &&
    firstBytes[1] === 0x4b &&
    firstBytes[2] === 0x03 &&
    firstBytes[3] === 0x04
  );
}

/** The format from the file's name, when it is not given. */
export function formatOfFileName(fileName: string): ImportFormat | undefined {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'xlsx' ? extension : undefined;
}

/**
 * `responseFromCells` made once per file for its layout: the checks each question needs are set up
 * before the first line (choices in a set, the free-text questions in order), so a good line costs
 * a few lookups. Any line the fast path does not accept outright is read again by
 * `responseFromCells`, which names every problem — so a line is accepted, refused and worded
 * exactly as by `responseFromCells` (import-rules.test.ts compares the two).
 */
export function lineReaderFor(
  layout: ImportLayout,
  questions: readonly QuestionFacts[],
): (cells: readonly string[]) => ReturnType<typeof responseFromCells> {
  const slow = (cells: readonly string[]) => responseFromCells(cells, layout, questions);
  const ids = new Set(layout.questions.map(({ question }) => question.id));
  // Two columns for one question (Q1 and Q01): rare enough to leave to the careful reading.
  if (ids.size !== layout.questions.length) return slow;
  // Each question's key and each choice are written as JSON once, not once per line.
  const columns = layout.questions.map(({ index, question }) => ({
    index,
    id: question.id,
    kind: question.kind,
    key: `${JSON.stringify(question.id)}:`,
    choices: new Map(question.options.map((option) => [option, JSON.stringify(option)])),
  }));
  const freeTextIds = questions
    .filter((question) => question.kind === 'free-text')
    .map((question) => question.id);
  const { category: categoryIndex, organisation, publishConsent } = layout;
  return (cells) => {
    if (cells.length > layout.columns) return slow(cells);
    const respondentCategory = categoryOf(cells[categoryIndex] ?? '');
    if (respondentCategory === undefined) return slow(cells);
    const organisationName = organisation === undefined ? '' : (cells[organisation] ?? '').trim();
    if (respondentCategory === 'organisation' && organisationName === '') return slow(cells);
    const consent =
      publishConsent === undefined ? '' : (cells[publishConsent] ?? '').trim().toLowerCase();
    const consents = yes.has(consent);
    if (!consents && !no.has(consent)) return slow(cells);
    const answers: Answers = {};
    let answered = 0;
    let json = '{';
    for (const column of columns) {
      const text = (cells[column.index] ?? '').trim();
      if (text === '') continue;
      let value: string;
      if (column.kind === 'free-text') {
        if (text.length > longestAnswer) return slow(cells);
        answers[column.id] = text;
        value = JSON.stringify(text);
      } else if (column.kind === 'multiple-choice') {
        const chosen: string[] = [];
        value = '[';
        for (const part of text.split(';')) {
          const choice = part.trim();
          if (choice === '') continue;
          const choiceJson = column.choices.get(choice);
          if (choiceJson === undefined) return slow(cells);
          if (chosen.includes(choice)) continue;
          value += chosen.length === 0 ? choiceJson : `,${choiceJson}`;
          chosen.push(choice);
        }
        if (chosen.length === 0) continue;
        answers[column.id] = chosen;
        value += ']';
      } else {
        const choiceJson = column.choices.get(text);
        if (choiceJson === undefined) return slow(cells);
        answers[column.id] = text;
        value = choiceJson;
      }
      json += answered === 0 ? `${column.key}${value}` : `,${column.key}${value}`;
      answered += 1;
    }
    if (answered === 0) return slow(cells);
    let freeText = '';
    for (const id of freeTextIds) {
      const answer = answers[id];
      if (typeof answer !== 'string') continue;
      freeText = freeText === '' ? answer : `${freeText}\n${answer}`;
    }
    return {
      ok: true,
      response: {
        respondentCategory,
        organisationName: organisationName || null,
        publishConsent: consents,
        answers,
        // No free text normalises to nothing, which has no hash.
        normalisedTextHash: freeText === '' ? null : duplicateHashOf(freeText),
        answersJson: `${json}}`,
      },
    };
  };
}

/**
 * The tallies of many responses counted in place — one number per question, respondent category
 * and choice — instead of a list of changes per response: what `sumTallyDeltas` of every
 * response's `tallyDeltasOf` gives, in memory bounded by the questions, never by the lines.
 */
export function tallyCounterFor(questions: readonly QuestionFacts[]) {
  const categoryCount = respondentCategories.length;
  const categoryIndex = new Map(respondentCategories.map((category, index) => [category, index]));
  const counters = questions.map((question) => ({
    question,
    answered: new Array<number>(categoryCount).fill(0),
    choices: new Map<string, number[]>(),
  }));
  const responses = new Array<number>(categoryCount).fill(0);
  return {
    add(answers: Answers, respondentCategory: RespondentCategory): void {
      const category = categoryIndex.get(respondentCategory)!;
      responses[category]! += 1;
      for (const counter of counters) {
        const answer = answers[counter.question.id];
        if (answer === undefined) continue;
        counter.answered[category]! += 1;
        if (counter.question.kind === 'free-text') continue;
        for (const choice of Array.isArray(answer) ? answer : [answer]) {
          let byCategory = counter.choices.get(choice);
          if (!byCategory) {
            byCategory = new Array<number>(categoryCount).fill(0);
            counter.choices.set(choice, byCategory);
          }
          byCategory[category]! += 1;
        }
      }
    },
    /** The responses counted, per respondent category (for consultation_response_counts). */
    responsesByCategory(): { respondentCategory: RespondentCategory; count: number }[] {
      return respondentCategories.map((respondentCategory, index) => ({
        respondentCategory,
        count: responses[index]!,
      }));
    },
    deltas(): TallyDelta[] {
      const deltas: TallyDelta[] = [];
      for (const { question, answered, choices } of counters) {
        const push = (kind: 'answered' | 'choice', key: string, counts: number[]) =>
          counts.forEach((change, index) => {
            if (change !== 0) {
              deltas.push({
                questionId: question.id,
                kind,
                key,
                respondentCategory: respondentCategories[index]!,
                change,
              });
            }
          });
        push('answered', '', answered);
        for (const [choice, counts] of choices) push('choice', choice, counts);
      }
      return deltas;
    },
  };
}
