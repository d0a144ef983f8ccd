/**
 * Read models of responding: the form (questions, sections, who may respond), the staff's review
 * (counts by channel and state, a page of responses by number, one response), and the
 * organisations' responses published after the close with their consent. Every one re-checks on
 * the record who may see it; none loads more than a page of responses.
 */
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { hasClosed, mayRunConsultation, requireRunsConsultation } from './consultation-access.ts';
import { selectLatestSections, selectQuestions } from './consultation-queries.ts';
import { isCounted, londonMomentText, notOpenReason, responseNumberText } from './respond-rules.ts';
import {
  countResponses,
  hasResponsesBefore,
  type ResponseFilter,
  type ResponseRow,
  selectComments,
  selectEvents,
  selectPublishableResponses,
  selectResponseById,
  selectResponseByNumber,
  selectResponsePage,
} from './response-queries.ts';
import {
  type QuestionFacts,
  questionKindNames,
  type RespondentCategory,
  respondentCategories,
  respondentCategoryNames,
  responseChannels,
} from './response-rules.ts';
import { loadConsultation, loadPublishedConsultation } from './submit-response.ts';

export const channelNames: Record<string, string> = {
  online: 'Online form',
  event: 'At an event',
  import: 'Imported (paper and other channels)',
};

export const stateNames: Record<string, string> = {
  draft: 'Draft (not sent)',
  submitted: 'Counted',
  held: 'Held for a person to look at',
};

/** The public form: the consultation, its questions and the sections people may comment on. */
export async function getResponseForm(options: {
  db: Database;
  actor: Actor;
  now: Date;
  slug: string;
}) {
  const consultation = await loadPublishedConsultation(options.db, options.slug, options.actor);
  const [questions, sections, events] = await Promise.all([
    selectQuestions(options.db, consultation.id),
    selectLatestSections(options.db, consultation.id),
    mayRunConsultation(options.actor, consultation)
      ? selectEvents(options.db, consultation.id)
      : Promise.resolve([]),
  ]);
  return {
    consultation: {
      slug: consultation.slug,
      title: consultation.title,
      summary: consultation.summary,
      opensAt: consultation.opensAt ? londonMomentText(consultation.opensAt) : null,
      closesAt: consultation.closesAt ? londonMomentText(consultation.closesAt) : null,
    },
    notOpen: notOpenReason(consultation, options.now),
    questions: questions.map((question) => ({
      ...question,
      kindName: questionKindNames[question.kind],
    })),
    sections: sections.map((section) => ({
      number: section.number,
      heading: section.heading,
      documentTitle: section.documentTitle,
    })),
    categories: respondentCategories.map((id) => ({ id, name: respondentCategoryNames[id] })),
    mayEnterEventResponses: mayRunConsultation(options.actor, consultation),
    events: events
      .filter((event) => event.startsAt <= options.now)
      .map((event) => ({
        id: event.id,
        title: event.title,
        when: londonMomentText(event.startsAt),
        venue: event.venue,
      })),
  };
}

function answerText(answer: string | string[] | undefined): string {
  if (answer === undefined) return 'Not answered';
  return Array.isArray(answer) ? answer.join('; ') : answer;
}

function responseSummary(
  row: ResponseRow,
  questions: QuestionFacts[],
  numbers: Map<string, number>,
) {
  return {
    number: row.number,
    numberText: responseNumberText(row.number),
    category: respondentCategoryNames[row.respondentCategory as RespondentCategory],
    organisationName: row.organisationName,
    channel: channelNames[row.channel] ?? row.channel,
    state: row.duplicateConfirmedAt
      ? 'Confirmed duplicate (not counted)'
      : (stateNames[row.state] ?? row.state),
    counted: isCounted(row),
    held: row.state === 'held',
    suspectedDuplicate:
      row.duplicateOfResponseId !== null && row.duplicateConfirmedAt === null && isCounted(row),
    duplicateOfNumber: row.duplicateOfResponseId
      ? (numbers.get(row.duplicateOfResponseId) ?? null)
      : null,
    received: londonMomentText(row.submittedAt ?? row.createdAt),
    publication: publicationOf(row),
    answers: questions.map((question) => ({
      number: question.number,
      text: question.text,
      answer: answerText(row.answers[question.id]),
    })),
  };
}

/** Whether an organisation's response will be published, for the staff's page. */
function publicationOf(row: ResponseRow): { canDecide: boolean; text: string } | null {
  if (row.respondentCategory !== 'organisation') return null;
  if (!row.publishConsent) {
    return { canDecide: false, text: 'Not to be published: the organisation did not consent.' };
  }
  const canDecide = isCounted(row);
  if (row.publicationDecision === 'publish') {
    return { canDecide, text: 'Read and cleared: published with the others after the close.' };
  }
  if (row.publicationDecision === 'withhold') {
    return { canDecide, text: `Withheld from publication: ${row.publicationReason ?? ''}` };
  }
  return {
    canDecide,
    text: 'The organisation consented to publication; it is published after the close only once the consultation team has read it and cleared it.',
  };
}

export const responseFilters: { id: ResponseFilter; name: string }[] = [
  { id: 'all', name: 'All responses' },
  { id: 'held', name: 'Held' },
  { id: 'suspected-duplicates', name: 'Suspected duplicates' },
  { id: 'confirmed-duplicates', name: 'Confirmed duplicates' },
  { id: 'publication-check', name: 'Organisations’ responses to read before publishing' },
];

export const reviewPageSize = 25;

/** The staff's review: counts, then one page of responses after a number, by filter. */
export async function getResponseReview(options: {
  db: Database;
  actor: Actor;
  slug: string;
  filter: ResponseFilter;
  after?: number | undefined;
}) {
  const { db } = options;
  const consultation = await loadConsultation(db, options.slug);
  requireRunsConsultation(options.actor, consultation, 'review its responses');
  const [questions, counts, page] = await Promise.all([
    selectQuestions(db, consultation.id),
    countResponses(db, consultation.id),
    selectResponsePage(db, consultation.id, {
      filter: options.filter,
      after: options.after,
      size: reviewPageSize + 1,
    }),
  ]);
  const rows = page.slice(0, reviewPageSize);
  const numbers = await originalNumbers(db, rows);
  const total = (predicate: (row: (typeof counts)[number]) => boolean) =>
    counts.filter(predicate).reduce((sum, row) => sum + row.count, 0);
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    byChannel: responseChannels.map((channel) => ({
      name: channelNames[channel],
      counted: total(
        (row) => row.channel === channel && row.state === 'submitted' && !row.confirmed,
      ),
      held: total((row) => row.channel === channel && row.state === 'held'),
      drafts: total((row) => row.channel === channel && row.state === 'draft'),
    })),
    counted: total((row) => row.state === 'submitted' && !row.confirmed),
    held: total((row) => row.state === 'held'),
    suspected: total((row) => row.state === 'submitted' && row.suspected),
    confirmed: total((row) => row.confirmed),
    drafts: total((row) => row.state === 'draft'),
    filter: options.filter,
    filters: responseFilters,
    responses: rows.map((row) => responseSummary(row, questions, numbers)),
    next: page.length > reviewPageSize ? rows.at(-1)!.number : null,
    isFirstPage:
      rows.length === 0 ||
      !(await hasResponsesBefore(db, consultation.id, options.filter, rows[0]!.number)),
  };
}

async function originalNumbers(db: Database, rows: ResponseRow[]) {
  const numbers = new Map<string, number>();
  for (const id of new Set(rows.flatMap((row) => row.duplicateOfResponseId ?? []))) {
    const original = await selectResponseById(db, id);
    if (original) numbers.set(id, original.number);
  }
  return numbers;
}

/** One response for the staff, with the response it may duplicate beside it. */
export async function getResponseForStaff(options: {
  db: Database;
  actor: Actor;
  slug: string;
  number: number;
}) {
  const { db } = options;
  const consultation = await loadConsultation(db, options.slug);
  requireRunsConsultation(options.actor, consultation, 'review its responses');
  const row = await selectResponseByNumber(db, consultation.id, options.number);
  if (!row || row.state === 'draft') {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Response not found',
      detail: `The consultation has no response number ${responseNumberText(options.number)}.`,
    });
  }
  const questions = await selectQuestions(db, consultation.id);
  const original = row.duplicateOfResponseId
    ? await selectResponseById(db, row.duplicateOfResponseId)
    : undefined;
  const numbers = new Map(original ? [[original.id, original.number]] : []);
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    response: {
      ...responseSummary(row, questions, numbers),
      comments: await selectComments(db, row.id),
    },
    original: original
      ? {
          ...responseSummary(original, questions, new Map()),
          comments: await selectComments(db, original.id),
        }
      : null,
  };
}

export const publishedPageSize = 50;

/**
 * The organisations' responses, published after the close and only with their consent: each
 * organisation's name, its answers and its comments on the documents.
 */
export async function getOrganisationResponses(options: {
  db: Database;
  now: Date;
  slug: string;
  after?: number | undefined;
}) {
  const { db } = options;
  const consultation = await loadPublishedConsultation(db, options.slug);
  const closed = hasClosed(consultation, options.now);
  const base = {
    consultation: {
      slug: consultation.slug,
      title: consultation.title,
      closesAt: consultation.closesAt ? londonMomentText(consultation.closesAt) : null,
    },
    closed,
  };
  if (!closed) return { ...base, responses: [], next: null };
  const [questions, page] = await Promise.all([
    selectQuestions(db, consultation.id),
    selectPublishableResponses(db, consultation.id, {
      after: options.after,
      size: publishedPageSize + 1,
    }),
  ]);
  const rows = page.slice(0, publishedPageSize);
  const responses = [];
  for (const row of rows) {
    responses.push({
      number: row.number,
      organisationName: row.organisationName ?? '',
      answers: questions
        .filter((question) => row.answers[question.id] !== undefined)
        .map((question) => ({
          number: question.number,
          text: question.text,
          answer: answerText(row.answers[question.id]),
        })),
      comments: (await selectComments(db, row.id)).map(({ sectionId: _, ...comment }) => comment),
    });
  }
  return { ...base, responses, next: page.length > publishedPageSize ? rows.at(-1)!.number : null };
}

/** The consultation's events for its runners: when and where, attendance and notes. */
export async function getEventsForStaff(options: {
  db: Database;
  actor: Actor;
  now: Date;
  slug: string;
}) {
  const consultation = await loadConsultation(options.db, options.slug);
  requireRunsConsultation(options.actor, consultation, 'record its events');
  const events = await selectEvents(options.db, consultation.id);
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    totalAttendanceText: events
      .reduce((sum, event) => sum + (event.attendance ?? 0), 0)
      .toLocaleString('en-GB'),
    events: events.map((event) => ({
      id: event.id,
      title: event.title,
      venue: event.venue,
      when: londonMomentText(event.startsAt),
      held: event.startsAt <= options.now,
      attendance: event.attendance,
      attendanceText:
        event.attendance === null ? 'Not recorded' : event.attendance.toLocaleString('en-GB'),
      notes: event.notes,
    })),
  };
}
