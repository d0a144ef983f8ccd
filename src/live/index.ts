/**
 * The face of live — the meeting in progress: its page, event stream and snapshot.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { registerLiveMeeting } from './pages.ts';
