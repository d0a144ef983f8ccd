/**
 * The face of commissioning — the annual commissioning round: horizon scanning, London
 * commissioning intentions, the prospectus and the fit of local plans (2006 §104).
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { registerCommissioningPages } from './pages.ts';
export {
  consistentTimetable,
  horizonScanning,
  londonServiceAreas,
  mayMoveTo,
  nextStatus,
  type RoundStatus,
  statusInWords,
  yearInPath,
  yearInWords,
} from './round-rules.ts';
export { getRound, listRounds } from './round-view.ts';
export { registerCommissioningRoutes } from './routes.ts';
export { seedDemoCommissioningIntentions } from './seed-demo-intentions.ts';
export { demoRoundTimetable, seedDemoCommissioningRounds } from './seed-demo-rounds.ts';
