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
import { forwardPlanAtom, forwardPlanCalendar, forwardPlanCsv } from './forward-plan-feeds.ts';
import { monthStart, monthText } from './forward-plan-rules.ts';
import {
  addForwardPlanItem,
  changeForwardPlanItem,
  type ForwardPlanView,
  getForwardPlanItem,
  listForwardPlan,
} from './forward-plan-service.ts';
import {
  addForwardPlanItemSchema,
  deferItemSchema,
  forwardPlanItemParametersSchema,
  setMeetingSchema,
  withdrawItemSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  added: 'The decision was added to the forward plan.',
  meeting: 'The meeting was set and the decision placed on its agenda.',
  defer: 'The decision was deferred.',
  withdraw: 'The decision was withdrawn from the forward plan.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
}

const itemFields = [
  'title',
  'kind',
  'summary',
  'expectedMonth',
  'meetingId',
  'partTwoExpected',
  'partTwoReason',
  'papersDueOn',
  'contact',
  'reason',
];

/** The next eighteen months from today's, as choices: value YYYY-MM, text "January 2027". */
function monthChoices(today: string): { value: string; text: string }[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: 18 }, (_, offset) => {
    const date = new Date(Date.UTC(year, month + offset, 1));
    const value = date.toISOString().slice(0, 7);
    return { value, text: monthText(`${value}-01`) };
  });
}

type Format = 'atom' | 'ics' | 'csv';

/** The forward plan's pages, the forms that keep it, and its feeds (Atom, iCalendar, CSV). */
export async function registerForwardPlanPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const publicUrl = app.settings.publicUrl;

  const renderPlan = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string | undefined,
    extras: Extras = {},
  ) => {
    const plan = await listForwardPlan({ db, actor: request.actor, slug, now: app.now() });
    const path = plan.body ? `/bodies/${plan.body.slug}/forward-plan` : '/forward-plan';
    return reply.code(extras.problem?.problem.status ?? 200).view('forward-plan/views/plan.njk', {
      currentPath: plan.body ? '/bodies' : '/forward-plan',
      plan,
      path,
      monthChoices: monthChoices(plan.today),
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderItem = async (
    request: FastifyRequest,
    reply: FastifyReply,
    itemId: string,
    extras: Extras = {},
  ) => {
    const item = await getForwardPlanItem({ db, actor: request.actor, itemId });
    const plan = item.mayKeep
      ? await listForwardPlan({ db, actor: request.actor, slug: item.body.slug, now: app.now() })
      : undefined;
    const today = londonDate(app.now());
    return reply.code(extras.problem?.problem.status ?? 200).view('forward-plan/views/item.njk', {
      currentPath: '/bodies',
      item,
      meetings: plan?.meetings ?? [],
      monthChoices: monthChoices(today).filter(
        (choice) => `${choice.value}-01` > monthStart(item.expectedMonth),
      ),
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const sendFeed = (reply: FastifyReply, plan: ForwardPlanView, format: Format) => {
    const name = plan.body ? `${plan.body.slug}-forward-plan` : 'forward-plan';
    switch (format) {
      case 'atom':
        return reply
          .type('application/atom+xml; charset=utf-8')
          .send(forwardPlanAtom(plan, publicUrl));
      case 'ics':
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `inline; filename="${name}.ics"`)
          .send(forwardPlanCalendar(plan, publicUrl));
      case 'csv':
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(forwardPlanCsv(plan, publicUrl));
    }
  };

  app.get('/forward-plan', { config: { permission: 'public.read' } }, async (request, reply) =>
    renderPlan(request, reply, undefined),
  );

  app.get(
    '/bodies/:slug/forward-plan',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderPlan(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  for (const format of ['atom', 'ics', 'csv'] as const) {
    app.get(
      `/forward-plan.${format}`,
      { config: { permission: 'public.read' } },
      async (request, reply) =>
        sendFeed(
          reply,
          await listForwardPlan({ db, actor: request.actor, now: app.now() }),
          format,
        ),
    );
    app.get(
      `/bodies/:slug/forward-plan.${format}`,
      { config: { permission: 'public.read' }, schema: { params: slugParametersSchema } },
      async (request, reply) =>
        sendFeed(
          reply,
          await listForwardPlan({
            db,
            actor: request.actor,
            slug: (request.params as { slug: string }).slug,
            now: app.now(),
          }),
          format,
        ),
    );
  }

  app.post(
    '/bodies/:slug/forward-plan',
    {
      config: { permission: 'forward-plan.keep', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, itemFields, 4000);
      try {
        const form = parseForm(addForwardPlanItemSchema, {
          title: values.title,
          kind: values.kind,
          summary: values.summary,
          expectedMonth: values.expectedMonth,
          meetingId: values.meetingId,
          partTwoExpected: values.partTwoExpected === 'yes',
          partTwoReason: values.partTwoReason,
          papersDueOn: values.papersDueOn,
          contact: values.contact,
          ...datePartsIn(values),
        });
        await addForwardPlanItem({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/bodies/${request.params.slug}/forward-plan?changed=added`, 303);
      } catch (caught) {
        return renderPlan(request, reply, request.params.slug, {
          problem: asProblem(caught),
          values,
        });
      }
    },
  );

  app.get(
    '/forward-plan/:id',
    {
      config: { permission: 'public.read' },
      schema: { params: forwardPlanItemParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderItem(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  const changeForm = <Schema extends z.ZodType>(
    path: 'meeting' | 'defer' | 'withdraw',
    schema: Schema,
  ) =>
    app.post(
      `/forward-plan/:id/${path}`,
      {
        config: { permission: 'forward-plan.keep', csrf: true },
        schema: { params: forwardPlanItemParametersSchema },
      },
      async (request, reply) => {
        const itemId = request.params.id;
        const values = submittedFormValues(request.body, itemFields, 4000);
        try {
          const form = parseForm(schema, {
            ...Object.fromEntries(
              Object.entries(values).filter(
                ([field]) => field in (schema as never as z.ZodObject).shape,
              ),
            ),
            ...datePartsIn(values),
          }) as object;
          await changeForwardPlanItem({
            db,
            context: context(request),
            actor: request.actor,
            itemId,
            change: { kind: path, ...form } as Parameters<
              typeof changeForwardPlanItem
            >[0]['change'],
          });
          return reply.redirect(`/forward-plan/${itemId}?changed=${path}`, 303);
        } catch (caught) {
          return renderItem(request, reply, itemId, { problem: asProblem(caught), values });
        }
      },
    );

  changeForm('meeting', setMeetingSchema);
  changeForm('defer', deferItemSchema);
  changeForm('withdraw', withdrawItemSchema);
}
