/**
 * Use case: send the reminders due now (issue 22, item 7) — to each member yet to vote on a
 * question closing within the day, and to each owner of overdue actions their weekly digest —
 * through the mail outbox, recording each so none goes twice, and auditing each.
 *
 * It is the system's own job, not a person's: it runs from `concordat reminders send` (cron or a
 * systemd timer) and hourly inside `concordat serve` when mail is configured, and no HTTP route
 * reaches it. So the permission it checks is that the caller is the scheduler or the command line
 * (`context.actor`), and what each mail says is limited to what its recipient may see
 * (reminder-mail.ts).
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { listQuestionsAwaitingVotes } from '../decisions/index.ts';
import { londonDate } from '../identity/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { ActionContext } from '../shared/context.ts';
import { ProblemError } from '../shared/problems.ts';
import {
  digestBody,
  digestSubject,
  questionReminderBody,
  questionReminderSubject,
} from './reminder-mail.ts';
import {
  claimReminder,
  selectOpenActionsDueBefore,
  selectRecipients,
  selectSentKeys,
  setReminderMail,
} from './reminder-queries.ts';
import { digestsDue, isoWeekOf, questionRemindersDue, type Skipped } from './reminder-rules.ts';

/** The callers that may run the job: the command line and the server's own schedule. */
export const reminderRunners = ['cli', 'scheduler'] as const;

export interface ReminderReport {
  /** Reminders queued before a question closes, one per member and question. */
  questionReminders: { question: string; to: string }[];
  /** Weekly digests queued, one per owner. */
  digests: { to: string; actions: number }[];
  /** People due a reminder who get none: they turned it off, or have no address. */
  skipped: (Skipped & { reminder: 'question' | 'digest' })[];
  week: string;
}

export async function sendReminders(options: {
  db: Database;
  context: ActionContext;
  publicUrl: string;
}): Promise<ReminderReport> {
  const { db, context, publicUrl } = options;
  if (!(reminderRunners as readonly string[]).includes(context.actor)) {
    throw new ProblemError({
      status: 403,
      code: 'not-the-scheduler',
      title: 'Reminders are sent by the schedule',
      detail:
        'Reminders go out from `concordat reminders send` or the server’s hourly run, not on request.',
    });
  }
  const now = context.now;
  const today = londonDate(now);
  const week = isoWeekOf(today);

  const questions = await listQuestionsAwaitingVotes({ db, now });
  const actions = await selectOpenActionsDueBefore(db, today);
  const recipients = await selectRecipients(db, [
    ...questions.flatMap((question) => question.voters.map((voter) => voter.personId)),
    ...actions.map((action) => action.ownerPersonId),
  ]);
  const questionsSent = await selectSentKeys(
    db,
    'question-closing',
    questions.map((question) => question.proposalId),
  );
  const digestsSent = await selectSentKeys(db, 'overdue-actions', [week]);
  const reminders = questionRemindersDue(questions, recipients, questionsSent, now);
  const digests = digestsDue(
    actions,
    recipients,
    new Set([...digestsSent].map((key) => key.slice(week.length + 1))),
    today,
  );

  const report: ReminderReport = {
    questionReminders: [],
    digests: [],
    skipped: [
      ...reminders.skipped.map((entry) => ({ ...entry, reminder: 'question' as const })),
      ...digests.skipped.map((entry) => ({ ...entry, reminder: 'digest' as const })),
    ],
    week,
  };
  const byId = new Map(questions.map((question) => [question.proposalId, question]));

  await db.transaction(async (transaction) => {
    for (const due of reminders.due) {
      const question = byId.get(due.proposalId);
      if (!question) continue;
      const reminderId = uuidv7();
      const claimed = await claimReminder(transaction, {
        id: reminderId,
        kind: 'question-closing',
        about: question.proposalId,
        personId: due.personId,
        createdAt: now,
      });
      if (!claimed) continue;
      const [mailId] = await enqueueMail(
        transaction,
        [
          {
            recipient: due.email,
            subject: questionReminderSubject(question),
            body: questionReminderBody(question, due.name, publicUrl),
          },
        ],
        now,
      );
      if (mailId) await setReminderMail(transaction, reminderId, mailId);
      report.questionReminders.push({
        question: question.agendaItem.isConfidential
          ? `a Part II question of ${question.meeting.title}`
          : question.title,
        to: due.name,
      });
      await recordAuditEvents(transaction, context, [
        {
          action: 'reminder.question-closing',
          entityType: 'meeting',
          entityId: question.meeting.id,
          after: {
            proposalId: question.proposalId,
            personId: due.personId,
            recipient: due.name,
            closesAt: question.closesAt.toISOString(),
          },
        },
      ]);
    }

    for (const digest of digests.due) {
      const reminderId = uuidv7();
      const claimed = await claimReminder(transaction, {
        id: reminderId,
        kind: 'overdue-actions',
        about: week,
        personId: digest.personId,
        createdAt: now,
      });
      if (!claimed) continue;
      const listed = digest.actions;
      const [mailId] = await enqueueMail(
        transaction,
        [
          {
            recipient: digest.email,
            subject: digestSubject(listed),
            body: digestBody(listed, digest.name, today, publicUrl),
          },
        ],
        now,
      );
      if (mailId) await setReminderMail(transaction, reminderId, mailId);
      report.digests.push({ to: digest.name, actions: listed.length });
      await recordAuditEvents(transaction, context, [
        {
          action: 'reminder.overdue-actions',
          entityType: 'person',
          entityId: digest.personId,
          after: {
            week,
            recipient: digest.name,
            actions: listed.map((action) => ({ actionId: action.id, dueOn: action.dueOn })),
          },
        },
      ]);
    }
  });
  return report;
}
