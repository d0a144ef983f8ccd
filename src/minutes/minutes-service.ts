import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/record-audit-event.ts';
import type { Database, Reader } from '../db/connection.ts';
import { evaluateQuorum, presidingMember } from '../governance/index.ts';
import { londonDate } from '../identity/actor.ts';
import type { Actor } from '../identity/policy.ts';
import { mayRunBody } from '../identity/policy.ts';
import { digestToken, newSecretToken } from '../identity/secrets.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { meetingFactsOf } from '../meetings/meeting-facts.ts';
import { mayReadConfidentialItems, visibleAgenda } from '../meetings/meeting-rules.ts';
import { getMeeting, type MeetingSummary } from '../meetings/meeting-view.ts';
import type { QuorumView } from '../meetings/quorum-view.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import {
  insertApproval,
  insertApprovalItem,
  insertDistributions,
  lockMinutesMeeting,
  markReceived,
  selectApproval,
  selectApprovalItemFor,
  selectDistributions,
  selectMeetingSequence,
  selectMinuteEntries,
  selectMinutesAgenda,
  selectReceipt,
  selectRecipientRegistry,
  upsertMinuteEntry,
} from './minutes-queries.ts';
import {
  type ApprovalFacts,
  approvalRefusals,
  approvalRule,
  type DistributionCounts,
  distributionCounts,
  distributionCountsText,
  longDateText,
  type MinutesDuty,
  minutesItemTitle,
  minutesRecipients,
  nextMeeting,
  previousMeeting,
} from './minutes-rules.ts';

type MeetingFactsBundle = Awaited<ReturnType<typeof meetingFactsOf>>;

function assertMayManage(actor: Actor, meeting: { bodySlug: string; bodyTitle: string }) {
  if (!mayRunBody(actor, meeting.bodySlug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${meeting.bodyTitle} may keep its minutes.`,
    });
  }
}

function approvedMinutesAreFinal(title: string): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'minutes-approved',
    title: 'The minutes are approved',
    detail: `The minutes of ${title} are approved: approved minutes are signed and cannot change.`,
    errors: [
      {
        field: 'text',
        message: 'These minutes are approved: approved minutes are signed and cannot change.',
      },
    ],
  });
}

/**
 * Writes (or replaces) the minute of one agenda item while the minutes are a draft. Once they are
 * approved the record is what was signed, so any change is refused.
 */
export async function draftMinute(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string;
  text: string;
}): Promise<{ agendaItemId: string; text: string; updatedAt: string }> {
  const { db, context } = options;
  const { meeting } = await meetingFactsOf(db, options.meetingId);
  assertMayManage(options.actor, meeting);
  const item = (await selectMinutesAgenda(db, meeting.id)).find(
    (candidate) => candidate.id === options.agendaItemId,
  );
  if (!item) throw notFound(`agenda item of ${meeting.title}`, options.agendaItemId);
  const text = options.text.trim();
  await db.transaction(async (transaction) => {
    // Approval takes the same lock, so a minute cannot slip in while the minutes are being signed.
    await lockMinutesMeeting(transaction, meeting.id);
    if (await selectApproval(transaction, meeting.id)) throw approvedMinutesAreFinal(meeting.title);
    const before = (await selectMinuteEntries(transaction, meeting.id)).find(
      (entry) => entry.agendaItemId === item.id,
    );
    await upsertMinuteEntry(transaction, {
      id: uuidv7(),
      meetingId: meeting.id,
      agendaItemId: item.id,
      text,
      updatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'minutes.drafted',
        entityType: 'meeting',
        entityId: meeting.id,
        before: before ? { agendaItem: item.position, text: before.text } : null,
        after: { agendaItem: item.position, title: item.title, text },
      },
    ]);
  });
  return { agendaItemId: item.id, text, updatedAt: context.now.toISOString() };
}

/**
 * Puts the previous meeting's minutes on this meeting's agenda for approval, as a public item for
 * decision. Only the meeting held immediately before may be named, and only once.
 */
export async function addMinutesForApproval(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  minutesOfMeetingId: string;
}): Promise<{ agendaItemId: string; position: number; title: string }> {
  const { db, context } = options;
  const { meeting } = await meetingFactsOf(db, options.meetingId);
  assertMayManage(options.actor, meeting);
  const sequence = await selectMeetingSequence(db, meeting.bodyId);
  const named = sequence.find((candidate) => candidate.id === options.minutesOfMeetingId);
  const previous = previousMeeting(sequence, meeting.id);
  if (!named || named.id !== previous?.id) {
    const which = named ? `${named.title} (${longDateText(londonDate(named.startsAt))})` : 'That';
    throw invalidInput([
      {
        field: 'minutesOfMeetingId',
        message: `${which} is not the meeting of ${meeting.bodyTitle} held immediately before ${meeting.title}${previous ? ` (that is ${previous.title})` : ''}. ${approvalRule.clause}: “${approvalRule.text}”`,
      },
    ]);
  }
  const title = minutesItemTitle(londonDate(named.startsAt));
  const agendaItemId = uuidv7();
  return db.transaction(async (transaction) => {
    await lockMinutesMeeting(transaction, meeting.id);
    const existing = await selectApprovalItemFor(transaction, named.id);
    if (existing) {
      throw new ProblemError({
        status: 409,
        code: 'conflict',
        title: 'The minutes are already on an agenda',
        detail: `The minutes of ${named.title} are already on the agenda of ${existing.meetingTitle} as item ${existing.position}.`,
        errors: [
          {
            field: 'minutesOfMeetingId',
            message: `The minutes of ${named.title} are already on the agenda of ${existing.meetingTitle} as item ${existing.position}.`,
          },
        ],
      });
    }
    const agenda = await selectMinutesAgenda(transaction, meeting.id);
    const position = Math.max(0, ...agenda.map((item) => item.position)) + 1;
    const item = {
      id: agendaItemId,
      position,
      title,
      purpose: 'decision',
      isConfidential: false,
      confidentialityReason: null,
      approvesMinutesOfMeetingId: named.id,
    };
    await insertApprovalItem(transaction, {
      ...item,
      meetingId: meeting.id,
      createdAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.agenda-item-added',
        entityType: 'meeting',
        entityId: meeting.id,
        after: { ...item, approvesMinutesOf: named.title },
      },
    ]);
    return { agendaItemId, position, title };
  });
}

interface GatheredApproval {
  facts: ApprovalFacts;
  approvalItem: Awaited<ReturnType<typeof selectApprovalItemFor>>;
  approving: MeetingFactsBundle | undefined;
  quorum: QuorumView | undefined;
}

/** Everything the approval rules need, read with the caller's reader (a transaction when writing). */
async function gatherApproval(
  reader: Reader,
  minutes: MeetingFactsBundle,
): Promise<GatheredApproval> {
  const { meeting } = minutes;
  const sequence = await selectMeetingSequence(reader, meeting.bodyId);
  const next = nextMeeting(sequence, meeting.id);
  const approvalItem = await selectApprovalItemFor(reader, meeting.id);
  const approving = approvalItem ? await meetingFactsOf(reader, approvalItem.meetingId) : undefined;
  let quorum: QuorumView | undefined;
  if (approving?.constitution && approvalItem) {
    // The item's own quorum: a member conflicted on approving these minutes may not count.
    const result = evaluateQuorum(approving.constitution, approving.facts, {
      itemId: approvalItem.id,
    });
    if (result.ok) {
      const { explanation } = result.value;
      quorum = {
        quorate: result.value.quorate,
        summary: explanation.summary,
        lines: [...explanation.lines],
        missing: [...explanation.missing],
        clause: explanation.clause,
        text: explanation.text,
        excluded: explanation.excluded.map(({ name, reason }) => ({ name, reason })),
      };
    }
  }
  const entries = new Set(
    (await selectMinuteEntries(reader, meeting.id)).map((entry) => entry.agendaItemId),
  );
  const itemsWithoutMinutes = (await selectMinutesAgenda(reader, meeting.id))
    .filter((item) => item.approvesMinutesOfMeetingId === null && !entries.has(item.id))
    .map(({ position, title }) => ({ position, title }));
  return {
    facts: {
      minutes: { title: meeting.title, meetingOn: minutes.meetingOn },
      alreadyApproved: (await selectApproval(reader, meeting.id)) !== undefined,
      approvalItem: approvalItem
        ? { meetingId: approvalItem.meetingId, meetingTitle: approvalItem.meetingTitle }
        : undefined,
      next: next ? { id: next.id, title: next.title } : undefined,
      quorum,
      itemsWithoutMinutes,
    },
    approvalItem,
    approving,
    quorum,
  };
}

export interface ApprovalResult {
  meetingId: string;
  approvedAt: { meetingId: string; title: string; agendaItemId: string; position: number };
  signedBy: { personId: string; name: string; basis: string };
  quorumSummary: string;
  distribution: {
    recipients: number;
    mailed: number;
    byHand: string[];
    unmatched: string[];
  };
}

/**
 * Approves a meeting's minutes at the next meeting and distributes them, in one transaction:
 * refused (writing nothing) unless the approval item is on the next meeting's agenda, that meeting
 * is quorate under its terms, and every item has its minute. The person presiding there, as the
 * engine decides, signs. Each body the terms name gets a distribution row with a receipt token,
 * and an e-mail when it has a correspondence address; the caller sends queued mail after commit.
 */
export async function approveMinutes(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  /** Who the members present chose to preside, when neither chair nor vice-chair is there. */
  presidingSeatHoldingId?: string | undefined;
  publicUrl: string;
}): Promise<ApprovalResult> {
  const { db, context } = options;
  const minutes = await meetingFactsOf(db, options.meetingId);
  const { meeting } = minutes;
  assertMayManage(options.actor, meeting);
  return db.transaction(async (transaction) => {
    await lockMinutesMeeting(transaction, meeting.id);
    const gathered = await gatherApproval(transaction, minutes);
    const refusals = approvalRefusals(gathered.facts);
    const [first] = refusals;
    if (first) {
      throw new ProblemError({
        status: refusals.some((refusal) => refusal.status === 409) ? 409 : 400,
        code: first.code,
        title:
          first.status === 409
            ? 'The minutes are already approved'
            : 'The minutes cannot be approved',
        detail: refusals.map((refusal) => refusal.message).join(' '),
        errors: refusals.map(({ field, message }) => ({ field, message })),
      });
    }
    const { approving, approvalItem, quorum } = gathered;
    if (!approving?.constitution || !approvalItem || !quorum) {
      throw new Error('approval preconditions passed without an approving meeting');
    }
    const presiding = presidingMember(approving.constitution, {
      ...approving.facts,
      ...(options.presidingSeatHoldingId && { presidingMemberId: options.presidingSeatHoldingId }),
    });
    if (!presiding.ok) {
      throw invalidInput(
        presiding.errors.map((error) => ({
          field: 'presidingSeatHoldingId',
          message: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`,
        })),
      );
    }
    const chosen = presiding.value.presiding;
    const signer = chosen
      ? approving.members.find((resolved) => resolved.holding.id === chosen.id)
      : undefined;
    if (!chosen || !signer) {
      const { explanation } = presiding.value;
      throw invalidInput([
        {
          field: 'presidingSeatHoldingId',
          message: `${explanation.summary} The minutes are signed by the person presiding. ${explanation.clause}: “${explanation.text}”`,
        },
      ]);
    }
    const quorumSummary = `${quorum.summary} (${quorum.clause})`;
    await insertApproval(transaction, {
      meetingId: meeting.id,
      approvedAtMeetingId: approving.meeting.id,
      approvedAtAgendaItemId: approvalItem.id,
      signedByPersonId: signer.holding.personId,
      quorumSummary,
      approvedAt: context.now,
    });

    const resolved = minutes.constitution
      ? minutesRecipients(minutes.constitution, await selectRecipientRegistry(transaction))
      : { duties: [] as MinutesDuty[], recipients: [], unmatched: [] };
    const rows = resolved.recipients.map((organisation) => ({
      organisation,
      token: newSecretToken('rcpt_'),
      distributionId: uuidv7(),
    }));
    const mailed = rows.filter((row) => row.organisation.correspondenceEmail !== null);
    const heldOn = longDateText(minutes.meetingOn);
    const approvedOn = longDateText(approving.meetingOn);
    const minutesUrl = `${options.publicUrl}/meetings/${meeting.id}/minutes`;
    const [duty] = resolved.duties;
    const mailIds = await enqueueMail(
      transaction,
      mailed.map(({ organisation, token }) => ({
        recipient: organisation.correspondenceEmail ?? '',
        subject: `Approved minutes: ${meeting.bodyTitle}, ${meeting.title} (${heldOn})`,
        body: [
          `To the board secretary of ${organisation.name},`,
          '',
          `The minutes of the meeting of ${meeting.bodyTitle} held on ${heldOn} (${meeting.title}) were approved at ${approving.meeting.title} on ${approvedOn} and signed by ${chosen.name}, presiding.`,
          '',
          `Read the minutes: ${minutesUrl}`,
          `As a PDF: ${minutesUrl.replace(/\/minutes$/, '/minutes.pdf')}`,
          'Part II (confidential) business is not included in the published minutes.',
          '',
          `Please confirm that ${organisation.name} has received them:`,
          `${options.publicUrl}/receipts/${token}`,
          ...(duty ? ['', `You receive the minutes under ${duty.clause}: “${duty.text}”`] : []),
        ].join('\n'),
      })),
      context.now,
    );
    const mailIdByOrganisation = new Map(
      mailed.map((row, index) => [row.organisation.id, mailIds[index] ?? null]),
    );
    await insertDistributions(
      transaction,
      rows.map(({ organisation, token, distributionId }) => ({
        id: distributionId,
        meetingId: meeting.id,
        organisationId: organisation.id,
        mailId: mailIdByOrganisation.get(organisation.id) ?? null,
        receiptTokenHash: digestToken(token),
        createdAt: context.now,
      })),
    );
    const byHand = rows
      .filter((row) => row.organisation.correspondenceEmail === null)
      .map((row) => row.organisation.name);
    await recordAuditEvents(transaction, context, [
      {
        action: 'minutes.approved',
        entityType: 'meeting',
        entityId: meeting.id,
        after: {
          approvedAtMeeting: approving.meeting.title,
          approvedAtMeetingId: approving.meeting.id,
          agendaItem: approvalItem.position,
          signedBy: chosen.name,
          presidingBasis: presiding.value.basis,
          quorum: quorumSummary,
        },
      },
      {
        action: 'minutes.distributed',
        entityType: 'meeting',
        entityId: meeting.id,
        after: {
          clause: duty?.clause ?? null,
          recipients: rows.map((row) => row.organisation.name),
          mailed: mailed.length,
          byHand,
          unmatched: resolved.unmatched,
        },
      },
    ]);
    return {
      meetingId: meeting.id,
      approvedAt: {
        meetingId: approving.meeting.id,
        title: approving.meeting.title,
        agendaItemId: approvalItem.id,
        position: approvalItem.position,
      },
      signedBy: {
        personId: signer.holding.personId,
        name: chosen.name,
        basis: presiding.value.basis,
      },
      quorumSummary,
      distribution: {
        recipients: rows.length,
        mailed: mailed.length,
        byHand,
        unmatched: resolved.unmatched,
      },
    };
  });
}

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

export interface ReceiptView {
  organisation: string;
  meeting: { id: string; title: string; bodyTitle: string; meetingOn: string };
  receivedAt: string | null;
}

async function loadReceipt(reader: Reader, token: string) {
  const receipt = await selectReceipt(reader, digestToken(token));
  if (!receipt) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Receipt link not recognised',
      detail:
        'This receipt link is not one we sent. Check it was copied whole from the e-mail that came with the minutes.',
    });
  }
  return receipt;
}

/** What a receipt link is for: which minutes, sent to which organisation, and whether received. */
export async function getReceipt(options: { db: Database; token: string }): Promise<ReceiptView> {
  const receipt = await loadReceipt(options.db, options.token);
  const { meeting } = await meetingFactsOf(options.db, receipt.meetingId);
  return {
    organisation: receipt.organisationName,
    meeting: {
      id: meeting.id,
      title: meeting.title,
      bodyTitle: meeting.bodyTitle,
      meetingOn: londonDate(meeting.startsAt),
    },
    receivedAt: receipt.receivedAt?.toISOString() ?? null,
  };
}

/**
 * Records that the organisation received the minutes, once: confirming again changes nothing and
 * reports when receipt was first confirmed. The link's token is the only authority needed.
 */
export async function confirmReceipt(options: {
  db: Database;
  context: ActionContext;
  token: string;
}): Promise<ReceiptView & { alreadyConfirmed: boolean }> {
  const { db, context } = options;
  const receipt = await loadReceipt(db, options.token);
  const recordedNow = await db.transaction(async (transaction) => {
    const recorded = await markReceived(transaction, receipt.distributionId, context.now);
    if (recorded) {
      await recordAuditEvents(transaction, context, [
        {
          action: 'minutes.receipt-confirmed',
          entityType: 'meeting',
          entityId: receipt.meetingId,
          after: {
            organisation: receipt.organisationName,
            organisationId: receipt.organisationId,
            receivedAt: context.now.toISOString(),
          },
        },
      ]);
    }
    return recorded;
  });
  const view = await getReceipt({ db, token: options.token });
  return { ...view, alreadyConfirmed: !recordedNow };
}
