/**
 * Who may see and act on a body's disputes, where the policy's own facts are not enough: whether
 * the reader holds a post at NHS London (the SHA) or a seat on the body that day, and the refusal
 * given to anyone else. Shared by raising a dispute, recording a step and every read of disputes.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import {
  type DisputeRecord,
  holdsSeatOn,
  holdsStrategicHealthAuthorityPost,
} from './dispute-queries.ts';
import { mayReadDisputes } from './dispute-rules.ts';

export function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

/** What the policy's facts cannot say: whether the reader holds an SHA post, or a seat on the body. */
export async function readerFacts(
  reader: Reader,
  actor: Actor,
  bodyId: string | null,
  today: string,
) {
  if (actor.kind !== 'account' || actor.personId === null) {
    return { holdsShaPost: false, holdsSeat: false };
  }
  const [holdsShaPost, holdsSeat] = await Promise.all([
    holdsStrategicHealthAuthorityPost(reader, actor.personId, today),
    bodyId ? holdsSeatOn(reader, bodyId, actor.personId, today) : false,
  ]);
  return { holdsShaPost, holdsSeat };
}

export function bodyOf(dispute: DisputeRecord) {
  return { id: dispute.bodyId, slug: dispute.bodySlug, title: dispute.bodyTitle };
}

export async function refuseUnlessMayRead(
  reader: Reader,
  actor: Actor,
  body: { id: string; slug: string; title: string },
  today: string,
) {
  const facts = await readerFacts(reader, actor, body.id, today);
  if (!mayReadDisputes(actor, body.slug, facts)) {
    throw forbidden(
      `Only the members, chair and secretariat of ${body.title}, NHS London (the SHA) and administrators may read its disputes.`,
    );
  }
}
