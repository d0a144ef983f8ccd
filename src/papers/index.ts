/**
 * The face of papers — papers per agenda item, versioned, and the agenda pack.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */

export { type LatePapers, latePapersFor } from './late-papers-view.ts';
export { registerPaperPages } from './pages.ts';
export { attachmentDisposition, checkUpload, maximumPaperBytes } from './paper-rules.ts';
export type { UploadedFile } from './paper-service.ts';
export { registerPaperRoutes } from './routes.ts';
export { registerUploads, uploadedFileIn } from './uploads.ts';
