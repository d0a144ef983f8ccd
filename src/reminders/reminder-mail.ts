/**
 * The words of the reminder e-mails. Pure: the question or actions, the person and the links are
 * given. A mail leaves the system, so business taken in Part II (the public excluded by resolution,
 * Public Bodies (Admission to Meetings) Act 1960 s1(2)) is never named in it: the mail says only
 * that a question or action of a confidential item is waiting, and links to the page, where the
 * reader's permissions apply. Nothing is said of how anyone else voted.
 */
import { londonDateAndTime } from '../meetings/index.ts';

export interface QuestionMailContent {
  proposalId: string;
  title: string;
  closesAt: Date;
  asksForViews: boolean;
  meeting: { title: string; bodyTitle: string };
  agendaItem: { position: number; title: string; isConfidential: boolean };
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function dayInWords(day: string): string {
  return longDate.format(new Date(`${day}T12:00:00Z`));
}

export function questionReminderSubject(question: QuestionMailContent): string {
  const what = question.asksForViews ? 'Your view is awaited' : 'Your vote is awaited';
  const on = question.agendaItem.isConfidential
    ? `a confidential question for ${question.meeting.bodyTitle}`
    : `“${question.title}”`;
  return `${what} on ${on}: it closes ${londonDateAndTime(question.closesAt)}`;
}

export function questionReminderBody(
  question: QuestionMailContent,
  recipientName: string,
  publicUrl: string,
): string {
  const noun = question.asksForViews ? 'view' : 'vote';
  const { agendaItem } = question;
  return [
    `Dear ${recipientName},`,
    '',
    `You have not yet recorded your ${noun} on a question put to ${question.meeting.bodyTitle}. It closes at ${londonDateAndTime(question.closesAt)} (London time); after that no more ${noun}s are taken.`,
    '',
    ...(agendaItem.isConfidential
      ? [
          `The question is on item ${agendaItem.position} of ${question.meeting.title}, taken in Part II (confidential to members), so this e-mail does not name it. Sign in to read it.`,
        ]
      : [
          `Question: ${question.title}`,
          `Meeting: ${question.meeting.title}, item ${agendaItem.position}: ${agendaItem.title}`,
        ]),
    '',
    `To record your ${noun}: ${publicUrl}/proposals/${question.proposalId}`,
    '',
    'You will not be reminded of this question again.',
    `To stop reminders like this one, turn them off on your account page: ${publicUrl}/account`,
    '',
    `${question.meeting.bodyTitle} secretariat, through Concordat`,
  ].join('\n');
}

export interface DigestAction {
  description: string;
  dueOn: string;
  daysOverdue: number;
  isConfidential: boolean;
  meetingTitle: string;
  bodyTitle: string;
}

function daysOverdueText(days: number): string {
  return `${days} day${days === 1 ? '' : 's'} overdue`;
}

export function digestSubject(actions: readonly DigestAction[]): string {
  const count = actions.length;
  return `Your overdue actions: ${count} action${count === 1 ? '' : 's'} past ${count === 1 ? 'its' : 'their'} due date`;
}

export function digestBody(
  actions: readonly DigestAction[],
  recipientName: string,
  today: string,
  publicUrl: string,
): string {
  const lines = actions.map((action) => {
    const what = action.isConfidential
      ? `An action from a Part II item of ${action.meetingTitle} (confidential: sign in to read it)`
      : `${action.description} (${action.meetingTitle})`;
    return `- ${what}: due ${dayInWords(action.dueOn)}, ${daysOverdueText(action.daysOverdue)}`;
  });
  return [
    `Dear ${recipientName},`,
    '',
    `As of ${dayInWords(today)}, ${actions.length === 1 ? 'this action you own is' : `these ${actions.length} actions you own are`} past ${actions.length === 1 ? 'its' : 'their'} due date:`,
    '',
    ...lines,
    '',
    `To mark an action done, or drop it saying why: ${publicUrl}/actions/overdue`,
    '',
    'This digest comes once a week while you have overdue actions.',
    `To stop it, turn it off on your account page: ${publicUrl}/account`,
    '',
    'Concordat',
  ].join('\n');
}
