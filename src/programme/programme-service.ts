/** The programme's use cases, one module per kind (structure, actions, reads). */

export { addAction, changeRag, completeAction } from './keep-programme-actions.ts';
export {
  addActionTeam,
  addDependency,
  addMilestone,
  addProject,
  addWorkstream,
  createProgramme,
  recordMilestoneAchieved,
} from './keep-programme-structure.ts';
export {
  getAction,
  getPctActions,
  getProgramme,
  getProject,
  getRollUp,
  getWorkstream,
  listProgrammes,
  type OwnerOption,
  type ProgrammeSummary,
  programmeAsAt,
  programmeAsAtEach,
  programmeInPeriod,
  projectOfMilestone,
  type RollUpRow,
} from './programme-reads.ts';
