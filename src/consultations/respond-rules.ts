/**
 * Responding to a consultation, pure: the clauses the form's refusals quote, the form's fields
 * read into answers and section comments, the honeypot, the resume link's secret and what a
 * response's state means for the tallies. The public form, the staff's event entry and the JSON
 * API all read a response through these, so it means the same however it arrived.
 */
import { createHash, randomBytes } from 'node:crypto';
import { findUnstorableText } from '../shared/input.ts';
import type { FieldProblem } from '../shared/problems.ts';
import type { Answers, QuestionFacts } from './response-rules.ts';

/** 2008 "Healthcare for London" bullet 1: the process that takes account of every comment. */
export const manageConsultationClause = {
  clause: '2008 "Healthcare for London" bullet 1',
  text: 'developing the documentation and analysis which will enable PCTs to take appropriate decisions on the outcome of consultation taking full account of all the comments received',
};

/** 2008 "Business development" bullet 2: involvement the public can take part in. */
export const involvementClause = {
  clause: '2008 "Business development" bullet 2',
  text: 'Develop a framework for effective public and patient involvement in the London commissioning model, ensuring that the statutory responsibilities for engagement, involvement and consultation are met',
};

/**
 * Accepted responses per address an hour, on the public form and the public API together
 * (decision 045): refused posts and saved drafts do not count, so a family or a library is never
 * refused a genuine response.
 */
export const responseQuota = { max: 20, windowMinutes: 60 } as const;

/**
 * Published: the Joint Committee has approved it for consultation (any stage after preparing and
 * approval put). Before that its public routes answer 404 to all but its runners, as its own page.
 */
export const isPublished = (consultation: { stage: string }) =>
  consultation.stage !== 'preparing' && consultation.stage !== 'approval-put';

/** The longest comment on a section kept; longer is refused, not cut. */
export const longestComment = 20_000;

/**
 * The honeypot field's name: a person never sees it (hidden by a CSS class), a script fills it.
 * Not a name browsers' autofill recognises ("website", "url", "email"), which could fill it for a
 * person and hold their response (review L10).
 */
export const honeypotField = 'further-comments';

/** A response as a person or a script sent it, before it is checked. */
export interface ResponseInput {
  respondentCategory: string;
  organisationName?: string | undefined;
  publishConsent?: boolean | undefined;
  answers: Record<string, unknown>;
  /** A section's number ("4.1") and the comment on it. */
  comments?: { section: string; text: string }[] | undefined;
  /** The honeypot's value: anything in it holds the response for a person to look at. */
  honeypot?: string | undefined;
  /**
   * The one-time token the form was served with: the same form sent twice (a double click, a
   * retry) gives back the first response, never a second one counted.
   */
  submissionToken?: string | undefined;
}

/**
 * Text the database cannot hold (a NUL, a lone surrogate, only invisible characters) in a response
 * form's fields, each named as the person sees it ("Question 3"), so the form is shown again with
 * what they typed rather than refused whole (review M7).
 */
export function unstorableFormProblems(body: unknown): FieldProblem[] {
  return findUnstorableText(body).map(({ path, message }) => {
    const field = String(path[0] ?? 'body');
    return { field, message: `${formFieldInWords(field)}: ${message}` };
  });
}

function formFieldInWords(field: string): string {
  const question = /^question-(\d+)$/.exec(field);
  if (question) return `Question ${question[1]}`;
  const comment = /^comment-(.+)$/.exec(field);
  if (comment) return `Your comment on section ${comment[1]}`;
  if (field === 'organisationName') return 'The organisation’s name';
  return 'The form';
}

/** A value shown again in the form: without the characters that could not be stored. */
export function storableFormText(text: string): string {
  return text
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The form's hidden field carrying its one-time submission token. */
export const submissionTokenField = 'submission';

/** A new one-time token for a response form: 128 random bits, URL-safe. */
export function newSubmissionToken(): string {
  return randomBytes(16).toString('base64url');
}

/** A submission token as kept: its sha-256 only, like the resume link's secret. */
export function submissionHashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The form's field name for a question: by its number, never its id. */
export const questionField = (question: { number: number }) => `question-${question.number}`;
/** The form's field name for a comment on a section ("comment-4.1"). */
export const commentField = (sectionNumber: string) => `comment-${sectionNumber}`;

/** The form's fields read into a response: answers by question id, comments by section number. */
export function responseFromForm(
  questions: readonly QuestionFacts[],
  sectionNumbers: readonly string[],
  body: Record<string, unknown>,
): ResponseInput {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const value = body[questionField(question)];
    if (value === undefined) continue;
    answers[question.id] = Array.isArray(value) ? value.map(text) : text(value);
  }
  const comments = sectionNumbers
    .map((section) => ({ section, text: text(body[commentField(section)]).trim() }))
    .filter((comment) => comment.text !== '');
  return {
    respondentCategory: text(body.respondentCategory),
    organisationName: text(body.organisationName).trim() || undefined,
    publishConsent: body.publishConsent === 'yes',
    answers,
    comments,
    honeypot: text(body[honeypotField]),
    submissionToken: text(body[submissionTokenField]) || undefined,
  };
}

/** Checks who is responding: a category of the four, an organisation named; consent only for one. */
export function checkRespondent(
  input: Pick<ResponseInput, 'respondentCategory' | 'organisationName' | 'publishConsent'>,
  categories: readonly string[],
): { problems: FieldProblem[]; organisationName: string | null; publishConsent: boolean } {
  const problems: FieldProblem[] = [];
  if (!categories.includes(input.respondentCategory)) {
    problems.push({
      field: 'respondentCategory',
      message: 'Say who you are responding as: choose one of the four kinds of respondent.',
    });
  }
  const organisation = input.respondentCategory === 'organisation';
  const organisationName = organisation ? (input.organisationName?.trim() ?? '') : '';
  if (organisation && organisationName === '') {
    problems.push({
      field: 'organisationName',
      message: 'Give the name of the organisation you are responding for.',
    });
  } else if (organisationName.length > 300) {
    problems.push({
      field: 'organisationName',
      message: "The organisation's name is longer than 300 characters.",
    });
  }
  return {
    problems,
    organisationName: organisation && organisationName !== '' ? organisationName : null,
    // Consent to publish is an organisation's only: a person's response is never published.
    publishConsent: organisation && input.publishConsent === true,
  };
}

/** Checks the comments: each on a section of the documents, within the limit. */
export function checkComments(
  comments: readonly { section: string; text: string }[],
  sectionIds: ReadonlyMap<string, string>,
): { comments: { sectionId: string; text: string }[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const checked: { sectionId: string; text: string }[] = [];
  for (const comment of comments) {
    const text = comment.text.trim();
    if (text === '') continue;
    const sectionId = sectionIds.get(comment.section);
    if (!sectionId) {
      problems.push({
        field: 'comments',
        message: `There is no section ${comment.section} in the consultation's documents.`,
      });
    } else if (text.length > longestComment) {
      problems.push({
        field: commentField(comment.section),
        message: `The comment on section ${comment.section} is longer than ${longestComment.toLocaleString('en-GB')} characters.`,
      });
    } else checked.push({ sectionId, text });
  }
  return { comments: checked, problems };
}

/** A response that filled the honeypot is held for a person, never dropped and never counted. */
export function stateOnSubmit(honeypot: string | undefined): 'submitted' | 'held' {
  return honeypot !== undefined && honeypot.trim() !== '' ? 'held' : 'submitted';
}

/** Counted: submitted, and not confirmed a duplicate. Drafts and held responses count nothing. */
export function isCounted(response: { state: string; duplicateConfirmedAt: Date | null }): boolean {
  return response.state === 'submitted' && response.duplicateConfirmedAt === null;
}

/** A resume link's secret (shown once) and the hash stored in its place. */
export function newResumeSecret(): { secret: string; hash: string } {
  const secret = randomBytes(24).toString('base64url');
  return { secret, hash: resumeHashOf(secret) };
}

export function resumeHashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** "4,211": the response's number as people read it. */
export function responseNumberText(number: number): string {
  return number.toLocaleString('en-GB');
}

/** The answers as the form shows them again, by field name. */
export function formValuesOf(
  questions: readonly QuestionFacts[],
  answers: Answers,
): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer !== undefined) values[questionField(question)] = answer;
  }
  return values;
}

const londonDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const londonTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "30 November 2007 at 14:00", in London. */
export function londonMomentText(moment: Date): string {
  return `${londonDay.format(moment)} at ${londonTime.format(moment)}`;
}

/**
 * Why a consultation takes no response now, in words with its dates, or null when it is open.
 * `stage` and the dates are the record's; `now` the request's.
 */
export function notOpenReason(
  consultation: { stage: string; opensAt: Date | null; closesAt: Date | null; title: string },
  now: Date,
): string | null {
  const { opensAt, closesAt } = consultation;
  const approved = !['preparing', 'approval-put'].includes(consultation.stage);
  if (!approved || opensAt === null || closesAt === null) {
    return `"${consultation.title}" is not open for responses: the Joint Committee has not yet approved it for consultation.`;
  }
  if (now < opensAt) {
    return `"${consultation.title}" opens for responses on ${londonMomentText(opensAt)}; it runs until ${londonMomentText(closesAt)}.`;
  }
  if (now >= closesAt) {
    return `"${consultation.title}" closed on ${londonMomentText(closesAt)} (it ran from ${londonMomentText(opensAt)}): responses are taken only while a consultation is open.`;
  }
  return null;
}

/** The largest attendance taken: a London-wide event in a hall, not a stadium. */
export const largestAttendance = 100_000;

/** Checks an event's attendance (a whole number, none below zero) and its notes. */
export function checkAttendance(
  attendance: string,
  notes: string,
): { attendance: number | null; notes: string | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const typed = attendance.trim().replaceAll(',', '');
  let count: number | null = null;
  if (typed !== '') {
    if (!/^\d+$/.test(typed) || Number(typed) > largestAttendance) {
      problems.push({
        field: 'attendance',
        message: `Attendance is a whole number of people, from 0 to ${largestAttendance.toLocaleString('en-GB')}.`,
      });
    } else count = Number(typed);
  }
  const kept = notes.trim();
  if (kept.length > longestComment) {
    problems.push({
      field: 'notes',
      message: `The notes are longer than ${longestComment.toLocaleString('en-GB')} characters.`,
    });
  }
  return { attendance: count, notes: kept === '' ? null : kept, problems };
}
