/**
 * Use case: a person turns their e-mail reminders on or off (issue 22, item 7) — the reminder
 * before a question closes without their vote or view, and the weekly digest of their overdue
 * actions. Each account chooses for itself only, never through a read-only API token; the change
 * is audited as `account.reminders-changed` with what it was and what it became.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import { auditActorName } from './actor.ts';
import { selectReminderPreferences, updateReminderPreferences } from './identity-queries.ts';
import type { Actor } from './policy.ts';

export interface ReminderPreferences {
  questionReminders: boolean;
  actionDigest: boolean;
}

function ownAccount(actor: Actor, writing: boolean): Extract<Actor, { kind: 'account' }> {
  if (actor.kind !== 'account' || (writing && actor.tokenScope === 'read')) {
    throw new ProblemError({
      status: 403,
      code: 'not-your-account',
      title: 'You may not change these reminders',
      detail:
        'Each person chooses their own reminders, signed in (or with a token that may write).',
    });
  }
  return actor;
}

export async function getReminderPreferences(options: {
  db: Database;
  actor: Actor;
}): Promise<ReminderPreferences> {
  const actor = ownAccount(options.actor, false);
  const preferences = await selectReminderPreferences(options.db, actor.accountId);
  if (!preferences) throw notFound('account', actor.accountId);
  return preferences;
}

export async function setReminderPreferences(options: {
  db: Database;
  actor: Actor;
  preferences: ReminderPreferences;
  now: Date;
  requestId?: string;
}): Promise<{ changed: boolean }> {
  const actor = ownAccount(options.actor, true);
  const { preferences } = options;
  return options.db.transaction(async (transaction) => {
    const before = await selectReminderPreferences(transaction, actor.accountId);
    if (!before) throw notFound('account', actor.accountId);
    if (
      before.questionReminders === preferences.questionReminders &&
      before.actionDigest === preferences.actionDigest
    ) {
      return { changed: false };
    }
    await updateReminderPreferences(transaction, actor.accountId, preferences);
    await recordAuditEvents(
      transaction,
      { actor: auditActorName(actor), requestId: options.requestId, now: options.now },
      [
        {
          action: 'account.reminders-changed',
          entityType: 'account',
          entityId: actor.accountId,
          before,
          after: {
            questionReminders: preferences.questionReminders,
            actionDigest: preferences.actionDigest,
          },
        },
      ],
    );
    return { changed: true };
  });
}
