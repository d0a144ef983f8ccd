/**
 * Distribute a report to every board the terms name, with a receipt, as minutes are: the
 * recipients are the organisations the reporting duty of the report's kind names (2008
 * "Communications": to London PCTs and NHS London; 2006 §110: "to each PCT Board"), resolved
 * through the registry as the minutes' are. Each gets an e-mail with a receipt link carrying a
 * secret (only its hash is kept); a board with no correspondence address is listed to send by
 * hand. Once per version; audit event `report.distributed`. Confirming receipt: audit event
 * `report.receipt-confirmed`, once.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, digestToken, newSecretToken } from '../identity/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { reportRecipients, selectRecipientRegistry } from '../minutes/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { longDateText } from '../shared/long-date.ts';
import { conflict, ProblemError } from '../shared/problems.ts';
import { assertMayReport } from './generate-report.ts';
import {
  insertReportDistributions,
  lockReport,
  markDistributed,
  markReportReceived,
  selectReportReceipt,
} from './report-queries.ts';
import { dutyKindOf, type ReportKind, reportKindText } from './report-rules.ts';

export interface DistributionResult {
  recipients: number;
  mailed: number;
  byHand: string[];
  unmatched: string[];
}

export async function distributeReport(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  reportId: string;
  publicUrl: string;
}): Promise<DistributionResult> {
  const { db, context } = options;
  return db.transaction(async (transaction) => {
    const report = await lockReport(transaction, options.reportId);
    if (!report) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Report not found',
        detail: 'There is no such report. It may have been linked wrongly.',
      });
    }
    const figures = report.figures as { body: { slug: string; title: string } };
    const body = await loadBody(transaction, figures.body.slug);
    assertMayReport(options.actor, body);
    if (report.distributedAt) {
      throw conflict(
        'distribution',
        `This version was already distributed on ${longDateText(report.distributedAt.toISOString().slice(0, 10))}; each version goes to the boards once.`,
      );
    }
    const kind = report.kind as ReportKind;
    const constitution = await termsInForce(transaction, body.id, report.periodTo);
    const resolved = constitution
      ? reportRecipients(constitution, await selectRecipientRegistry(transaction), dutyKindOf[kind])
      : { duties: [], recipients: [], unmatched: [] };
    if (resolved.recipients.length === 0) {
      throw conflict(
        'distribution',
        `The terms of reference name no board Concordat can send this report to${resolved.unmatched.length ? ` (${resolved.unmatched.join('; ')})` : ''}. Register the boards' organisations first.`,
      );
    }
    const [duty] = resolved.duties;
    const what = `${reportKindText[kind]}: ${body.title}, ${longDateText(report.periodFrom)} to ${longDateText(report.periodTo)}`;
    const reportUrl = `${options.publicUrl}/reports/${report.id}`;
    const rows = resolved.recipients.map((organisation) => ({
      organisation,
      token: newSecretToken('rcpt_'),
      id: uuidv7(),
    }));
    const mailed = rows.filter((row) => row.organisation.correspondenceEmail !== null);
    const mailIds = await enqueueMail(
      transaction,
      mailed.map(({ organisation, token }) => ({
        recipient: organisation.correspondenceEmail ?? '',
        subject: report.version > 1 ? `${what} (version ${report.version})` : what,
        body: [
          `To the board secretary of ${organisation.name},`,
          '',
          `${what}${report.version > 1 ? ` (version ${report.version})` : ''}, generated from the record of ${body.title}, for your Board.`,
          ...(report.reason
            ? ['', `It replaces version ${report.version - 1} because: ${report.reason}`]
            : []),
          '',
          `Read it: ${reportUrl}`,
          `As a PDF: ${reportUrl}/report.pdf`,
          '',
          `Please confirm that ${organisation.name} has received it:`,
          `${options.publicUrl}/report-receipts/${token}`,
          ...(duty ? ['', `You receive it under ${duty.clause}: “${duty.text}”`] : []),
        ].join('\n'),
      })),
      context.now,
    );
    const mailIdOf = new Map(mailed.map((row, index) => [row.organisation.id, mailIds[index]]));
    await insertReportDistributions(
      transaction,
      rows.map(({ organisation, token, id }) => ({
        id,
        reportId: report.id,
        organisationId: organisation.id,
        mailId: mailIdOf.get(organisation.id) ?? null,
        receiptTokenHash: digestToken(token),
        createdAt: context.now,
      })),
    );
    await markDistributed(transaction, report.id, context.now);
    const byHand = rows
      .filter((row) => row.organisation.correspondenceEmail === null)
      .map((row) => row.organisation.name);
    await recordAuditEvents(transaction, context, [
      {
        action: 'report.distributed',
        entityType: 'report',
        entityId: report.id,
        after: {
          report: what,
          version: report.version,
          clause: duty?.clause ?? null,
          recipients: rows.map((row) => row.organisation.name),
          mailed: mailed.length,
          byHand,
          unmatched: resolved.unmatched,
        },
      },
    ]);
    return {
      recipients: rows.length,
      mailed: mailed.length,
      byHand,
      unmatched: resolved.unmatched,
    };
  });
}

/** The distribution a receipt link names, or a 404 saying the link is not one we sent. */
export async function loadReportReceipt(db: Database, token: string) {
  const receipt = await selectReportReceipt(db, digestToken(token));
  if (!receipt) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Receipt link not recognised',
      detail:
        'This receipt link is not one we sent. Check it was copied whole from the e-mail that came with the report.',
    });
  }
  return receipt;
}

/** Records once that the board received the report; the link's token is the only authority. */
export async function confirmReportReceipt(options: {
  db: Database;
  context: ActionContext;
  token: string;
}): Promise<{
  reportId: string;
  organisation: string;
  receivedAt: string;
  alreadyConfirmed: boolean;
}> {
  const { db, context } = options;
  const receipt = await loadReportReceipt(db, options.token);
  const recordedNow = await db.transaction(async (transaction) => {
    const recorded = await markReportReceived(transaction, receipt.distributionId, context.now);
    if (recorded) {
      await recordAuditEvents(transaction, context, [
        {
          action: 'report.receipt-confirmed',
          entityType: 'report',
          entityId: receipt.reportId,
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
  const after = await loadReportReceipt(db, options.token);
  return {
    reportId: receipt.reportId,
    organisation: receipt.organisationName,
    receivedAt: (after.receivedAt ?? context.now).toISOString(),
    alreadyConfirmed: !recordedNow,
  };
}
