import type { App } from '../http/app-types.ts';

/** London commissioning intentions, their agreement, the prospectus and the fit of local plans, as pages. */
export async function registerIntentionPages(_app: App) {}
