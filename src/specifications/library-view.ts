/**
 * The library page's read model: specifications by service area, each with its approved version
 * (and, for signed-in readers, the latest version's status), and a full-text search over versions
 * (PostgreSQL tsvector: `websearch_to_tsquery('english', …)`, ranked with `ts_rank`, a snippet
 * from `ts_headline`). Empty or wordless searches are answered in plain words.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { searchMaxLength, searchOneThing, searchTooLong } from './schemas.ts';
import {
  matchStart,
  matchStop,
  searchHasTerms,
  searchVersions,
  selectLibrary,
} from './specification-queries.ts';
import { mayMaintainLibrary, seesDrafts } from './specification-reader.ts';
import { londonServiceAreas, statusInWords, type VersionStatus } from './specification-rules.ts';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A ts_headline snippet, its matched words marked, as parts a page escapes one by one. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [index, piece] of headline.split(matchStart).entries()) {
    if (index === 0) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    const [matched, rest] = piece.split(matchStop);
    if (matched) parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

const searchLimit = 50;

export async function getLibrary(options: {
  db: Reader;
  actor: Actor;
  /** A repeated `?q=` arrives from the page as a list, and is answered in words. */
  query?: string | string[] | undefined;
}) {
  const { db, actor } = options;
  const drafts = seesDrafts(actor);
  const rows = await selectLibrary(db);
  const byId = new Map<
    string,
    {
      id: string;
      title: string;
      serviceArea: string;
      approved: { version: number; approvedOn: string | null } | null;
      latest: {
        version: number;
        status: VersionStatus;
        statusText: string;
        writtenOn: string;
      } | null;
    }
  >();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? {
      id: row.id,
      title: row.title,
      serviceArea: row.serviceArea,
      approved: null,
      latest: null,
    };
    if (row.status === 'approved' && row.version !== null) {
      entry.approved = { version: row.version, approvedOn: row.approvedOn };
    }
    if (row.version !== null && row.status !== null && row.writtenOn !== null) {
      entry.latest = {
        version: row.version,
        status: row.status,
        statusText: statusInWords(row.status),
        writtenOn: row.writtenOn,
      };
    }
    byId.set(row.id, entry);
  }
  const visible = [...byId.values()].filter((entry) => drafts || entry.approved !== null);
  const areas = new Map<string, typeof visible>();
  for (const entry of visible) {
    areas.set(entry.serviceArea, [...(areas.get(entry.serviceArea) ?? []), entry]);
  }
  const serviceAreas = [...areas.entries()].map(([serviceArea, specifications]) => ({
    serviceArea,
    specifications: drafts
      ? specifications
      : specifications.map((entry) => ({ ...entry, latest: null })),
  }));
  return {
    signedIn: drafts,
    mayMaintain: mayMaintainLibrary(actor),
    suggestedServiceAreas: [...londonServiceAreas],
    serviceAreas,
    search: options.query === undefined ? null : await search(db, options.query, drafts),
  };
}

async function search(db: Reader, rawQuery: string | string[], drafts: boolean) {
  if (Array.isArray(rawQuery)) return { query: '', message: searchOneThing, results: [] };
  const query = rawQuery.trim();
  const answer = (message: string | null, results: Awaited<ReturnType<typeof found>> = []) => ({
    query,
    message,
    results,
  });
  if (!query)
    return answer(
      'Type a word or two to search the specifications, for example “thrombolysis” or “NICE CG68”.',
    );
  if (query.length > searchMaxLength) return { query: '', message: searchTooLong, results: [] };
  if (!(await searchHasTerms(db, query))) {
    return answer(
      `“${query}” has only common words (like “the” or “and”) or no words at all, so there is nothing to search for: try a word from a specification, such as a service, an outcome or a standard.`,
    );
  }
  const results = await found(db, query, drafts);
  return answer(
    results.length
      ? null
      : `No ${drafts ? '' : 'approved '}specification version mentions “${query}”. Try another word, or fewer words.`,
    results,
  );
}

async function found(db: Reader, query: string, drafts: boolean) {
  const rows = await searchVersions(db, query, { approvedOnly: !drafts, limit: searchLimit });
  return rows.map((row) => ({
    specificationId: row.specificationId,
    title: row.title,
    serviceArea: row.serviceArea,
    version: row.version,
    status: row.status as VersionStatus,
    statusText: statusInWords(row.status as VersionStatus),
    writtenOn: row.writtenOn,
    authorName: row.authorName,
    rank: Number(row.rank),
    snippet: snippetParts(row.headline),
  }));
}
