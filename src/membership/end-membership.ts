/**
 * Ending a membership: `endsOn` is the last day the seat is held. A departure is never refused by
 * the engine — it leaves a vacancy, which the membership page reports — but it waits while a
 * question of the body is being voted on with a count that must not move, and a fixed term may
 * only be cut short. Writes the new end and the `membership.ended` audit event in one transaction.
 */

import { recordAuditEvents } from '../audit/index.ts';
import { loadBodyWithVersions } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { selectQuestionsWhoseCountIsFixed } from '../db/count-fixed-questions.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import { assertMayManage } from './membership-access.ts';
import { selectHoldingForUpdate, setHoldingEnd } from './membership-queries.ts';

/**
 * Ends a membership: `endsOn` is the last day the seat is held. Ending leaves a vacancy, which the
 * membership page reports; the engine never refuses a departure.
 */
export async function endMembership(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  holdingId: string;
  endsOn: string;
}): Promise<{ holdingId: string; endsOn: string }> {
  const { body } = await loadBodyWithVersions(options.db, options.slug);
  assertMayManage(options.actor, body);
  return options.db.transaction(async (transaction) => {
    const holding = await selectHoldingForUpdate(transaction, options.holdingId);
    if (!holding || holding.bodyId !== body.id) {
      throw notFound(`membership of ${body.title}`, options.holdingId);
    }
    // Ending a seat could take a vote out of a count that must not move (a secret ballot, a tie
    // awaiting the casting vote), and so tell how it was cast: the question is settled first.
    const fixed = await selectQuestionsWhoseCountIsFixed(transaction, { bodyId: body.id });
    if (fixed.length > 0) {
      throw new ProblemError({
        status: 409,
        code: 'count-fixed',
        title: 'A vote is being taken',
        detail: `Memberships of ${body.title} cannot end while ${fixed.map((question) => `“${question.title}”`).join(', ')} ${fixed.length === 1 ? 'is' : 'are'} being voted on (a secret ballot, or a tie awaiting the casting vote). Close or withdraw the question first.`,
      });
    }
    // A fixed term may be cut short; it is never extended by "ending" it later.
    if (holding.endsOn !== null && holding.endsOn <= options.endsOn) {
      throw conflict('holdingId', `This membership already ends on ${holding.endsOn}.`);
    }
    if (options.endsOn < holding.startsOn) {
      throw invalidInput([
        {
          field: 'endsOn',
          message: `The membership started on ${holding.startsOn}; it cannot end before.`,
        },
      ]);
    }
    await setHoldingEnd(transaction, holding.id, options.endsOn);
    await recordAuditEvents(transaction, options.context, [
      {
        action: 'membership.ended',
        entityType: 'body',
        entityId: body.id,
        before: { holdingId: holding.id, seatRole: holding.seatRole, endsOn: holding.endsOn },
        after: { holdingId: holding.id, seatRole: holding.seatRole, endsOn: options.endsOn },
      },
    ]);
    return { holdingId: holding.id, endsOn: options.endsOn };
  });
}
