/**
 * Use case: the secretariat edits an agenda item — its title, purpose, Part II standing, and the
 * description, presenter (a person in the registry or a name typed in) and time (a start time or
 * the minutes allotted) — recording `meeting.agenda-item-edited`. Once notice stating the business
 * has been given (agenda-notice.ts) the title, purpose and Part II standing stand; the
 * description, presenter and time may still be set. A withdrawn item is not edited.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { loadAgendaItem } from './agenda-item-access.ts';
import { assertNoticeNotGiven } from './agenda-notice.ts';
import { assertMayManage, loadMeeting } from './meeting-access.ts';
import { lockMeeting, selectPersonName, updateAgendaItem } from './meeting-queries.ts';

export interface EditAgendaItemOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string;
  title: string;
  purpose: 'decision' | 'discussion' | 'information';
  isConfidential: boolean;
  confidentialityReason?: string | undefined;
  description?: string | undefined;
  /** A person in the registry presenting the item… */
  presenterPersonId?: string | undefined;
  /** …or the presenter's name typed in; not both. */
  presenterName?: string | undefined;
  /** A London start time, "14:30"… */
  startTime?: string | undefined;
  /** …or the minutes allotted; not both. */
  minutesAllotted?: number | undefined;
}

/** Edits an item, refusing changes to the business once notice stating it has been given. */
export async function editAgendaItem(
  options: EditAgendaItemOptions,
): Promise<{ agendaItemId: string }> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const reason = options.confidentialityReason?.trim() || null;
  if (options.isConfidential && reason === null) {
    throw invalidInput([
      {
        field: 'confidentialityReason',
        message:
          'A Part II item needs the resolution’s reason for excluding the public: that publicity would be prejudicial because of the confidential nature of the business (Public Bodies (Admission to Meetings) Act 1960 s1).',
      },
    ]);
  }
  const presenterName = options.presenterName?.trim() || null;
  const presenterPersonId = options.presenterPersonId ?? null;
  if (presenterPersonId !== null && presenterName !== null) {
    throw invalidInput([
      {
        field: 'presenterName',
        message: 'Choose a person or type a presenter’s name, not both.',
      },
    ]);
  }
  const startTime = options.startTime ?? null;
  const minutesAllotted = options.minutesAllotted ?? null;
  if (startTime !== null && minutesAllotted !== null) {
    throw invalidInput([
      {
        field: 'minutesAllotted',
        message: 'Give the item a start time or the minutes allotted to it, not both.',
      },
    ]);
  }
  const presenterPerson =
    presenterPersonId === null ? undefined : await selectPersonName(db, presenterPersonId);
  if (presenterPersonId !== null && presenterPerson === undefined) {
    throw invalidInput([
      { field: 'presenterPersonId', message: 'Choose a presenter from the list.' },
    ]);
  }
  const changes = {
    title: options.title,
    purpose: options.purpose,
    isConfidential: options.isConfidential,
    confidentialityReason: options.isConfidential ? reason : null,
    description: options.description?.trim() || null,
    presenterPersonId,
    presenterName,
    startTime,
    minutesAllotted,
  };
  return db.transaction(async (transaction) => {
    await lockMeeting(transaction, meeting.id);
    const item = await loadAgendaItem(transaction, meeting, options.agendaItemId, 'edited');
    const businessChanged =
      item.title !== changes.title ||
      item.purpose !== changes.purpose ||
      item.isConfidential !== changes.isConfidential ||
      item.confidentialityReason !== changes.confidentialityReason;
    if (businessChanged) {
      await assertNoticeNotGiven(
        transaction,
        meeting,
        context.now,
        `An item’s title, purpose and Part II standing can be changed`,
      );
    }
    await updateAgendaItem(transaction, item.id, changes);
    const readable = (record: {
      title: string;
      purpose: string;
      isConfidential: boolean;
      confidentialityReason: string | null;
      description: string | null;
      presenterName: string | null;
      startTime: string | null;
      minutesAllotted: number | null;
    }) => ({
      title: record.title,
      purpose: record.purpose,
      isConfidential: record.isConfidential,
      confidentialityReason: record.confidentialityReason,
      description: record.description,
      presenter: record.presenterName,
      startTime: record.startTime,
      minutesAllotted: record.minutesAllotted,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.agenda-item-edited',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { position: item.position, ...readable(item) },
        after: {
          position: item.position,
          ...readable({ ...changes, presenterName: presenterPerson ?? presenterName }),
        },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { agendaItemId: item.id };
  });
}
