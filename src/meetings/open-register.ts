/**
 * Use cases: the secretariat opens the attendance register so members may mark themselves
 * present (check-in.ts), and closes it again, recording `meeting.register-opened` and
 * `meeting.register-closed`. A cancelled or held meeting's register is not opened: the
 * secretariat keeps a held meeting's attendance record itself.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { ProblemError } from '../shared/problems.ts';
import { assertMayManage, loadMeeting } from './meeting-access.ts';
import { lockMeeting, selectMeeting, updateRegisterOpenedAt } from './meeting-queries.ts';

interface RegisterOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
}

/** Opens the register for self check-in. */
export async function openRegister(options: RegisterOptions): Promise<{ open: true }> {
  return setRegister(options, true);
}

/** Closes the register: members can no longer mark themselves present. */
export async function closeRegister(options: RegisterOptions): Promise<{ open: false }> {
  return setRegister(options, false);
}

async function setRegister<Open extends boolean>(
  options: RegisterOptions,
  open: Open,
): Promise<{ open: Open }> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  if (open && meeting.status !== 'scheduled') {
    throw new ProblemError({
      status: 409,
      code: 'meeting-not-open',
      title: 'The register cannot be opened',
      detail:
        meeting.status === 'cancelled'
          ? 'The meeting was cancelled, so no one checks in to it.'
          : 'The meeting has been held; record its attendance with the register instead.',
    });
  }
  return db.transaction(async (transaction) => {
    await lockMeeting(transaction, meeting.id);
    const current = await selectMeeting(transaction, meeting.id);
    const isOpen = current?.registerOpenedAt != null;
    if (isOpen === open) {
      throw new ProblemError({
        status: 409,
        code: open ? 'register-open' : 'register-closed',
        title: open ? 'The register is already open' : 'The register is already closed',
        detail: open
          ? 'Members can already mark themselves present.'
          : 'Members cannot mark themselves present now; open the register to let them.',
      });
    }
    await updateRegisterOpenedAt(transaction, meeting.id, open ? context.now : null);
    await recordAuditEvents(transaction, context, [
      {
        action: open ? 'meeting.register-opened' : 'meeting.register-closed',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { registerOpen: !open },
        after: { registerOpen: open },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { open };
  });
}
