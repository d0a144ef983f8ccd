import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { buildSeededTestApp, testConfig } from './test-app.ts';

/**
 * The real app listening on a free loopback port, on an in-memory PGlite with London and the demo
 * accounts loaded. `environment` adds configuration (OIDC_ISSUER, SMTP_URL…) as the server would
 * read it; `port` fixes the port when the configuration must name it (an OpenID redirect URI);
 * `now` gives the app a clock the test can move (the real clock otherwise).
 */
export async function startTestServer(
  options: { environment?: Record<string, string>; port?: number; now?: () => Date } = {},
) {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const app = await buildSeededTestApp(database, {
    config: testConfig(options.environment),
    now: options.now ?? (() => new Date()),
  });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    stop: async () => {
      await app.close();
      await database.close();
    },
  };
}
