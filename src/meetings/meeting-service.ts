import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/record-audit-event.ts';
import { loadBody, termsInForce } from '../bodies/body-in-force.ts';
import type { Database, Transaction } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import {
  type Constitution,
  checkNotice,
  evaluateQuorum,
  type MeetingFacts,
} from '../governance/index.ts';
import { londonDate } from '../identity/actor.ts';
import type { Actor } from '../identity/policy.ts';
import { mayRunBody } from '../identity/policy.ts';
import { type ResolvedHolding, resolveHoldings } from '../membership/membership-facts.ts';
import {
  selectCurrentHoldings,
  selectPostsOfPeopleAndOrganisations,
} from '../membership/membership-queries.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import {
  insertAgendaItem,
  insertDeclaration,
  insertMeeting,
  lockMeeting,
  type MeetingRecord,
  selectAgendaItems,
  selectAttendance,
  selectAttendanceOf,
  selectDeclarations,
  selectHolder,
  selectLastAgendaPosition,
  selectMeeting,
  selectMeetingsOfBody,
  selectQuestionsWhoseCountIsFixed,
  upsertAttendance,
} from './meeting-queries.ts';
import {
  attendanceFacts,
  conflictFacts,
  type InterestKind,
  mayReadConfidentialItems,
  visibleAgenda,
} from './meeting-rules.ts';
import { quorumUnderOtherVersions, type VersionQuorum } from './quorum-comparison.ts';
import { type QuorumView, quorumView } from './quorum-view.ts';

import {
  type NonVotingAttendeeView,
  standingAttendanceOf,
  standingDeputyAttending,
} from './standing-attendance.ts';

type Reader = Parameters<typeof selectMeeting>[0];

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
  attendance: {
    seatHoldingId: string;
    memberName: string;
    seatTitle: string;
    organisation: string | null;
    sector: string | null;
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

function summaryOf(meeting: MeetingRecord): MeetingSummary {
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

async function loadMeeting(reader: Reader, meetingId: string): Promise<MeetingRecord> {
  const meeting = await selectMeeting(reader, meetingId);
  if (!meeting) throw notFound('meeting', meetingId);
  return meeting;
}

export function assertMayManage(actor: Actor, body: { slug: string; title: string }) {
  if (!mayRunBody(actor, body.slug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${body.title} may run its meetings.`,
    });
  }
}

/** The body's holdings on the meeting day, resolved as the membership page resolves them. */
async function membersOn(
  reader: Reader,
  constitution: Constitution,
  bodyId: string,
  date: string,
): Promise<ResolvedHolding[]> {
  const holdings = await selectCurrentHoldings(reader, bodyId, date);
  const posts = await selectPostsOfPeopleAndOrganisations(
    reader,
    [...new Set(holdings.map((holding) => holding.personId))],
    [...new Set(holdings.flatMap((holding) => holding.organisationId ?? []))],
  );
  return resolveHoldings(constitution, holdings, posts, date);
}

/**
 * The member a seat holding names, standing on the meeting day; refused naming `seatHoldingId`
 * when they do not sit on the body then (never appointed, ended, or an ex officio seat lapsed).
 */
async function memberOnMeetingDay(
  reader: Reader,
  meeting: MeetingRecord,
  seatHoldingId: string,
): Promise<ResolvedHolding> {
  const meetingOn = londonDate(meeting.startsAt);
  const constitution = await termsInForce(reader, meeting.bodyId, meetingOn);
  const member = constitution
    ? (await membersOn(reader, constitution, meeting.bodyId, meetingOn)).find(
        (resolved) => resolved.holding.id === seatHoldingId,
      )
    : undefined;
  if (member?.fact) return member;
  const holder = await selectHolder(reader, seatHoldingId);
  const who = holder?.personName ?? 'The person named';
  const why = member?.status.status === 'lapsed' ? ` ${member.status.reason}` : '';
  throw invalidInput([
    {
      field: 'seatHoldingId',
      message: `${who} is not a member of ${meeting.bodyTitle} on ${meetingOn}.${why}`,
    },
  ]);
}

export interface NoticeAssessment {
  meetingOn: string;
  constitution: Constitution;
  sufficient: boolean;
  explanation: { summary: string; clause: string; text: string };
  /** Kept only when notice is short: the record shows why the rule was not met. */
  urgencyReason: string | null;
}

/**
 * The engine's check of a meeting's notice in clear days under the terms in force on the meeting
 * day: scheduling, a series and moving a meeting all refuse short notice the same way unless the
 * urgency is recorded. `occurrence` names the meeting among several so a refusal says which one.
 */
export async function assessNotice(
  reader: Reader,
  options: {
    body: { id: string; title: string };
    startsAt: Date;
    noticeGivenOn: string;
    urgencyReason?: string | undefined;
    /** The request field the meeting's date came from. */
    dateField?: string;
    occurrence?: string;
  },
): Promise<NoticeAssessment> {
  const { body, startsAt } = options;
  const prefix = options.occurrence ? `${options.occurrence}: ` : '';
  const meetingOn = londonDate(startsAt);
  const constitution = await termsInForce(reader, body.id, meetingOn);
  if (!constitution) {
    throw invalidInput([
      {
        field: options.dateField ?? 'startsAt',
        message: `${prefix}No version of ${body.title}'s terms of reference is in force on ${meetingOn}.`,
      },
    ]);
  }
  const notice = checkNotice(constitution, { noticeGivenOn: options.noticeGivenOn, meetingOn });
  if (!notice.ok) {
    throw invalidInput(
      notice.errors.map((error) => ({ field: 'noticeGivenOn', message: error.message })),
    );
  }
  const { explanation, sufficient } = notice.value;
  const urgencyReason = sufficient ? null : options.urgencyReason?.trim() || null;
  if (!sufficient && urgencyReason === null) {
    throw new ProblemError({
      status: 400,
      code: 'notice-too-short',
      title: 'Not enough notice of the meeting',
      detail: `${prefix}${explanation.summary} To hold it at shorter notice, record why it is urgent.`,
      errors: [
        {
          field: 'noticeGivenOn',
          message: `${prefix}${explanation.summary} ${explanation.clause}: “${explanation.text}”. Give more notice, or record why the meeting is urgent.`,
        },
      ],
    });
  }
  return {
    meetingOn,
    constitution,
    sufficient,
    explanation: {
      summary: explanation.summary,
      clause: explanation.clause,
      text: explanation.text,
    },
    urgencyReason,
  };
}

export interface ScheduleMeetingOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  title: string;
  /** ISO 8601 instant. */
  startsAt: string;
  location: string;
  noticeGivenOn: string;
  /** Why the meeting cannot wait for full notice; required only when notice is short. */
  urgencyReason?: string | undefined;
}

/**
 * Schedules a meeting after the engine has checked the notice in clear days under the terms in
 * force on the meeting day. Short notice is refused unless the urgency is recorded, and then the
 * reason is kept with the meeting so the record shows why the rule was not met.
 */
export async function scheduleMeeting(options: ScheduleMeetingOptions): Promise<{
  meetingId: string;
  meetingOn: string;
  notice: { sufficient: boolean; summary: string; clause: string };
  urgencyReason: string | null;
}> {
  const { db, context } = options;
  const body = await loadBody(db, options.slug);
  assertMayManage(options.actor, body);
  const startsAt = new Date(options.startsAt);
  if (Number.isNaN(startsAt.getTime())) {
    throw invalidInput([
      { field: 'startsAt', message: 'Enter when the meeting starts as an ISO date and time.' },
    ]);
  }
  const { meetingOn, constitution, explanation, sufficient, urgencyReason } = await assessNotice(
    db,
    { body, startsAt, noticeGivenOn: options.noticeGivenOn, urgencyReason: options.urgencyReason },
  );
  const meetingId = uuidv7();
  await db.transaction(async (transaction) => {
    await insertMeeting(transaction, {
      id: meetingId,
      bodyId: body.id,
      title: options.title,
      startsAt,
      location: options.location,
      noticeGivenOn: options.noticeGivenOn,
      urgencyReason,
      createdAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.scheduled',
        entityType: 'meeting',
        entityId: meetingId,
        after: {
          body: body.slug,
          title: options.title,
          startsAt: startsAt.toISOString(),
          location: options.location,
          noticeGivenOn: options.noticeGivenOn,
          notice: explanation.summary,
          urgencyReason,
          constitutionVersion: constitution.identity.version,
        },
      },
    ]);
  });
  return {
    meetingId,
    meetingOn,
    notice: { sufficient, summary: explanation.summary, clause: explanation.clause },
    urgencyReason,
  };
}

/** Adds an item at the end of the agenda; a Part II item needs the resolution's reason. */
export async function addAgendaItem(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  title: string;
  purpose: 'decision' | 'discussion' | 'information';
  isConfidential: boolean;
  confidentialityReason?: string | undefined;
}): Promise<{ agendaItemId: string; position: number }> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const reason = options.confidentialityReason?.trim() || null;
  if (options.isConfidential && reason === null) {
    throw invalidInput([
      {
        field: 'confidentialityReason',
        message:
          'A Part II item needs the resolution’s reason for excluding the public: that publicity would be prejudicial because of the confidential nature of the business (Public Bodies (Admission to Meetings) Act 1960 s1).',
      },
    ]);
  }
  const agendaItemId = uuidv7();
  return db.transaction(async (transaction) => {
    await lockMeeting(transaction, meeting.id);
    const position = (await selectLastAgendaPosition(transaction, meeting.id)) + 1;
    const item = {
      id: agendaItemId,
      position,
      title: options.title,
      purpose: options.purpose,
      isConfidential: options.isConfidential,
      // A public item has no resolution to exclude anyone, so no reason is kept for it.
      confidentialityReason: options.isConfidential ? reason : null,
    };
    await insertAgendaItem(transaction, { ...item, meetingId: meeting.id, createdAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.agenda-item-added',
        entityType: 'meeting',
        entityId: meeting.id,
        after: item,
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { agendaItemId, position };
  });
}

/**
 * Records one member's attendance, replacing any earlier record for them. Only someone holding a
 * seat on the body on the meeting day may be recorded; a deputy is recorded with their name.
 */
export async function recordAttendance(options: RecordAttendanceOptions & { actor: Actor }) {
  const meeting = await loadMeeting(options.db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  return writeAttendance(options, meeting);
}

export interface RecordAttendanceOptions {
  db: Database;
  context: ActionContext;
  meetingId: string;
  seatHoldingId: string;
  status: 'present' | 'apologies' | 'absent' | 'deputy';
  deputyName?: string | undefined;
  /** A standing deputy named for the member (the deputy's name is then taken from the record). */
  deputyAttendeeId?: string | undefined;
}

/**
 * The attendance record itself, once the caller has decided who may make it: the secretariat for
 * any member (recordAttendance), or a member sending their own apologies (apologies.ts).
 */
export async function writeAttendance(
  options: RecordAttendanceOptions,
  meeting: MeetingRecord,
): Promise<{
  seatHoldingId: string;
  status: string;
  deputyName: string | null;
  deputyAttendeeId: string | null;
}> {
  const { db, context } = options;
  if (options.deputyAttendeeId && options.status !== 'deputy') {
    throw invalidInput([
      {
        field: 'deputyAttendeeId',
        message: 'A standing deputy is recorded only when the status is deputy.',
      },
    ]);
  }
  const member = await memberOnMeetingDay(db, meeting, options.seatHoldingId);
  const standingDeputy = options.deputyAttendeeId
    ? await standingDeputyAttending(db, {
        deputyAttendeeId: options.deputyAttendeeId,
        seatHoldingId: member.holding.id,
        memberName: member.holding.personName,
        meetingOn: londonDate(meeting.startsAt),
      })
    : null;
  const deputyName = standingDeputy?.name ?? (options.deputyName?.trim() || null);
  if (options.status === 'deputy' && deputyName === null) {
    throw invalidInput([
      { field: 'deputyName', message: 'Enter the name of the deputy attending in their place.' },
    ]);
  }
  const record = {
    seatHoldingId: member.holding.id,
    status: options.status,
    // Only a deputy's record names someone else; any other status is the member's own.
    deputyName: options.status === 'deputy' ? deputyName : null,
    deputyAttendeeId: standingDeputy?.id ?? null,
  };
  await db.transaction(async (transaction) => {
    await assertCountIsNotFixed(transaction, meeting, 'attendance');
    const before = await selectAttendanceOf(transaction, meeting.id, member.holding.id);
    await upsertAttendance(transaction, {
      id: uuidv7(),
      meetingId: meeting.id,
      ...record,
      recordedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.attendance-recorded',
        entityType: 'meeting',
        entityId: meeting.id,
        before: before
          ? {
              member: member.holding.personName,
              status: before.status,
              deputyName: before.deputyName,
            }
          : null,
        after: { member: member.holding.personName, ...record },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
  });
  return record;
}

/**
 * While a secret ballot is open, or a tied vote awaits the casting vote, no one's attendance or
 * declarations change: either can take a vote out of the count, and a count that moved would tell
 * how someone voted, or decide a counted vote after the fact. The whole meeting is held, not only
 * those who voted, so the refusal itself tells no one who has voted.
 */
export async function assertCountIsNotFixed(
  reader: Database | Transaction,
  meeting: { id: string },
  change: 'attendance' | 'declarations' | 'membership',
) {
  const questions = await selectQuestionsWhoseCountIsFixed(reader, meeting.id);
  if (questions.length === 0) return;
  const what = {
    attendance: 'Attendance',
    declarations: 'Declarations of interest',
    membership: 'Membership',
  }[change];
  throw new ProblemError({
    status: 409,
    code: 'count-fixed',
    title: 'A vote is being taken',
    detail: `${what} cannot change while ${questions.map((question) => `“${question.title}”`).join(', ')} ${questions.length === 1 ? 'is' : 'are'} being voted on (a secret ballot, or a tie awaiting the casting vote): the change could move the count. Close or withdraw the question first.`,
  });
}

/** Records a member's declaration of an interest in one agenda item of the meeting. */
export async function declareInterest(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string;
  seatHoldingId: string;
  kind: InterestKind;
  interest: string;
}): Promise<{ declarationId: string }> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const item = (await selectAgendaItems(db, meeting.id)).find(
    (candidate) => candidate.id === options.agendaItemId,
  );
  if (!item) {
    throw invalidInput([
      { field: 'agendaItemId', message: `That item is not on the agenda of ${meeting.title}.` },
    ]);
  }
  const member = await memberOnMeetingDay(db, meeting, options.seatHoldingId);
  const declarationId = uuidv7();
  await db.transaction(async (transaction) => {
    await assertCountIsNotFixed(transaction, meeting, 'declarations');
    await insertDeclaration(transaction, {
      id: declarationId,
      meetingId: meeting.id,
      agendaItemId: item.id,
      seatHoldingId: member.holding.id,
      kind: options.kind,
      interest: options.interest,
      declaredAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.interest-declared',
        entityType: 'meeting',
        entityId: meeting.id,
        after: {
          declarationId,
          agendaItem: item.position,
          member: member.holding.personName,
          kind: options.kind,
          interest: options.interest,
        },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
  });
  return { declarationId };
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
  const items = await selectAgendaItems(db, meeting.id);
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
    agenda: visible.items.map((item) => {
      const quorum = evaluate(item.id);
      return {
        ...item,
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
    attendance: members.map(({ holding, seat }) => {
      const record = attendanceByMember.get(holding.id);
      return {
        seatHoldingId: holding.id,
        memberName: holding.personName,
        seatTitle: seat?.title ?? holding.seatRole,
        organisation: holding.organisationName,
        sector: holding.organisationSectorId,
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

/** The body's meetings, latest first. */
export async function listMeetings(options: {
  db: Database;
  slug: string;
}): Promise<{ body: { slug: string; title: string }; items: MeetingSummary[] }> {
  const body = await loadBody(options.db, options.slug);
  const meetings = await selectMeetingsOfBody(options.db, body.id);
  return { body: { slug: body.slug, title: body.title }, items: meetings.map(summaryOf) };
}

/**
 * The engine's facts about a meeting, gathered exactly as getMeeting gathers them: the terms in
 * force that day, the members standing then, and their attendance and declarations. For other
 * use-cases that must judge a meeting as its page does (approving minutes checks the approving
 * meeting's quorum and who presides with these), inside their own transaction.
 */
export async function meetingFactsOf(
  reader: Reader,
  meetingId: string,
): Promise<{
  meeting: MeetingRecord;
  meetingOn: string;
  constitution: Constitution | undefined;
  members: ResolvedHolding[];
  facts: MeetingFacts;
}> {
  const meeting = await loadMeeting(reader, meetingId);
  const meetingOn = londonDate(meeting.startsAt);
  const constitution = await termsInForce(reader, meeting.bodyId, meetingOn);
  const members = constitution
    ? (await membersOn(reader, constitution, meeting.bodyId, meetingOn)).filter(
        (resolved) => resolved.fact !== undefined,
      )
    : [];
  const memberIds = new Set(members.map((resolved) => resolved.holding.id));
  const facts: MeetingFacts = {
    members: members.flatMap((resolved) => (resolved.fact ? [resolved.fact] : [])),
    attendance: attendanceFacts(await selectAttendance(reader, meeting.id), memberIds),
    conflicts: conflictFacts(await selectDeclarations(reader, meeting.id), memberIds),
  };
  return { meeting, meetingOn, constitution, members, facts };
}
