import type { App } from '../http/app-types.ts';
import { registerIntentionRoutes } from './intention-routes.ts';
import { registerRoundRoutes } from './round-routes.ts';

/** The commissioning round over JSON: the round and its returns, then what London makes of them. */
export async function registerCommissioningRoutes(app: App) {
  await app.register(registerRoundRoutes);
  await app.register(registerIntentionRoutes);
}
