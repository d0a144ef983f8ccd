/**
 * The face of accountability — the London group's tasking of the sector groups with reviews and
 * the outcomes they report (2008 "Commissioning development"), and the communications log with
 * every reporting duty's last-met and next-due dates (2008 "Communications").
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { type DutyDue, nextDueOf } from './accountability-rules.ts';
export { seedDemoAccountability } from './demo-accountability.ts';
export { registerAccountabilityPages } from './pages.ts';
export { registerAccountabilityRoutes } from './routes.ts';
