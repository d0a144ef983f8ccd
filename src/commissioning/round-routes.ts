import type { App } from '../http/app-types.ts';

/** Commissioning rounds, their timetables and the returns to them, over JSON. */
export async function registerRoundRoutes(_app: App) {}
