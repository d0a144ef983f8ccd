import type { App } from '../http/app-types.ts';

/** Commissioning rounds, their timetables and the returns to them, as pages. */
export async function registerRoundPages(_app: App) {}
