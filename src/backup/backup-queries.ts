import { sql } from 'drizzle-orm';
import type { Database, Reader, Transaction } from '../db/connection.ts';

function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

/** Whether the database holds Concordat's tables at all (its audit trail stands for them). */
export async function hasAuditTrail(reader: Reader): Promise<boolean> {
  const [row] = rowsOf<{ present: boolean }>(
    await reader.execute(sql`select to_regclass('public.audit_events') is not null as present`),
  );
  return row?.present === true;
}

export interface AuditEventCount {
  total: number;
  sealed: number;
}

export async function countAuditEvents(reader: Reader): Promise<AuditEventCount> {
  const [row] = rowsOf<{ total: unknown; sealed: unknown }>(
    await reader.execute(
      sql`select count(*) as total, count(sequence) as sealed from audit_events`,
    ),
  );
  return { total: Number(row?.total ?? 0), sealed: Number(row?.sealed ?? 0) };
}

/** How many of Concordat's migrations the database has had (Drizzle's own record of them). */
export async function countAppliedMigrations(reader: Reader): Promise<number> {
  const [present] = rowsOf<{ present: boolean }>(
    await reader.execute(
      sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
    ),
  );
  if (!present?.present) return 0;
  const [row] = rowsOf<{ applied: unknown }>(
    await reader.execute(sql`select count(*) as applied from drizzle.__drizzle_migrations`),
  );
  return Number(row?.applied ?? 0);
}

/** The server's version as it reports it, e.g. "15.18 (Debian 15.18-0+deb12u1)". */
export async function selectServerVersion(reader: Reader): Promise<string> {
  const [row] = rowsOf<{ version: string }>(
    await reader.execute(sql`select current_setting('server_version') as version`),
  );
  return row!.version;
}

/**
 * Exports the transaction's snapshot for pg_dump --snapshot, so the dump sees exactly what this
 * transaction sees (the audit events it counted). Valid while the transaction stays open.
 */
export async function exportSnapshot(transaction: Transaction): Promise<string> {
  const [row] = rowsOf<{ snapshot: string }>(
    await transaction.execute(sql`select pg_export_snapshot() as snapshot`),
  );
  return row!.snapshot;
}

/** Writes every changed page to the data files, so a copy of the folder needs no WAL replay. */
export async function checkpoint(database: Database): Promise<void> {
  await database.execute(sql`checkpoint`);
}

/**
 * What the database already holds besides PostgreSQL's own catalogues: tables, views, sequences,
 * types and schemas, schema-qualified, up to `limit` of them, and how many in all. A database
 * just made with CREATE DATABASE (or createdb) holds none.
 */
export async function listUserObjects(
  reader: Reader,
  limit: number,
): Promise<{ total: number; names: string[] }> {
  const rows = rowsOf<{ name: string; total: unknown }>(
    await reader.execute(sql`
      with user_objects as (
        select n.nspname || '.' || c.relname as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
          and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
        union all
        select n.nspname || '.' || t.typname
        from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where t.typtype in ('e', 'd', 'r', 'm')
          and n.nspname not in ('pg_catalog', 'information_schema')
        union all
        select 'schema ' || nspname
        from pg_namespace
        where nspname not in ('public', 'pg_catalog', 'information_schema')
          and nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp%'
      )
      select name, count(*) over () as total from user_objects order by name limit ${limit}`),
  );
  return { total: Number(rows[0]?.total ?? 0), names: rows.map((row) => row.name) };
}
