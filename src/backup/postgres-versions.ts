/**
 * PostgreSQL major versions as numbers: 15 for "15.18", and 9.6 for "9.6.24" (before version 10
 * the major version had two parts). Undefined when the text names no version.
 */
export function parsePostgresMajorVersion(text: string): number | undefined {
  // `pg_dump --version` prints "pg_dump (PostgreSQL) 15.18 (Debian …)"; a server "15.18 (Debian …)".
  const afterName = text.includes('(PostgreSQL)') ? text.split('(PostgreSQL)')[1]! : text;
  const match = /(\d+)(?:\.(\d+))?/.exec(afterName);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first >= 10 ? first : Number(`${first}.${match[2] ?? 0}`);
}

/** A pg_dump or pg_restore found on this machine, and the major version it reported. */
export interface PostgresTool {
  path: string;
  version: number;
}

/**
 * Picks the tool to run from those found (in order of preference: PATH first, then the newest
 * under /usr/lib/postgresql). It must be at least `atLeast` — pg_dump refuses a newer server, and
 * pg_restore cannot read an archive from a newer pg_dump. Among those, the one matching `prefer`
 * (the server's version) is taken first: its archives stay readable by that server's own tools,
 * and its SQL by that server; failing that, the newest.
 */
export function choosePostgresTool(
  found: PostgresTool[],
  requirement: { atLeast: number; prefer: number },
): PostgresTool | undefined {
  const usable = found.filter((tool) => tool.version >= requirement.atLeast);
  const matching = usable.find((tool) => tool.version === requirement.prefer);
  if (matching) return matching;
  return usable.reduce<PostgresTool | undefined>(
    (newest, tool) => (newest && newest.version >= tool.version ? newest : tool),
    undefined,
  );
}
