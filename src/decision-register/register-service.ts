import type { Database } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import type { TallyResult } from '../governance/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { invalidInput } from '../shared/problems.ts';
import {
  type RegisterFilter,
  type RegisterRow,
  selectBodyChoices,
  selectRegisterPage,
  selectRegisterRows,
  selectTermsEntries,
  type TermsEntry,
} from './register-queries.ts';
import {
  confidentialScopeOf,
  endOfLondonDay,
  excerptOf,
  type RegisterCsvRow,
  registerCsv,
  registerOutcomes,
  registerStatuses,
  startOfLondonDay,
} from './register-rules.ts';
import type { RegisterExportQuery, RegisterQuery } from './schemas.ts';

export interface RegisterEntry {
  id: string;
  title: string;
  excerpt: string;
  body: { slug: string; title: string };
  meeting: { id: string; title: string; meetingOn: string };
  agendaItem: { position: number; title: string; isPartII: boolean };
  isAmendment: boolean;
  kind: { id: string; title: string; clause: string } | null;
  method: { id: string; title: string };
  ballot: string;
  status: string;
  outcome: string | null;
  outcomeText: string | null;
  summary: string | null;
  counts: { for: number; against: number; abstain: number; noVote: number } | null;
  openedAt: string | null;
  closedAt: string | null;
  path: string;
}

export interface RegisterPage {
  items: RegisterEntry[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  orderedBy: 'relevance' | 'newest';
}

/** What the terms in force on the meeting day call a decision's kind and method. */
class TermsNames {
  private readonly byBody = new Map<string, TermsEntry[]>();

  constructor(entries: readonly TermsEntry[]) {
    for (const entry of entries) {
      const list = this.byBody.get(entry.bodySlug) ?? [];
      list.push(entry);
      this.byBody.set(entry.bodySlug, list);
    }
  }

  /** Entries come newest version first: the first on or before the day is the one in force. */
  find(bodySlug: string, on: string, entry: 'kind' | 'method', id: string) {
    const candidates = (this.byBody.get(bodySlug) ?? []).filter(
      (candidate) => candidate.entry === entry && candidate.id === id,
    );
    return candidates.find((candidate) => candidate.effectiveOn <= on) ?? candidates[0];
  }

  kindIds(bodySlug?: string): Set<string> {
    const lists = bodySlug ? [this.byBody.get(bodySlug) ?? []] : [...this.byBody.values()];
    return new Set(lists.flat().flatMap((entry) => (entry.entry === 'kind' ? [entry.id] : [])));
  }

  /** Each kind once, named as the newest version of the terms names it. */
  kindChoices(): { id: string; title: string }[] {
    const kinds = new Map<string, string>();
    for (const list of this.byBody.values()) {
      for (const entry of list) {
        if (entry.entry === 'kind' && !kinds.has(entry.id)) kinds.set(entry.id, entry.title);
      }
    }
    return [...kinds]
      .map(([id, title]) => ({ id, title }))
      .sort((left, right) => left.title.localeCompare(right.title));
  }
}

function entryOf(row: RegisterRow, names: TermsNames): RegisterEntry {
  const meetingOn = londonDate(row.meetingStartsAt);
  const kind = row.decisionKind
    ? names.find(row.bodySlug, meetingOn, 'kind', row.decisionKind)
    : undefined;
  const method = names.find(row.bodySlug, meetingOn, 'method', row.methodId);
  return {
    id: row.id,
    title: row.title,
    excerpt: excerptOf(row.text),
    body: { slug: row.bodySlug, title: row.bodyTitle },
    meeting: { id: row.meetingId, title: row.meetingTitle, meetingOn },
    agendaItem: {
      position: row.agendaItemPosition,
      title: row.agendaItemTitle,
      isPartII: row.agendaItemIsConfidential,
    },
    isAmendment: row.amendsProposalId !== null,
    kind: row.decisionKind
      ? {
          id: row.decisionKind,
          title: kind?.title ?? row.decisionKind,
          clause: kind?.clause ?? '',
        }
      : null,
    method: { id: row.methodId, title: method?.title ?? row.methodId },
    ballot: row.ballot,
    status: row.status,
    outcome: row.outcome,
    outcomeText: row.outcome ? outcomeText(row.outcome as TallyResult['outcome']) : null,
    summary: row.outcomeSummary,
    counts:
      row.countFor === null
        ? null
        : {
            for: row.countFor,
            against: row.countAgainst ?? 0,
            abstain: row.countAbstain ?? 0,
            noVote: row.countNoVote ?? 0,
          },
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    path: `/decisions/${row.id}`,
  };
}

/**
 * The filters as the queries take them. A body or kind the register does not know is refused by
 * name rather than answered with nothing, so a mistyped filter is never mistaken for "no
 * decisions"; the dates are London calendar days of the meeting.
 */
async function filterOf(
  db: Database,
  actor: Actor,
  filters: RegisterExportQuery,
): Promise<{ filter: RegisterFilter; names: TermsNames }> {
  const names = new TermsNames(await selectTermsEntries(db));
  const problems: { field: string; message: string }[] = [];
  if (filters.body) {
    const known = await selectBodyChoices(db);
    if (!known.some((body) => body.slug === filters.body)) {
      problems.push({
        field: 'body',
        message: `No body has the id "${filters.body}": choose one of ${known.map((body) => body.slug).join(', ')}.`,
      });
    }
  }
  if (filters.kind && !names.kindIds().has(filters.kind)) {
    problems.push({
      field: 'kind',
      message: `No body's terms of reference have a kind of decision "${filters.kind}": choose one from the list.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  return {
    names,
    filter: {
      query: filters.q,
      bodySlug: filters.body,
      kind: filters.kind,
      startsFrom: filters.from ? startOfLondonDay(filters.from) : undefined,
      startsBefore: filters.to ? endOfLondonDay(filters.to) : undefined,
      status: filters.status,
      outcome: filters.outcome,
      confidential: confidentialScopeOf(actor),
    },
  };
}

export interface SearchDecisionsOptions {
  db: Database;
  actor: Actor;
  query: RegisterQuery;
}

/** One page of the register as this reader may see it. */
export async function searchDecisions(options: SearchDecisionsOptions): Promise<RegisterPage> {
  const { db, actor, query } = options;
  const { filter, names } = await filterOf(db, actor, query);
  const { rows, total } = await selectRegisterPage(db, filter, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((row) => entryOf(row, names)),
    page: query.page,
    pageSize: query.pageSize,
    total,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    orderedBy: query.q ? 'relevance' : 'newest',
  };
}

export interface ExportDecisionsOptions {
  db: Database;
  actor: Actor;
  query: RegisterExportQuery;
  publicUrl: string;
}

/** Every matching decision this reader may see, as CSV, in the register's order. */
export async function exportDecisionsCsv(
  options: ExportDecisionsOptions,
): Promise<{ fileName: string; csv: string }> {
  const { db, actor, query } = options;
  const { filter, names } = await filterOf(db, actor, query);
  const rows = (await selectRegisterRows(db, filter)).map((row) => entryOf(row, names));
  const csvRows: RegisterCsvRow[] = rows.map((entry) => ({
    id: entry.id,
    path: entry.path,
    body: entry.body.title,
    meeting: entry.meeting.title,
    meetingOn: entry.meeting.meetingOn,
    agendaItem: `${entry.agendaItem.position}. ${entry.agendaItem.title}`,
    isPartII: entry.agendaItem.isPartII,
    title: entry.title,
    kind: entry.kind?.title ?? null,
    method: entry.method.title,
    ballot: entry.ballot,
    status: entry.status,
    outcomeText: entry.outcomeText,
    summary: entry.summary,
    counts: entry.counts,
    openedAt: entry.openedAt,
    closedAt: entry.closedAt,
  }));
  return { fileName: 'decision-register.csv', csv: registerCsv(csvRows, options.publicUrl) };
}

export interface RegisterChoices {
  bodies: { slug: string; title: string }[];
  kinds: { id: string; title: string }[];
  statuses: { value: string; text: string }[];
  outcomes: { value: string; text: string }[];
}

/** What the search form offers: the bodies, every kind of decision their terms name, and more. */
export async function listRegisterChoices(options: { db: Database }): Promise<RegisterChoices> {
  const names = new TermsNames(await selectTermsEntries(options.db));
  return {
    bodies: await selectBodyChoices(options.db),
    kinds: names.kindChoices(),
    statuses: registerStatuses.map((status) => ({
      value: status,
      text:
        status === 'open'
          ? 'Open: still being decided'
          : status[0]!.toUpperCase() + status.slice(1),
    })),
    outcomes: registerOutcomes.map((outcome) => ({ value: outcome, text: outcomeText(outcome) })),
  };
}
