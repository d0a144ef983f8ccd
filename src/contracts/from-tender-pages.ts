/**
 * The page that records an awarded tender's contract (contract-from-award.ts): what the award
 * fixes, shown, and the few fields the secretariat fills. The tender's page links here once the
 * consortium has awarded it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { formErrors, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { awardedTenderOf } from '../procurement/index.ts';
import { longDateText } from '../shared/long-date.ts';
import { asProblem, notFound, ProblemError } from '../shared/problems.ts';
import { fixedByAward } from './contract-from-award.ts';
import {
  awardedClause,
  moneyInWords,
  poundsText,
  procurementRouteNames,
  procurementRoutes,
  shareBases,
  shareBasisNames,
  shareInWords,
} from './contract-rules.ts';
import { recordContract, refuseUnlessMayKeepContracts } from './record-contract.ts';
import {
  awardedContractFormFields,
  contractFromForm,
  formFieldOf,
  tenderParametersSchema,
} from './schemas.ts';

export async function registerContractFromTenderPages(app: App) {
  const { db } = app.database;

  /** The award as the page shows it; refused (with the rule) as the use case would refuse it. */
  const awardShown = async (tenderId: string) => {
    await fixedByAward(db, tenderId);
    const award = await awardedTenderOf(db, tenderId);
    if (!award) throw notFound('tender', tenderId);
    return {
      ...award,
      awardedOnText: longDateText(award.awardedOn),
      valueText: moneyInWords(award.valuePence),
      members: award.members.map((member) => ({
        ...member,
        shareText: shareInWords(member.shareBasisPoints),
      })),
    };
  };

  const render = async (
    reply: FastifyReply,
    tenderId: string,
    values: Record<string, string>,
    problem?: ProblemError,
  ) =>
    reply.code(problem?.problem.status ?? 200).view('contracts/views/from-tender.njk', {
      currentPath: '/commissioning',
      award: await awardShown(tenderId),
      values,
      choices: {
        routes: procurementRoutes.map((id) => ({ id, name: procurementRouteNames[id] })),
        bases: shareBases.map((id) => ({ id, name: shareBasisNames[id] })),
      },
      clauses: { awarded: awardedClause },
      ...formErrors(problem?.problem),
    });

  app.get(
    '/contracts/from-tender/:tenderId',
    { config: { permission: 'contracts.maintain' }, schema: { params: tenderParametersSchema } },
    async (request, reply) => {
      await refuseUnlessMayKeepContracts({ db, actor: request.actor, now: app.now() });
      return render(reply, request.params.tenderId, {
        procurementRoute: 'open',
        shareBasis: 'population',
      });
    },
  );

  app.post(
    '/contracts/from-tender/:tenderId',
    {
      config: { permission: 'contracts.maintain', csrf: true },
      schema: { params: tenderParametersSchema },
    },
    async (request: FastifyRequest<{ Params: { tenderId: string } }>, reply) => {
      const { tenderId } = request.params;
      const values = submittedFormValues(request.body, awardedContractFormFields, 2000);
      try {
        const award = await fixedByAward(db, tenderId);
        // The form carries only what the award does not fix; the use case takes the rest from it.
        const contract = contractFromForm({
          ...values,
          title: award.title,
          service: award.service,
          providerOrganisationId: award.providerOrganisationId,
          totalValue: poundsText(award.totalValuePence),
          status: 'active',
        });
        const { contractId } = await recordContract({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          tenderId,
          contract,
        });
        return reply.redirect(`/contracts/${contractId}?changed=recorded`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 403 || problem.problem.status === 404) throw problem;
        return render(
          reply,
          tenderId,
          values,
          new ProblemError({
            ...problem.problem,
            errors: problem.problem.errors?.map((error) => ({
              ...error,
              field: formFieldOf(error.field, values),
            })),
          }),
        );
      }
    },
  );
}
