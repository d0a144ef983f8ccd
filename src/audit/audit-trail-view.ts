import type { Database } from '../db/connection.ts';
import type { Actor } from '../shared/actor.ts';
import {
  countAuditTrail,
  listAuditTrail,
  selectRecordNames,
  selectTrailSubject,
} from './audit-trail-queries.ts';
import {
  accountIdOfActor,
  actionInWords,
  actorInWords,
  type FieldChange,
  identifiersIn,
  type RecordNames,
  summariseChange,
} from './change-summary.ts';
import { refuseUnlessMayReadTrail } from './trail-access.ts';

/** A long trail is shown fifty events to a page. */
export const auditTrailPageSize = 50;

export interface TrailEventInWords {
  occurredAt: Date;
  who: string;
  what: string;
  changes: FieldChange[];
  sequence: number | null;
}

export interface AuditTrailPage {
  subject: { title: string; page: string | undefined };
  events: TrailEventInWords[];
  page: number;
  pageCount: number;
  total: number;
}

/** The titles of every record a set of events names, and of the accounts that made them. */
export async function namesForEvents(
  db: Database,
  events: readonly { actor: string; before: unknown; after: unknown }[],
): Promise<RecordNames> {
  const identifiers = events.flatMap((event) => [
    ...identifiersIn(event.before, event.after),
    ...[accountIdOfActor(event.actor) ?? []].flat(),
  ]);
  return selectRecordNames(db, identifiers);
}

/** One audited event as a person reads it: who by name, what in words, each change a line. */
export function eventInWords(
  event: { actor: string; action: string; before: unknown; after: unknown },
  names: RecordNames,
) {
  return {
    who: actorInWords(event.actor, names),
    what: actionInWords(event.action),
    changes: summariseChange(event.before, event.after, names),
  };
}

/**
 * One entity's audit trail as a page shows it (issue 22, item 5): the entity titled in words,
 * names for accounts and records, readable changes, newest first, fifty to a page. Who may read
 * it is checked here, against the entity, as for the API.
 */
export async function getAuditTrailPage(options: {
  db: Database;
  actor: Actor;
  entityType: string;
  entityId: string;
  page: number;
}): Promise<AuditTrailPage> {
  const { db, entityType, entityId } = options;
  await refuseUnlessMayReadTrail({ db, actor: options.actor, entityType, entityId });
  const total = await countAuditTrail(db, entityType, entityId);
  const pageCount = Math.max(1, Math.ceil(total / auditTrailPageSize));
  const page = Math.min(Math.max(1, options.page), pageCount);
  const rows = await listAuditTrail({
    db,
    entityType,
    entityId,
    limit: auditTrailPageSize,
    offset: (page - 1) * auditTrailPageSize,
  });
  const names = await namesForEvents(db, rows);
  return {
    subject: await selectTrailSubject(db, entityType, entityId),
    events: rows.map((row) => ({
      occurredAt: row.occurredAt,
      sequence: row.sequence,
      ...eventInWords(row, names),
    })),
    page,
    pageCount,
    total,
  };
}
