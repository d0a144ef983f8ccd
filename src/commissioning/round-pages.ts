import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, invalidInput, type ProblemError } from '../shared/problems.ts';
import { changeTimetable } from './change-timetable.ts';
import { openRound } from './open-round.ts';
import { forbidden } from './round-access.ts';
import { londonServiceAreas } from './round-rules.ts';
import {
  openRoundSchema,
  returnParametersSchema,
  roundParametersSchema,
  submitReturnSchema,
  timetableSchema,
} from './round-schemas.ts';
import { getReturn, getRound, listRounds } from './round-view.ts';
import { submitReturn } from './submit-return.ts';

const notices: Record<string, string> = {
  opened: 'The round was opened.',
  timetable: 'The timetable was changed.',
  submitted: 'The return was received.',
  replaced: 'The return was replaced.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
}

const timetableFields = [
  'submissionsOpenOn',
  'submissionsDueOn',
  'consolidationBy',
  'agreementBy',
  'publicationBy',
];
const priorityFields = ['title', 'serviceArea', 'rationale', 'expectedEffect', 'population'];
/** Blank priority rows the form offers beyond those already given. */
const spareRows = 2;
const mostRows = 20;

/** The form's priority rows, numbered from 1: `priority-1-title`, … */
function priorityRowFields(rows: number): string[] {
  return Array.from({ length: rows }, (_, index) =>
    priorityFields.map((field) => `priority-${index + 1}-${field}`),
  ).flat();
}

function rowsOffered(request: FastifyRequest, given: number): number {
  const asked = Number((request.query as { rows?: string } | undefined)?.rows);
  const wanted = Number.isInteger(asked) ? asked : 0;
  return Math.min(mostRows, Math.max(given + spareRows, 3, wanted));
}

/** The return form's fields read into the API's shape; blank priority rows are left out. */
function returnFromForm(values: Record<string, string>, rows: number) {
  const filled: number[] = [];
  const priorities: Record<string, string>[] = [];
  for (let row = 1; row <= rows; row++) {
    const priority = Object.fromEntries(
      priorityFields.map((field) => [field, values[`priority-${row}-${field}`] ?? '']),
    );
    if (Object.values(priority).every((value) => value.trim() === '')) continue;
    filled.push(row);
    priorities.push(priority);
  }
  const body = {
    isNilReturn: values.isNilReturn === 'yes',
    priorities,
    lateReason: values.lateReason ?? '',
  };
  try {
    return parseForm(submitReturnSchema, body);
  } catch (caught) {
    const error = asProblem(caught);
    // "priorities.0.title" is the first filled row's title field on the form.
    throw invalidInput(
      (error.problem.errors ?? []).map((problem) => {
        const match = /^priorities\.(\d+)\.(\w+)$/.exec(problem.field);
        return match
          ? { field: `priority-${filled[Number(match[1])]}-${match[2]}`, message: problem.message }
          : problem;
      }),
    );
  }
}

/** Commissioning rounds, their timetables and the returns to them, as pages. */
export async function registerRoundPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderHome = async (request: FastifyRequest, reply: FastifyReply, extras: Extras = {}) => {
    const list = await listRounds({ db, actor: request.actor, now: app.now() });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('commissioning/views/round-home.njk', {
        currentPath: '/commissioning',
        list,
        values: extras.values ?? {},
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  const renderRound = async (
    request: FastifyRequest,
    reply: FastifyReply,
    params: { slug: string; year: string },
    extras: Extras = {},
  ) => {
    const round = await getRound({ db, actor: request.actor, ...params, now: app.now() });
    const values =
      extras.values ??
      Object.fromEntries(round.timetable.map((step) => [step.field, step.date] as const));
    return reply.code(extras.problem?.problem.status ?? 200).view('commissioning/views/round.njk', {
      currentPath: '/commissioning',
      round,
      values,
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderReturnForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    params: { slug: string; year: string; submitter: string },
    extras: Extras & { rows?: number } = {},
  ) => {
    const view = await getReturn({ db, actor: request.actor, ...params, now: app.now() });
    const rows = extras.rows ?? rowsOffered(request, view.priorities.length);
    const values =
      extras.values ??
      Object.fromEntries([
        ...view.priorities.flatMap((priority, index) =>
          priorityFields.map((field) => [
            `priority-${index + 1}-${field}`,
            String(priority[field as keyof typeof priority]),
          ]),
        ),
        ['isNilReturn', view.row.isNilReturn ? 'yes' : ''],
        ['lateReason', view.row.lateReason ?? ''],
      ]);
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('commissioning/views/round-return-form.njk', {
        currentPath: '/commissioning',
        view,
        rows: Array.from({ length: rows }, (_, index) => index + 1),
        moreRows: Math.min(mostRows, rows + spareRows),
        serviceAreas: londonServiceAreas,
        values,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/commissioning',
    { config: { permission: 'public.read' }, schema: { querystring: changedQuerySchema } },
    async (request, reply) =>
      renderHome(request, reply, { notice: notices[request.query.changed ?? ''] }),
  );

  app.post(
    '/bodies/:slug/commissioning-rounds',
    {
      config: { permission: 'commissioning.run', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['year', ...timetableFields], 100);
      try {
        const form = parseForm(openRoundSchema, values);
        const opened = await openRound({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(
          `/bodies/${request.params.slug}/commissioning-rounds/${opened.year}?changed=opened`,
          303,
        );
      } catch (caught) {
        return renderHome(request, reply, { problem: asProblem(caught), values });
      }
    },
  );

  app.get(
    '/bodies/:slug/commissioning-rounds/:year',
    {
      config: { permission: 'public.read' },
      schema: { params: roundParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderRound(request, reply, request.params, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/bodies/:slug/commissioning-rounds/:year/timetable',
    {
      config: { permission: 'commissioning.run', csrf: true },
      schema: { params: roundParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, timetableFields, 100);
      try {
        const form = parseForm(timetableSchema, values);
        await changeTimetable({
          db,
          context: context(request),
          actor: request.actor,
          ...request.params,
          ...form,
        });
        return reply.redirect(
          `/bodies/${request.params.slug}/commissioning-rounds/${request.params.year}?changed=timetable#timetable`,
          303,
        );
      } catch (caught) {
        return renderRound(request, reply, request.params, { problem: asProblem(caught), values });
      }
    },
  );

  app.get(
    '/bodies/:slug/commissioning-rounds/:year/returns/:submitter',
    {
      config: { permission: 'public.read' },
      schema: { params: returnParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) => {
      const view = await getReturn({ db, actor: request.actor, ...request.params, now: app.now() });
      return reply.view('commissioning/views/round-return.njk', {
        currentPath: '/commissioning',
        view,
        notice: notices[request.query.changed ?? ''],
      });
    },
  );

  app.get(
    '/bodies/:slug/commissioning-rounds/:year/returns/:submitter/form',
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: { params: returnParametersSchema },
    },
    async (request, reply) => {
      const view = await getReturn({ db, actor: request.actor, ...request.params, now: app.now() });
      if (!view.row.mayAct) {
        throw forbidden(
          view.row.received && !view.mayReplace
            ? `The return from ${view.row.name} can no longer be replaced: consolidation has started (2008 Business development).`
            : `Only a person holding a post at ${view.row.name}, or the round’s secretariat on its behalf, may make its return.`,
        );
      }
      return renderReturnForm(request, reply, request.params);
    },
  );

  app.post(
    '/bodies/:slug/commissioning-rounds/:year/returns/:submitter',
    {
      config: { permission: 'commissioning.act-for-pct', csrf: true },
      schema: { params: returnParametersSchema },
    },
    async (request, reply) => {
      const posted = (request.body ?? {}) as Record<string, unknown>;
      const rows = Math.min(mostRows, Math.max(1, Number(posted.rows) || 3));
      const values = submittedFormValues(
        request.body,
        ['isNilReturn', 'lateReason', ...priorityRowFields(rows)],
        4000,
      );
      try {
        const form = returnFromForm(values, rows);
        const made = await submitReturn({
          db,
          context: context(request),
          actor: request.actor,
          ...request.params,
          ...form,
        });
        const { slug, year, submitter } = request.params;
        return reply.redirect(
          `/bodies/${slug}/commissioning-rounds/${year}/returns/${submitter}?changed=${made.replaced ? 'replaced' : 'submitted'}`,
          303,
        );
      } catch (caught) {
        return renderReturnForm(request, reply, request.params, {
          problem: asProblem(caught),
          values,
          rows,
        });
      }
    },
  );
}
