/**
 * How pg_dump and pg_restore reach the database DATABASE_URL names: the URL without its password
 * on the command line, and the password in the child's PGPASSWORD, because a command line is
 * readable by every user of the machine (`ps`) while a process's environment is not.
 */
export function libpqConnection(databaseUrl: string): {
  connectionString: string;
  environment: Record<string, string>;
} {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    // Forms WHATWG URLs reject, like a user with no host (postgres://app@/db?host=/run/…), are
    // libpq's to read; such a URL is passed on as it is.
    return { connectionString: databaseUrl, environment: {} };
  }
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.password = '';
  return {
    connectionString: url.toString(),
    environment: password === undefined ? {} : { PGPASSWORD: password },
  };
}
