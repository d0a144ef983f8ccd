import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import {
  addIntention,
  changeIntentionSource,
  editIntention,
  moveIntention,
  removeIntention,
  startConsolidation,
} from './consolidate-intentions.ts';
import { getFit } from './fit-view.ts';
import {
  addIntentionSchema,
  attachSourceSchema,
  intentionInputSchema,
  intentionParametersSchema,
  localPlanSchema,
  moveIntentionSchema,
  putToGroupSchema,
  roundParametersSchema,
  sourceParametersSchema,
} from './intention-schemas.ts';
import { getIntentions } from './intentions-view.ts';
import { renderProspectusPdf } from './prospectus-pdf.ts';
import { getProspectus } from './prospectus-view.ts';
import { publishProspectus } from './publish-prospectus.ts';
import { putIntentionsToGroup } from './put-intentions-to-group.ts';
import { recordAgreement } from './record-agreement.ts';
import { recordLocalPlan } from './record-local-plan.ts';

const round = '/bodies/:slug/commissioning-rounds/:year';

const notices: Record<string, string> = {
  started: 'Consolidation has started: write the London intentions from the returns.',
  added: 'The intention was added.',
  edited: 'The intention was changed.',
  moved: 'The intention was moved.',
  removed: 'The intention was removed; the priorities it consolidated are listed again below.',
  attached: 'The priority was attached to the intention.',
  detached: 'The priority was detached from the intention.',
  put: 'The intentions were put to the London group: the question is on the meeting’s agenda.',
  agreed: 'The London group’s agreement was recorded.',
  returned: 'The London group did not agree the intentions: they are back for consolidation.',
  published: 'The London prospectus was published.',
  plan: 'The local plan was recorded.',
};

const intentionFields = ['title', 'serviceArea', 'description', 'specificationVersionId'];

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
  checked?: string[];
}

type RoundParameters = { slug: string; year: string };

const roundPath = (parameters: RoundParameters) =>
  `/bodies/${parameters.slug}/commissioning-rounds/${parameters.year}`;

/** Every value of a field a form may send more than once (checkboxes). */
function allValues(body: unknown, field: string): string[] {
  const value = ((body ?? {}) as Record<string, unknown>)[field];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((entry): entry is string => typeof entry === 'string' && entry !== '');
}

/** London commissioning intentions, their agreement, the prospectus and the fit of local plans, as pages. */
export async function registerIntentionPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const withActor = (request: FastifyRequest) => ({
    db,
    context: context(request),
    actor: request.actor,
  });

  const renderIntentions = async (
    request: FastifyRequest,
    reply: FastifyReply,
    parameters: RoundParameters,
    extras: Extras = {},
  ) => {
    const view = await getIntentions({ db, actor: request.actor, now: app.now(), ...parameters });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('commissioning/views/intention-list.njk', {
        currentPath: '/commissioning',
        view,
        values: extras.values ?? {},
        checked: extras.checked ?? [],
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  const renderIntention = async (
    request: FastifyRequest,
    reply: FastifyReply,
    parameters: RoundParameters & { intentionId: string },
    extras: Extras = {},
  ) => {
    const view = await getIntentions({ db, actor: request.actor, now: app.now(), ...parameters });
    const intention = view.intentions.find((candidate) => candidate.id === parameters.intentionId);
    if (!intention) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Not found',
        detail: view.withheld ?? 'That intention is not one of this round’s London intentions.',
      });
    }
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('commissioning/views/intention-edit.njk', {
        currentPath: '/commissioning',
        view,
        intention,
        values: extras.values ?? {},
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    `${round}/intentions`,
    {
      config: { permission: 'public.read' },
      schema: { params: roundParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderIntentions(request, reply, request.params, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  /** A form on the intentions page that runs one use case and comes back with its notice. */
  const roundForm = (
    path: string,
    run: (request: FastifyRequest, parameters: RoundParameters) => Promise<string>,
    fields: string[] = [],
  ) =>
    app.post(
      `${round}${path}`,
      {
        config: { permission: 'commissioning.run', csrf: true },
        schema: { params: roundParametersSchema },
      },
      async (request, reply) => {
        try {
          const changed = await run(request, request.params);
          const target = changed === 'published' ? 'prospectus' : 'intentions';
          return reply.redirect(`${roundPath(request.params)}/${target}?changed=${changed}`, 303);
        } catch (caught) {
          return renderIntentions(request, reply, request.params, {
            problem: asProblem(caught),
            values: submittedFormValues(request.body, fields, 4000),
            checked: allValues(request.body, 'priorityIds'),
          });
        }
      },
    );

  roundForm('/intentions/consolidation', async (request, parameters) => {
    await startConsolidation({ ...withActor(request), ...parameters });
    return 'started';
  });

  roundForm(
    '/intentions',
    async (request, parameters) => {
      const values = submittedFormValues(request.body, intentionFields, 4000);
      const form = parseForm(addIntentionSchema, {
        ...values,
        priorityIds: allValues(request.body, 'priorityIds'),
      });
      await addIntention({ ...withActor(request), ...parameters, ...form });
      return 'added';
    },
    intentionFields,
  );

  roundForm(
    '/intentions/put-to-group',
    async (request, parameters) => {
      const form = parseForm(
        putToGroupSchema,
        submittedFormValues(request.body, ['meetingId'], 100),
      );
      await putIntentionsToGroup({ ...withActor(request), ...parameters, ...form });
      return 'put';
    },
    ['meetingId'],
  );

  roundForm('/intentions/agreement', async (request, parameters) => {
    const recorded = await recordAgreement({ ...withActor(request), ...parameters });
    return recorded.status === 'agreed' ? 'agreed' : 'returned';
  });

  roundForm('/prospectus', async (request, parameters) => {
    await publishProspectus({ ...withActor(request), ...parameters });
    return 'published';
  });

  app.get(
    `${round}/intentions/:intentionId`,
    {
      config: { permission: 'public.read' },
      schema: { params: intentionParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderIntention(request, reply, request.params, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  /** A form on one intention's page; comes back to it (or, once removed, to the list). */
  const intentionForm = (
    path: string,
    run: (
      request: FastifyRequest,
      parameters: RoundParameters & { intentionId: string },
    ) => Promise<string>,
    fields: string[] = [],
  ) =>
    app.post(
      `${round}/intentions/:intentionId${path}`,
      {
        config: { permission: 'commissioning.run', csrf: true },
        schema: { params: intentionParametersSchema },
      },
      async (request, reply) => {
        try {
          const changed = await run(request, request.params);
          const target =
            changed === 'removed'
              ? `${roundPath(request.params)}/intentions`
              : `${roundPath(request.params)}/intentions/${request.params.intentionId}`;
          return reply.redirect(`${target}?changed=${changed}`, 303);
        } catch (caught) {
          return renderIntention(request, reply, request.params, {
            problem: asProblem(caught),
            values: submittedFormValues(request.body, fields, 4000),
          });
        }
      },
    );

  intentionForm(
    '',
    async (request, parameters) => {
      const form = parseForm(
        intentionInputSchema,
        submittedFormValues(request.body, intentionFields, 4000),
      );
      await editIntention({ ...withActor(request), ...parameters, ...form });
      return 'edited';
    },
    intentionFields,
  );

  intentionForm('/move', async (request, parameters) => {
    const form = parseForm(
      moveIntentionSchema,
      submittedFormValues(request.body, ['direction'], 10),
    );
    await moveIntention({ ...withActor(request), ...parameters, ...form });
    return 'moved';
  });

  intentionForm('/remove', async (request, parameters) => {
    await removeIntention({ ...withActor(request), ...parameters });
    return 'removed';
  });

  intentionForm(
    '/sources',
    async (request, parameters) => {
      const form = parseForm(
        attachSourceSchema,
        submittedFormValues(request.body, ['priorityId'], 100),
      );
      await changeIntentionSource({ ...withActor(request), ...parameters, ...form, attach: true });
      return 'attached';
    },
    ['priorityId'],
  );

  app.post(
    `${round}/intentions/:intentionId/sources/:priorityId/remove`,
    {
      config: { permission: 'commissioning.run', csrf: true },
      schema: { params: sourceParametersSchema },
    },
    async (request, reply) => {
      const target = `${roundPath(request.params)}/intentions/${request.params.intentionId}`;
      try {
        await changeIntentionSource({ ...withActor(request), ...request.params, attach: false });
        return reply.redirect(`${target}?changed=detached`, 303);
      } catch (caught) {
        return renderIntention(request, reply, request.params, { problem: asProblem(caught) });
      }
    },
  );

  app.get(
    `${round}/prospectus`,
    {
      config: { permission: 'public.read' },
      schema: { params: roundParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) => {
      const view = await getProspectus({ db, ...request.params });
      return reply.view('commissioning/views/prospectus-page.njk', {
        currentPath: '/commissioning',
        view,
        notice: notices[request.query.changed ?? ''],
      });
    },
  );

  app.get(
    `${round}/prospectus.pdf`,
    { config: { permission: 'public.read' }, schema: { params: roundParametersSchema } },
    async (request, reply) => {
      const view = await getProspectus({ db, ...request.params });
      const pdf = await renderProspectusPdf(view.prospectus);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="london-commissioning-prospectus-${request.params.year}.pdf"`,
        )
        .send(pdf);
    },
  );

  const renderFit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    parameters: RoundParameters,
    extras: Extras = {},
  ) => {
    const view = await getFit({ db, actor: request.actor, now: app.now(), ...parameters });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('commissioning/views/fit-page.njk', {
        currentPath: '/commissioning',
        view,
        values: extras.values ?? {},
        checked: extras.checked ?? [],
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    `${round}/fit`,
    {
      config: { permission: 'public.read' }, // signed-in readers: getFit refuses the rest (401)
      schema: { params: roundParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderFit(request, reply, request.params, { notice: notices[request.query.changed ?? ''] }),
  );

  app.post(
    `${round}/local-plans`,
    {
      config: { permission: 'commissioning.act-for-pct', csrf: true },
      schema: { params: roundParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['organisationId', 'ownLines'], 8000);
      const intentionIds = allValues(request.body, 'intentionIds');
      try {
        if (!values.organisationId) {
          throw new ProblemError({
            status: 400,
            code: 'invalid-input',
            title: 'The request has invalid fields',
            detail: 'Choose the PCT whose local plan this is.',
            errors: [
              { field: 'organisationId', message: 'Choose the PCT whose local plan this is.' },
            ],
          });
        }
        const form = parseForm(localPlanSchema, {
          intentionIds,
          ownLines: (values.ownLines ?? '')
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean)
            .map((title) => ({ title })),
        });
        await recordLocalPlan({
          ...withActor(request),
          ...request.params,
          organisationId: values.organisationId,
          ...form,
        });
        return reply.redirect(`${roundPath(request.params)}/fit?changed=plan`, 303);
      } catch (caught) {
        return renderFit(request, reply, request.params, {
          problem: asProblem(caught),
          values,
          checked: intentionIds,
        });
      }
    },
  );
}
