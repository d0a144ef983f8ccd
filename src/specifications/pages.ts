import type { App } from '../http/app-types.ts';

/** The service specification library as pages. */
export async function registerSpecificationPages(_app: App) {}
