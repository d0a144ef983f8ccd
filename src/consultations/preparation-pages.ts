/**
 * Preparing a consultation as NHS.UK pages: the public list, a consultation's page (the Respond
 * button while open), a document's sections anchored for comment, and the prepare page with the
 * legal checks, NHS London's scrutiny and the Joint Committee's approval.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { formErrors } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { getConsultation, getDocument, listConsultations } from './consultation-view.ts';
import { documentParametersSchema, slugParametersSchema } from './preparation-schemas.ts';
import { putConsultationForApproval } from './put-consultation-for-approval.ts';
import { recordApproval } from './record-approval.ts';
import { recordScrutiny, refuseUnlessMayScrutinise } from './record-scrutiny.ts';

const notices: Record<string, string> = {
  scrutiny: 'NHS London’s scrutiny was recorded.',
  approval: 'The approval was put to the meeting as a question.',
  approved: 'The approval was recorded: the consultation opens at its opening time.',
  'not-approved': 'The question was not carried: the consultation is being prepared again.',
};

const changedQuery = z.object({ changed: z.string().max(40).optional() });
const formBody = z.looseObject({}).optional();

const textOf = (body: unknown, field: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value.slice(0, 5000) : '';
};

export async function registerConsultationPreparationPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  async function renderPrepare(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    state: { values?: Record<string, string>; problem?: ProblemError; notice?: string } = {},
  ) {
    const { actor } = request;
    if (actor.kind !== 'account') {
      throw new ProblemError({
        status: 401,
        code: 'unauthenticated',
        title: 'Sign in to continue',
        detail: 'Sign in to prepare or scrutinise a consultation.',
      });
    }
    const mayOpen =
      actor.isAdministrator || actor.bodyRoles.some((role) => role.role === 'secretariat');
    if (!mayOpen) await refuseUnlessMayScrutinise(db, actor, app.now());
    const consultation = await getConsultation({ db, actor, now: app.now(), slug });
    if (!consultation.mayRun && !consultation.mayScrutinise) {
      throw new ProblemError({
        status: 403,
        code: 'forbidden',
        title: 'You do not have permission to do this',
        detail: `Only an administrator or the secretariat of the ${consultation.bodyTitle} may prepare its consultations.`,
      });
    }
    return reply
      .code(state.problem?.problem.status ?? 200)
      .view('consultations/views/prepare.njk', {
        currentPath: '/consultations',
        consultation,
        values: state.values ?? {},
        notice: state.notice,
        ...formErrors(state.problem?.problem),
      });
  }

  app.get('/consultations', { config: { permission: 'public.read' } }, async (request, reply) =>
    reply.view('consultations/views/consultations-list.njk', {
      currentPath: '/consultations',
      list: await listConsultations({ db, actor: request.actor, now: app.now() }),
    }),
  );

  app.get(
    '/consultations/:slug',
    { config: { permission: 'public.read' }, schema: { params: slugParametersSchema } },
    async (request, reply) =>
      reply.view('consultations/views/consultation.njk', {
        currentPath: '/consultations',
        consultation: await getConsultation({
          db,
          actor: request.actor,
          now: app.now(),
          slug: request.params.slug,
        }),
      }),
  );

  app.get(
    '/consultations/:slug/documents/:documentNumber',
    { config: { permission: 'public.read' }, schema: { params: documentParametersSchema } },
    async (request, reply) =>
      reply.view('consultations/views/consultation-document.njk', {
        currentPath: '/consultations',
        paraphrased: request.params.slug === 'healthcare-for-london',
        document: await getDocument({
          db,
          actor: request.actor,
          now: app.now(),
          slug: request.params.slug,
          documentNumber: request.params.documentNumber,
        }),
      }),
  );

  app.get(
    '/consultations/:slug/prepare',
    {
      // The body's secretariat prepares; NHS London's post holders scrutinise (checked above).
      config: { permission: 'consultations.scrutinise' },
      schema: { params: slugParametersSchema, querystring: changedQuery },
    },
    async (request, reply) =>
      renderPrepare(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  const post = (
    path: string,
    permission: 'consultations.run' | 'consultations.scrutinise',
    act: (request: FastifyRequest, slug: string) => Promise<string>,
  ) =>
    app.post(
      `/consultations/:slug/prepare/${path}`,
      {
        config: { permission, csrf: true },
        schema: { params: slugParametersSchema, body: formBody },
      },
      async (request, reply) => {
        const { slug } = request.params;
        try {
          const changed = await act(request, slug);
          return reply.redirect(`/consultations/${slug}/prepare?changed=${changed}`, 303);
        } catch (caught) {
          const problem = asProblem(caught);
          if (problem.problem.status === 401 || problem.problem.status === 403) throw problem;
          const values = {
            note: textOf(request.body, 'note'),
            meetingId: textOf(request.body, 'meetingId'),
          };
          return renderPrepare(request, reply, slug, { values, problem });
        }
      },
    );

  post('scrutiny', 'consultations.scrutinise', async (request, slug) => {
    await recordScrutiny({
      db,
      context: context(request),
      actor: request.actor,
      slug,
      note: textOf(request.body, 'note'),
    });
    return 'scrutiny';
  });

  post('approval', 'consultations.run', async (request, slug) => {
    const meetingId = textOf(request.body, 'meetingId');
    if (!z.uuid().safeParse(meetingId).success) {
      throw new ProblemError({
        status: 400,
        code: 'invalid-input',
        title: 'The request has invalid fields',
        detail: 'Choose a meeting to put the approval to.',
        errors: [{ field: 'meetingId', message: 'Choose a meeting to put the approval to.' }],
      });
    }
    await putConsultationForApproval({
      db,
      context: context(request),
      actor: request.actor,
      slug,
      meetingId,
    });
    return 'approval';
  });

  post('approval-outcome', 'consultations.run', async (request, slug) => {
    const { stage } = await recordApproval({
      db,
      context: context(request),
      actor: request.actor,
      slug,
    });
    return stage === 'approved' ? 'approved' : 'not-approved';
  });
}
