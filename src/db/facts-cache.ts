/**
 * Facts an app instance may keep between requests while nothing they depend on has changed.
 *
 * Every state change is audited in its own transaction (promise 4), and a trigger on the audit
 * trail moves one counter, `facts_epoch`, for every change except those that alter no fact (a vote
 * cast, a sign-in: migration 0007). A value loaded at epoch N is therefore exactly what a fresh
 * read would give for as long as the counter reads N, on every instance, whichever instance made
 * the change. The counter is read before the facts: a change committing in between leaves the
 * value newer than its epoch says, and the next reader, seeing N+1, loads again.
 *
 * Why: a vote is judged against the meeting's whole electorate (2,000 seats, their attendance and
 * interests); reading and resolving that for every vote cast made one vote cost as much as the
 * whole meeting (bench/results/latest.md, decision 011).
 */
import { eq } from 'drizzle-orm';
import type { Database, Reader } from './connection.ts';
import { factsEpoch } from './schema/decisions.ts';

interface Entry {
  epoch: number;
  value: Promise<unknown>;
}

/** Entries kept per database: the meetings in progress at once, with room to spare. */
const maximumEntries = 200;

// Per database object, so two databases in one process (tests) never share an entry.
const entriesOf = new WeakMap<Database, Map<string, Entry>>();

/** The counter of fact-changing commits, as `reader` sees it now. */
export async function readFactsEpoch(reader: Reader): Promise<number> {
  const [row] = await reader
    .select({ value: factsEpoch.value })
    .from(factsEpoch)
    .where(eq(factsEpoch.id, 1));
  if (!row) throw new Error('The facts_epoch row is missing: run the migrations (migration 0007).');
  return row.value;
}

/** The epoch the value under `key` was loaded at, if one is kept: for tests and diagnostics. */
export function keptEpochOf(database: Database, key: string): number | undefined {
  return entriesOf.get(database)?.get(key)?.epoch;
}

/**
 * The newest value kept under `key`, whatever the counter reads now. Only for a caller whose
 * write itself refuses when the counter has moved since the value was loaded (a vote:
 * `insertVoteWithAudit`), so acting on a stale value can never commit.
 */
export function newestKept<T>(database: Database, key: string): Promise<T> | undefined {
  return entriesOf.get(database)?.get(key)?.value as Promise<T> | undefined;
}

/**
 * The value under `key` as of `epoch` (read with `readFactsEpoch` in the caller's transaction,
 * before it writes anything, so an uncommitted change is never kept): the kept one when it was
 * loaded at the same epoch, otherwise `load()`, shared by every caller asking at once.
 */
export function factsAt<T>(
  database: Database,
  epoch: number,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let entries = entriesOf.get(database);
  if (!entries) {
    entries = new Map();
    entriesOf.set(database, entries);
  }
  const kept = entries.get(key);
  if (kept && kept.epoch === epoch) return kept.value as Promise<T>;
  const value = load();
  // A snapshot older than the kept value (a long repeatable-read transaction) is not kept.
  if (kept && kept.epoch > epoch) return value;
  const entry = { epoch, value };
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > maximumEntries) {
    // Map keeps insertion order: the first key is the one loaded longest ago.
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  // A failed load is not kept: the next caller loads again.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}
