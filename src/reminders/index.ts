/**
 * The face of reminders — e-mail before a question closes to members yet to vote, and the weekly
 * digest of overdue actions to their owners (issue 22, item 7).
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { reminderIntervalMilliseconds, startReminderSchedule } from './reminder-schedule.ts';
export { type ReminderReport, sendReminders } from './send-reminders.ts';
