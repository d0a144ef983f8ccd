import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { getMarket, getNetwork, listNetworks, listPracticeConsortia } from './market-view.ts';
import { movePathway } from './move-pathway.ts';
import { recordNetwork } from './record-network.ts';
import { recordNetworkReview } from './record-network-review.ts';
import { recordPathway } from './record-pathway.ts';
import { recordProviderServices } from './record-provider-services.ts';
import { registerConsortium } from './register-consortium.ts';
import {
  consortiumFormFields,
  moveFormFields,
  movePathwayFormSchema,
  networkFormFields,
  networkParametersSchema,
  pathwayFormFields,
  pathwayParametersSchema,
  providerServicesFormFields,
  recordNetworkReviewSchema,
  recordNetworkSchema,
  recordPathwayFormSchema,
  recordProviderServicesSchema,
  registerConsortiumSchema,
  reviewFormFields,
  withdrawalFormFields,
  withdrawProviderServiceSchema,
} from './schemas.ts';
import { withdrawProviderService } from './withdraw-provider-service.ts';

const notices: Record<string, string> = {
  supplies: 'The provider’s services were recorded.',
  withdrawn: 'The withdrawal was recorded.',
  consortium: 'The consortium was registered.',
  pathway: 'The pathway was recorded.',
  moved: 'The pathway moved on.',
  network: 'The clinical network was recorded.',
  review: 'The review was recorded.',
};

/** The page takes any `?service=`: a repeated one reads as its first. */
const marketPageQuerySchema = z.object({
  service: z.union([z.string(), z.array(z.string())]).optional(),
  changed: z.string().max(20).optional(),
});

interface Extras {
  problem?: ProblemError;
  values?: Record<string, unknown>;
  form?: string;
  notice?: string | undefined;
}

function shown(extras: Extras) {
  return {
    form: extras.form,
    values: extras.values ?? {},
    notice: extras.notice,
    ...formErrors(extras.problem?.problem),
  };
}

/** A problem's fields renamed to the ids a form gives them (two forms on a page share a name). */
function onTheForm(problem: ProblemError, ids: Record<string, string>): ProblemError {
  return new ProblemError({
    ...problem.problem,
    errors: problem.problem.errors?.map((error) => ({
      ...error,
      field: ids[error.field] ?? error.field,
    })),
  });
}

/** The markets as pages: the market and its map, the consortia and their pathways, the networks. */
export async function registerMarketPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderMarket = async (
    request: FastifyRequest,
    reply: FastifyReply,
    service: string | undefined,
    extras: Extras = {},
  ) => {
    const market = await getMarket({ db, actor: request.actor, now: app.now(), service });
    return reply.code(extras.problem?.problem.status ?? 200).view('markets/views/market.njk', {
      currentPath: '/commissioning',
      market,
      ...shown(extras),
    });
  };

  app.get(
    '/markets',
    { config: { permission: 'public.read' }, schema: { querystring: marketPageQuerySchema } },
    async (request, reply) => {
      const asked = [request.query.service ?? []].flat()[0]?.slice(0, 200);
      return renderMarket(request, reply, asked || undefined, {
        notice: notices[request.query.changed ?? ''],
      });
    },
  );

  app.post(
    '/markets/provider-services',
    { config: { permission: 'markets.manage', csrf: true } },
    async (request, reply) => {
      const submitted = (request.body ?? {}) as Record<string, unknown>;
      const values = submittedFormValues(submitted, providerServicesFormFields, 300);
      const sectorIds = [submitted.sectorIds ?? []]
        .flat()
        .filter((each): each is string => typeof each === 'string')
        .slice(0, 20);
      try {
        const form = parseForm(recordProviderServicesSchema, { ...values, sectorIds });
        await recordProviderServices({
          db,
          context: context(request),
          actor: request.actor,
          ...form,
        });
        const service = encodeURIComponent(form.serviceArea);
        return reply.redirect(`/markets?service=${service}&changed=supplies#map`, 303);
      } catch (caught) {
        return renderMarket(request, reply, values.serviceArea || undefined, {
          problem: asProblem(caught),
          values: { ...values, sectorIds },
        });
      }
    },
  );

  app.post(
    '/markets/provider-services/withdrawals',
    { config: { permission: 'markets.manage', csrf: true } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, withdrawalFormFields, 2000);
      try {
        const form = parseForm(withdrawProviderServiceSchema, values);
        await withdrawProviderService({
          db,
          context: context(request),
          actor: request.actor,
          ...form,
        });
        const service = encodeURIComponent(form.serviceArea);
        return reply.redirect(`/markets?service=${service}&changed=withdrawn#map`, 303);
      } catch (caught) {
        return renderMarket(request, reply, values.serviceArea || undefined, {
          problem: onTheForm(asProblem(caught), {
            providerOrganisationId: 'withdrawnProvider',
            serviceArea: 'withdrawnServiceArea',
          }),
          values,
          form: 'withdrawal',
        });
      }
    },
  );

  const renderConsortia = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extras: Extras = {},
  ) => {
    const practice = await listPracticeConsortia({ db, actor: request.actor, now: app.now() });
    return reply.code(extras.problem?.problem.status ?? 200).view('markets/views/consortia.njk', {
      currentPath: '/commissioning',
      practice,
      ...shown(extras),
    });
  };

  app.get(
    '/markets/practice-based-commissioning',
    { config: { permission: 'public.read' }, schema: { querystring: changedQuerySchema } },
    async (request, reply) =>
      renderConsortia(request, reply, { notice: notices[request.query.changed ?? ''] }),
  );

  app.post(
    '/markets/practice-consortia',
    { config: { permission: 'markets.manage', csrf: true } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, consortiumFormFields, 300);
      try {
        const form = parseForm(registerConsortiumSchema, values);
        await registerConsortium({ db, context: context(request), actor: request.actor, ...form });
        return reply.redirect('/markets/practice-based-commissioning?changed=consortium', 303);
      } catch (caught) {
        return renderConsortia(request, reply, {
          problem: onTheForm(asProblem(caught), {
            name: 'consortiumName',
            primaryCareTrustId: 'consortiumPct',
          }),
          values,
          form: 'consortium',
        });
      }
    },
  );

  app.post(
    '/markets/pathways',
    { config: { permission: 'markets.manage', csrf: true } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, pathwayFormFields, 5000);
      try {
        const form = parseForm(recordPathwayFormSchema, values);
        await recordPathway({ db, context: context(request), actor: request.actor, ...form });
        return reply.redirect('/markets/practice-based-commissioning?changed=pathway', 303);
      } catch (caught) {
        return renderConsortia(request, reply, {
          problem: asProblem(caught),
          values,
          form: 'pathway',
        });
      }
    },
  );

  app.post(
    '/markets/pathways/:id/status',
    {
      config: { permission: 'markets.manage', csrf: true },
      schema: { params: pathwayParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, moveFormFields, 100);
      try {
        const form = parseForm(movePathwayFormSchema, values);
        await movePathway({
          db,
          context: context(request),
          actor: request.actor,
          pathwayId: request.params.id,
          ...form,
        });
        return reply.redirect('/markets/practice-based-commissioning?changed=moved', 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 404) throw problem;
        return renderConsortia(request, reply, {
          problem: onTheForm(problem, {
            status: `status-${request.params.id}`,
            agreedOn: `agreedOn-${request.params.id}`,
          }),
          values: { ...values, pathwayId: request.params.id },
          form: 'move',
        });
      }
    },
  );

  const renderNetworks = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extras: Extras = {},
  ) => {
    const networks = await listNetworks({ db, actor: request.actor, now: app.now() });
    return reply.code(extras.problem?.problem.status ?? 200).view('markets/views/networks.njk', {
      currentPath: '/commissioning',
      networks,
      ...shown(extras),
    });
  };

  app.get(
    '/clinical-networks',
    { config: { permission: 'public.read' }, schema: { querystring: changedQuerySchema } },
    async (request, reply) =>
      renderNetworks(request, reply, { notice: notices[request.query.changed ?? ''] }),
  );

  app.post(
    '/clinical-networks',
    { config: { permission: 'markets.manage', csrf: true } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, networkFormFields, 5000);
      try {
        const form = parseForm(recordNetworkSchema, values);
        const { networkId } = await recordNetwork({
          db,
          context: context(request),
          actor: request.actor,
          ...form,
        });
        return reply.redirect(`/clinical-networks/${networkId}?changed=network`, 303);
      } catch (caught) {
        return renderNetworks(request, reply, { problem: asProblem(caught), values });
      }
    },
  );

  const renderNetwork = async (
    request: FastifyRequest,
    reply: FastifyReply,
    networkId: string,
    extras: Extras = {},
  ) => {
    const network = await getNetwork({ db, actor: request.actor, now: app.now(), networkId });
    return reply.code(extras.problem?.problem.status ?? 200).view('markets/views/network.njk', {
      currentPath: '/commissioning',
      network,
      today: londonDate(app.now()),
      ...shown(extras),
    });
  };

  app.get(
    '/clinical-networks/:id',
    {
      config: { permission: 'public.read' },
      schema: { params: networkParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderNetwork(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/clinical-networks/:id/reviews',
    {
      config: { permission: 'markets.manage', csrf: true },
      schema: { params: networkParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, reviewFormFields, 10_000);
      try {
        const form = parseForm(recordNetworkReviewSchema, values);
        await recordNetworkReview({
          db,
          context: context(request),
          actor: request.actor,
          networkId: request.params.id,
          ...form,
        });
        return reply.redirect(`/clinical-networks/${request.params.id}?changed=review`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 404) throw problem;
        return renderNetwork(request, reply, request.params.id, { problem, values });
      }
    },
  );
}
