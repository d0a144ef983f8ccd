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
  type QuestionFacts,
  type RespondentCategory,
  respondentCategories,
  respondentCategoryNames,
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
}

/** A line read and checked: what goes into consultation_responses. */
export interface ImportedResponse {
  respondentCategory: RespondentCategory;
  organisationName: string | null;
  publishConsent: boolean;
  answers: Answers;
  normalisedTextHash: string | null;
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

/** One line's cells checked against the layout: the response, or each problem with its column. */
export function responseFromCells(
  cells: readonly string[],
  layout: ImportLayout,
  questions: readonly QuestionFacts[],
): { ok: true; response: ImportedResponse } | { ok: false; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
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
