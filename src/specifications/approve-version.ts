/**
 * Approving a version signed off by quality assurance (2006 §3.1(b)): an approval of an
 * unreviewed specification is refused, naming the clause, and nothing is written. The version
 * approved before it is superseded in the same transaction.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import {
  actorAsNamed,
  loadSpecificationToChange,
  notAfterToday,
  ruleBroken,
  versionNumbered,
} from './specification-access.ts';
import { lockSpecification, selectReviews, updateVersionStatus } from './specification-queries.ts';
import { approvalMoves, approvalRefusal } from './specification-rules.ts';

export async function approveVersion(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  specificationId: string;
  version: number;
  approvedOn: string;
}): Promise<{ specificationId: string; version: number; superseded: number[] }> {
  const { db, context, actor, specificationId, version, approvedOn } = options;
  await loadSpecificationToChange(db, actor, specificationId, 'approve a specification');
  const dateProblems = notAfterToday(
    'approvedOn',
    approvedOn,
    londonDate(context.now),
    'An approval',
  );
  if (dateProblems.length) throw invalidInput(dateProblems);
  const approvedBy = actorAsNamed(actor).name;
  return db.transaction(async (transaction) => {
    await lockSpecification(transaction, specificationId);
    const { found, versions } = await versionNumbered(transaction, specificationId, version);
    const reviews = await selectReviews(transaction, [found.id]);
    const refusal = approvalRefusal(found, reviews, approvedOn);
    if (refusal) throw ruleBroken([refusal]);
    const moves = approvalMoves(versions, found.id);
    // The superseded first, so at no moment are two versions approved.
    const ordered = [
      ...moves.filter((move) => move.to === 'superseded'),
      ...moves.filter((move) => move.to === 'approved'),
    ];
    for (const move of ordered) {
      await updateVersionStatus(
        transaction,
        move.versionId,
        move.to === 'approved'
          ? { status: 'approved', approvedOn, approvedBy }
          : { status: move.to },
      );
    }
    await recordAuditEvents(transaction, context, [
      {
        action: 'specification.version-approved',
        entityType: 'specification',
        entityId: specificationId,
        before: { version, versionId: found.id, status: found.status },
        after: {
          version,
          versionId: found.id,
          status: 'approved',
          approvedOn,
          approvedBy,
          superseded: moves.filter((move) => move.to === 'superseded').map((move) => move.version),
        },
      },
    ]);
    return {
      specificationId,
      version,
      superseded: moves.filter((move) => move.to === 'superseded').map((move) => move.version),
    };
  });
}
