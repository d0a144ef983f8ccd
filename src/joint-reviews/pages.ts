import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import {
  changedQuerySchema,
  datePartsIn,
  formErrors,
  parseForm,
  submittedFormValues,
} from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import {
  changeJointReview,
  createJointReview,
  getJointReview,
  listJointReviews,
} from './joint-review-service.ts';
import {
  createJointReviewSchema,
  endReviewSchema,
  jointReviewParametersSchema,
  recordAgreementSchema,
  recordProcessSchema,
  startReviewSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  proposed: 'The joint review was recorded.',
  process: 'The decision process and the handling of a failure to agree were recorded.',
  agreement: 'The agreement of the process was recorded.',
  start: 'The start of the review was recorded.',
  end: 'The end of the review was recorded.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
}

const reviewFields = [
  'title',
  'category',
  'decisionProcess',
  'failureToAgree',
  'agreedOn',
  'agreedMinuteReference',
  'startedOn',
  'endedOn',
];

/** The joint service reviews of a body, one review's page, and the forms that move it on. */
export async function registerJointReviewPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: Extras = {},
  ) => {
    const list = await listJointReviews({ db, actor: request.actor, slug, now: app.now() });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('joint-reviews/views/joint-reviews.njk', {
        currentPath: '/bodies',
        list,
        values: extras.values ?? {},
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  const renderReview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    extras: Extras = {},
  ) => {
    const review = await getJointReview({ db, actor: request.actor, reviewId, now: app.now() });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('joint-reviews/views/joint-review.njk', {
        currentPath: '/bodies',
        review,
        today: londonDate(app.now()),
        values: extras.values ?? {},
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/bodies/:slug/joint-reviews',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderList(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/bodies/:slug/joint-reviews',
    {
      config: { permission: 'disputes.manage', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, reviewFields, 4000);
      try {
        const form = parseForm(createJointReviewSchema, {
          title: values.title,
          category: values.category,
          decisionProcess: values.decisionProcess,
          failureToAgree: values.failureToAgree,
        });
        const { reviewId } = await createJointReview({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/joint-reviews/${reviewId}?changed=proposed`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderList(request, reply, request.params.slug, { problem: error, values });
      }
    },
  );

  app.get(
    '/joint-reviews/:id',
    {
      config: { permission: 'public.read' },
      schema: { params: jointReviewParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderReview(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  const changeForm = <Schema extends z.ZodType>(
    path: 'process' | 'agreement' | 'start' | 'end',
    schema: Schema,
  ) =>
    app.post(
      `/joint-reviews/:id/${path}`,
      {
        config: { permission: 'disputes.manage', csrf: true },
        schema: { params: jointReviewParametersSchema },
      },
      async (request, reply) => {
        const reviewId = request.params.id;
        const values = submittedFormValues(request.body, reviewFields, 4000);
        try {
          const form = parseForm(schema, {
            ...Object.fromEntries(
              Object.entries(values).filter(
                ([field]) => field in (schema as never as z.ZodObject).shape,
              ),
            ),
            ...datePartsIn(values),
          }) as object;
          await changeJointReview({
            db,
            context: context(request),
            actor: request.actor,
            reviewId,
            change: { kind: path, ...form } as Parameters<typeof changeJointReview>[0]['change'],
          });
          return reply.redirect(`/joint-reviews/${reviewId}?changed=${path}`, 303);
        } catch (caught) {
          const error = asProblem(caught);
          return renderReview(request, reply, reviewId, { problem: error, values });
        }
      },
    );

  changeForm('process', recordProcessSchema);
  changeForm('agreement', recordAgreementSchema);
  changeForm('start', startReviewSchema);
  changeForm('end', endReviewSchema);
}
