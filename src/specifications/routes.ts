import type { App } from '../http/app-types.ts';

/** The service specification library over JSON. */
export async function registerSpecificationRoutes(_app: App) {}
