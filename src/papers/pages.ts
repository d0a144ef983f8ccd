import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, mayRunBody } from '../identity/index.ts';
import { meetingParametersSchema, renderAgendaPack } from '../meetings/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { attachmentDisposition } from './paper-rules.ts';
import { getPaperVersion, listPapers, uploadPaper } from './paper-service.ts';
import { paperVersionParametersSchema, uploadFieldsSchema } from './schemas.ts';
import { uploadedFileIn } from './uploads.ts';

const notices: Record<string, string> = {
  uploaded: 'The paper was uploaded.',
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Problems from one item's or paper's form name that form's fields, so the summary links to them. */
function forForm(error: ProblemError, suffix: string): ProblemError {
  return new ProblemError({
    ...error.problem,
    errors: error.problem.errors?.map((fieldProblem) => ({
      ...fieldProblem,
      field: `${fieldProblem.field === 'agendaItemId' || fieldProblem.field === 'paperId' ? 'file' : fieldProblem.field}-${suffix}`,
    })),
  });
}

/** The papers page of a meeting, the upload forms, downloads and the agenda pack PDF. */
export async function registerPaperPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderPapers = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const papers = await listPapers({ db, actor: request.actor, meetingId });
    return reply.code(extras.problem?.problem.status ?? 200).view('papers/views/papers.njk', {
      currentPath: '/bodies',
      papers,
      mayManage: mayRunBody(request.actor, papers.meeting.body.slug),
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/meetings/:id/papers',
    {
      config: { permission: 'public.read' },
      schema: { params: meetingParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderPapers(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/meetings/:id/papers',
    {
      config: { permission: 'meetings.manage', csrf: true, uploads: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['agendaItemId', 'paperId', 'title'], 1000);
      const target = values.paperId || values.agendaItemId || '';
      const suffix = uuidPattern.test(target) ? target : 'new';
      try {
        const fields = parseForm(uploadFieldsSchema, values);
        await uploadPaper({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          ...fields,
          file: uploadedFileIn(request.body, 'file'),
        });
        return reply.redirect(`/meetings/${request.params.id}/papers?changed=uploaded`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderPapers(request, reply, request.params.id, {
          problem: forForm(error, suffix),
          values: { [`title-${suffix}`]: values.title ?? '' },
        });
      }
    },
  );

  app.get(
    '/papers/:paperId/versions/:version',
    { config: { permission: 'public.read' }, schema: { params: paperVersionParametersSchema } },
    async (request, reply) => {
      const paper = await getPaperVersion({
        db,
        actor: request.actor,
        paperId: request.params.paperId,
        version: request.params.version,
      });
      return reply
        .type(paper.mediaType)
        .header('content-disposition', attachmentDisposition(paper.fileName))
        .header('cache-control', 'private, no-cache')
        .header('x-sha256', paper.sha256)
        .send(paper.content);
    },
  );

  app.get(
    '/meetings/:id/agenda-pack.pdf',
    { config: { permission: 'public.read' }, schema: { params: meetingParametersSchema } },
    async (request, reply) => {
      const papers = await listPapers({ db, actor: request.actor, meetingId: request.params.id });
      const pdf = await renderAgendaPack({
        body: papers.meeting.body,
        meeting: papers.meeting,
        items: papers.items.map((item) => ({
          ...item,
          papers: item.papers.map((paper) => ({
            title: paper.title,
            version: paper.latest.version,
            fileName: paper.latest.fileName,
            byteLength: paper.latest.byteLength,
          })),
        })),
        hiddenConfidentialCount: papers.hiddenConfidentialCount,
        producedAt: app.now(),
      });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="agenda-pack-${papers.meeting.meetingOn}.pdf"`,
        )
        .header('cache-control', 'private, no-cache')
        .send(pdf);
    },
  );
}
