/**
 * The face of minutes — minutes drafted per item, approved at the next meeting and distributed.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { addMinutesForApproval } from './add-minutes-for-approval.ts';
export { approveMinutes } from './approve-minutes.ts';
export { draftMinute } from './draft-minute.ts';
export { type MinutesDuty, minutesDutiesFor } from './minutes-duties-view.ts';
export {
  type MinutesDistributionFact,
  selectMinutesDistributionFacts,
} from './minutes-duty-queries.ts';
export { selectRecipientRegistry } from './minutes-queries.ts';
export {
  longDateText,
  type MinutesRecipients,
  type RecipientOrganisation,
  reportRecipients,
} from './minutes-rules.ts';
export { registerMinutesPages } from './pages.ts';
export { registerMinutesRoutes } from './routes.ts';
