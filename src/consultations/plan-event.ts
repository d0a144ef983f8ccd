/**
 * Use case: add a public event to a consultation's plan (2008 "Healthcare for London" bullet 1:
 * "the range, nature and extent of public meetings"): its title, the sector it serves or
 * London-wide, venue, date and time. Events may be added until the consultation closes.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { londonSectors } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, type FieldProblem, invalidInput } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { eventPlanRefusal } from './consultation-rules.ts';
import { loadConsultationForChange } from './preparation-access.ts';
import { insertEvents } from './preparation-queries.ts';

export interface EventInput {
  title: string;
  /** A London sector's id, or null for a London-wide event. */
  sector: string | null;
  venue: string;
  startsAt: Date;
}

export function eventProblems(event: EventInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!event.title.trim()) problems.push({ field: 'title', message: 'Enter the event’s title.' });
  if (!event.venue.trim()) problems.push({ field: 'venue', message: 'Enter the venue.' });
  if (event.sector !== null && !londonSectors.some((sector) => sector.id === event.sector)) {
    problems.push({
      field: 'sector',
      message: 'Choose one of London’s five sectors, or London-wide.',
    });
  }
  if (Number.isNaN(event.startsAt.getTime())) {
    problems.push({ field: 'startsAt', message: 'Enter the date and time of the event.' });
  }
  return problems;
}

export async function planEvent(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  event: EventInput;
}): Promise<{ eventId: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'plan its events');
    const refusal = eventPlanRefusal(consultation.stage, consultation.closesAt, context.now);
    if (refusal) throw conflict('stage', refusal);
    const problems = eventProblems(options.event);
    if (problems.length > 0) throw invalidInput(problems);
    const id = uuidv7();
    const row = {
      id,
      consultationId: consultation.id,
      title: options.event.title.trim(),
      sector: options.event.sector,
      venue: options.event.venue.trim(),
      startsAt: options.event.startsAt,
      createdAt: context.now,
      updatedAt: context.now,
    };
    await insertEvents(transaction, [row]);
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.event-planned',
        entityType: 'consultation',
        entityId: consultation.id,
        after: {
          eventId: id,
          title: row.title,
          sector: row.sector,
          venue: row.venue,
          startsAt: row.startsAt,
        },
      },
    ]);
    return { eventId: id };
  });
}
