/**
 * What every analysis use case loads and checks first: the consultation by its address, that the
 * actor analyses it (an administrator or the secretariat of its body, on the record), that the
 * question is an open one (only free text has a codebook), and the analyst's person in the
 * registry — a coding is recorded against a person, so two passes can be told apart.
 */
import type { Database, Reader } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { isInForceOn, selectHoldingsOfPerson } from '../membership/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { mayRunConsultation, requireRunsConsultation } from './consultation-access.ts';
import {
  type ConsultationRecord,
  selectConsultationBySlug,
  selectQuestions,
} from './consultation-queries.ts';
import type { QuestionFacts } from './response-rules.ts';

export function consultationNotFound(slug: string): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'Not found',
    detail: `There is no consultation at the address ${slug}.`,
  });
}

export async function loadConsultationToAnalyse(
  reader: Reader | Database,
  actor: Actor,
  slug: string,
  what: string,
): Promise<{ consultation: ConsultationRecord; questions: QuestionFacts[] }> {
  const consultation = await selectConsultationBySlug(reader, slug);
  if (!consultation) throw consultationNotFound(slug);
  requireRunsConsultation(actor, consultation, what);
  const questions = await selectQuestions(reader, consultation.id);
  return { consultation, questions };
}

/**
 * The record the decision rests on — the report and each theme's "we heard / we did" — is written
 * between approval and the decision being put: before approval there is nothing to hear (a "we
 * did" then would be decided before consulting, against Gunning 1), and once the question is put
 * to the meeting the members are reading it (Gunning 4). A decision not carried reopens it.
 */
export function requireRecordStillOpen(consultation: ConsultationRecord, what: string): void {
  if (consultation.stage === 'preparing' || consultation.stage === 'approval-put') {
    throw new ProblemError({
      status: 409,
      code: 'conflict',
      title: 'This clashes with the record as it stands',
      detail: `Not yet: the consultation is not approved, so there are no responses to ${what} on (Gunning 1: consult while the proposals are at a formative stage).`,
    });
  }
  if (consultation.stage === 'decision-put' || consultation.stage === 'decided') {
    throw new ProblemError({
      status: 409,
      code: 'conflict',
      title: 'This clashes with the record as it stands',
      detail: `No longer: the decision after the consultation has been put to the ${consultation.stage === 'decided' ? 'meeting and taken' : 'meeting'}, on the report and the themes’ “we heard / we did” as they stand, so they do not change (Gunning 4). A decision not carried opens them again.`,
    });
  }
}

/** Whether the person holds a seat on the body on that day (through the membership face). */
async function sitsOnBodyOn(
  reader: Reader | Database,
  personId: string,
  bodyId: string,
  onDate: string,
): Promise<boolean> {
  const holdings = await selectHoldingsOfPerson(reader, personId);
  return holdings.some((holding) => holding.bodyId === bodyId && isInForceOn(holding, onDate));
}

/**
 * Reading the analysis report (finding H3): who analyses the consultation, and also the members
 * of the body that holds it — those holding a seat on it that day, who decide after consultation
 * (2008 "Accountabilities": decisions following consultation are taken "by means of a Joint
 * Committee") and so must read what they are to take "conscientiously into account" (Gunning 4).
 * Members read it; they do not produce it or code (`mayProduce` false).
 */
export async function loadConsultationReportToRead(
  reader: Reader | Database,
  actor: Actor,
  slug: string,
  now: Date,
): Promise<{ consultation: ConsultationRecord; mayProduce: boolean }> {
  const consultation = await selectConsultationBySlug(reader, slug);
  if (!consultation) throw consultationNotFound(slug);
  if (mayRunConsultation(actor, consultation)) return { consultation, mayProduce: true };
  if (
    actor.kind === 'account' &&
    actor.personId !== null &&
    (await sitsOnBodyOn(reader, actor.personId, consultation.bodyId, londonDate(now)))
  ) {
    return { consultation, mayProduce: false };
  }
  throw new ProblemError({
    status: actor.kind === 'anonymous' ? 401 : 403,
    code: actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator, the secretariat of the ${consultation.bodyTitle} or its members, who decide following the consultation (2008 “Accountabilities”), may see the analysis report.`,
  });
}

/** The open question with that number, or a refusal naming why it has no codebook. */
export function openQuestionOf(questions: readonly QuestionFacts[], number: number): QuestionFacts {
  const question = questions.find((each) => each.number === number);
  if (!question) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `The consultation has no question ${number}.`,
    });
  }
  if (question.kind !== 'free-text') {
    throw new ProblemError({
      status: 409,
      code: 'conflict',
      title: 'This clashes with the record as it stands',
      detail: `Question ${number} is a closed question: its answers are counted by choice, and only an open (free-text) question has a codebook of themes.`,
      errors: [{ field: 'question', message: `Question ${number} is not a free-text question.` }],
    });
  }
  return question;
}

/** The analyst's person: codings and decisions on suggestions name a person in the registry. */
export function analystPersonOf(actor: Actor): string {
  if (actor.kind === 'account' && actor.personId) return actor.personId;
  throw new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail:
      'Coding is recorded against the analyst’s name in the registry, so that the two passes of double coding are two people (Cohen 1960); this account is not linked to a person.',
  });
}
