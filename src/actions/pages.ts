import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import {
  changedQuerySchema,
  datePartsIn,
  formErrors,
  parseForm,
  safeReturnPath,
  submittedFormValues,
} from '../http/forms.ts';
import { actionContextOf, mayRunBody } from '../identity/index.ts';
import { listMeetings, meetingParametersSchema } from '../meetings/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { daysOverdueText } from './action-rules.ts';
import {
  getAction,
  getActionFormChoices,
  listBodyActions,
  listOverdueActions,
  recordAction,
  updateActionStatus,
} from './action-service.ts';
import {
  actionLogQuerySchema,
  actionParametersSchema,
  recordActionSchema,
  updateActionStatusSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  recorded: 'The action was recorded.',
  status: 'The action’s status was updated.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
}

/** Problems from one row's form name that row's fields, so the summary links to them. */
function forRow(error: ProblemError, suffix: string): ProblemError {
  return new ProblemError({
    ...error.problem,
    errors: error.problem.errors?.map((fieldProblem) => ({
      ...fieldProblem,
      field: `${fieldProblem.field}-${suffix}`,
    })),
  });
}

/** The path with `?changed=` set, keeping the filters the person was looking at. */
function withChanged(path: string, changed: string): string {
  const url = new URL(path, 'http://concordat.invalid');
  url.searchParams.set('changed', changed);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The action log of a body, the overdue view across bodies, and the forms that change them. */
export async function registerActionPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderLog = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    filter: {
      status?: 'open' | 'done' | 'dropped' | undefined;
      overdue?: boolean | undefined;
      meeting?: string | undefined;
    },
    extras: Extras = {},
  ) => {
    const log = await listBodyActions({
      db,
      actor: request.actor,
      slug,
      now: app.now(),
      meetingId: filter.meeting,
      status: filter.status,
      overdueOnly: filter.overdue,
    });
    const mayManage = mayRunBody(request.actor, slug);
    const choices =
      mayManage && filter.meeting
        ? await getActionFormChoices({ db, meetingId: filter.meeting })
        : undefined;
    if (choices && choices.meeting.body.slug !== slug) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Not found',
        detail: `That meeting is not a meeting of ${log.body.title}.`,
      });
    }
    const meetings = mayManage && !filter.meeting ? (await listMeetings({ db, slug })).items : [];
    const query = new URLSearchParams(
      Object.entries({
        status: filter.status ?? '',
        overdue: filter.overdue ? 'yes' : '',
        meeting: filter.meeting ?? '',
      }).filter(([, value]) => value !== ''),
    ).toString();
    return reply.code(extras.problem?.problem.status ?? 200).view('actions/views/actions.njk', {
      currentPath: '/bodies',
      log,
      filter,
      mayManage,
      choices,
      meetings,
      returnTo: `/bodies/${slug}/actions${query ? `?${query}` : ''}`,
      today: log.today,
      daysOverdueText,
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderOverdue = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extras: Extras = {},
  ) => {
    const overdue = await listOverdueActions({ db, actor: request.actor, now: app.now() });
    return reply.code(extras.problem?.problem.status ?? 200).view('actions/views/overdue.njk', {
      currentPath: '/bodies',
      overdue,
      returnTo: '/actions/overdue',
      today: overdue.today,
      daysOverdueText,
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/bodies/:slug/actions',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: actionLogQuerySchema },
    },
    async (request, reply) =>
      renderLog(request, reply, request.params.slug, request.query, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.get(
    '/actions/overdue',
    {
      config: { permission: 'actions.follow-up' },
      schema: { querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderOverdue(request, reply, { notice: notices[request.query.changed ?? ''] }),
  );

  app.post(
    '/meetings/:id/actions',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const meetingId = request.params.id;
      const values = submittedFormValues(
        request.body,
        ['agendaItemId', 'description', 'ownerPersonId', 'dueOn'],
        2000,
      );
      // The meeting names the body whose log the form sits on; an unknown meeting is a 404.
      const { meeting } = await getActionFormChoices({ db, meetingId });
      try {
        const form = parseForm(recordActionSchema, values);
        await recordAction({
          db,
          context: context(request),
          actor: request.actor,
          meetingId,
          ...form,
        });
        return reply.redirect(
          `/bodies/${meeting.body.slug}/actions?meeting=${meetingId}&changed=recorded`,
          303,
        );
      } catch (caught) {
        const error = asProblem(caught);
        return renderLog(
          request,
          reply,
          meeting.body.slug,
          { meeting: meetingId },
          { problem: error, values },
        );
      }
    },
  );

  app.post(
    '/actions/:id/status',
    {
      config: { permission: 'actions.follow-up', csrf: true },
      schema: { params: actionParametersSchema },
    },
    async (request, reply) => {
      const actionId = request.params.id;
      const values = submittedFormValues(
        request.body,
        ['status', 'completedOn', 'note', 'returnTo'],
        2000,
      );
      const returnTo = safeReturnPath(values.returnTo);
      try {
        const form = parseForm(updateActionStatusSchema, {
          status: values.status || undefined,
          completedOn: values.completedOn || undefined,
          note: values.note,
          ...datePartsIn(values),
        });
        await updateActionStatus({
          db,
          context: context(request),
          actor: request.actor,
          actionId,
          ...form,
        });
        return reply.redirect(withChanged(returnTo, 'status'), 303);
      } catch (caught) {
        const error = asProblem(caught);
        const problem = forRow(error, actionId);
        const rowValues = {
          [`status-${actionId}`]: values.status ?? '',
          [`completedOn-${actionId}`]: values.completedOn ?? '',
          [`note-${actionId}`]: values.note ?? '',
          ...datePartsIn(values, (field) => `${field}-${actionId}`),
        };
        if (returnTo.startsWith('/actions/overdue')) {
          return renderOverdue(request, reply, { problem, values: rowValues });
        }
        const action = await getAction({ db, actor: request.actor, actionId, now: app.now() });
        return renderLog(request, reply, action.body.slug, {}, { problem, values: rowValues });
      }
    },
  );
}
