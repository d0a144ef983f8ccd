import type { FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { parseForm, submittedFormValues } from '../http/forms.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { meetingParametersSchema } from '../meetings/index.ts';
import { listPapers, uploadPaper } from './paper-service.ts';
import { meetingPapersSchema, uploadFieldsSchema, uploadResultSchema } from './schemas.ts';
import { uploadedFileIn } from './uploads.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
};

/** Meeting papers over the API: the list, and uploads as multipart/form-data. */
export async function registerPaperRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/meetings/:id/papers',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['papers'],
        summary:
          "A meeting's papers under their agenda items, every version with its SHA-256 and whether it was published 5 clear working days before (Part II papers only for the body's own people)",
        params: meetingParametersSchema,
        response: { 200: meetingPapersSchema, ...refusals },
      },
    },
    async (request) => listPapers({ db, actor: request.actor, meetingId: request.params.id }),
  );

  app.post(
    '/meetings/:id/papers',
    {
      config: { permission: 'meetings.manage', uploads: true },
      schema: {
        tags: ['papers'],
        summary:
          'Upload a paper as multipart/form-data: `file` plus `agendaItemId` and `title` for a new paper, or `paperId` for its next version. PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt) or plain text, at most 10 MB, content matching the type',
        consumes: ['multipart/form-data'],
        params: meetingParametersSchema,
        response: { 201: uploadResultSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const fields = parseForm(
        uploadFieldsSchema,
        submittedFormValues(request.body, ['agendaItemId', 'paperId', 'title'], 1000),
      );
      const uploaded = await uploadPaper({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        ...fields,
        file: uploadedFileIn(request.body, 'file'),
      });
      return reply
        .code(201)
        .header('location', `/papers/${uploaded.paperId}/versions/${uploaded.version}`)
        .send(uploaded);
    },
  );
}
