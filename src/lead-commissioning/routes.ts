import type { App } from '../http/app-types.ts';

/** Lead commissioning arrangements, negotiations and proposed actions, over JSON. */
export async function registerLeadCommissioningRoutes(_app: App) {}
