/**
 * The face of registry — the registry of organisations, sectors, people and posts.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export {
  countOrganisations,
  insertOrganisations,
  type OrganisationRow,
} from './organisation-queries.ts';
export { organisationTypes } from './organisation-rules.ts';
export { listOrganisations } from './organisation-service.ts';
export { registerRegistryPages } from './pages.ts';
export {
  insertPeople,
  insertPosts,
  type PersonRow,
  type PostRow,
  selectPerson,
  selectPosts,
} from './people-queries.ts';
export {
  londonPartnerOrganisations,
  londonPrimaryCareTrusts,
  londonSectors,
} from './reference-data.ts';
export { registerRegistryRoutes } from './routes.ts';
export { idParametersSchema } from './schemas.ts';
