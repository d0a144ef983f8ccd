import type { App } from '../http/app-types.ts';

/** Lead commissioning arrangements, negotiations and proposed actions, as pages. */
export async function registerLeadCommissioningPages(_app: App) {}
