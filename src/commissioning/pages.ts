import type { App } from '../http/app-types.ts';
import { registerIntentionPages } from './intention-pages.ts';
import { registerRoundPages } from './round-pages.ts';

/** The commissioning round as pages: the round and its returns, then what London makes of them. */
export async function registerCommissioningPages(app: App) {
  await app.register(registerRoundPages);
  await app.register(registerIntentionPages);
}
