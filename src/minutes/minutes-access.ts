/**
 * Who may keep a body's minutes: an administrator or the body's own secretariat. One home for the
 * refusal, so drafting a minute, adding minutes for approval and approving them refuse alike.
 */
import { type Actor, mayRunBody } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';

export function assertMayManage(actor: Actor, meeting: { bodySlug: string; bodyTitle: string }) {
  if (!mayRunBody(actor, meeting.bodySlug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${meeting.bodyTitle} may keep its minutes.`,
    });
  }
}
