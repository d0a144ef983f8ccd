/**
 * A secret vote's seal: HMAC-SHA256 over the vote's id, voter, choice and reason with a key kept
 * in the database (audit_keys, made by migration 0008, read by no route). Its audit event carries
 * the seal instead of the voter and the choice, so the trail — which administrators and
 * secretariats read — tells neither who voted nor how, while `audit verify` can still check the
 * stored vote against it. The vote's id is in the seal, so equal choices have different seals.
 */
import { createHmac } from 'node:crypto';

export function sealOfBallot(
  key: string,
  vote: { voteId: string; voterId: string; choice: string; reason: string | null },
): string {
  // Unit separators keep the parts apart: no id, choice or reason can run into the next.
  return createHmac('sha256', key)
    .update(`${vote.voteId}\u001f${vote.voterId}\u001f${vote.choice}\u001f${vote.reason ?? ''}`)
    .digest('hex');
}
