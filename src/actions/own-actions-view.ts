/**
 * The reader's own open actions, for the signed-in home page: overdue first (longest overdue at
 * the top, "45 days overdue"), then the rest soonest due. An action from a Part II item is its
 * owner's to see (mayReadAction), so every one of them is shown.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { selectOpenActionsOfOwner } from './action-queries.ts';
import { daysOverdue, daysOverdueText, mayReadAction } from './action-rules.ts';

export interface OwnAction {
  id: string;
  description: string;
  dueOn: string;
  daysOverdue: number;
  /** "45 days overdue", or null when not yet due. */
  overdueText: string | null;
  meeting: { id: string; title: string };
  body: { slug: string; title: string };
}

export async function openActionsOfReader(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<OwnAction[]> {
  const { actor } = options;
  if (actor.kind !== 'account' || actor.personId === null) return [];
  const today = londonDate(options.now);
  const records = await selectOpenActionsOfOwner(options.db, actor.personId);
  const actions = records
    .filter((record) => mayReadAction(actor, record))
    .map((record) => {
      const days = daysOverdue(record, today);
      return {
        id: record.id,
        description: record.description,
        dueOn: record.dueOn,
        daysOverdue: days,
        overdueText: days > 0 ? daysOverdueText(days) : null,
        meeting: { id: record.meetingId, title: record.meetingTitle },
        body: { slug: record.bodySlug, title: record.bodyTitle },
      };
    });
  // Overdue first, longest overdue at the top; the query already orders by due date.
  return [
    ...actions.filter((action) => action.daysOverdue > 0),
    ...actions.filter((action) => action.daysOverdue === 0),
  ];
}
