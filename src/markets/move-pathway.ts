/**
 * Use case: move a consortium's pathway forward — proposed → agreed with the PCT → in place — with
 * the date it was agreed when it leaves the proposal (2006 §106 "addressing the provider management
 * of new or revised Patient Pathways"). Never backwards; nothing is written on a refusal.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound } from '../shared/problems.ts';
import { refuseUnlessMayManage } from './market-access.ts';
import { selectPathway, updatePathwayStatus } from './market-queries.ts';
import { marketClauses, type PathwayStatus, pathwayMoveProblems } from './market-rules.ts';

export async function movePathway(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  pathwayId: string;
  status: PathwayStatus;
  agreedOn?: string | undefined;
}): Promise<{ pathwayId: string }> {
  const { db, context, actor } = options;
  const pathway = await selectPathway(db, options.pathwayId);
  if (!pathway) throw notFound('pathway', options.pathwayId);
  await refuseUnlessMayManage(db, actor, context.now, `move ${pathway.name} on`);
  const from = pathway.status as PathwayStatus;
  const problems = pathwayMoveProblems(
    from,
    options.status,
    options.agreedOn,
    londonDate(context.now),
  );
  if (problems.length > 0) throw invalidInput(problems);
  const agreedOn = options.agreedOn ?? pathway.agreedOn;
  await db.transaction(async (transaction) => {
    const changed = await updatePathwayStatus(
      transaction,
      pathway.id,
      from,
      options.status,
      agreedOn,
    );
    if (changed !== 1)
      throw conflict('status', 'The pathway moved meanwhile: nothing was changed.');
    await recordAuditEvents(transaction, context, [
      {
        action: 'pathway.moved',
        entityType: 'organisation',
        entityId: pathway.consortiumId,
        before: { pathwayId: pathway.id, status: from, agreedOn: pathway.agreedOn },
        after: {
          pathwayId: pathway.id,
          status: options.status,
          agreedOn,
          clause: marketClauses.practiceConsortia.clause,
        },
      },
    ]);
  });
  return { pathwayId: pathway.id };
}
