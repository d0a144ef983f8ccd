/**
 * The hold on a meeting while a vote's count is fixed (decision 017, secret ballots and record
 * agreement): recording attendance, sending apologies and declaring an interest ask it first,
 * inside their own transaction, and are refused with `count-fixed` while a secret ballot is open
 * or a tie awaits the casting vote.
 */
import type { Reader } from '../db/connection.ts';
import { selectQuestionsWhoseCountIsFixed } from '../db/count-fixed-questions.ts';
import { ProblemError } from '../shared/problems.ts';

/**
 * While a secret ballot is open, or a tied vote awaits the casting vote, no one's attendance or
 * declarations change: either can take a vote out of the count, and a count that moved would tell
 * how someone voted, or decide a counted vote after the fact. The whole meeting is held, not only
 * those who voted, so the refusal itself tells no one who has voted.
 */
export async function assertCountIsNotFixed(
  reader: Reader,
  meeting: { id: string },
  change: 'attendance' | 'declarations' | 'membership',
) {
  const questions = await selectQuestionsWhoseCountIsFixed(reader, { meetingId: meeting.id });
  if (questions.length === 0) return;
  const what = {
    attendance: 'Attendance',
    declarations: 'Declarations of interest',
    membership: 'Membership',
  }[change];
  throw new ProblemError({
    status: 409,
    code: 'count-fixed',
    title: 'A vote is being taken',
    detail: `${what} cannot change while ${questions.map((question) => `“${question.title}”`).join(', ')} ${questions.length === 1 ? 'is' : 'are'} being voted on (a secret ballot, or a tie awaiting the casting vote): the change could move the count. Close or withdraw the question first.`,
  });
}
