import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Reader } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  commissioningIntentions,
  commissioningRounds,
  roundSubmissions,
} from '../db/schema/commissioning.ts';
import { proposals } from '../db/schema/decisions.ts';
import { accounts, apiTokens } from '../db/schema/identity.ts';
import { leadArrangements, proposedActions } from '../db/schema/lead-commissioning.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { organisations, people, posts, sectors } from '../db/schema/registry.ts';
import { specifications, specificationVersions } from '../db/schema/specifications.ts';

export interface AuditTrailEntry {
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** Its place in the sealed chain; null until the sealer has reached it. */
  sequence: number | null;
}

export const defaultAuditTrailLimit = 100;

/** What happened to one entity, newest first (served by the entity index). */
export async function listAuditTrail(options: {
  db: Database;
  entityType: string;
  entityId: string;
  limit?: number;
  offset?: number;
}): Promise<AuditTrailEntry[]> {
  return options.db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actor: auditEvents.actor,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      requestId: auditEvents.requestId,
      sequence: auditEvents.sequence,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, options.entityType),
        eq(auditEvents.entityId, options.entityId),
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(options.limit ?? defaultAuditTrailLimit)
    .offset(options.offset ?? 0);
}

/** How many events one entity's trail holds, for paging it. */
export async function countAuditTrail(
  db: Reader,
  entityType: string,
  entityId: string,
): Promise<number> {
  const [row] = await db
    .select({ events: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)));
  return Number(row?.events ?? 0);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A meeting as a trail names it: its body and its day, for example "London … meeting, 10 December 2026". */
const meetingDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function meetingInWords(row: { bodyTitle: string; startsAt: Date }): string {
  return `${row.bodyTitle} meeting, ${meetingDay.format(row.startsAt)}`;
}

/**
 * The titles of the records a trail names, by id: accounts, people (and the seats, posts and
 * registers that are theirs), organisations, bodies (by id and slug), sectors, meetings, agenda
 * items, questions, API tokens and the commissioning cycle's records. Words that name nothing are
 * simply absent.
 */
export async function selectRecordNames(
  db: Reader,
  identifiers: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(identifiers.filter((identifier) => uuidPattern.test(identifier)))];
  const words = [...new Set(identifiers.filter((identifier) => !uuidPattern.test(identifier)))];
  const names = new Map<string, string>();
  const add = (rows: { key: string; name: string }[]) => {
    for (const row of rows) names.set(row.key, row.name);
  };
  if (words.length) {
    add(
      await db
        .select({ key: bodies.slug, name: bodies.title })
        .from(bodies)
        .where(inArray(bodies.slug, words)),
    );
    add(
      await db
        .select({ key: sectors.id, name: sectors.name })
        .from(sectors)
        .where(inArray(sectors.id, words)),
    );
  }
  if (!ids.length) return names;
  add(
    await db
      .select({ key: accounts.id, name: accounts.displayName })
      .from(accounts)
      .where(inArray(accounts.id, ids)),
  );
  add(
    await db
      .select({ key: people.id, name: people.name })
      .from(people)
      .where(inArray(people.id, ids)),
  );
  add(
    await db
      .select({ key: seatHoldings.id, name: people.name })
      .from(seatHoldings)
      .innerJoin(people, eq(seatHoldings.personId, people.id))
      .where(inArray(seatHoldings.id, ids)),
  );
  add(
    await db
      .select({ key: posts.id, name: people.name })
      .from(posts)
      .innerJoin(people, eq(posts.personId, people.id))
      .where(inArray(posts.id, ids)),
  );
  add(
    await db
      .select({ key: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, ids)),
  );
  add(
    await db
      .select({ key: bodies.id, name: bodies.title })
      .from(bodies)
      .where(inArray(bodies.id, ids)),
  );
  for (const row of await db
    .select({ key: meetings.id, bodyTitle: bodies.title, startsAt: meetings.startsAt })
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(inArray(meetings.id, ids))) {
    names.set(row.key, meetingInWords(row));
  }
  add(
    await db
      .select({ key: agendaItems.id, name: agendaItems.title })
      .from(agendaItems)
      .where(inArray(agendaItems.id, ids)),
  );
  add(
    await db
      .select({ key: proposals.id, name: proposals.title })
      .from(proposals)
      .where(inArray(proposals.id, ids)),
  );
  add(
    await db
      .select({ key: apiTokens.id, name: apiTokens.name })
      .from(apiTokens)
      .where(inArray(apiTokens.id, ids)),
  );
  await addCommissioningNames(db, ids, add);
  return names;
}

/** The commissioning cycle's records (issue 23): rounds, returns, intentions, arrangements, specifications. */
async function addCommissioningNames(
  db: Reader,
  ids: string[],
  add: (rows: { key: string; name: string }[]) => void,
): Promise<void> {
  const yearName = (startYear: number) =>
    `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
  for (const row of await db
    .select({ key: commissioningRounds.id, startYear: commissioningRounds.startYear })
    .from(commissioningRounds)
    .where(inArray(commissioningRounds.id, ids))) {
    add([{ key: row.key, name: `Commissioning round ${yearName(row.startYear)}` }]);
  }
  add(
    await db
      .select({ key: roundSubmissions.id, name: organisations.name })
      .from(roundSubmissions)
      .innerJoin(organisations, eq(roundSubmissions.organisationId, organisations.id))
      .where(inArray(roundSubmissions.id, ids)),
  );
  add(
    await db
      .select({ key: roundSubmissions.id, name: bodies.title })
      .from(roundSubmissions)
      .innerJoin(bodies, eq(roundSubmissions.bodyId, bodies.id))
      .where(inArray(roundSubmissions.id, ids)),
  );
  add(
    await db
      .select({ key: commissioningIntentions.id, name: commissioningIntentions.title })
      .from(commissioningIntentions)
      .where(inArray(commissioningIntentions.id, ids)),
  );
  for (const row of await db
    .select({
      key: leadArrangements.id,
      service: leadArrangements.service,
      provider: organisations.name,
    })
    .from(leadArrangements)
    .innerJoin(organisations, eq(leadArrangements.providerOrganisationId, organisations.id))
    .where(inArray(leadArrangements.id, ids))) {
    add([{ key: row.key, name: `${row.service}, ${row.provider}` }]);
  }
  add(
    await db
      .select({ key: proposedActions.id, name: proposedActions.text })
      .from(proposedActions)
      .where(inArray(proposedActions.id, ids)),
  );
  add(
    await db
      .select({ key: specifications.id, name: specifications.title })
      .from(specifications)
      .where(inArray(specifications.id, ids)),
  );
  for (const row of await db
    .select({
      key: specificationVersions.id,
      title: specifications.title,
      version: specificationVersions.version,
    })
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(inArray(specificationVersions.id, ids))) {
    add([{ key: row.key, name: `${row.title}, version ${row.version}` }]);
  }
}

/** What a trail is about, in words, and the page that shows it, where there is one. */
export async function selectTrailSubject(
  db: Reader,
  entityType: string,
  entityId: string,
): Promise<{ title: string; page: string | undefined }> {
  const kind = entityType.replace(/-/g, ' ');
  const unnamed = { title: `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`, page: undefined };
  if (!uuidPattern.test(entityId)) return unnamed;
  if (entityType === 'body') {
    const [row] = await db
      .select({ title: bodies.title, slug: bodies.slug })
      .from(bodies)
      .where(eq(bodies.id, entityId));
    return row ? { title: row.title, page: `/bodies/${row.slug}` } : unnamed;
  }
  const names = await selectRecordNames(db, [entityId]);
  const name = names.get(entityId);
  if (!name) return unnamed;
  const pages: Record<string, string> = {
    meeting: `/meetings/${entityId}`,
    organisation: `/organisations/${entityId}`,
    person: `/people/${entityId}`,
  };
  const titles: Record<string, string> = {
    meeting: `${name}`,
    'register-of-interests': `Register of interests: ${name}`,
    'api-token': `API token: ${name}`,
    post: `Post held by ${name}`,
  };
  return { title: titles[entityType] ?? name, page: pages[entityType] };
}

/** The body an audited entity belongs to (by slug), for the entity types that have one. */
export async function selectOwningBodySlug(
  db: Reader,
  entityType: string,
  entityId: string,
): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(entityId)) return undefined;
  if (entityType === 'body') {
    const [row] = await db
      .select({ slug: bodies.slug })
      .from(bodies)
      .where(eq(bodies.id, entityId));
    return row?.slug;
  }
  if (entityType === 'meeting') {
    const [row] = await db
      .select({ slug: bodies.slug })
      .from(meetings)
      .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
      .where(eq(meetings.id, entityId));
    return row?.slug;
  }
  return undefined;
}
