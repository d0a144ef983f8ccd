import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { buildSeededTestApp } from './test-app.ts';

/** The real app listening on a free loopback port, on an in-memory PGlite with London loaded. */
export async function startTestServer() {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const app = await buildSeededTestApp(database);
  await app.listen({ port: 0, host: '127.0.0.1' });
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
