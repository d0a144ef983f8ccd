/**
 * The minutes rules that need no database: who receives a copy under the terms of reference,
 * which meeting approves which minutes, what must hold before minutes are approved, and how the
 * distribution is counted. Pure, so each is tested on its own.
 */
import { type Constitution, eachConstituent } from '../governance/index.ts';
import { longDateText } from '../shared/long-date.ts';

// Said here too, so the minutes' files and their face keep one name for it.
export { longDateText };

/** An organisation as the registry holds it, with where its board's papers go. */
export interface RecipientOrganisation {
  id: string;
  name: string;
  type: string;
  odsCode: string | null;
  sectorId: string | null;
  correspondenceEmail: string | null;
}

/** The clause that names who receives the minutes, quoted. */
export interface MinutesDuty {
  clause: string;
  text: string;
  assumption: string | null;
}

export interface MinutesRecipients {
  duties: MinutesDuty[];
  /** Each organisation once, in the order the terms name them. */
  recipients: RecipientOrganisation[];
  /** Bodies the terms name that the registry cannot resolve to an organisation, with why. */
  unmatched: string[];
}

/**
 * Who receives a copy of the minutes: every organisation named by the constitution's `reporting`
 * duties of kind `minutes`, resolved through its `bodies` and `constituents` as adoption resolves
 * them (src/bodies/adopting-boards.ts). A collective body ("London PCTs") means every registered
 * organisation of its type; a single body is matched by ODS code, then name, then as the only
 * organisation of its type. A body that cannot be resolved is reported, never silently skipped.
 */
export function minutesRecipients(
  constitution: Constitution,
  registry: readonly RecipientOrganisation[],
): MinutesRecipients {
  return reportRecipients(constitution, registry, 'minutes');
}

type ReportKind = NonNullable<Constitution['reporting']>[number]['report'];

/**
 * Who receives a report of a kind (minutes, a progress update, an annual report): every
 * organisation the terms' `reporting` duties of that kind name, resolved as for the minutes.
 */
export function reportRecipients(
  constitution: Constitution,
  registry: readonly RecipientOrganisation[],
  kind: ReportKind,
): MinutesRecipients {
  const duties = (constitution.reporting ?? []).filter((duty) => duty.report === kind);
  const recipients: RecipientOrganisation[] = [];
  const unmatched: string[] = [];
  const add = (organisation: RecipientOrganisation) => {
    if (!recipients.some((known) => known.id === organisation.id)) recipients.push(organisation);
  };
  const matchOne = (body: { name: string; odsCode?: string | undefined; type?: string }) => {
    const byCode =
      body.odsCode === undefined
        ? undefined
        : registry.find((organisation) => organisation.odsCode === body.odsCode);
    if (byCode) return byCode;
    const byName = registry.find(
      (organisation) => organisation.name.toLowerCase() === body.name.toLowerCase(),
    );
    if (byName) return byName;
    const ofType = body.type
      ? registry.filter((organisation) => organisation.type === body.type)
      : [];
    return ofType.length === 1 ? ofType[0] : undefined;
  };
  for (const duty of duties) {
    for (const reference of duty.to) {
      if (reference === eachConstituent) {
        for (const constituent of constitution.constituents ?? []) {
          const match = matchOne(constituent);
          if (match) add(match);
          else unmatched.push(`${constituent.name} (not in the registry)`);
        }
        continue;
      }
      const body = constitution.bodies?.find((candidate) => candidate.id === reference);
      if (!body) {
        unmatched.push(`${reference} (not a body the terms of reference define)`);
        continue;
      }
      if (body.collective) {
        const members = body.type
          ? registry.filter((organisation) => organisation.type === body.type)
          : [];
        if (members.length === 0) unmatched.push(`${body.name} (no registered organisations)`);
        for (const member of members) add(member);
        continue;
      }
      if (body.perSector) {
        // "The sector's group" names one body per sector; minutes of the whole group have no one
        // sector, so there is no single organisation to send them to.
        unmatched.push(`${body.name} (one per sector: name each one instead)`);
        continue;
      }
      const match = matchOne(body);
      if (match) add(match);
      else unmatched.push(`${body.name} (not in the registry)`);
    }
  }
  return {
    duties: duties.map((duty) => ({
      clause: duty.clause,
      text: duty.text,
      assumption: duty.assumption?.reason ?? null,
    })),
    recipients,
    unmatched,
  };
}

export interface MeetingInSequence {
  id: string;
  startsAt: Date;
  status: string;
}

/** A body's meetings that are held or to be held, earliest first; a cancelled one is no meeting. */
function sequence<Meeting extends MeetingInSequence>(meetings: readonly Meeting[]): Meeting[] {
  return meetings
    .filter((meeting) => meeting.status !== 'cancelled')
    .sort(
      (left, right) =>
        left.startsAt.getTime() - right.startsAt.getTime() || left.id.localeCompare(right.id),
    );
}

/** The meeting held immediately before this one (cancelled meetings do not count). */
export function previousMeeting<Meeting extends MeetingInSequence>(
  meetings: readonly Meeting[],
  meetingId: string,
): Meeting | undefined {
  const ordered = sequence(meetings);
  const index = ordered.findIndex((meeting) => meeting.id === meetingId);
  return index > 0 ? ordered[index - 1] : undefined;
}

/** The meeting held immediately after this one (cancelled meetings do not count). */
export function nextMeeting<Meeting extends MeetingInSequence>(
  meetings: readonly Meeting[],
  meetingId: string,
): Meeting | undefined {
  const ordered = sequence(meetings);
  const index = ordered.findIndex((meeting) => meeting.id === meetingId);
  return index >= 0 ? ordered[index + 1] : undefined;
}

/** The agenda item of the next meeting that approves these minutes. */
export function minutesItemTitle(meetingOn: string): string {
  return `Minutes of the meeting held on ${longDateText(meetingOn)}`;
}

/** Standing orders: minutes are approved and signed at the next meeting (SI 1991/809). */
export const approvalRule = {
  clause: 'Standing orders (SI 1991/809)',
  text: 'Minutes: approved and signed at the next meeting by the person presiding; names of those present recorded.',
} as const;

export interface ApprovalFacts {
  /** The meeting whose minutes are to be approved. */
  minutes: { title: string; meetingOn: string };
  alreadyApproved: boolean;
  /** The item approving these minutes, and the meeting it is on; undefined when none is. */
  approvalItem: { meetingId: string; meetingTitle: string } | undefined;
  /** The meeting that follows, which alone may approve them. */
  next: { id: string; title: string } | undefined;
  /** The engine's quorum for the approval item at that meeting. */
  quorum:
    | { quorate: boolean; summary: string; clause: string; text: string; missing: string[] }
    | undefined;
  /** Items of the minutes' meeting (minutes-approval items aside) with no minute written. */
  itemsWithoutMinutes: { position: number; title: string }[];
}

export interface ApprovalRefusal {
  status: 400 | 409;
  code: string;
  field: string;
  message: string;
}

/**
 * Why these minutes may not be approved now, first reason first; empty when they may. Each
 * refusal names the rule: minutes are approved once, as an item of the next meeting, while that
 * meeting is quorate under its terms, and only when every item has its minute.
 */
export function approvalRefusals(facts: ApprovalFacts): ApprovalRefusal[] {
  const { minutes } = facts;
  const heldOn = longDateText(minutes.meetingOn);
  if (facts.alreadyApproved) {
    return [
      {
        status: 409,
        code: 'minutes-approved',
        field: 'minutes',
        message: `The minutes of ${minutes.title} (${heldOn}) are already approved and signed; approved minutes are signed and cannot change.`,
      },
    ];
  }
  const refusals: ApprovalRefusal[] = [];
  if (!facts.approvalItem) {
    refusals.push({
      status: 400,
      code: 'minutes-not-on-agenda',
      field: 'approvalItem',
      message: `The minutes of ${minutes.title} are not on the agenda of any meeting. Add them for approval to the agenda of the next meeting${facts.next ? `, ${facts.next.title}` : ''}. ${approvalRule.clause}: “${approvalRule.text}”`,
    });
  } else if (!facts.next || facts.next.id !== facts.approvalItem.meetingId) {
    refusals.push({
      status: 400,
      code: 'not-next-meeting',
      field: 'approvalItem',
      message: `The minutes of ${minutes.title} are on the agenda of ${facts.approvalItem.meetingTitle}, which is not the next meeting${facts.next ? ` (that is ${facts.next.title})` : ''}. ${approvalRule.clause}: “${approvalRule.text}”`,
    });
  } else if (!facts.quorum) {
    refusals.push({
      status: 400,
      code: 'quorum-unknown',
      field: 'quorum',
      message: `The quorum of ${facts.approvalItem.meetingTitle} cannot be checked: no terms of reference are in force on its day.`,
    });
  } else if (!facts.quorum.quorate) {
    const { quorum } = facts;
    const missing = quorum.missing.length ? ` Missing: ${quorum.missing.join('; ')}.` : '';
    refusals.push({
      status: 400,
      code: 'inquorate',
      field: 'quorum',
      message: `Minutes cannot be approved at an inquorate meeting. ${quorum.summary}${missing} ${quorum.clause}: “${quorum.text}”`,
    });
  }
  if (facts.itemsWithoutMinutes.length > 0) {
    const items = facts.itemsWithoutMinutes
      .map((item) => `${item.position}. ${item.title}`)
      .join('; ');
    refusals.push({
      status: 400,
      code: 'minutes-incomplete',
      field: 'minutes',
      message: `Every item needs its minute before the minutes are approved. Not yet minuted: ${items}.`,
    });
  }
  return refusals;
}

export interface DistributionRow {
  mailStatus: 'pending' | 'sent' | 'failed' | null;
  receivedAt: Date | string | null;
}

export interface DistributionCounts {
  total: number;
  sent: number;
  pending: number;
  failed: number;
  byHand: number;
  received: number;
}

export function distributionCounts(rows: readonly DistributionRow[]): DistributionCounts {
  return {
    total: rows.length,
    sent: rows.filter((row) => row.mailStatus === 'sent').length,
    pending: rows.filter((row) => row.mailStatus === 'pending').length,
    failed: rows.filter((row) => row.mailStatus === 'failed').length,
    byHand: rows.filter((row) => row.mailStatus === null).length,
    received: rows.filter((row) => row.receivedAt !== null).length,
  };
}

/** "32 sent, 1 received", naming pending, failed and by-hand copies only when there are any. */
export function distributionCountsText(counts: DistributionCounts): string {
  return [
    `${counts.sent} sent`,
    ...(counts.pending ? [`${counts.pending} waiting to send`] : []),
    ...(counts.failed ? [`${counts.failed} failed`] : []),
    ...(counts.byHand ? [`${counts.byHand} to send by hand`] : []),
    `${counts.received} received`,
  ].join(', ');
}

/** "1 Part II item is not published", "2 Part II items are not published". */
export function hiddenMinutesText(count: number): string {
  return count === 1
    ? '1 Part II item is not published'
    : `${count} Part II items are not published`;
}
