/**
 * Use case: a response to a consultation is sent — through the public form or API (no account),
 * or entered by the consultation's runners for a response taken at one of its events — or saved as
 * a draft to finish later through a resume link. Taken only while the consultation is open (an
 * event's responses are entered afterwards too, for an event held before the close); checked
 * against the questions; a response that filled the honeypot is held for a person, never dropped;
 * one whose free text matches an earlier counted response names it as a suspected duplicate and
 * still counts. A counted response adds to the tallies in the same transaction, audited (2008
 * "Healthcare for London" bullet 1: "taking full account of all the comments received").
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, isUniqueViolation, ProblemError } from '../shared/problems.ts';
import { mayRunConsultation, requireRunsConsultation } from './consultation-access.ts';
import {
  type ConsultationRecord,
  selectConsultationBySlug,
  selectLatestSections,
  selectQuestions,
} from './consultation-queries.ts';
import {
  checkComments,
  checkRespondent,
  involvementClause,
  isPublished,
  londonMomentText,
  manageConsultationClause,
  newResumeSecret,
  notOpenReason,
  type ResponseInput,
  resumeHashOf,
  stateOnSubmit,
  submissionHashOf,
  submissionTokenField,
} from './respond-rules.ts';
import {
  insertResponse,
  replaceComments,
  selectDraftByResumeHash,
  selectEvent,
  selectFirstWithText,
  selectResponseById,
  selectResponseBySubmissionHash,
  updateResponse,
} from './response-queries.ts';
import {
  checkAnswers,
  duplicateHashOf,
  freeTextOf,
  type RespondentCategory,
  type ResponseChannel,
  respondentCategories,
  tallyDeltasOf,
} from './response-rules.ts';
import { applyResponseCountDeltas, applyTallyDeltas } from './tally-queries.ts';

export interface SubmitResponseOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  input: ResponseInput;
  /** 'save' keeps a draft and gives a resume link; 'submit' sends the response. */
  intent: 'submit' | 'save';
  /** The secret of the resume link the draft was opened with, if any. */
  resumeSecret?: string | undefined;
  /** For a response taken at an event: the event, entered by the consultation's runners. */
  eventId?: string | undefined;
}

export interface SubmittedResponse {
  responseId: string;
  number: number;
  state: 'draft' | 'submitted' | 'held';
  duplicateOfNumber: number | null;
  /** A draft's resume secret: shown once, never stored. */
  resumeSecret: string | null;
  /** True when the same form (its one-time token) had already been sent: nothing new was made. */
  replayed: boolean;
}

export async function loadConsultation(db: Database, slug: string): Promise<ConsultationRecord> {
  const consultation = await selectConsultationBySlug(db, slug);
  if (!consultation) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Consultation not found',
      detail: 'No consultation is published at this address.',
    });
  }
  return consultation;
}

/**
 * A consultation on its public routes (the form, its resume link, the organisations' responses):
 * not found until the Joint Committee has approved it, as its own page, except to its runners.
 */
export async function loadPublishedConsultation(
  db: Database,
  slug: string,
  actor?: Actor,
): Promise<ConsultationRecord> {
  const consultation = await loadConsultation(db, slug);
  if (isPublished(consultation)) return consultation;
  if (actor && mayRunConsultation(actor, consultation)) return consultation;
  throw new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'Consultation not found',
    detail: 'No consultation is published at this address.',
  });
}

/** Refuses a response (or a draft) while the consultation is not open, naming its dates. */
export function refuseUnlessOpen(consultation: ConsultationRecord, now: Date): void {
  const reason = notOpenReason(consultation, now);
  if (reason === null) return;
  throw new ProblemError({
    status: 409,
    code: 'consultation-not-open',
    title: 'This consultation is not open for responses',
    detail: `${reason} (${involvementClause.clause}: the statutory responsibilities for consultation.)`,
  });
}

export async function submitResponse(options: SubmitResponseOptions): Promise<SubmittedResponse> {
  const { db, context, input } = options;
  const consultation = await loadPublishedConsultation(db, options.slug, options.actor);
  const submissionHash = submissionHashOfInput(input, options.intent);
  if (submissionHash) {
    const earlier = await replayOf(db, consultation.id, submissionHash);
    if (earlier) return earlier;
  }
  const event =
    options.eventId !== undefined ? await eventForEntry(options, consultation) : undefined;
  if (!event) refuseUnlessOpen(consultation, context.now);
  const draft = options.resumeSecret
    ? await selectDraftByResumeHash(db, consultation.id, resumeHashOf(options.resumeSecret))
    : undefined;
  if (options.resumeSecret && !draft) {
    throw new ProblemError({
      status: 404,
      code: 'resume-link-unknown',
      title: 'This resume link does not open a draft',
      detail:
        'The link is not known, or the response it kept has already been sent: a draft is sent once.',
    });
  }
  const [questions, sections] = await Promise.all([
    selectQuestions(db, consultation.id),
    selectLatestSections(db, consultation.id),
  ]);
  const respondent = checkRespondent(input, respondentCategories);
  const comments = checkComments(
    input.comments ?? [],
    new Map(sections.map((section) => [section.number, section.id])),
  );
  const answers = checkAnswers(questions, input.answers, {
    // A draft may be empty; a response sent must say something.
    hasComments: comments.comments.length > 0 || options.intent === 'save',
  });
  const problems = [...respondent.problems, ...answers.problems, ...comments.problems];
  if (problems.length > 0) throw invalidInput(problems);

  const category = input.respondentCategory as RespondentCategory;
  const state = options.intent === 'save' ? 'draft' : stateOnSubmit(input.honeypot);
  const hash = duplicateHashOf(freeTextOf(questions, answers.answers));
  const secret = options.intent === 'save' && !draft ? newResumeSecret() : undefined;
  const responseId = draft?.id ?? uuidv7();
  return db
    .transaction(async (transaction): Promise<SubmittedResponse> => {
      const first =
        state === 'submitted' && hash
          ? await selectFirstWithText(transaction, consultation.id, hash, responseId)
          : undefined;
      const row = {
        respondentCategory: category,
        organisationName: respondent.organisationName,
        publishConsent: respondent.publishConsent,
        channel: event ? 'event' : 'online',
        eventId: event?.id ?? null,
        state,
        answers: answers.answers,
        normalisedTextHash: hash,
        duplicateOfResponseId: first?.id ?? null,
        submittedAt: state === 'draft' ? null : context.now,
        // A sent response keeps no resume link: the link opens drafts only.
        // (A draft saved again keeps its link: undefined leaves the stored hash as it is.)
        resumeTokenHash: state === 'draft' ? secret?.hash : null,
        submissionTokenHash: submissionHash ?? null,
        updatedAt: context.now,
      };
      const number = draft
        ? await updateResponse(transaction, responseId, row)
        : await insertResponse(transaction, {
            ...row,
            id: responseId,
            consultationId: consultation.id,
            createdAt: context.now,
          });
      await replaceComments(transaction, responseId, comments.comments, context.now);
      if (state === 'submitted') {
        await applyTallyDeltas(
          transaction,
          consultation.id,
          tallyDeltasOf(questions, answers.answers, category),
        );
        await applyResponseCountDeltas(transaction, consultation.id, [
          { channel: row.channel as ResponseChannel, respondentCategory: category, change: 1 },
        ]);
      }
      await recordAuditEvents(transaction, context, [
        {
          action: `consultation-response.${state === 'draft' ? 'draft-saved' : state}`,
          entityType: 'consultation-response',
          entityId: responseId,
          after: {
            consultationId: consultation.id,
            number,
            state,
            channel: row.channel,
            eventId: row.eventId,
            respondentCategory: category,
            organisationName: row.organisationName,
            publishConsent: row.publishConsent,
            questionsAnswered: Object.keys(answers.answers).length,
            comments: comments.comments.length,
            duplicateOfResponseId: row.duplicateOfResponseId,
            counted: state === 'submitted',
            clause: manageConsultationClause.clause,
          },
        },
      ]);
      return {
        responseId,
        number,
        state,
        duplicateOfNumber: first?.number ?? null,
        resumeSecret: secret?.secret ?? null,
        replayed: false,
      };
    })
    .catch(async (error: unknown) => {
      // The same form sent twice at once: the second insert meets the first's token; answer
      // with the first response, as a later replay would.
      const earlier =
        submissionHash && isUniqueViolation(error)
          ? await replayOf(db, consultation.id, submissionHash)
          : undefined;
      if (earlier) return earlier;
      throw error;
    });
}

const submissionTokenPattern = /^[A-Za-z0-9_-]{16,64}$/;

/** The kept hash of a submission's one-time token; a draft saved keeps none (it is sent later). */
function submissionHashOfInput(input: ResponseInput, intent: 'submit' | 'save'): string | null {
  const token = input.submissionToken;
  if (token === undefined || intent === 'save') return null;
  if (!submissionTokenPattern.test(token)) {
    throw invalidInput([
      {
        field: submissionTokenField,
        message:
          'The form’s one-time token is not one Concordat gave (16 to 64 letters, digits, - or _): open the form again and send it.',
      },
    ]);
  }
  return submissionHashOf(token);
}

/** The response an earlier post of the same form made, as that post answered. */
async function replayOf(
  db: Database,
  consultationId: string,
  submissionHash: string,
): Promise<SubmittedResponse | undefined> {
  const earlier = await selectResponseBySubmissionHash(db, consultationId, submissionHash);
  if (!earlier) return undefined;
  const duplicateOf = earlier.duplicateOfResponseId
    ? await selectResponseById(db, earlier.duplicateOfResponseId)
    : undefined;
  return {
    responseId: earlier.id,
    number: earlier.number,
    state: earlier.state as SubmittedResponse['state'],
    duplicateOfNumber: duplicateOf?.number ?? null,
    resumeSecret: null,
    replayed: true,
  };
}

/**
 * A response taken at an event is entered by the consultation's runners, for one of its events
 * held while the consultation was open (entered during it or after the close).
 */
async function eventForEntry(options: SubmitResponseOptions, consultation: ConsultationRecord) {
  requireRunsConsultation(options.actor, consultation, 'enter the responses taken at its events');
  if (options.intent === 'save') {
    throw invalidInput([
      { field: 'intent', message: 'A response taken at an event is entered whole, not saved.' },
    ]);
  }
  const eventId = options.eventId ?? '';
  const event = uuidPattern.test(eventId)
    ? await selectEvent(options.db, consultation.id, eventId)
    : undefined;
  if (!event) {
    throw invalidInput([
      {
        field: 'eventId',
        message: 'Choose the event, one of this consultation’s, the response was taken at.',
      },
    ]);
  }
  const { opensAt, closesAt } = consultation;
  if (
    notOpenReason(consultation, opensAt ?? options.context.now) !== null ||
    !opensAt ||
    !closesAt ||
    event.startsAt < opensAt ||
    event.startsAt >= closesAt ||
    event.startsAt > options.context.now
  ) {
    throw new ProblemError({
      status: 409,
      code: 'event-not-in-period',
      title: 'This event’s responses cannot be entered',
      detail: `Responses are entered for an event held while the consultation was open${
        opensAt && closesAt
          ? ` (${londonMomentText(opensAt)} to ${londonMomentText(closesAt)})`
          : ''
      }; "${event.title}" ${event.startsAt > options.context.now ? 'has not happened yet' : 'was held outside it'}.`,
    });
  }
  return event;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
