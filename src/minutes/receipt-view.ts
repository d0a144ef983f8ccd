/**
 * The receipt view: what a receipt link sent with approved minutes is for — which minutes, sent
 * to which organisation, and whether their receipt is confirmed. The link's token is its only
 * authority; a token we did not send is a 404. Reads only.
 */
import type { Database, Reader } from '../db/connection.ts';
import { digestToken, londonDate } from '../identity/index.ts';
import { meetingFactsOf } from '../meetings/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { selectReceipt } from './minutes-queries.ts';

export interface ReceiptView {
  organisation: string;
  meeting: { id: string; title: string; bodyTitle: string; meetingOn: string };
  receivedAt: string | null;
}

/** The distribution a receipt link names, or a 404 saying the link is not one we sent. */
export async function loadReceipt(reader: Reader, token: string) {
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
