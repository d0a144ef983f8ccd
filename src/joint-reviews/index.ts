/**
 * The face of joint-reviews — joint service reviews (2006 §112) and their agreed processes.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export {
  type JointReviewRecord,
  selectJointReview,
  selectJointReviewsOfBody,
} from './joint-review-queries.ts';
export { stageOf } from './joint-review-rules.ts';
export { registerJointReviewPages } from './pages.ts';
export { registerJointReviewRoutes } from './routes.ts';
