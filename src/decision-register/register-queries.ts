import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { bodies } from '../db/schema/bodies.ts';
import { proposals } from '../db/schema/decisions.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import type { ConfidentialScope } from './register-rules.ts';

export interface RegisterFilter {
  /** Words as a person types them into a search box (websearch_to_tsquery syntax). */
  query?: string | undefined;
  bodySlug?: string | undefined;
  kind?: string | undefined;
  /** Meetings starting at or after this instant. */
  startsFrom?: Date | undefined;
  /** Meetings starting before this instant. */
  startsBefore?: Date | undefined;
  status?: string | undefined;
  outcome?: string | undefined;
  confidential: ConfidentialScope;
}

export interface RegisterRow {
  id: string;
  title: string;
  text: string;
  amendsProposalId: string | null;
  decisionKind: string | null;
  methodId: string;
  ballot: string;
  status: string;
  outcome: string | null;
  outcomeSummary: string | null;
  countFor: number | null;
  countAgainst: number | null;
  countAbstain: number | null;
  countNoVote: number | null;
  openedAt: Date | null;
  closedAt: Date | null;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  bodySlug: string;
  bodyTitle: string;
  agendaItemPosition: number;
  agendaItemTitle: string;
  agendaItemIsConfidential: boolean;
}

const searchQuery = (query: string) => sql`websearch_to_tsquery('english', ${query})`;

const storedCount = (name: 'for' | 'against' | 'abstain' | 'noVote') =>
  sql<number | null>`(${proposals.result}->'counts'->>${name})::int`;

const registerColumns = {
  id: proposals.id,
  title: proposals.title,
  text: proposals.text,
  amendsProposalId: proposals.amendsProposalId,
  decisionKind: proposals.decisionKind,
  methodId: proposals.methodId,
  ballot: proposals.ballot,
  status: proposals.status,
  outcome: proposals.outcome,
  outcomeSummary: proposals.outcomeSummary,
  countFor: storedCount('for'),
  countAgainst: storedCount('against'),
  countAbstain: storedCount('abstain'),
  countNoVote: storedCount('noVote'),
  openedAt: proposals.openedAt,
  closedAt: proposals.closedAt,
  meetingId: meetings.id,
  meetingTitle: meetings.title,
  meetingStartsAt: meetings.startsAt,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  agendaItemPosition: agendaItems.position,
  agendaItemTitle: agendaItems.title,
  agendaItemIsConfidential: agendaItems.isConfidential,
};

/**
 * Drafts are never in the register, and a Part II item's question only for a reader entitled to
 * that body's Part II business: the condition is part of every statement, counts included, so a
 * search never reveals that something hidden matched.
 */
function conditionsOf(filter: RegisterFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [ne(proposals.status, 'draft')];
  if (!filter.confidential.every) {
    const { bodySlugs } = filter.confidential;
    conditions.push(
      bodySlugs.length > 0
        ? or(eq(agendaItems.isConfidential, false), inArray(bodies.slug, bodySlugs))
        : eq(agendaItems.isConfidential, false),
    );
  }
  if (filter.query) conditions.push(sql`${proposals.search} @@ ${searchQuery(filter.query)}`);
  if (filter.bodySlug) conditions.push(eq(bodies.slug, filter.bodySlug));
  if (filter.kind) conditions.push(eq(proposals.decisionKind, filter.kind));
  if (filter.startsFrom) conditions.push(gte(meetings.startsAt, filter.startsFrom));
  if (filter.startsBefore) conditions.push(lt(meetings.startsAt, filter.startsBefore));
  if (filter.status) conditions.push(eq(proposals.status, filter.status));
  if (filter.outcome) conditions.push(eq(proposals.outcome, filter.outcome));
  return and(...conditions);
}

function orderOf(filter: RegisterFilter): SQL[] {
  const newestFirst = [
    desc(meetings.startsAt),
    asc(agendaItems.position),
    asc(proposals.createdAt),
    asc(proposals.id),
  ];
  return filter.query
    ? [desc(sql`ts_rank(${proposals.search}, ${searchQuery(filter.query)})`), ...newestFirst]
    : newestFirst;
}

function fromRegister(reader: Database) {
  return reader
    .select(registerColumns)
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id));
}

/** One page of the register, best match first when searching, else the newest meetings first. */
export async function selectRegisterPage(
  reader: Database,
  filter: RegisterFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: RegisterRow[]; total: number }> {
  const rows = await fromRegister(reader)
    .where(conditionsOf(filter))
    .orderBy(...orderOf(filter))
    .limit(page.limit)
    .offset(page.offset);
  const [counted] = await reader
    .select({ total: count() })
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(conditionsOf(filter));
  return { rows, total: Number(counted?.total ?? 0) };
}

/** Every matching decision, in the register's order, for the CSV export. */
export async function selectRegisterRows(
  reader: Database,
  filter: RegisterFilter,
): Promise<RegisterRow[]> {
  return fromRegister(reader)
    .where(conditionsOf(filter))
    .orderBy(...orderOf(filter));
}

/** One question with what the register needs to decide whether it is shown at all. */
export async function selectRegisterEntry(
  reader: Database,
  proposalId: string,
): Promise<(RegisterRow & { createdAt: Date }) | undefined> {
  const [row] = await reader
    .select({ ...registerColumns, createdAt: proposals.createdAt })
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(eq(proposals.id, proposalId));
  return row;
}

export async function selectBodyChoices(
  reader: Database,
): Promise<{ slug: string; title: string }[]> {
  return reader
    .select({ slug: bodies.slug, title: bodies.title })
    .from(bodies)
    .orderBy(asc(bodies.title));
}

export interface TermsEntry {
  bodySlug: string;
  effectiveOn: string;
  version: number;
  entry: 'kind' | 'method';
  id: string;
  title: string;
  clause: string;
}

/**
 * The kinds of decision and the methods every version of every body's terms defines, without
 * loading the whole documents: enough to name a decision's kind and method as the terms in force
 * on its meeting day do, and to offer the kinds as a filter.
 */
export async function selectTermsEntries(reader: Database): Promise<TermsEntry[]> {
  const result = await reader.execute(sql`
    select b.slug as "bodySlug", cv.effective_on::text as "effectiveOn", cv.version,
           entries.entry, entries.value->>'id' as id, entries.value->>'title' as title,
           coalesce(entries.value->>'clause', '') as clause
    from constitution_versions cv
    join bodies b on b.id = cv.body_id
    cross join lateral (
      select 'kind' as entry, value from jsonb_array_elements(coalesce(cv.document->'decisionKinds', '[]'::jsonb))
      union all
      select 'method' as entry, value from jsonb_array_elements(coalesce(cv.document->'decisionMethods', '[]'::jsonb))
    ) as entries
    order by b.slug, cv.effective_on desc, cv.version desc`);
  return (result as unknown as { rows: TermsEntry[] }).rows.map((row) => ({
    ...row,
    version: Number(row.version),
  }));
}

export interface ProposalAuditRecord {
  occurredAt: Date;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  sequence: number | null;
}

/**
 * The audit events of one question, oldest first. The decisions capability records them against
 * the meeting, naming the question in the event; an event recorded against the question itself
 * is included too.
 */
export async function selectProposalAuditEvents(
  reader: Database,
  options: { proposalId: string; meetingId: string },
): Promise<ProposalAuditRecord[]> {
  return reader
    .select({
      occurredAt: auditEvents.occurredAt,
      actor: auditEvents.actor,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      sequence: auditEvents.sequence,
    })
    .from(auditEvents)
    .where(
      or(
        and(
          eq(auditEvents.entityType, 'meeting'),
          eq(auditEvents.entityId, options.meetingId),
          or(
            sql`${auditEvents.after}->>'proposalId' = ${options.proposalId}`,
            sql`${auditEvents.before}->>'proposalId' = ${options.proposalId}`,
          ),
        ),
        and(eq(auditEvents.entityType, 'proposal'), eq(auditEvents.entityId, options.proposalId)),
      ),
    )
    .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id));
}
