import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type every query module takes: the same on PGlite and PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; use-cases pass it to query modules so all writes share it. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Either the database or a transaction: what a query that only reads takes. */
export type Reader = Database | Transaction;

/**
 * Writes rows with `COPY table (columns) FROM STDIN` on the connection of a Drizzle transaction, so
 * the rows commit or roll back with everything else the transaction wrote (decision 050). `rows`
 * is COPY's text format, one line per row (see `copyTextField`). On PostgreSQL the text is
 * streamed to the transaction's own pooled client through pg-copy-streams; on PGlite it is handed
 * to the same transaction as the `/dev/blob` file PGlite's COPY reads. Bulk imports only: the
 * caller sends a bounded batch (e.g. 10,000 rows) per call, so memory stays flat.
 */
export async function copyRowsInto(
  transaction: Transaction,
  table: string,
  columns: readonly string[],
  rows: string,
): Promise<void> {
  const identifier = /^[a-z_][a-z0-9_]*$/;
  if (![table, ...columns].every((name) => identifier.test(name))) {
    throw new Error(`COPY takes plain lower-case table and column names, not ${table}(${columns})`);
  }
  // Drizzle keeps the transaction's connection in its session: a pg PoolClient or a PGlite
  // transaction. Reaching it here, in one place, keeps every other module on Drizzle alone.
  const client = (transaction as unknown as { session: { client: unknown } }).session.client;
  const target = `${table} (${columns.join(', ')})`;
  if (client instanceof pg.Client) {
    await pipeline(Readable.from([rows]), client.query(copyFromStdin(`COPY ${target} FROM STDIN`)));
    return;
  }
  await (client as PgliteTransaction).query(`COPY ${target} FROM '/dev/blob'`, [], {
    blob: new Blob([rows]),
  });
}

/** A COPY kept open on a transaction, written a chunk of lines at a time (`openCopyInto`). */
export interface CopyWriter {
  /** Resolves once the text is handed on (PostgreSQL: the socket has room again). */
  write(text: string): Promise<void>;
  /** Sends what is left and ends the COPY; rejects with the database's refusal. */
  end(): Promise<void>;
  /** Abandons the COPY (PostgreSQL: CopyFail), so the transaction can roll back; never rejects. */
  abort(): Promise<void>;
}

/** On PGlite the chunks are gathered and copied from a blob at about this size. */
const pgliteCopyBytes = 4 << 20;

/**
 * One `COPY table (columns) FROM STDIN` for as many rows as the caller writes, on the connection
 * of a Drizzle transaction (decisions 050 and 052): on PostgreSQL a pg-copy-streams stream opened
 * at the first write and kept open until `end`, each write waiting while the socket is full, so
 * the caller checks the next lines while the server stores the last ones and holds no more than a
 * chunk; on PGlite (in-process, one connection) the chunks are gathered into COPYs from a blob of
 * about 4 MB each. All of it commits or rolls back with the transaction.
 */
export function openCopyInto(
  transaction: Transaction,
  table: string,
  columns: readonly string[],
): CopyWriter {
  const identifier = /^[a-z_][a-z0-9_]*$/;
  if (![table, ...columns].every((name) => identifier.test(name))) {
    throw new Error(`COPY takes plain lower-case table and column names, not ${table}(${columns})`);
  }
  const client = (transaction as unknown as { session: { client: unknown } }).session.client;
  const command = `COPY ${table} (${columns.join(', ')})`;
  if (client instanceof pg.Client) {
    let stream: ReturnType<typeof copyFromStdin> | undefined;
    let failure: Error | undefined;
    const opened = () => {
      if (!stream) {
        stream = client.query(copyFromStdin(`${command} FROM STDIN`, { highWaterMark: 1 << 20 }));
        // Kept until end(): a refusal must not be an unhandled 'error' event meanwhile.
        stream.on('error', (error) => {
          failure = error;
        });
      }
      return stream;
    };
    return {
      async write(text) {
        if (failure) throw failure;
        const copy = opened();
        if (copy.write(text)) return;
        await new Promise<void>((resolve, reject) => {
          const drained = () => {
            copy.off('error', failed);
            resolve();
          };
          const failed = (error: Error) => {
            copy.off('drain', drained);
            reject(error);
          };
          copy.once('drain', drained);
          copy.once('error', failed);
        });
      },
      async end() {
        if (failure) throw failure;
        if (!stream) return;
        stream.end();
        await finished(stream);
      },
      async abort() {
        if (!stream || stream.writableFinished || stream.destroyed) return;
        const copy = stream;
        copy.destroy(new Error('The COPY was abandoned; the transaction rolls back.'));
        await finished(copy).catch(() => {});
      },
    };
  }
  let gathered: string[] = [];
  let gatheredBytes = 0;
  const copyGathered = async () => {
    if (gathered.length === 0) return;
    const blob = new Blob(gathered);
    gathered = [];
    gatheredBytes = 0;
    await (client as PgliteTransaction).query(`${command} FROM '/dev/blob'`, [], { blob });
  };
  return {
    async write(text) {
      gathered.push(text);
      gatheredBytes += text.length;
      if (gatheredBytes >= pgliteCopyBytes) await copyGathered();
    },
    end: copyGathered,
    async abort() {
      gathered = [];
      gatheredBytes = 0;
    },
  };
}

/** One value in COPY's text format: null as \N; backslash, tab, newline and return escaped. */
export function copyTextField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (character) =>
    character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r',
  );
}

export type DatabaseEngine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: DatabaseEngine;
  /** Where the data lives, for messages: a folder, "memory" or the server (password hidden). */
  location: string;
  /**
   * Listens on a PostgreSQL notification channel for as long as the returned stop function is not
   * called: the live meeting page hears through it what any app instance changed
   * (src/live/live-hub.ts). PostgreSQL uses one dedicated connection outside the pool, reconnected
   * when it drops; PGlite, one process's database, delivers its own NOTIFYs in-process.
   */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface NotificationHandlers {
  onNotification(payload: string): void;
  /** After the listening connection dropped and came back: notifications may have been missed. */
  onReconnected?(): void;
  /** The listening connection failed; it is retried, so this is for logging. */
  onError?(error: Error): void;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL of a real server; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite's files; `undefined` keeps the database in memory (tests). */
  dataDirectory?: string | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // Fail now with a clear message rather than at the first request.
    const probe = await pool.connect().catch(async (error: Error) => {
      await pool.end();
      throw new Error(
        `Cannot reach PostgreSQL at ${redactUrl(options.databaseUrl!)}: ${error.message}`,
      );
    });
    probe.release();
    return {
      db: drizzlePostgres(pool, { schema }) as unknown as Database,
      engine: 'postgres',
      location: redactUrl(options.databaseUrl),
      listen: (channel, handlers) => listenOnPostgres(options.databaseUrl!, channel, handlers),
      close: () => pool.end(),
    };
  }
  const releaseLock = options.dataDirectory ? lockDataDirectory(options.dataDirectory) : () => {};
  try {
    // A vote answered 201 must survive the server being killed (decision 010, checked by
    // src/decisions/vote-durability.db.test.ts): each query waits for its writes to reach the
    // files, and a commit writes its WAL before it returns — asynchronous commit loses the last
    // acknowledged transactions when the process dies.
    const durable = { relaxedDurability: false };
    // Loaded only here: PGlite's WebAssembly build is about 50 MB of a process's memory, which a
    // command working on PostgreSQL (`concordat consultation import`, decision 052) never needs.
    const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
    ]);
    const client = options.dataDirectory
      ? new PGlite(options.dataDirectory, durable)
      : new PGlite(durable);
    await client.waitReady;
    await client.exec('set synchronous_commit to on');
    return {
      db: drizzlePglite(client, { schema }) as unknown as Database,
      engine: 'pglite',
      location: options.dataDirectory ?? 'memory',
      listen: async (channel, handlers) => {
        const unlisten = await client.listen(quotedChannel(channel), handlers.onNotification);
        return async () => {
          // The database may already be closed when a listener stops last; nothing is left to undo.
          if (!client.closed) await unlisten();
        };
      },
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Channel names are SQL identifiers; only plain lower-case ones are accepted, so none is quoted wrongly. */
function quotedChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
    throw new Error(`Notification channel "${channel}" must be a lower-case SQL identifier.`);
  }
  return channel;
}

const firstReconnectDelayMs = 500;
const longestReconnectDelayMs = 30_000;

/**
 * LISTEN on a connection of its own: a pooled connection would be handed to other queries (and
 * lose the LISTEN when released), and the listener must not hold one of the pool's slots. When the
 * connection drops it is re-opened with backoff and `onReconnected` tells the listener that
 * notifications sent meanwhile are lost, so it can refresh what it shows.
 */
async function listenOnPostgres(
  databaseUrl: string,
  channel: string,
  handlers: NotificationHandlers,
): Promise<() => Promise<void>> {
  const name = quotedChannel(channel);
  let stopped = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = firstReconnectDelayMs;

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client({ connectionString: databaseUrl });
    candidate.on('notification', (message) => {
      if (message.channel === name) handlers.onNotification(message.payload ?? '');
    });
    candidate.on('error', (error) => {
      handlers.onError?.(error);
      dropped(candidate);
    });
    candidate.on('end', () => dropped(candidate));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${name}`);
    } catch (error) {
      candidate.end().catch(() => {});
      throw error;
    }
    client = candidate;
  };

  const scheduleReconnect = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(async () => {
      retryTimer = undefined;
      if (stopped) return;
      try {
        await connect();
        delay = firstReconnectDelayMs;
        handlers.onReconnected?.();
      } catch (error) {
        handlers.onError?.(error as Error);
        delay = Math.min(delay * 2, longestReconnectDelayMs);
        scheduleReconnect();
      }
    }, delay);
    retryTimer.unref();
  };

  // Only the connection in use counts: a failed attempt is retried by scheduleReconnect itself.
  const dropped = (failed: pg.Client) => {
    if (client !== failed) return;
    client = undefined;
    failed.end().catch(() => {});
    scheduleReconnect();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const current = client;
    client = undefined;
    await current?.end().catch(() => {});
  };
}

/** Folders this process holds the lock of: its own pid in a lock file is stale unless listed here. */
const lockedDataDirectories = new Set<string>();

/**
 * PGlite is one process's database: two processes opening the same folder would corrupt it. A lock
 * file holding the owner's pid refuses a second opener while the first is alive. A stale lock —
 * left by a process that was killed (kill -9, a crash, the power) — is taken over: its pid is dead,
 * or it is this process's own pid without this process holding the lock (a container's PID 1
 * restarted after a kill finds the lock of its previous life, with the same pid).
 */
function lockDataDirectory(dataDirectory: string): () => void {
  mkdirSync(dataDirectory, { recursive: true });
  const folder = path.resolve(dataDirectory);
  const lockFile = path.join(folder, 'concordat.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      lockedDataDirectories.add(folder);
      return () => {
        lockedDataDirectories.delete(folder);
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      const heldByOwner =
        owner === process.pid ? lockedDataDirectories.has(folder) : isAlive(owner);
      if (Number.isInteger(owner) && heldByOwner) {
        throw new Error(
          `The embedded database in ${dataDirectory} is in use by process ${owner} (a running "concordat serve"?). ` +
            'Stop it first, or set DATABASE_URL to a PostgreSQL server to share one database between processes.',
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDirectory}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
