/**
 * The minutes view: a meeting's minutes as the page, the API and the PDF show them to this
 * reader. Drafts are for the body's own people only; approved minutes are public without their
 * Part II items. The body's people also see where the copies went, and, while a draft, whether
 * and where the minutes can be approved (standing orders, SI 1991/809). Reads only.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import {
  getMeeting,
  type MeetingSummary,
  mayReadConfidentialItems,
  meetingFactsOf,
  type QuorumView,
  visibleAgenda,
} from '../meetings/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { gatherApproval } from './approval-facts.ts';
import {
  selectApproval,
  selectApprovalItemFor,
  selectDistributions,
  selectMeetingSequence,
  selectMinuteEntries,
  selectMinutesAgenda,
} from './minutes-queries.ts';
import {
  approvalRefusals,
  type DistributionCounts,
  distributionCounts,
  distributionCountsText,
  previousMeeting,
} from './minutes-rules.ts';

export interface MinutesReport {
  meeting: MeetingSummary;
  status: 'draft' | 'approved';
  approval: {
    approvedAtMeeting: { id: string; title: string; meetingOn: string };
    agendaItemPosition: number;
    signedBy: string;
    quorumSummary: string;
    approvedAt: string;
  } | null;
  present: {
    name: string;
    seatTitle: string;
    organisation: string | null;
    office: string | null;
  }[];
  deputies: { name: string; forMember: string }[];
  apologies: string[];
  items: {
    id: string;
    position: number;
    title: string;
    purpose: string;
    isConfidential: boolean;
    confidentialityReason: string | null;
    approvesMinutesOf: { meetingId: string; title: string } | null;
    minute: { text: string; updatedAt: string } | null;
  }[];
  hiddenConfidentialCount: number;
  /** For the body's own people only (null for anyone else): where the copies went. */
  distribution: {
    counts: DistributionCounts;
    summary: string;
    recipients: {
      organisation: string;
      odsCode: string | null;
      address: string | null;
      mailStatus: 'pending' | 'sent' | 'failed' | null;
      mailError: string | null;
      sentAt: string | null;
      receivedAt: string | null;
    }[];
  } | null;
  /** For the body's own people while a draft: where and whether they can be approved. */
  approvalStatus: {
    approvingMeeting: { id: string; title: string; meetingOn: string; itemPosition: number } | null;
    nextMeeting: { id: string; title: string } | null;
    quorum: QuorumView | null;
    presentAtApproval: { seatHoldingId: string; name: string }[];
    blockers: string[];
  } | null;
  /** For the body's own people: the meeting before this one, whose minutes this one approves. */
  previousMeeting: {
    id: string;
    title: string;
    meetingOn: string;
    onAgenda: { meetingId: string; title: string; position: number } | null;
    approved: boolean;
  } | null;
}

function officeRank(office: string | null): number {
  return office === 'chair' ? 0 : office === 'viceChair' ? 1 : 2;
}

function minutesNotPublished(title: string): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'These minutes are not published',
    detail: `The minutes of ${title} are not published yet: minutes are published once they are approved at the next meeting.`,
  });
}

/**
 * A meeting's minutes as this reader may see them. Drafts exist only for the body's own people;
 * approved minutes are public without their Part II items, which the body's people still see.
 */
export async function getMinutes(options: {
  db: Database;
  meetingId: string;
  actor: Actor;
}): Promise<MinutesReport> {
  const { db, actor } = options;
  const report = await getMeeting({ db, meetingId: options.meetingId, actor });
  const { meeting } = report;
  const insider = mayReadConfidentialItems(actor, meeting.body.slug);
  const approval = await selectApproval(db, meeting.id);
  if (!approval && !insider) throw minutesNotPublished(meeting.title);
  const agenda = await selectMinutesAgenda(db, meeting.id);
  const visible = visibleAgenda(agenda, insider);
  const entries = new Map(
    (await selectMinuteEntries(db, meeting.id)).map((entry) => [entry.agendaItemId, entry]),
  );
  const factsBundle = await meetingFactsOf(db, meeting.id);
  const sequence = await selectMeetingSequence(db, factsBundle.meeting.bodyId);
  const titleOf = (id: string) => sequence.find((candidate) => candidate.id === id)?.title ?? '';

  let distribution: MinutesReport['distribution'] = null;
  if (insider && approval) {
    const rows = await selectDistributions(db, meeting.id);
    const counts = distributionCounts(rows);
    distribution = {
      counts,
      summary: distributionCountsText(counts),
      recipients: rows.map((row) => ({
        organisation: row.organisationName,
        odsCode: row.odsCode,
        address: row.recipient,
        mailStatus: row.mailStatus,
        mailError: row.mailError,
        sentAt: row.sentAt?.toISOString() ?? null,
        receivedAt: row.receivedAt?.toISOString() ?? null,
      })),
    };
  }

  let approvalStatus: MinutesReport['approvalStatus'] = null;
  if (insider && !approval) {
    const gathered = await gatherApproval(db, factsBundle);
    const presentIds = new Set(
      gathered.approving?.facts.attendance
        .filter((record) => record.status === 'present')
        .map((record) => record.memberId) ?? [],
    );
    approvalStatus = {
      approvingMeeting:
        gathered.approvalItem && gathered.approving
          ? {
              id: gathered.approvalItem.meetingId,
              title: gathered.approvalItem.meetingTitle,
              meetingOn: gathered.approving.meetingOn,
              itemPosition: gathered.approvalItem.position,
            }
          : null,
      nextMeeting: gathered.facts.next ?? null,
      quorum: gathered.quorum ?? null,
      presentAtApproval: (gathered.approving?.members ?? [])
        .filter((resolved) => presentIds.has(resolved.holding.id))
        .map((resolved) => ({
          seatHoldingId: resolved.holding.id,
          name: resolved.holding.personName,
        })),
      blockers: approvalRefusals(gathered.facts).map((refusal) => refusal.message),
    };
  }

  let previous: MinutesReport['previousMeeting'] = null;
  const before = insider ? previousMeeting(sequence, meeting.id) : undefined;
  if (before) {
    const onAgenda = await selectApprovalItemFor(db, before.id);
    previous = {
      id: before.id,
      title: before.title,
      meetingOn: londonDate(before.startsAt),
      onAgenda: onAgenda
        ? {
            meetingId: onAgenda.meetingId,
            title: onAgenda.meetingTitle,
            position: onAgenda.position,
          }
        : null,
      approved: (await selectApproval(db, before.id)) !== undefined,
    };
  }

  return {
    meeting,
    status: approval ? 'approved' : 'draft',
    approval: approval
      ? {
          approvedAtMeeting: {
            id: approval.approvedAtMeetingId,
            title: approval.approvedAtMeetingTitle,
            meetingOn: londonDate(approval.approvedAtMeetingStartsAt),
          },
          agendaItemPosition: approval.approvedAtItemPosition,
          signedBy: approval.signedByName,
          quorumSummary: approval.quorumSummary,
          approvedAt: approval.approvedAt.toISOString(),
        }
      : null,
    // The chair heads the list of those present, then the vice-chair, as minutes are written.
    present: report.attendance
      .filter((member) => member.status === 'present')
      .sort((left, right) => officeRank(left.office) - officeRank(right.office))
      .map((member) => ({
        name: member.memberName,
        seatTitle: member.seatTitle,
        organisation: member.organisation,
        office: member.office,
      })),
    deputies: report.attendance
      .filter((member) => member.status === 'deputy' && member.deputyName)
      .map((member) => ({ name: member.deputyName ?? '', forMember: member.memberName })),
    apologies: report.attendance
      .filter((member) => member.status === 'apologies')
      .map((member) => member.memberName),
    items: visible.items.map((item) => {
      const entry = entries.get(item.id);
      return {
        id: item.id,
        position: item.position,
        title: item.title,
        purpose: item.purpose,
        isConfidential: item.isConfidential,
        confidentialityReason: item.confidentialityReason,
        approvesMinutesOf: item.approvesMinutesOfMeetingId
          ? {
              meetingId: item.approvesMinutesOfMeetingId,
              title: titleOf(item.approvesMinutesOfMeetingId),
            }
          : null,
        minute: entry ? { text: entry.text, updatedAt: entry.updatedAt.toISOString() } : null,
      };
    }),
    hiddenConfidentialCount: visible.hiddenConfidentialCount,
    distribution,
    approvalStatus,
    previousMeeting: previous,
  };
}
