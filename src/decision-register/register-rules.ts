/**
 * The register's rules that need no database: which questions count as decisions, who may see a
 * Part II item's decision, meeting-date bounds in London time, and the CSV's columns.
 */
import { csvOf } from '../decisions/index.ts';
import type { Actor } from '../identity/index.ts';
import { mayReadConfidentialItems } from '../meetings/index.ts';

/** A draft is not yet a decision: the register holds questions once they are opened. */
export const registerStatuses = ['open', 'closed', 'withdrawn'] as const;
export type RegisterStatus = (typeof registerStatuses)[number];

/** The engine's outcomes a closed question can have (a tie awaiting its casting vote stays open). */
export const registerOutcomes = [
  'carried',
  'notCarried',
  'consensus',
  'noConsensus',
  'advice',
  'inquorate',
] as const;
export type RegisterOutcome = (typeof registerOutcomes)[number];

/**
 * Whose Part II decisions the reader may see: every body's, or those of the bodies they sit on,
 * judged body by body with the rule the meeting and decision pages use.
 */
export type ConfidentialScope = { every: true } | { every: false; bodySlugs: string[] };

export function confidentialScopeOf(actor: Actor): ConfidentialScope {
  if (actor.kind !== 'account') return { every: false, bodySlugs: [] };
  if (actor.isAdministrator) return { every: true };
  const slugs = [...new Set(actor.bodyRoles.map((fact) => fact.bodyId))];
  return { every: false, bodySlugs: slugs.filter((slug) => mayReadConfidentialItems(actor, slug)) };
}

const londonDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/**
 * The instant a London calendar day begins. Clocks change at 01:00 UTC, so midnight is never
 * skipped or repeated: it is 00:00 UTC in winter and 23:00 UTC the evening before in summer.
 */
export function startOfLondonDay(date: string): Date {
  const summerStart = new Date(Date.parse(`${date}T00:00:00Z`) - 60 * 60 * 1000);
  return londonDateFormat.format(summerStart) === date
    ? summerStart
    : new Date(`${date}T00:00:00Z`);
}

/** The first instant after a London calendar day. */
export function endOfLondonDay(date: string): Date {
  const next = new Date(Date.parse(`${date}T12:00:00Z`) + 24 * 60 * 60 * 1000);
  return startOfLondonDay(next.toISOString().slice(0, 10));
}

/** The first words of a question's text, for a results list. */
export function excerptOf(text: string, maximumLength = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maximumLength) return flat;
  const cut = flat.slice(0, maximumLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maximumLength - 20))}…`;
}

export interface RegisterCsvRow {
  id: string;
  path: string;
  body: string;
  meeting: string;
  meetingOn: string;
  agendaItem: string;
  isPartII: boolean;
  title: string;
  kind: string | null;
  method: string;
  ballot: string;
  status: string;
  outcomeText: string | null;
  summary: string | null;
  counts: { for: number; against: number; abstain: number; noVote: number } | null;
  openedAt: string | null;
  closedAt: string | null;
}

export const registerCsvColumns = [
  'id',
  'url',
  'body',
  'meeting',
  'meeting_date',
  'agenda_item',
  'part_ii',
  'title',
  'kind',
  'method',
  'ballot',
  'status',
  'outcome',
  'summary',
  'for',
  'against',
  'abstain',
  'no_vote',
  'opened_at',
  'closed_at',
] as const;

/**
 * The register as CSV (RFC 4180, CRLF), one row per decision, quoted and guarded against
 * spreadsheet formulas by the decisions' own CSV writer. Votes appear as counts only: the
 * per-voter record of a named ballot is on each decision's page and its results CSV.
 */
export function registerCsv(rows: readonly RegisterCsvRow[], publicUrl: string): string {
  return csvOf([
    [...registerCsvColumns],
    ...rows.map((row) => [
      row.id,
      `${publicUrl}${row.path}`,
      row.body,
      row.meeting,
      row.meetingOn,
      row.agendaItem,
      row.isPartII ? 'yes' : 'no',
      row.title,
      row.kind,
      row.method,
      row.ballot,
      row.status,
      row.outcomeText,
      row.summary,
      row.counts?.for ?? null,
      row.counts?.against ?? null,
      row.counts?.abstain ?? null,
      row.counts?.noVote ?? null,
      row.openedAt,
      row.closedAt,
    ]),
  ]);
}
