import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { decidePermissionBeforeBody } from '../http/permission-before-body.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { invalidInput } from '../shared/problems.ts';
import { changeContract, contractTheActorKeeps } from './change-contract.ts';
import { exportContractsCsv, exportContractsOcds } from './contract-exports.ts';
import { getContract, listContracts } from './contract-view.ts';
import { importContracts } from './import-contracts.ts';
import { recordContract, refuseUnlessMayKeepContracts } from './record-contract.ts';
import {
  awardedContractInputSchema,
  contractChangedSchema,
  contractInputSchema,
  contractParametersSchema,
  contractViewSchema,
  importResultSchema,
  registerQuerySchema,
  registerSchema,
  tenderParametersSchema,
} from './schemas.ts';
import { csvUploadProblem, uploadedCsvIn } from './upload.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const tags = ['contracts'];

/** The contracts register over JSON, as CSV and as OCDS 1.1.5. */
export async function registerContractRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const mayKeep = async (request: FastifyRequest) => {
    if (request.actor.kind === 'account') {
      await refuseUnlessMayKeepContracts({ db, actor: request.actor, now: app.now() });
    }
  };
  const mayChange = decidePermissionBeforeBody(
    contractParametersSchema,
    async (request, params) => {
      if (request.actor.kind === 'account') {
        await contractTheActorKeeps({
          db,
          actor: request.actor,
          contractId: params.contractId,
          now: app.now(),
        });
      }
    },
  );

  app.get(
    '/contracts',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'The contracts register (2006 §3.1(c) "Contracting and management"): every contract with its provider, service, term, values in pence and in words, commissioners and shares, filtered by provider, PCT (a commissioner), status and service; totals in pence and £. Public record',
        querystring: registerQuerySchema,
        response: { 200: registerSchema, ...refusals },
      },
    },
    async (request) =>
      listContracts({ db, actor: request.actor, now: app.now(), filters: request.query }),
  );

  app.get(
    '/contracts.csv',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'The register (same filters) as CSV in the columns an import reads (docs/contracts.md): RFC 4180, CRLF line ends, a header row',
        querystring: registerQuerySchema,
        response: { 200: z.string().describe('text/csv'), ...refusals },
      },
    },
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
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'The register (same filters) as an Open Contracting Data Standard 1.1.5 release package: one release per contract, buyer the lead commissioner, values in GBP',
        querystring: registerQuerySchema,
        response: { 200: z.looseObject({}), ...refusals },
      },
    },
    async (request) =>
      exportContractsOcds({
        db,
        actor: request.actor,
        now: app.now(),
        filters: request.query,
        publicUrl: app.settings.publicUrl,
      }),
  );

  app.post(
    '/contracts',
    {
      config: { permission: 'contracts.maintain' },
      onRequest: mayKeep,
      schema: {
        tags,
        summary:
          'Record a contract: reference, title, service, provider, approved specification version, procurement route (a single tender with its reason; an extension with the reference it extends), start and end, extension options, total and annual value in whole pence, share basis, the commissioning PCTs with shares in hundredths of a per cent summing to 10000, the lead (one of them), status (not "awarded": only a tender awards). The London group’s secretariat, or the local group’s for a contract its PCT leads',
        body: contractInputSchema,
        response: { 201: contractChangedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordContract({
        db,
        context: context(request),
        actor: request.actor,
        contract: request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/contracts/${recorded.contractId}`)
        .send(recorded);
    },
  );

  app.post(
    '/contracts/from-tender/:tenderId',
    {
      config: { permission: 'contracts.maintain' },
      onRequest: mayKeep,
      schema: {
        tags,
        summary:
          'Record the contract of an awarded tender, marked "awarded": the award fixes the provider, service, specification version, total value and the consortium members’ shares; give the reference, term, annual value, share basis and lead. Refused unless the tender was awarded and its procurement decisions register is complete, and for a tender already in the register',
        params: tenderParametersSchema,
        body: awardedContractInputSchema,
        response: { 201: contractChangedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordContract({
        db,
        context: context(request),
        actor: request.actor,
        tenderId: request.params.tenderId,
        contract: {
          ...request.body,
          title: '',
          service: '',
          providerOrganisationId: '',
          totalValuePence: 0,
          commissioners: [],
          status: 'active',
        },
      });
      return reply
        .code(201)
        .header('location', `/api/v1/contracts/${recorded.contractId}`)
        .send(recorded);
    },
  );

  app.post(
    '/contracts/imports',
    {
      config: { permission: 'contracts.maintain', uploads: true },
      onRequest: mayKeep,
      schema: {
        tags,
        summary:
          'Import contracts from a CSV file sent as multipart/form-data (`file`, at most 10 MB; the CLI takes any size): all or nothing, every bad line named with its line number and the rule it breaks',
        consumes: ['multipart/form-data'],
        response: { 201: importResultSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const file = uploadedCsvIn(request.body);
      const problem = csvUploadProblem(file);
      if (problem || !file) throw invalidInput([{ field: 'file', message: problem ?? '' }]);
      const imported = await importContracts({
        db,
        context: context(request),
        actor: request.actor,
        input: Readable.from([file.content]),
      });
      return reply.code(201).send(imported);
    },
  );

  app.get(
    '/contracts/:contractId',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'One contract: everything the register holds, the latest possible end with its extension options, and whether the reader may change it',
        params: contractParametersSchema,
        response: { 200: contractViewSchema, ...refusals },
      },
    },
    async (request) =>
      getContract({
        db,
        actor: request.actor,
        now: app.now(),
        contractId: request.params.contractId,
      }),
  );

  app.put(
    '/contracts/:contractId',
    {
      config: { permission: 'contracts.maintain' },
      onRequest: mayChange,
      schema: {
        tags,
        summary:
          'Change a contract: the whole record again, held to the same rules as recording it. A contract awarded from a tender keeps that status',
        params: contractParametersSchema,
        body: contractInputSchema,
        response: { 200: contractViewSchema, ...refusals },
      },
    },
    async (request) => {
      await changeContract({
        db,
        context: context(request),
        actor: request.actor,
        contractId: request.params.contractId,
        contract: request.body,
      });
      return getContract({
        db,
        actor: request.actor,
        now: app.now(),
        contractId: request.params.contractId,
      });
    },
  );
}
