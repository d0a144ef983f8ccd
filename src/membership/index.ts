/**
 * The face of membership — seats and who holds them, elections, deputies and non-voting attendees.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { recordAppointment } from './appoint-member.ts';
export { withClause } from './appointment-refusals.ts';
export { isInForceOn, type ResolvedHolding, resolveHoldings } from './membership-facts.ts';
export {
  bodyHasAnyHolding,
  selectCurrentHoldings,
  selectHoldingsOfPerson,
  selectOrganisations,
  selectPeopleWithCurrentPosts,
  selectPostsOfPeopleAndOrganisations,
} from './membership-queries.ts';
export { registerMembershipPages } from './pages.ts';
export { registerMembershipRoutes } from './routes.ts';
export { selectStandingAttendee, selectStandingAttendeesOn } from './standing-attendee-queries.ts';
