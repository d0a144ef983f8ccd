/**
 * A report's figures, generated from the record, never typed (issue 26 item 3): for the period
 * and as at its end — the meetings held and who attended them, the decisions taken and the advice
 * given, the disputes and how they ended, the programme's RAG and its changes, the actions
 * completed and late, and the review of the terms of reference. Frozen as JSON when generated.
 */

import type { Database } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import type { Constitution } from '../governance/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { listProgrammes, programmeAsAtEach, programmeInPeriod } from '../programme/index.ts';
import { longDateText } from '../shared/long-date.ts';
import {
  selectAttendance,
  selectClosedQuestions,
  selectDisputesOfBody,
  selectHoldingsOfBody,
  selectMeetingsOfBodyWithStatus,
  selectReviewCalls,
} from './report-queries.ts';
import {
  attendanceByMember,
  attendanceBySector,
  type MemberAttendance,
  monthEndsOf,
  monthText,
  type ReportKind,
  type SectorAttendance,
} from './report-rules.ts';

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
}

export interface ProgrammeFigures {
  title: string;
  atEnd: RagCounts & { notRated: number; completed: number; late: number; total: number };
  ragByMonth: (RagCounts & { month: string; monthText: string })[];
  ragChanges: {
    subject: string;
    kind: 'project' | 'action';
    from: string | null;
    to: string;
    reason: string;
    changedOn: string;
  }[];
  completed: { title: string; owner: string; completedOn: string }[];
  lateAtEnd: { title: string; owner: string; dueOn: string }[];
}

export interface ReportFigures {
  kind: ReportKind;
  period: { from: string; to: string };
  body: { slug: string; title: string };
  duty: { clause: string; text: string };
  meetings: { title: string; on: string }[];
  meetingsCancelled: number;
  attendance: { members: MemberAttendance[]; bySector: SectorAttendance[] };
  decisions: {
    title: string;
    meetingTitle: string;
    on: string;
    outcome: string;
    summary: string;
  }[];
  advice: { title: string; meetingTitle: string; on: string; outcome: string; summary: string }[];
  /** Questions closed in Part II: counted, never described, in a report every board reads. */
  partTwoClosed: number;
  disputes: { title: string; raisedOn: string; stepsTaken: number; ending: string }[];
  programmes: ProgrammeFigures[];
  terms: {
    version: number | null;
    effectiveOn: string | null;
    reviewOn: string | null;
    reviewClause: string | null;
    reviewText: string | null;
    reviewCalls: { calledByName: string; calledOn: string; reason: string; reference: string }[];
    versionsInPeriod: { version: number; effectiveOn: string }[];
  };
}

const within = (date: string, period: { from: string; to: string }) =>
  date >= period.from && date <= period.to;

function ragCounts(items: readonly { rag: string | null }[]): RagCounts {
  return {
    red: items.filter((item) => item.rag === 'red').length,
    amber: items.filter((item) => item.rag === 'amber').length,
    green: items.filter((item) => item.rag === 'green').length,
  };
}

function seatTitleOf(constitution: Constitution | undefined, role: string): string {
  return constitution?.seats.find((seat) => seat.role === role)?.title ?? role;
}

async function programmeFigures(
  db: Database,
  programmeId: string,
  period: { from: string; to: string },
): Promise<ProgrammeFigures> {
  // The last month end is the period's end, so one reading gives the months and the end alike.
  const [asAtMonthEnds, inPeriod] = await Promise.all([
    programmeAsAtEach({ db, programmeId, dates: monthEndsOf(period.from, period.to) }),
    programmeInPeriod({ db, programmeId, from: period.from, to: period.to }),
  ]);
  const atEnd = asAtMonthEnds.at(-1);
  if (!atEnd) throw new Error('a period has at least one month end');
  const ragByMonth = asAtMonthEnds.map((asAt) => ({
    month: asAt.asAt,
    monthText: monthText(asAt.asAt),
    ...ragCounts(asAt.actions),
  }));
  const ownerOf = (action: { owner: { name: string; levelLabel: string } }) =>
    `${action.owner.name} (${action.owner.levelLabel})`;
  return {
    title: atEnd.programme.title,
    atEnd: {
      ...ragCounts(atEnd.actions),
      notRated: atEnd.actions.filter((action) => !action.rag).length,
      completed: atEnd.actions.filter((action) => action.completed).length,
      late: atEnd.actions.filter((action) => action.late).length,
      total: atEnd.actions.length,
    },
    ragByMonth,
    ragChanges: inPeriod.ragChanges.map((change) => ({
      subject: change.subject.title,
      kind: change.subject.kind,
      from: change.from,
      to: change.to,
      reason: change.reason,
      changedOn: change.changedOn,
    })),
    completed: inPeriod.completed
      .map((action) => ({
        title: action.title,
        owner: ownerOf(action),
        completedOn: action.completedOn ?? '',
      }))
      .sort((left, right) => left.completedOn.localeCompare(right.completedOn)),
    lateAtEnd: inPeriod.lateAtEnd.map((action) => ({
      title: action.title,
      owner: ownerOf(action),
      dueOn: action.dueOn,
    })),
  };
}

/** Every figure of a report of the body for the period, read from the record as at its end. */
export async function reportFigures(options: {
  db: Database;
  actor: Actor;
  kind: ReportKind;
  body: { id: string; slug: string; title: string };
  versions: readonly {
    version: number;
    effectiveOn: string;
    reviewOn: string | null;
    document: Constitution;
  }[];
  constitution: Constitution | undefined;
  duty: { clause: string; text: string };
  period: { from: string; to: string };
}): Promise<ReportFigures> {
  const { db, body, period, constitution } = options;
  const allMeetings = (await selectMeetingsOfBodyWithStatus(db, body.id)).map((meeting) => ({
    ...meeting,
    on: londonDate(meeting.startsAt),
  }));
  const inPeriod = allMeetings.filter((meeting) => within(meeting.on, period));
  const held = inPeriod.filter((meeting) => meeting.status === 'held');
  const heldIds = held.map((meeting) => meeting.id);
  const [attendance, holdings, questions, disputes, reviewCalls, programmes] = await Promise.all([
    selectAttendance(db, heldIds),
    selectHoldingsOfBody(db, body.id),
    selectClosedQuestions(db, heldIds),
    selectDisputesOfBody(db, body.id, period.to),
    selectReviewCalls(db, body.id, period.to),
    listProgrammes({ db, actor: options.actor, slug: body.slug }),
  ]);
  const members = attendanceByMember(
    held,
    holdings.map((holding) => ({
      ...holding,
      seatTitle: seatTitleOf(constitution, holding.seatRole),
    })),
    attendance,
  );
  const meetingOf = new Map(held.map((meeting) => [meeting.id, meeting]));
  const closed = questions
    .filter((question) => !question.isConfidential)
    .map((question) => {
      const result = question.result as { isDecision?: boolean; outcome?: string } | null;
      const meeting = meetingOf.get(question.meetingId);
      return {
        isDecision: result?.isDecision !== false,
        title: question.title,
        meetingTitle: meeting?.title ?? '',
        on: meeting?.on ?? '',
        outcome: outcomeText((result?.outcome ?? question.outcome ?? 'carried') as never),
        summary: question.outcomeSummary ?? '',
      };
    });
  const strip = ({ isDecision: _, ...question }: (typeof closed)[number]) => question;
  const versionInForce = [...options.versions]
    .reverse()
    .find((version) => version.effectiveOn <= period.to);
  return {
    kind: options.kind,
    period,
    body: { slug: body.slug, title: body.title },
    duty: options.duty,
    meetings: held.map((meeting) => ({ title: meeting.title, on: meeting.on })),
    meetingsCancelled: inPeriod.filter((meeting) => meeting.status === 'cancelled').length,
    attendance: { members, bySector: attendanceBySector(members) },
    decisions: closed.filter((question) => question.isDecision).map(strip),
    advice: closed.filter((question) => !question.isDecision).map(strip),
    partTwoClosed: questions.filter((question) => question.isConfidential).length,
    disputes: disputes
      // Every dispute open at some time in the period: raised by its end, not ended before it.
      .filter((dispute) => {
        const lastStep = dispute.steps.at(-1);
        return !(dispute.status !== 'open' && lastStep && lastStep.takenOn < period.from);
      })
      .map((dispute) => {
        // Only the steps taken by the period's end count: a dispute ended later was open then.
        const byEnd = dispute.steps.filter((step) => step.takenOn <= period.to);
        const last = byEnd.at(-1);
        const ended = dispute.status !== 'open' && byEnd.length === dispute.steps.length;
        return {
          title: dispute.title,
          raisedOn: dispute.raisedOn,
          stepsTaken: byEnd.length,
          ending:
            ended && last
              ? `${dispute.status === 'resolved' ? 'Resolved' : 'Not resolved'} on ${longDateText(last.takenOn)}: ${last.outcome}`
              : last
                ? `Open at the period’s end; last step on ${longDateText(last.takenOn)}: ${last.outcome}`
                : 'Open at the period’s end; no step taken yet',
        };
      }),
    programmes: await Promise.all(
      programmes.items.map((programme) => programmeFigures(db, programme.id, period)),
    ),
    terms: {
      version: versionInForce?.version ?? null,
      effectiveOn: versionInForce?.effectiveOn ?? null,
      reviewOn: versionInForce?.reviewOn ?? null,
      reviewClause: versionInForce?.document.review?.clause ?? null,
      reviewText: versionInForce?.document.review?.text ?? null,
      reviewCalls,
      versionsInPeriod: options.versions
        .filter((version) => within(version.effectiveOn, period))
        .map((version) => ({ version: version.version, effectiveOn: version.effectiveOn })),
    },
  };
}
