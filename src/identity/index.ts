/**
 * The face of identity — accounts, sign-in, sessions, API tokens and the policy that decides who may do what.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { actionContextOf, loadAccountActor, londonDate } from './actor.ts';
export { registerAuthentication } from './http-authentication.ts';
export {
  insertAccount,
  insertBodyRoleAssignments,
  selectAccountByEmail,
} from './identity-queries.ts';
export { createOpenIdSignIn } from './oidc.ts';
export { registerIdentityPages } from './pages.ts';
export { hashPassword } from './passwords.ts';
export {
  type Actor,
  authorize,
  type BodyRole,
  bodiesServedBy,
  isChairOf,
  londonGroupSlug,
  mayKeepProgramme,
  mayRunBody,
} from './policy.ts';
export { registerIdentityRoutes } from './routes.ts';
export { digestToken, newSecretToken } from './secrets.ts';
