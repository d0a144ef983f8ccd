/**
 * Read model: a round's London intentions as the consolidation page and the API show them — each
 * with who raised it, the overlaps between PCTs and sectors, the priorities nothing consolidates
 * yet, the question put to the London group and, for the secretariat, what it may do next.
 */
import type { Database } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import { selectMeetingsAwaitingNotice } from '../meetings/index.ts';
import { loadRound, type RoundAddress } from './intention-access.ts';
import {
  type PriorityRecord,
  type SpecificationChoice,
  selectApprovedSpecificationVersions,
  selectIntentions,
  selectPriorities,
  selectQuestion,
} from './intention-queries.ts';
import {
  clauses,
  draftWithheldText,
  londonServiceAreas,
  type RaisedBy,
  type RoundStatus,
  raisedBy,
  roundYearParameter,
  roundYearText,
  statusText,
  unconsolidatedPriorities,
} from './intention-rules.ts';

export interface RoundSummary {
  body: { slug: string; title: string };
  year: string;
  yearParameter: string;
  status: RoundStatus;
  statusText: string;
  agreedOn: string | null;
  publishedOn: string | null;
}

export interface IntentionsView {
  round: RoundSummary;
  clauses: { clause: string; text: string }[];
  /**
   * For anonymous readers before the London group agrees the intentions: why none are shown. The
   * intentions and overlaps are then empty.
   */
  withheld: string | null;
  intentions: {
    id: string;
    position: number;
    title: string;
    serviceArea: string;
    description: string;
    specification: { versionId: string; title: string; version: number } | null;
    raisedBy: RaisedBy;
    sources: { priorityId: string; title: string; raisedBy: string }[];
  }[];
  overlaps: { intentionId: string; title: string; submitters: number; sectors: string[] }[];
  /** The returns' priorities: for signed-in readers only, as the returns themselves are. */
  priorities: PriorityRecord[];
  unconsolidated: PriorityRecord[];
  mayReadReturns: boolean;
  question: {
    proposalId: string;
    title: string;
    status: string;
    outcome: string | null;
    meeting: { id: string; title: string; meetingOn: string };
    closedOn: string | null;
  } | null;
  /** For the secretariat: the group's meetings still to come whose notice has not gone out. */
  meetings: { id: string; title: string; meetingOn: string }[];
  specifications: SpecificationChoice[];
  serviceAreas: string[];
  mayManage: boolean;
  mayEdit: boolean;
}

export function roundSummaryOf(round: {
  bodySlug: string;
  bodyTitle: string;
  startYear: number;
  status: RoundStatus;
  agreedOn: string | null;
  publishedAt: Date | null;
}): RoundSummary {
  return {
    body: { slug: round.bodySlug, title: round.bodyTitle },
    year: roundYearText(round.startYear),
    yearParameter: roundYearParameter(round.startYear),
    status: round.status,
    statusText: statusText(round.status),
    agreedOn: round.agreedOn,
    publishedOn: round.publishedAt ? londonDate(round.publishedAt) : null,
  };
}

export async function getIntentions(
  options: RoundAddress & { db: Database; actor: Actor; now: Date },
): Promise<IntentionsView> {
  const { db, actor } = options;
  const round = await loadRound(db, options);
  const mayManage = mayRunBody(actor, round.bodySlug);
  const mayReadReturns = actor.kind === 'account';
  const withheld = draftWithheldText(round.status, actor.kind === 'account');
  const [allIntentions, priorities, question, meetings, specifications] = await Promise.all([
    selectIntentions(db, round.id),
    selectPriorities(db, round.id),
    round.agreementProposalId ? selectQuestion(db, round.agreementProposalId) : undefined,
    mayManage && round.status === 'consolidating'
      ? selectMeetingsAwaitingNotice(db, round.bodyId, options.now)
      : [],
    mayManage && round.status === 'consolidating' ? selectApprovedSpecificationVersions(db) : [],
  ]);
  const intentions = withheld ? [] : allIntentions;
  const views = intentions.map((intention) => ({
    id: intention.id,
    position: intention.position,
    title: intention.title,
    serviceArea: intention.serviceArea,
    description: intention.description,
    specification: intention.specification,
    raisedBy: raisedBy(intention, priorities),
    sources: priorities
      .filter((priority) => mayReadReturns && intention.sourcePriorityIds.includes(priority.id))
      .map((priority) => ({
        priorityId: priority.id,
        title: priority.title,
        raisedBy: priority.submitter.name,
      })),
  }));
  return {
    round: roundSummaryOf(round),
    clauses: [clauses.horizonScanning, clauses.prospectus],
    withheld,
    intentions: views,
    overlaps: views
      .filter((view) => view.raisedBy.isOverlap)
      .map((view) => ({
        intentionId: view.id,
        title: view.title,
        submitters: view.raisedBy.primaryCareTrusts.length + view.raisedBy.localGroups.length,
        sectors: view.raisedBy.sectors,
      })),
    priorities: mayReadReturns ? priorities : [],
    unconsolidated: mayReadReturns ? unconsolidatedPriorities(priorities, intentions) : [],
    mayReadReturns,
    question: question
      ? {
          proposalId: question.id,
          title: question.title,
          status: question.status,
          outcome: question.outcome
            ? outcomeText(question.outcome as Parameters<typeof outcomeText>[0])
            : null,
          meeting: {
            id: question.meetingId,
            title: question.meetingTitle,
            meetingOn: londonDate(question.meetingStartsAt),
          },
          closedOn: question.closedAt ? londonDate(question.closedAt) : null,
        }
      : null,
    meetings: meetings.map((meeting) => ({
      id: meeting.id,
      title: meeting.title,
      meetingOn: londonDate(meeting.startsAt),
    })),
    specifications,
    serviceAreas: [
      ...new Set([...londonServiceAreas, ...priorities.map((priority) => priority.serviceArea)]),
    ],
    mayManage,
    mayEdit: mayManage && round.status === 'consolidating',
  };
}
