import type { App } from '../http/app-types.ts';

/** London commissioning intentions, their agreement, the prospectus and the fit of local plans, over JSON. */
export async function registerIntentionRoutes(_app: App) {}
