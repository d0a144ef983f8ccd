/**
 * Approve minutes: a meeting's minutes are approved at the next meeting, signed by the person
 * presiding there, and distributed in the same transaction to every organisation the terms of
 * reference name in their `reporting` duties of kind `minutes` (each e-mail quotes that clause).
 * Serves the standing orders' rule that minutes are approved and signed at the next meeting
 * (`approvalRule`, SI 1991/809). Approval and distribution commit together or not at all, so there
 * is no separate distribute step; audit events `minutes.approved` and `minutes.distributed`.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { presidingMember } from '../governance/index.ts';
import { type Actor, digestToken, newSecretToken } from '../identity/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { lockMeeting, meetingFactsOf } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';
import { gatherApproval } from './approval-facts.ts';
import { assertMayManage } from './minutes-access.ts';
import { insertApproval, insertDistributions, selectRecipientRegistry } from './minutes-queries.ts';
import {
  approvalRefusals,
  longDateText,
  type MinutesDuty,
  minutesRecipients,
} from './minutes-rules.ts';

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
    await lockMeeting(transaction, meeting.id);
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
