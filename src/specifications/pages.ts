import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { addGoodPractice } from './add-good-practice.ts';
import { approveVersion } from './approve-version.ts';
import { createSpecification } from './create-specification.ts';
import { draftVersion } from './draft-version.ts';
import { getLibrary } from './library-view.ts';
import { recordReview } from './record-review.ts';
import {
  addGoodPracticeSchema,
  approveVersionSchema,
  createSpecificationFormSchema,
  draftVersionFormSchema,
  libraryPageQuerySchema,
  recordReviewSchema,
  specificationParametersSchema,
  versionParametersSchema,
} from './schemas.ts';
import { refuseUnlessMaintainsLibrary } from './specification-access.ts';
import { getSpecification } from './specification-view.ts';
import { submitForReview } from './submit-for-review.ts';
import { getVersion } from './version-view.ts';

const notices: Record<string, string> = {
  created: 'The specification was added to the library as a draft.',
  drafted: 'The version was drafted.',
  revised: 'The draft was revised.',
  submitted: 'The version was submitted for quality-assurance review.',
  reviewed: 'The review was recorded.',
  approved: 'The version was approved.',
  practice: 'The good-practice example was added.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
}

const versionFields = ['scope', 'outcomes', 'standards', 'authorName', 'writtenOn'];
const createFields = ['title', 'serviceArea', ...versionFields];
const reviewFields = ['outcome', 'comments', 'reviewedOn'];
const approvalFields = ['approvedOn'];
const practiceFields = ['title', 'summary', 'organisationId', 'link'];

/** The service specification library as pages (2006 §3.1(b)). */
export async function registerSpecificationPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const today = () => londonDate(app.now());

  const renderLibrary = async (
    request: FastifyRequest,
    reply: FastifyReply,
    query: string | string[] | undefined,
    extras: Extras = {},
  ) => {
    const library = await getLibrary({ db, actor: request.actor, query });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('specifications/views/library.njk', {
        currentPath: '/specifications',
        library,
        values: { writtenOn: today(), ...extras.values },
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  const renderSpecification = async (
    request: FastifyRequest,
    reply: FastifyReply,
    specificationId: string,
    extras: Extras & { form?: 'draft' | 'practice' } = {},
  ) => {
    const specification = await getSpecification({ db, actor: request.actor, specificationId });
    const draftFrom = specification.draftFrom;
    const draftValues = extras.form === 'draft' ? extras.values : undefined;
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('specifications/views/specification.njk', {
        currentPath: '/specifications',
        specification,
        draft: draftValues ?? {
          scope: draftFrom?.scope ?? '',
          outcomes: draftFrom?.outcomes ?? '',
          standards: draftFrom?.standards ?? '',
          writtenOn: today(),
        },
        practice: extras.form === 'practice' ? (extras.values ?? {}) : {},
        form: extras.form,
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  const renderVersion = async (
    request: FastifyRequest,
    reply: FastifyReply,
    parameters: { id: string; version: number },
    extras: Extras & { form?: 'review' | 'approval' | 'submission' } = {},
  ) => {
    const version = await getVersion({
      db,
      actor: request.actor,
      specificationId: parameters.id,
      version: parameters.version,
    });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('specifications/views/version.njk', {
        currentPath: '/specifications',
        version,
        values: { reviewedOn: today(), approvedOn: today(), ...extras.values },
        form: extras.form,
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/specifications',
    {
      config: { permission: 'public.read' },
      schema: { querystring: libraryPageQuerySchema },
    },
    async (request, reply) =>
      renderLibrary(request, reply, request.query.q, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/specifications',
    {
      config: { permission: 'specifications.maintain', csrf: true },
      onRequest: refuseUnlessMaintainsLibrary,
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, createFields, 20_000);
      try {
        const form = parseForm(createSpecificationFormSchema, values);
        const { specificationId } = await createSpecification({
          db,
          context: context(request),
          actor: request.actor,
          ...form,
        });
        return reply.redirect(`/specifications/${specificationId}?changed=created`, 303);
      } catch (caught) {
        return renderLibrary(request, reply, undefined, { problem: asProblem(caught), values });
      }
    },
  );

  app.get(
    '/specifications/:id',
    {
      config: { permission: 'public.read' },
      schema: { params: specificationParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderSpecification(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/specifications/:id/versions',
    {
      config: { permission: 'specifications.maintain', csrf: true },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: { params: specificationParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, versionFields, 20_000);
      try {
        const form = parseForm(draftVersionFormSchema, values);
        const drafted = await draftVersion({
          db,
          context: context(request),
          actor: request.actor,
          specificationId: request.params.id,
          ...form,
        });
        return reply.redirect(
          `/specifications/${request.params.id}/versions/${drafted.version}?changed=${drafted.revised ? 'revised' : 'drafted'}`,
          303,
        );
      } catch (caught) {
        return renderSpecification(request, reply, request.params.id, {
          problem: asProblem(caught),
          values,
          form: 'draft',
        });
      }
    },
  );

  app.get(
    '/specifications/:id/versions/:version',
    {
      config: { permission: 'public.read' },
      schema: { params: versionParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderVersion(request, reply, request.params, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  const versionPath = (parameters: { id: string; version: number }) =>
    `/specifications/${parameters.id}/versions/${parameters.version}`;

  app.post(
    '/specifications/:id/versions/:version/submission',
    {
      config: { permission: 'specifications.maintain', csrf: true },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: { params: versionParametersSchema },
    },
    async (request, reply) => {
      try {
        await submitForReview({
          db,
          context: context(request),
          actor: request.actor,
          specificationId: request.params.id,
          version: request.params.version,
        });
        return reply.redirect(`${versionPath(request.params)}?changed=submitted`, 303);
      } catch (caught) {
        return renderVersion(request, reply, request.params, {
          problem: asProblem(caught),
          form: 'submission',
        });
      }
    },
  );

  app.post(
    '/specifications/:id/versions/:version/reviews',
    {
      config: { permission: 'specifications.review', csrf: true },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: { params: versionParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, reviewFields, 10_000);
      try {
        const form = parseForm(recordReviewSchema, values);
        await recordReview({
          db,
          context: context(request),
          actor: request.actor,
          specificationId: request.params.id,
          version: request.params.version,
          ...form,
        });
        return reply.redirect(`${versionPath(request.params)}?changed=reviewed#reviews`, 303);
      } catch (caught) {
        return renderVersion(request, reply, request.params, {
          problem: asProblem(caught),
          values,
          form: 'review',
        });
      }
    },
  );

  app.post(
    '/specifications/:id/versions/:version/approval',
    {
      config: { permission: 'specifications.maintain', csrf: true },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: { params: versionParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, approvalFields, 100);
      try {
        const form = parseForm(approveVersionSchema, values);
        await approveVersion({
          db,
          context: context(request),
          actor: request.actor,
          specificationId: request.params.id,
          version: request.params.version,
          ...form,
        });
        return reply.redirect(`${versionPath(request.params)}?changed=approved`, 303);
      } catch (caught) {
        return renderVersion(request, reply, request.params, {
          problem: asProblem(caught),
          values,
          form: 'approval',
        });
      }
    },
  );

  app.post(
    '/specifications/:id/good-practice',
    {
      config: { permission: 'specifications.maintain', csrf: true },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: { params: specificationParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, practiceFields, 10_000);
      try {
        const form = parseForm(addGoodPracticeSchema, values);
        await addGoodPractice({
          db,
          context: context(request),
          actor: request.actor,
          specificationId: request.params.id,
          ...form,
        });
        return reply.redirect(
          `/specifications/${request.params.id}?changed=practice#good-practice`,
          303,
        );
      } catch (caught) {
        return renderSpecification(request, reply, request.params.id, {
          problem: asProblem(caught),
          values,
          form: 'practice',
        });
      }
    },
  );
}
