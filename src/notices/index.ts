/**
 * The face of notices — notice of meetings e-mailed to members.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */

export { type NoticeToSend, noticesToSend } from './notice-due-view.ts';
export { registerNoticePages } from './pages.ts';
export { registerNoticeRoutes } from './routes.ts';
