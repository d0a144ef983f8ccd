import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { attachmentDisposition, uploadedFileIn } from '../papers/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { getCommunications, logBriefing } from './communications-service.ts';
import {
  changeDueDateSchema,
  commissionParametersSchema,
  commissionReviewSchema,
  logBriefingSchema,
  outcomeReportParametersSchema,
  recordOutcomeSchema,
  withdrawCommissionSchema,
} from './schemas.ts';
import { getOutcomeReport, getReviewCommission, listReviewCommissions } from './tasking-reads.ts';
import {
  changeReviewCommission,
  commissionReview,
  recordReviewOutcome,
} from './tasking-service.ts';

const notices: Record<string, string> = {
  commissioned: 'The review was commissioned from the sector group.',
  'due-date': 'The due date was changed and the reason kept.',
  withdrawal: 'The review was withdrawn.',
  outcome: 'The outcome was recorded with its report.',
  briefing: 'The briefing was logged.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
  /** Which form the values and errors belong to, when the page has several. */
  form?: string;
}

const commissionFields = ['sector', 'title', 'terms', 'commissionedOn', 'minuteReference', 'dueOn'];
const outcomeFields = ['summary', 'recommendations', 'reportedOn', 'correctionReason'];
const briefingFields = ['dutyId', 'briefedOn', 'reported', 'byPersonId'];

function only(values: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, values[field] ?? '']));
}

/** The ids ticked in a group of checkboxes: one value, several, or none. */
function ticked(body: unknown, field: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** The review commissions pages, the outcome form and report, and the communications page. */
export async function registerAccountabilityPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: Extras = {},
  ) => {
    const list = await listReviewCommissions({ db, actor: request.actor, slug, now: app.now() });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('accountability/views/review-commissions.njk', {
        currentPath: '/bodies',
        list,
        values: extras.values ?? {},
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  const renderCommission = async (
    request: FastifyRequest,
    reply: FastifyReply,
    commissionId: string,
    extras: Extras = {},
  ) => {
    const commission = await getReviewCommission({
      db,
      actor: request.actor,
      commissionId,
      now: app.now(),
    });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('accountability/views/review-commission.njk', {
        currentPath: '/bodies',
        commission,
        today: londonDate(app.now()),
        values: extras.values ?? {},
        form: extras.form,
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/bodies/:slug/review-commissions',
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
    '/bodies/:slug/review-commissions',
    {
      config: { permission: 'programme.keep', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, commissionFields, 8000);
      try {
        const form = parseForm(commissionReviewSchema, only(values, commissionFields));
        const { commissionId } = await commissionReview({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/review-commissions/${commissionId}?changed=commissioned`, 303);
      } catch (caught) {
        return renderList(request, reply, request.params.slug, {
          problem: asProblem(caught),
          values: { ...values, ...pickDateParts(request.body) },
        });
      }
    },
  );

  app.get(
    '/review-commissions/:id',
    {
      config: { permission: 'public.read' },
      schema: { params: commissionParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderCommission(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/review-commissions/:id/due-date',
    {
      config: { permission: 'programme.keep', csrf: true },
      schema: { params: commissionParametersSchema },
    },
    async (request, reply) => {
      const fields = ['dueOn', 'reason'];
      const values = submittedFormValues(request.body, fields, 2000);
      try {
        const form = parseForm(changeDueDateSchema, only(values, fields));
        await changeReviewCommission({
          db,
          context: context(request),
          actor: request.actor,
          commissionId: request.params.id,
          change: { kind: 'due-date', ...form },
        });
        return reply.redirect(`/review-commissions/${request.params.id}?changed=due-date`, 303);
      } catch (caught) {
        return renderCommission(request, reply, request.params.id, {
          problem: asProblem(caught),
          values: { ...values, ...pickDateParts(request.body) },
          form: 'due-date',
        });
      }
    },
  );

  app.post(
    '/review-commissions/:id/withdrawal',
    {
      config: { permission: 'programme.keep', csrf: true },
      schema: { params: commissionParametersSchema },
    },
    async (request, reply) => {
      const fields = ['withdrawnOn', 'reason'];
      const values = submittedFormValues(request.body, fields, 2000);
      try {
        const form = parseForm(withdrawCommissionSchema, only(values, fields));
        await changeReviewCommission({
          db,
          context: context(request),
          actor: request.actor,
          commissionId: request.params.id,
          change: { kind: 'withdrawal', withdrawnOn: form.withdrawnOn, reason: form.reason },
        });
        return reply.redirect(`/review-commissions/${request.params.id}?changed=withdrawal`, 303);
      } catch (caught) {
        return renderCommission(request, reply, request.params.id, {
          problem: asProblem(caught),
          values: { ...values, ...pickDateParts(request.body) },
          form: 'withdrawal',
        });
      }
    },
  );

  app.post(
    '/review-commissions/:id/outcome',
    {
      config: { permission: 'programme.keep', csrf: true, uploads: true },
      schema: { params: commissionParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, outcomeFields, 8000);
      try {
        const form = parseForm(recordOutcomeSchema, only(values, outcomeFields));
        await recordReviewOutcome({
          db,
          context: context(request),
          actor: request.actor,
          commissionId: request.params.id,
          ...form,
          file: uploadedFileIn(request.body, 'file'),
        });
        return reply.redirect(`/review-commissions/${request.params.id}?changed=outcome`, 303);
      } catch (caught) {
        return renderCommission(request, reply, request.params.id, {
          problem: asProblem(caught),
          values: { ...values, ...pickDateParts(request.body) },
          form: 'outcome',
        });
      }
    },
  );

  app.get(
    '/review-commissions/:id/outcome/:version/report',
    { config: { permission: 'public.read' }, schema: { params: outcomeReportParametersSchema } },
    async (request, reply) => {
      const report = await getOutcomeReport({
        db,
        commissionId: request.params.id,
        version: request.params.version,
      });
      return reply
        .type(report.mediaType)
        .header('content-disposition', attachmentDisposition(report.fileName))
        .header('x-sha256', report.sha256)
        .send(report.content);
    },
  );

  const renderCommunications = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: Extras = {},
  ) => {
    const communications = await getCommunications({
      db,
      actor: request.actor,
      slug,
      now: app.now(),
    });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('accountability/views/communications.njk', {
        currentPath: '/bodies',
        communications,
        values: extras.values ?? {},
        covers: extras.values?.covers?.split(',') ?? [],
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/bodies/:slug/communications',
    {
      config: { permission: 'accountability.read' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderCommunications(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/bodies/:slug/briefings',
    {
      config: { permission: 'accountability.report', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, briefingFields, 8000);
      const covers = ticked(request.body, 'covers');
      try {
        const form = parseForm(logBriefingSchema, { ...only(values, briefingFields), covers });
        await logBriefing({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(
          `/bodies/${request.params.slug}/communications?changed=briefing`,
          303,
        );
      } catch (caught) {
        return renderCommunications(request, reply, request.params.slug, {
          problem: asProblem(caught),
          values: { ...values, ...pickDateParts(request.body), covers: covers.join(',') },
        });
      }
    },
  );
}

/** The day, month and year typed into the date fields, to show again beside the errors. */
function pickDateParts(body: unknown): Record<string, string> {
  const record = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, string] =>
        /\[(day|month|year)\]$/.test(entry[0]) && typeof entry[1] === 'string',
    ),
  );
}
