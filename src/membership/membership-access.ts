/**
 * Who may change a body's membership: an administrator or the body's own secretariat. One check,
 * shared by every write to the membership (appointing, ending, elections, standing attendees), so
 * the refusal reads the same wherever it is met.
 */

import { type Actor, mayRunBody } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';

export function assertMayManage(actor: Actor, body: { slug: string; title: string }) {
  if (!mayRunBody(actor, body.slug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${body.title} may change its membership.`,
    });
  }
}
