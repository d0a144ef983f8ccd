import path from 'node:path';

/** Runtime settings, all from the environment so the same build runs anywhere. */
export interface Config {
  /** A postgres:// URL selects a real PostgreSQL server; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database's files. */
  dataDirectory: string;
  port: number;
  host: string;
  logLevel: string;
}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const port = Number.parseInt(environment.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${environment.PORT}".`);
  }
  const databaseUrl = environment.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://.');
  }
  return {
    databaseUrl,
    dataDirectory: path.resolve(environment.DATA_DIR ?? './data'),
    port,
    host: environment.HOST ?? '127.0.0.1',
    logLevel: environment.LOG_LEVEL ?? 'info',
  };
}
