import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, invalidInput, ProblemError } from '../shared/problems.ts';
import { listApprovedVersions } from '../specifications/index.ts';
import { changeContract, contractTheActorKeeps } from './change-contract.ts';
import { exportContractsCsv, exportContractsOcds } from './contract-exports.ts';
import { selectOrganisationsOfTypes } from './contract-queries.ts';
import {
  awardedClause,
  contractingClause,
  contractStatusNames,
  poundsText,
  primaryCareTrust,
  procurementRouteNames,
  procurementRoutes,
  providerTypes,
  recordableStatuses,
  shareBases,
  shareBasisNames,
  sharesClause,
} from './contract-rules.ts';
import { type ContractView, getContract, listContracts } from './contract-view.ts';
import { contractCsvColumns } from './csv-rules.ts';
import { registerContractFromTenderPages } from './from-tender-pages.ts';
import { importContracts } from './import-contracts.ts';
import { recordContract, refuseUnlessMayKeepContracts } from './record-contract.ts';
import {
  commissionerSlots,
  contractFormFields,
  contractFromForm,
  contractParametersSchema,
  formFieldOf,
  optionSlots,
  registerQuerySchema,
} from './schemas.ts';
import { csvUploadProblem, uploadedCsvIn } from './upload.ts';

const notices: Record<string, string> = {
  recorded: 'The contract was recorded in the register.',
  changed: 'The contract was changed.',
};

/** The use case's field names as the form's, so the error summary links to the right field. */
function onTheForm(problem: ProblemError, values: Record<string, string>): ProblemError {
  return new ProblemError({
    ...problem.problem,
    errors: problem.problem.errors?.map((error) => ({
      ...error,
      field: formFieldOf(error.field, values),
    })),
  });
}

/** A contract as the form shows it again: pounds, percentages and numbered slots. */
function formValuesOf(contract: ContractView): Record<string, string> {
  const values: Record<string, string> = {
    reference: contract.reference,
    title: contract.title,
    service: contract.service,
    providerOrganisationId: contract.provider.id,
    specificationVersionId: contract.specification?.versionId ?? '',
    procurementRoute: contract.procurementRoute.id,
    singleTenderReason: contract.singleTenderReason ?? '',
    extendsReference: contract.extends?.reference ?? '',
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    totalValue: poundsText(contract.totalValuePence),
    annualValue: poundsText(contract.annualValuePence),
    shareBasis: contract.shareBasis.id,
    leadOrganisationId: contract.lead.id,
    status: contract.status.id,
  };
  contract.commissioners.forEach((each, index) => {
    values[`commissioner${index + 1}`] = each.id;
    values[`commissioner${index + 1}Share`] = each.share.replace('%', '');
  });
  contract.extensionOptions.forEach((each, index) => {
    values[`option${index + 1}Months`] = String(each.months);
    values[`option${index + 1}Exercised`] = each.exercised ? 'yes' : '';
  });
  return values;
}

/** The contracts register as pages: the register, a contract, the forms and the import. */
export async function registerContractPages(app: App) {
  await registerContractFromTenderPages(app);
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const formChoices = async () => {
    const organisations = await selectOrganisationsOfTypes(db, [
      ...providerTypes,
      primaryCareTrust,
    ]);
    return {
      providers: organisations.filter((each) => each.type !== primaryCareTrust),
      primaryCareTrusts: organisations.filter((each) => each.type === primaryCareTrust),
      versions: await listApprovedVersions(db),
      routes: procurementRoutes.map((id) => ({ id, name: procurementRouteNames[id] })),
      statuses: recordableStatuses.map((id) => ({ id, name: contractStatusNames[id] })),
      bases: shareBases.map((id) => ({ id, name: shareBasisNames[id] })),
    };
  };

  const renderForm = async (
    reply: FastifyReply,
    options: {
      contract?: ContractView;
      values: Record<string, string>;
      problem?: ProblemError;
    },
  ) =>
    reply.code(options.problem?.problem.status ?? 200).view('contracts/views/form.njk', {
      currentPath: '/commissioning',
      contract: options.contract,
      values: options.values,
      choices: await formChoices(),
      commissionerSlots,
      optionSlots,
      clauses: { contracting: contractingClause, shares: sharesClause, awarded: awardedClause },
      ...formErrors(options.problem?.problem),
    });

  app.get(
    '/contracts',
    { config: { permission: 'public.read' }, schema: { querystring: registerQuerySchema } },
    async (request, reply) => {
      const register = await listContracts({
        db,
        actor: request.actor,
        now: app.now(),
        filters: request.query,
      });
      const query = new URLSearchParams(
        Object.entries(request.query).flatMap(([key, value]) =>
          value ? [[key, String(value)] as [string, string]] : [],
        ),
      ).toString();
      return reply.view('contracts/views/register.njk', {
        currentPath: '/commissioning',
        register,
        query: query ? `?${query}` : '',
        clause: contractingClause,
      });
    },
  );

  app.get(
    '/contracts.csv',
    { config: { permission: 'public.read' }, schema: { querystring: registerQuerySchema } },
    async (request, reply) => {
      const { fileName, csv } = await exportContractsCsv({
        db,
        actor: request.actor,
        now: app.now(),
        filters: request.query,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csv);
    },
  );

  app.get(
    '/contracts.ocds.json',
    { config: { permission: 'public.read' }, schema: { querystring: registerQuerySchema } },
    async (request, reply) =>
      reply.type('application/json; charset=utf-8').send(
        await exportContractsOcds({
          db,
          actor: request.actor,
          now: app.now(),
          filters: request.query,
          publicUrl: app.settings.publicUrl,
        }),
      ),
  );

  app.get(
    '/contracts/new',
    { config: { permission: 'contracts.maintain' } },
    async (request, reply) => {
      await refuseUnlessMayKeepContracts({ db, actor: request.actor, now: app.now() });
      return renderForm(reply, {
        values: { procurementRoute: 'open', shareBasis: 'population', status: 'active' },
      });
    },
  );

  app.post(
    '/contracts',
    { config: { permission: 'contracts.maintain', csrf: true } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, contractFormFields, 2000);
      try {
        const { contractId } = await recordContract({
          db,
          context: context(request),
          actor: request.actor,
          contract: contractFromForm(values),
        });
        return reply.redirect(`/contracts/${contractId}?changed=recorded`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 403) throw problem;
        return renderForm(reply, { values, problem: onTheForm(problem, values) });
      }
    },
  );

  app.get(
    '/contracts/import',
    { config: { permission: 'contracts.maintain' } },
    async (request, reply) => {
      await refuseUnlessMayKeepContracts({ db, actor: request.actor, now: app.now() });
      return reply.view('contracts/views/import.njk', {
        currentPath: '/commissioning',
        columns: contractCsvColumns,
        lines: [],
      });
    },
  );

  app.post(
    '/contracts/import',
    { config: { permission: 'contracts.maintain', csrf: true, uploads: true } },
    async (request, reply) => {
      try {
        const file = uploadedCsvIn(request.body);
        const problem = csvUploadProblem(file);
        if (problem || !file) throw invalidInput([{ field: 'file', message: problem ?? '' }]);
        const imported = await importContracts({
          db,
          context: context(request),
          actor: request.actor,
          input: Readable.from([file.content]),
        });
        return reply.view('contracts/views/import.njk', {
          currentPath: '/commissioning',
          columns: contractCsvColumns,
          imported,
          lines: [],
        });
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 403) throw problem;
        const lines = (problem.problem.errors ?? []).map((error) => error.message);
        return reply.code(problem.problem.status).view('contracts/views/import.njk', {
          currentPath: '/commissioning',
          columns: contractCsvColumns,
          lines,
          errorList: [
            {
              text:
                lines.length > 1
                  ? `Nothing was imported: ${lines.length} problems in the file, listed below.`
                  : `Nothing was imported: ${lines[0] ?? problem.problem.detail}`,
              href: '#file',
            },
          ],
          fieldErrors: {
            file: {
              text: 'Nothing was imported: correct the lines listed and upload the file again.',
            },
          },
        });
      }
    },
  );

  app.get(
    '/contracts/:contractId',
    {
      config: { permission: 'public.read' },
      schema: { params: contractParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) => {
      const contract = await getContract({
        db,
        actor: request.actor,
        now: app.now(),
        contractId: request.params.contractId,
      });
      return reply.view('contracts/views/contract.njk', {
        currentPath: '/commissioning',
        contract,
        notice: notices[request.query.changed ?? ''],
        clauses: { contracting: contractingClause, shares: sharesClause, awarded: awardedClause },
      });
    },
  );

  app.get(
    '/contracts/:contractId/edit',
    { config: { permission: 'contracts.maintain' }, schema: { params: contractParametersSchema } },
    async (request, reply) => {
      await contractTheActorKeeps({
        db,
        actor: request.actor,
        contractId: request.params.contractId,
        now: app.now(),
      });
      const contract = await getContract({
        db,
        actor: request.actor,
        now: app.now(),
        contractId: request.params.contractId,
      });
      return renderForm(reply, { contract, values: formValuesOf(contract) });
    },
  );

  app.post(
    '/contracts/:contractId',
    {
      config: { permission: 'contracts.maintain', csrf: true },
      schema: { params: contractParametersSchema },
    },
    async (request, reply) => {
      const { contractId } = request.params;
      const values = submittedFormValues(request.body, contractFormFields, 2000);
      try {
        await changeContract({
          db,
          context: context(request),
          actor: request.actor,
          contractId,
          contract: contractFromForm(values),
        });
        return reply.redirect(`/contracts/${contractId}?changed=changed`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 403 || problem.problem.status === 404) throw problem;
        const contract = await getContract({
          db,
          actor: request.actor,
          now: app.now(),
          contractId,
        });
        return renderForm(reply, { contract, values, problem: onTheForm(problem, values) });
      }
    },
  );
}
