/**
 * Read models of preparing: the public list of consultations (open, upcoming, closed), a
 * consultation's page (summary, dates, documents, questions, events plan, and for those who run
 * it the legal checks, NHS London's scrutiny and the approval) and a document's latest version
 * with its sections. Only an approved consultation is public; one being prepared or waiting on
 * approval is seen only by who runs it (anyone else is told there is none).
 */
import type { Reader } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { selectMeetingsAwaitingNotice } from '../meetings/index.ts';
import { londonSectors } from '../registry/index.ts';
import { hasClosed, isOpen, mayRunConsultation } from './consultation-access.ts';
import {
  type ConsultationRecord,
  selectConsultationBySlug,
  selectConsultations,
  selectLatestSections,
  selectQuestions,
} from './consultation-queries.ts';
import {
  type CheckResult,
  periodDays,
  preparationChecks,
  sectionAnchor,
  stageText,
} from './consultation-rules.ts';
import { type ConsultationOutcomeView, getConsultationOutcome } from './outcome-view.ts';
import { consultationNotFound, preparationFactsOf } from './preparation-access.ts';
import {
  selectApprovalQuestion,
  selectDocuments,
  selectEvents,
  selectNhsLondonPost,
  selectPersonName,
  selectSectionsOfVersion,
} from './preparation-queries.ts';
import { questionKindNames } from './response-rules.ts';

const dateWords = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeWords = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});
const dayAndTime = (value: Date) => `${dateWords.format(value)} at ${timeWords.format(value)}`;

export type PublicStatus = 'preparing' | 'approval-put' | 'upcoming' | 'open' | 'closed';

export const publicStatusText: Record<PublicStatus, string> = {
  preparing: 'Being prepared',
  'approval-put': 'Waiting on approval',
  upcoming: 'Opens soon',
  open: 'Open',
  closed: 'Closed',
};

export function publicStatusOf(consultation: ConsultationRecord, now: Date): PublicStatus {
  if (consultation.stage === 'preparing') return 'preparing';
  if (consultation.stage === 'approval-put') return 'approval-put';
  if (isOpen(consultation, now)) return 'open';
  if (hasClosed(consultation, now)) return 'closed';
  return 'upcoming';
}

function mayRead(actor: Actor, consultation: ConsultationRecord, scrutinises = false): boolean {
  return (
    mayRunConsultation(actor, consultation) ||
    (scrutinises && consultation.stage === 'preparing') ||
    (consultation.stage !== 'preparing' && consultation.stage !== 'approval-put')
  );
}

/**
 * The words before the dates, in the tense the reader is in: "Opens" / "Closes" while ahead,
 * "Opened" / "Closed" once past (a date not set yet is spoken of as ahead).
 */
export function periodWordsOf(
  opensAt: Date | null,
  closesAt: Date | null,
  now: Date,
): { opensWord: 'Opens' | 'Opened'; closesWord: 'Closes' | 'Closed' } {
  return {
    opensWord: opensAt !== null && opensAt <= now ? 'Opened' : 'Opens',
    closesWord: closesAt !== null && closesAt <= now ? 'Closed' : 'Closes',
  };
}

export type ConsultationSummaryView = {
  slug: string;
  title: string;
  summary: string;
  bodyTitle: string;
  status: PublicStatus;
  statusText: string;
  opensAt: string | null;
  closesAt: string | null;
  opensText: string | null;
  closesText: string | null;
  /** "Opens" or "Opened", "Closes" or "Closed", by the clock. */
  opensWord: 'Opens' | 'Opened';
  closesWord: 'Closes' | 'Closed';
};

function summaryOf(consultation: ConsultationRecord, now: Date): ConsultationSummaryView {
  const status = publicStatusOf(consultation, now);
  return {
    slug: consultation.slug,
    title: consultation.title,
    summary: consultation.summary,
    bodyTitle: consultation.bodyTitle,
    status,
    statusText: publicStatusText[status],
    opensAt: consultation.opensAt?.toISOString() ?? null,
    closesAt: consultation.closesAt?.toISOString() ?? null,
    opensText: consultation.opensAt ? dayAndTime(consultation.opensAt) : null,
    closesText: consultation.closesAt ? dayAndTime(consultation.closesAt) : null,
    ...periodWordsOf(consultation.opensAt, consultation.closesAt, now),
  };
}

export type ConsultationListView = {
  open: ConsultationSummaryView[];
  upcoming: ConsultationSummaryView[];
  closed: ConsultationSummaryView[];
  /** Only for who runs them: those being prepared or waiting on approval. */
  inPreparation: ConsultationSummaryView[];
  mayCreate: boolean;
};

export async function listConsultations(options: {
  db: Reader;
  actor: Actor;
  now: Date;
}): Promise<ConsultationListView> {
  const { actor, now } = options;
  const all = (await selectConsultations(options.db))
    .filter((consultation) => mayRead(actor, consultation))
    .map((consultation) => summaryOf(consultation, now));
  return {
    open: all.filter((one) => one.status === 'open'),
    upcoming: all.filter((one) => one.status === 'upcoming'),
    closed: all.filter((one) => one.status === 'closed'),
    inPreparation: all.filter((one) => one.status === 'preparing' || one.status === 'approval-put'),
    mayCreate:
      actor.kind === 'account' &&
      actor.tokenScope !== 'read' &&
      (actor.isAdministrator || actor.bodyRoles.some((role) => role.role === 'secretariat')),
  };
}

export type ConsultationView = ConsultationSummaryView & {
  stage: string;
  stageText: string;
  periodDays: number | null;
  shortPeriodReason: string | null;
  formativeStatement: string | null;
  reasonsStatement: string | null;
  mayRun: boolean;
  /** An NHS London post holder or an administrator: may record the scrutiny while preparing. */
  mayScrutinise: boolean;
  mayChangePapers: boolean;
  documents: {
    number: number;
    title: string;
    version: number | null;
    sections: { number: string; heading: string; anchor: string }[];
  }[];
  questions: {
    number: number;
    text: string;
    kind: string;
    kindText: string;
    options: string[];
    section: string | null;
  }[];
  events: {
    title: string;
    sector: string | null;
    sectorText: string;
    venue: string;
    startsAt: string;
    dateText: string;
    timeText: string;
  }[];
  /** Who runs it only. */
  checks: CheckResult[] | null;
  scrutiny: { recordedText: string; byName: string | null; note: string | null } | null;
  approval: {
    title: string;
    meetingTitle: string;
    meetingText: string;
    status: string;
    outcome: string | null;
  } | null;
  /** Who runs it, while preparing: the body's meetings the approval may be put to. */
  meetingChoices: { id: string; text: string }[];
  /** For everyone once decided (finding H4): the decision, the responses counted, "we heard / we did". */
  outcome: ConsultationOutcomeView | null;
};

export async function getConsultation(options: {
  db: Reader;
  actor: Actor;
  now: Date;
  slug: string;
}): Promise<ConsultationView> {
  const { db, actor, now } = options;
  const consultation = await selectConsultationBySlug(db, options.slug);
  const mayScrutinise =
    actor.kind === 'account' &&
    actor.tokenScope !== 'read' &&
    (actor.isAdministrator ||
      (actor.personId !== null &&
        (await selectNhsLondonPost(db, actor.personId, londonDate(now))) !== undefined));
  if (!consultation || !mayRead(actor, consultation, mayScrutinise)) throw consultationNotFound();
  const mayRun = mayRunConsultation(actor, consultation);
  const sections = await selectLatestSections(db, consultation.id);
  const documents = await selectDocuments(db, consultation.id);
  const questions = await selectQuestions(db, consultation.id);
  const sectionNumberById = new Map(sections.map((section) => [section.id, section.number]));
  const events = await selectEvents(db, consultation.id);
  const approvalQuestion = consultation.approvalProposalId
    ? await selectApprovalQuestion(db, consultation.approvalProposalId)
    : undefined;
  const sectorNames = new Map<string, string>(
    londonSectors.map((sector) => [sector.id, sector.name]),
  );
  return {
    ...summaryOf(consultation, now),
    stage: consultation.stage,
    stageText: stageText(consultation.stage),
    periodDays: periodDays(consultation.opensAt, consultation.closesAt),
    shortPeriodReason: consultation.shortPeriodReason,
    formativeStatement: consultation.formativeStatement,
    reasonsStatement: consultation.reasonsStatement,
    mayRun,
    mayScrutinise,
    mayChangePapers: mayRun && consultation.stage === 'preparing',
    documents: documents.map((document) => ({
      number: document.position,
      title: document.title,
      version: document.latestVersion,
      sections: sections
        .filter((section) => section.documentId === document.id)
        .map((section) => ({
          number: section.number,
          heading: section.heading,
          anchor: sectionAnchor(section.number),
        })),
    })),
    questions: questions.map((question) => ({
      number: question.number,
      text: question.text,
      kind: question.kind,
      kindText: questionKindNames[question.kind],
      options: question.options,
      section: question.sectionId ? (sectionNumberById.get(question.sectionId) ?? null) : null,
    })),
    events: events.map((event) => ({
      title: event.title,
      sector: event.sector,
      sectorText: event.sector
        ? `${sectorNames.get(event.sector) ?? event.sector} London`
        : 'London-wide',
      venue: event.venue,
      startsAt: event.startsAt.toISOString(),
      dateText: dateWords.format(event.startsAt),
      timeText: timeWords.format(event.startsAt),
    })),
    checks:
      mayRun || mayScrutinise
        ? preparationChecks(await preparationFactsOf(db, consultation))
        : null,
    scrutiny: consultation.scrutinyRecordedAt
      ? {
          recordedText: dateWords.format(consultation.scrutinyRecordedAt),
          byName: consultation.scrutinyByPersonId
            ? await selectPersonName(db, consultation.scrutinyByPersonId)
            : null,
          note: mayRun || mayScrutinise ? consultation.scrutinyNote : null,
        }
      : null,
    approval: approvalQuestion
      ? {
          title: approvalQuestion.title,
          meetingTitle: approvalQuestion.meetingTitle,
          meetingText: dayAndTime(approvalQuestion.meetingStartsAt),
          status: approvalQuestion.status,
          outcome: approvalQuestion.outcome
            ? outcomeText(approvalQuestion.outcome as Parameters<typeof outcomeText>[0])
            : null,
        }
      : null,
    meetingChoices:
      mayRun && consultation.stage === 'preparing'
        ? (await selectMeetingsAwaitingNotice(db, consultation.bodyId, now)).map((meeting) => ({
            id: meeting.id,
            text: `${meeting.title}, ${dayAndTime(meeting.startsAt)}`,
          }))
        : [],
    outcome: await getConsultationOutcome(db, consultation),
  };
}

export type DocumentView = {
  consultation: { slug: string; title: string; status: PublicStatus; isOpen: boolean };
  number: number;
  title: string;
  version: number;
  note: string | null;
  sections: { number: string; heading: string; body: string; anchor: string }[];
};

export async function getDocument(options: {
  db: Reader;
  actor: Actor;
  now: Date;
  slug: string;
  documentNumber: number;
}): Promise<DocumentView> {
  const { db, actor, now } = options;
  const consultation = await selectConsultationBySlug(db, options.slug);
  if (!consultation || !mayRead(actor, consultation)) throw consultationNotFound();
  const document = (await selectDocuments(db, consultation.id)).find(
    (candidate) => candidate.position === options.documentNumber,
  );
  if (!document || document.latestVersion === null) {
    throw consultationNotFound();
  }
  const sections = await selectSectionsOfVersion(db, document.id, document.latestVersion);
  const status = publicStatusOf(consultation, now);
  return {
    consultation: {
      slug: consultation.slug,
      title: consultation.title,
      status,
      isOpen: status === 'open',
    },
    number: document.position,
    title: document.title,
    version: document.latestVersion,
    note: null,
    sections: sections.map((section) => ({
      number: section.number,
      heading: section.heading,
      body: section.body,
      anchor: sectionAnchor(section.number),
    })),
  };
}
