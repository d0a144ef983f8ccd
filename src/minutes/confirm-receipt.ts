/**
 * Confirm receipt: an organisation that was sent approved minutes confirms, through the link in
 * its e-mail, that it received them. Recorded once; confirming again changes nothing. Audit event:
 * `minutes.receipt-confirmed`.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { ActionContext } from '../shared/context.ts';
import { markReceived } from './minutes-queries.ts';
import { getReceipt, loadReceipt, type ReceiptView } from './receipt-view.ts';

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
