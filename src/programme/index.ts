/**
 * The face of programme — a body's delivery programme (2008 "Healthcare for London"):
 * workstreams, projects and their dependencies, action teams, actions at London, sector and PCT
 * level, milestones, RAG status with its history. What other capabilities, the seeds, the CLI and
 * the composition root may use; everything else in this folder is its own business (decision 019).
 * The progress update and annual report are made from `programmeAsAt` and `programmeInPeriod`.
 */
export { registerProgrammePages } from './pages.ts';
export { isLateAt, type Rag, ragAsAt, ragLabels, rags } from './programme-rules.ts';
export {
  getPctActions,
  getRollUp,
  listProgrammes,
  programmeAsAt,
  programmeAsAtEach,
  programmeInPeriod,
} from './programme-service.ts';
export { registerProgrammeRoutes } from './routes.ts';
export { seedDemoProgramme } from './seed-demo-programme.ts';
