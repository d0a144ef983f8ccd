/**
 * The face of bodies — bodies and their terms of reference: the body a path names, the terms in force on a date, versions and board adoptions.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { adoptingBoards } from './adopting-boards.ts';
export {
  loadBody,
  loadBodyWithVersions,
  termsInForce,
  termsInForceAmong,
} from './body-in-force.ts';
export {
  insertAdoptions,
  selectBodies,
  selectBodyBySlug,
  selectConstitutionVersions,
  selectRegistryOrganisations,
} from './body-queries.ts';
export { addConstitutionVersion } from './body-service.ts';
export { registerBodyPages } from './pages.ts';
export { registerBodyRoutes } from './routes.ts';
export { slugParametersSchema } from './schemas.ts';
