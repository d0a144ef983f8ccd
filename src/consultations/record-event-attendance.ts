/**
 * Use case: the consultation's runners record how many attended one of its public events and
 * their notes of what was said (2008 "Business development" bullet 2: "a framework for effective
 * public and patient involvement"; the 2007–08 consultation's 35 roadshows, about 4,000 attendees).
 * Recorded only once the event has begun; re-checked on the record, one transaction, audited.
 */
import { and, eq } from 'drizzle-orm';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { consultationEvents } from '../db/schema/consultations.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, ProblemError } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { checkAttendance, involvementClause, londonMomentText } from './respond-rules.ts';
import { selectEvent } from './response-queries.ts';
import { loadConsultation } from './submit-response.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function recordEventAttendance(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  eventId: string;
  attendance: string;
  notes: string;
}): Promise<void> {
  const { db, context } = options;
  const consultation = await loadConsultation(db, options.slug);
  requireRunsConsultation(options.actor, consultation, 'record its events');
  const event = uuidPattern.test(options.eventId)
    ? await selectEvent(db, consultation.id, options.eventId)
    : undefined;
  if (!event) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Event not found',
      detail: 'The consultation has no such event.',
    });
  }
  if (event.startsAt > context.now) {
    throw conflict(
      'attendance',
      `"${event.title}" begins on ${londonMomentText(event.startsAt)}: its attendance is recorded once it has begun.`,
    );
  }
  const checked = checkAttendance(options.attendance, options.notes);
  if (checked.problems.length > 0) throw invalidInput(checked.problems);
  await db.transaction(async (transaction) => {
    await transaction
      .update(consultationEvents)
      .set({ attendance: checked.attendance, notes: checked.notes, updatedAt: context.now })
      .where(
        and(
          eq(consultationEvents.id, event.id),
          eq(consultationEvents.consultationId, consultation.id),
        ),
      );
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation-event.attendance-recorded',
        entityType: 'consultation-event',
        entityId: event.id,
        before: { attendance: event.attendance, notes: event.notes },
        after: {
          attendance: checked.attendance,
          notes: checked.notes,
          clause: involvementClause.clause,
        },
      },
    ]);
  });
}
