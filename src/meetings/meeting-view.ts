/**
 * Read models of meetings: one meeting as a reader may see it (`getMeeting`, for its page, the API
 * and other capabilities' views) and a body's meetings (`listMeetings`). The meeting's view carries
 * the engine's live quorum for the meeting and for each item (e.g. 2008 §Quorum), the same
 * attendance under the other versions of the terms, and hides Part II items from those who may not
 * read them (Public Bodies (Admission to Meetings) Act 1960 s1). Nothing here writes.
 */
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { evaluateQuorum } from '../governance/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { loadMeeting } from './meeting-access.ts';
import { membersOn } from './meeting-members.ts';
import {
  type MeetingRecord,
  selectAgendaItemDetails,
  selectAttendance,
  selectDeclarations,
  selectMeetingsOfBody,
  selectMinutesApproved,
} from './meeting-queries.ts';
import {
  attendanceFacts,
  conflictFacts,
  type MinutesOffer,
  mayReadConfidentialItems,
  minutesOffer,
  visibleAgenda,
} from './meeting-rules.ts';
import { quorumUnderOtherVersions, type VersionQuorum } from './quorum-comparison.ts';
import { type QuorumView, quorumView } from './quorum-view.ts';
import { type NonVotingAttendeeView, standingAttendanceOf } from './standing-attendance.ts';

export interface MeetingSummary {
  id: string;
  body: { slug: string; title: string };
  title: string;
  /** The instant, UTC. */
  startsAt: string;
  /** The calendar date in London: the day the rules (notice, membership, terms) are read on. */
  meetingOn: string;
  location: string;
  noticeGivenOn: string;
  urgencyReason: string | null;
  status: string;
  /** Shared by the meetings of one series made from the cadence. */
  seriesId: string | null;
  /** Where a moved meeting was first set (UTC instant), and why it moved. */
  originallyStartsAt: string | null;
  movedReason: string | null;
  /** Why a cancelled meeting was called off (meeting-lifecycle.ts); null unless cancelled. */
  cancelledReason: string | null;
}

export interface MeetingReport {
  meeting: MeetingSummary;
  constitution: { version: number; effectiveOn: string } | null;
  agenda: {
    id: string;
    position: number;
    title: string;
    purpose: string;
    isConfidential: boolean;
    confidentialityReason: string | null;
    description: string | null;
    presenterPersonId: string | null;
    /** The presenter's name: the registry's for a person, or the name typed in. */
    presenterName: string | null;
    /** A London start time, "14:30". */
    startTime: string | null;
    minutesAllotted: number | null;
    /** Withdrawn before notice: kept in the record at its place, marked withdrawn. */
    withdrawn: boolean;
    withdrawnReason: string | null;
    declarations: {
      id: string;
      seatHoldingId: string;
      memberName: string;
      kind: string;
      interest: string;
    }[];
    quorum: QuorumView | null;
    /** True when declarations on this item leave its quorum different from the meeting's. */
    quorumDiffers: boolean;
  }[];
  hiddenConfidentialCount: number;
  /** While true, members may mark themselves present (check-in.ts). */
  registerOpen: boolean;
  /** Whether the terms in force provide for deputies, so the register may record one. */
  deputiesAllowed: boolean;
  attendance: {
    seatHoldingId: string;
    memberName: string;
    seatTitle: string;
    organisation: string | null;
    sector: string | null;
    /** The sector's name ("North East"), as the registry gives it. */
    sectorName: string | null;
    office: string | null;
    /** Null until the secretariat records it; the engine counts an unrecorded member as absent. */
    status: string | null;
    deputyName: string | null;
    personId: string;
    deputyAttendeeId: string | null;
    /** Deputies named in advance for this member, standing on the meeting day. */
    standingDeputies: { id: string; name: string }[];
  }[];
  /** People attending without a seat: listed as non-voting, never counted toward the quorum. */
  nonVotingAttendees: NonVotingAttendeeView[];
  /** The same attendance under each other version of the terms, with the engine's verdict. */
  otherVersions: VersionQuorum[];
  quorum: QuorumView | null;
  /** Why the engine could not decide, when it could not. */
  problems: string[];
}

/** A meeting's public details: nothing of its agenda, so nothing of Part II business. */
export function summaryOf(meeting: MeetingRecord): MeetingSummary {
  return {
    id: meeting.id,
    body: { slug: meeting.bodySlug, title: meeting.bodyTitle },
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    meetingOn: londonDate(meeting.startsAt),
    location: meeting.location,
    noticeGivenOn: meeting.noticeGivenOn,
    urgencyReason: meeting.urgencyReason,
    status: meeting.status,
    seriesId: meeting.seriesId,
    originallyStartsAt: meeting.originallyStartsAt?.toISOString() ?? null,
    movedReason: meeting.movedReason,
    cancelledReason: meeting.cancelledReason,
  };
}

/**
 * The meeting as this reader may see it, with the engine's live quorum for the meeting and for
 * each item (members with a declared conflict on an item left out where the terms say so).
 */
export async function getMeeting(options: {
  db: Database;
  meetingId: string;
  actor: Actor;
}): Promise<MeetingReport> {
  const { db } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  const summary = summaryOf(meeting);
  const constitution = await termsInForce(db, meeting.bodyId, summary.meetingOn);
  const members = constitution
    ? (await membersOn(db, constitution, meeting.bodyId, summary.meetingOn)).filter(
        (resolved) => resolved.fact !== undefined,
      )
    : [];
  const memberIds = new Set(members.map((resolved) => resolved.holding.id));
  const names = new Map(
    members.map((resolved) => [resolved.holding.id, resolved.holding.personName]),
  );
  const items = await selectAgendaItemDetails(db, meeting.id);
  const attendance = await selectAttendance(db, meeting.id);
  const declarations = await selectDeclarations(db, meeting.id);
  const visible = visibleAgenda(items, mayReadConfidentialItems(options.actor, meeting.bodySlug));
  const problems: string[] = [];
  if (!constitution) {
    problems.push(
      `No version of ${meeting.bodyTitle}'s terms of reference is in force on ${summary.meetingOn}.`,
    );
  }
  const standing = await standingAttendanceOf(db, {
    bodyId: meeting.bodyId,
    meetingOn: summary.meetingOn,
  });
  const facts = {
    members: members.flatMap((resolved) => (resolved.fact ? [resolved.fact] : [])),
    attendance: attendanceFacts(attendance, memberIds),
    conflicts: conflictFacts(declarations, memberIds),
    invitedAttendees: standing.invitedAttendees,
  };
  const otherVersions = constitution
    ? await quorumUnderOtherVersions(db, {
        bodyId: meeting.bodyId,
        current: constitution,
        ...facts,
      })
    : [];
  const evaluate = (itemId?: string): QuorumView | null => {
    if (!constitution) return null;
    const result = evaluateQuorum(constitution, facts, itemId ? { itemId } : {});
    if (result.ok) return quorumView(result.value);
    problems.push(...result.errors.map((error) => error.message));
    return null;
  };
  const meetingQuorum = evaluate();
  const attendanceByMember = new Map(attendance.map((record) => [record.seatHoldingId, record]));
  return {
    meeting: summary,
    constitution: constitution
      ? { version: constitution.identity.version, effectiveOn: constitution.effective.date }
      : null,
    agenda: visible.items.map(({ withdrawnAt, ...item }) => {
      const quorum = evaluate(item.id);
      return {
        ...item,
        withdrawn: withdrawnAt !== null,
        declarations: declarations
          .filter((declaration) => declaration.agendaItemId === item.id)
          .map((declaration) => ({
            id: declaration.id,
            seatHoldingId: declaration.seatHoldingId,
            memberName: names.get(declaration.seatHoldingId) ?? 'A former member',
            kind: declaration.kind,
            interest: declaration.interest,
          })),
        quorum,
        quorumDiffers:
          quorum !== null &&
          meetingQuorum !== null &&
          (quorum.quorate !== meetingQuorum.quorate ||
            quorum.excluded.length !== meetingQuorum.excluded.length),
      };
    }),
    hiddenConfidentialCount: visible.hiddenConfidentialCount,
    registerOpen: meeting.registerOpenedAt !== null,
    deputiesAllowed: constitution?.deputies !== undefined,
    attendance: members.map(({ holding, seat }) => {
      const record = attendanceByMember.get(holding.id);
      return {
        seatHoldingId: holding.id,
        memberName: holding.personName,
        seatTitle: seat?.title ?? holding.seatRole,
        organisation: holding.organisationName,
        sector: holding.organisationSectorId,
        sectorName: holding.organisationSectorName,
        office: holding.office,
        status: record?.status ?? null,
        deputyName: record?.deputyName ?? null,
        personId: holding.personId,
        deputyAttendeeId: record?.deputyAttendeeId ?? null,
        standingDeputies: standing.deputiesOf(holding.id),
      };
    }),
    nonVotingAttendees: standing.nonVoting,
    otherVersions,
    quorum: meetingQuorum,
    problems,
  };
}

/** What this reader is offered of the meeting's minutes: published, their draft, or not yet. */
export async function getMinutesOffer(options: {
  db: Database;
  actor: Actor;
  meeting: MeetingSummary;
}): Promise<MinutesOffer> {
  const approved = await selectMinutesApproved(options.db, options.meeting.id);
  return minutesOffer(options.actor, options.meeting.body.slug, approved);
}

/** The body's meetings, latest first. */
export async function listMeetings(options: {
  db: Database;
  slug: string;
}): Promise<{ body: { slug: string; title: string }; items: MeetingSummary[] }> {
  const body = await loadBody(options.db, options.slug);
  const meetings = await selectMeetingsOfBody(options.db, body.id);
  return { body: { slug: body.slug, title: body.title }, items: meetings.map(summaryOf) };
}
