import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { listApprovedVersions } from '../specifications/index.ts';
import { getConsortium, listProcurement } from './consortium-view.ts';
import { openTender } from './open-tender.ts';
import { selectAllPeople, selectOrganisationsOfTypes } from './procurement-queries.ts';
import {
  baseWords,
  conflictManagements,
  managementWords,
  registerSubjects,
  subjectWords,
  voteBases,
  voteWeightings,
  weightingWords,
} from './procurement-rules.ts';
import { putAward } from './put-award.ts';
import { recordAward } from './record-award.ts';
import { providerTypes, recordBid } from './record-bid.ts';
import { recordConflictManagement } from './record-conflict-management.ts';
import { recordConsortium } from './record-consortium.ts';
import { recordEvaluation } from './record-evaluation.ts';
import { recordRegisterEntry } from './record-register-entry.ts';
import { exportRegisterCsv } from './register-export.ts';
import {
  conflictParametersSchema,
  consortiumFormFields,
  consortiumParametersSchema,
  memberSlots,
  openTenderSchema,
  putAwardSchema,
  recordBidFormSchema,
  recordConflictManagementSchema,
  recordConsortiumFormSchema,
  recordEvaluationSchema,
  recordRegisterEntrySchema,
  tenderParametersSchema,
} from './schemas.ts';
import { getTender } from './tender-view.ts';

const notices: Record<string, string> = {
  consortium: 'The consortium was recorded. Its inception record is now fixed.',
  tender: 'The tender was opened for bids.',
  bid: 'The bid was recorded.',
  evaluation: 'The evaluation was recorded. Bidding is closed.',
  register: 'The entry was added to the procurement decisions register.',
  managed: 'How the conflict was managed was recorded.',
  put: 'The award was put to the consortium: the question is on the meeting’s agenda.',
  awarded: 'The award was recorded.',
  'not-carried': 'The vote was not carried: the tender is back at evaluation.',
  withdrawn: 'The question was withdrawn without a vote: the tender is back at evaluation.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  /** Which form the values and problem belong to, so only that form shows them. */
  form?: string;
  notice?: string | undefined;
}

/** The use case names a member by its place ("members.1.organisationId"); the form by its slot. */
function onTheConsortiumForm(problem: ProblemError, values: Record<string, string>): ProblemError {
  const filled = memberSlots.filter((slot) => values[`member${slot}`]);
  const field = (name: string) => {
    const match = /^members\.(\d+)\.(organisationId|share)$/.exec(name);
    const slot = match ? filled[Number(match[1])] : undefined;
    if (!match || slot === undefined) return name === 'members' ? 'member1' : name;
    return match[2] === 'share' ? `member${slot}Share` : `member${slot}`;
  };
  return new ProblemError({
    ...problem.problem,
    errors: problem.problem.errors?.map((error) => ({ ...error, field: field(error.field) })),
  });
}

/** Checkbox values arrive as one string or a list of them. */
function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  return Array.isArray(value)
    ? value.filter((each): each is string => typeof each === 'string')
    : [];
}

/** Procurement as pages: the consortia and tenders, one consortium, one tender. */
export async function registerProcurementPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderIndex = async (request: FastifyRequest, reply: FastifyReply, extras: Extras = {}) => {
    const procurement = await listProcurement({ db, actor: request.actor });
    const pcts = procurement.mayRecord
      ? await selectOrganisationsOfTypes(db, ['primary-care-trust'])
      : [];
    return reply.code(extras.problem?.problem.status ?? 200).view('procurement/views/index.njk', {
      currentPath: '/procurement',
      procurement,
      pcts,
      memberSlots,
      bases: voteBases.map((value) => ({ value, text: baseWords[value] })),
      weightings: voteWeightings.map((value) => ({ value, text: weightingWords[value] })),
      values: { inceptedOn: londonDate(app.now()), voteBase: 'allEntitled', ...extras.values },
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderConsortium = async (
    request: FastifyRequest,
    reply: FastifyReply,
    consortiumId: string,
    extras: Extras = {},
  ) => {
    const consortium = await getConsortium({ db, actor: request.actor, consortiumId });
    const versions = consortium.mayRun ? await listApprovedVersions(db) : [];
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('procurement/views/consortium.njk', {
        currentPath: '/procurement',
        consortium,
        versions,
        values: { openedOn: londonDate(app.now()), ...extras.values },
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  const renderTender = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tenderId: string,
    extras: Extras = {},
  ) => {
    const tender = await getTender({ db, actor: request.actor, tenderId, now: app.now() });
    const today = londonDate(app.now());
    const providers = tender.mayRun ? await selectOrganisationsOfTypes(db, providerTypes) : [];
    const people = tender.mayRun ? await selectAllPeople(db) : [];
    return reply.code(extras.problem?.problem.status ?? 200).view('procurement/views/tender.njk', {
      currentPath: '/procurement',
      tender,
      providers,
      people,
      subjects: registerSubjects.map((value) => ({ value, text: subjectWords[value] })),
      managements: conflictManagements.map((value) => ({ value, text: managementWords[value] })),
      form: extras.form,
      values: { receivedOn: today, evaluatedOn: today, decidedOn: today, ...extras.values },
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/procurement',
    {
      config: { permission: 'procurement.read' },
      schema: { querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderIndex(request, reply, { notice: notices[request.query.changed ?? ''] }),
  );

  app.post(
    '/procurement/consortia',
    { config: { permission: 'procurement.run', csrf: true } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, consortiumFormFields, 2000);
      try {
        const form = parseForm(recordConsortiumFormSchema, values);
        const { consortiumId } = await recordConsortium({
          db,
          context: context(request),
          actor: request.actor,
          ...form,
        });
        return reply.redirect(`/procurement/consortia/${consortiumId}?changed=consortium`, 303);
      } catch (caught) {
        const problem = onTheConsortiumForm(asProblem(caught), values);
        return renderIndex(request, reply, { problem, values });
      }
    },
  );

  app.get(
    '/procurement/consortia/:consortiumId',
    {
      config: { permission: 'procurement.read' },
      schema: { params: consortiumParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderConsortium(request, reply, request.params.consortiumId, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/procurement/consortia/:consortiumId/tenders',
    {
      config: { permission: 'procurement.run', csrf: true },
      schema: { params: consortiumParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(
        request.body,
        ['title', 'service', 'specificationVersionId', 'openedOn'],
        300,
      );
      try {
        const form = parseForm(openTenderSchema, values);
        const { tenderId } = await openTender({
          db,
          context: context(request),
          actor: request.actor,
          consortiumId: request.params.consortiumId,
          ...form,
        });
        return reply.redirect(`/procurement/tenders/${tenderId}?changed=tender`, 303);
      } catch (caught) {
        return renderConsortium(request, reply, request.params.consortiumId, {
          problem: asProblem(caught),
          values,
        });
      }
    },
  );

  app.get(
    '/procurement/tenders/:tenderId',
    {
      config: { permission: 'procurement.read' },
      schema: { params: tenderParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderTender(request, reply, request.params.tenderId, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.get(
    '/procurement/tenders/:tenderId/register.csv',
    { config: { permission: 'procurement.read' }, schema: { params: tenderParametersSchema } },
    async (request, reply) => {
      const { fileName, csv } = await exportRegisterCsv({
        db,
        actor: request.actor,
        tenderId: request.params.tenderId,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csv);
    },
  );

  /** A form on the tender page: act, then back to the page, or the page with the form's errors. */
  const tenderForm = (
    path: string,
    form: string,
    fields: string[],
    act: (
      request: FastifyRequest,
      tenderId: string,
      values: Record<string, string>,
    ) => Promise<string>,
  ) =>
    app.post(
      path,
      {
        config: { permission: 'procurement.run', csrf: true },
        schema: { params: tenderParametersSchema.passthrough() },
      },
      async (request, reply) => {
        const { tenderId } = tenderParametersSchema.parse(request.params);
        const values = submittedFormValues(request.body, fields, 4000);
        try {
          const changed = await act(request, tenderId, values);
          return reply.redirect(`/procurement/tenders/${tenderId}?changed=${changed}`, 303);
        } catch (caught) {
          return renderTender(request, reply, tenderId, {
            problem: asProblem(caught),
            values,
            form,
          });
        }
      },
    );

  tenderForm(
    '/procurement/tenders/:tenderId/bids',
    'bid',
    ['providerOrganisationId', 'price', 'receivedOn'],
    async (request, tenderId, values) => {
      const form = parseForm(recordBidFormSchema, values);
      await recordBid({ db, context: context(request), actor: request.actor, tenderId, ...form });
      return 'bid';
    },
  );

  app.post(
    '/procurement/tenders/:tenderId/evaluation',
    {
      config: { permission: 'procurement.run', csrf: true },
      schema: { params: tenderParametersSchema },
    },
    async (request, reply) => {
      const { tenderId } = request.params;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const scoreFields = Object.keys(body).filter((key) =>
        /^(quality|price)-[0-9a-f-]{36}$/.test(key),
      );
      const values = submittedFormValues(
        body,
        ['recommendedBidId', 'reason', 'evaluatedOn', ...scoreFields],
        4000,
      );
      try {
        const bidIds = [...new Set(scoreFields.map((key) => key.replace(/^(quality|price)-/, '')))];
        const whole = (typed: string | undefined) =>
          typed !== undefined && /^\s*\d{1,3}\s*$/.test(typed) ? Number(typed) : Number.NaN;
        const form = parseForm(recordEvaluationSchema, {
          recommendedBidId: values.recommendedBidId,
          reason: values.reason,
          evaluatedOn: values.evaluatedOn,
          scores: bidIds.map((bidId) => ({
            bidId,
            qualityScore: whole(values[`quality-${bidId}`]),
            priceScore: whole(values[`price-${bidId}`]),
          })),
        });
        await recordEvaluation({
          db,
          context: context(request),
          actor: request.actor,
          tenderId,
          ...form,
        });
        return reply.redirect(`/procurement/tenders/${tenderId}?changed=evaluation`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        return renderTender(request, reply, tenderId, {
          problem: new ProblemError({
            ...problem.problem,
            errors: problem.problem.errors?.map((error) => {
              const match = /^scores\.(\d+)\.(qualityScore|priceScore)$/.exec(error.field);
              const bidIds = [
                ...new Set(scoreFields.map((key) => key.replace(/^(quality|price)-/, ''))),
              ];
              const bidId = match ? bidIds[Number(match[1])] : undefined;
              if (!match || !bidId) return error;
              return {
                ...error,
                field: `${match[2] === 'qualityScore' ? 'quality' : 'price'}-${bidId}`,
              };
            }),
          }),
          values,
          form: 'evaluation',
        });
      }
    },
  );

  app.post(
    '/procurement/tenders/:tenderId/register',
    {
      config: { permission: 'procurement.run', csrf: true },
      schema: { params: tenderParametersSchema },
    },
    async (request, reply) => {
      const { tenderId } = request.params;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = submittedFormValues(
        body,
        [
          'subject',
          'decision',
          'decidedOn',
          'conflictPersonId',
          'conflictInterest',
          'conflictManagement',
          'conflictReason',
        ],
        4000,
      );
      const participantIds = listOf(body.participantIds);
      try {
        const conflicts = values.conflictPersonId
          ? [
              {
                personId: values.conflictPersonId,
                interest: values.conflictInterest ?? '',
                ...(values.conflictManagement ? { management: values.conflictManagement } : {}),
                ...(values.conflictReason ? { reason: values.conflictReason } : {}),
              },
            ]
          : [];
        const form = parseForm(recordRegisterEntrySchema, {
          subject: values.subject,
          decision: values.decision,
          decidedOn: values.decidedOn,
          participantIds,
          conflicts,
        });
        await recordRegisterEntry({
          db,
          context: context(request),
          actor: request.actor,
          tenderId,
          ...form,
        });
        return reply.redirect(`/procurement/tenders/${tenderId}?changed=register`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        const rename = (field: string) =>
          field.startsWith('participantIds')
            ? 'participantIds'
            : ((
                {
                  'conflicts.0.personId': 'conflictPersonId',
                  'conflicts.0.interest': 'conflictInterest',
                  'conflicts.0.management': 'conflictManagement',
                  'conflicts.0.reason': 'conflictReason',
                } as Record<string, string>
              )[field] ?? field);
        return renderTender(request, reply, tenderId, {
          problem: new ProblemError({
            ...problem.problem,
            errors: problem.problem.errors?.map((error) => ({
              ...error,
              field: rename(error.field),
            })),
          }),
          values: { ...values, participantIds: participantIds.join(',') },
          form: 'register',
        });
      }
    },
  );

  app.post(
    '/procurement/tenders/:tenderId/register/conflicts/:conflictId',
    {
      config: { permission: 'procurement.run', csrf: true },
      schema: { params: conflictParametersSchema },
    },
    async (request, reply) => {
      const { tenderId, conflictId } = request.params;
      const values = submittedFormValues(request.body, ['management', 'reason'], 2000);
      try {
        const form = parseForm(recordConflictManagementSchema, values);
        await recordConflictManagement({
          db,
          context: context(request),
          actor: request.actor,
          conflictId,
          ...form,
        });
        return reply.redirect(`/procurement/tenders/${tenderId}?changed=managed`, 303);
      } catch (caught) {
        return renderTender(request, reply, tenderId, {
          problem: asProblem(caught),
          values,
          form: `conflict-${conflictId}`,
        });
      }
    },
  );
  tenderForm(
    '/procurement/tenders/:tenderId/award-question',
    'put',
    ['meetingId'],
    async (request, tenderId, values) => {
      const form = parseForm(putAwardSchema, values);
      await putAward({ db, context: context(request), actor: request.actor, tenderId, ...form });
      return 'put';
    },
  );

  tenderForm('/procurement/tenders/:tenderId/award', 'award', [], async (request, tenderId) => {
    const recorded = await recordAward({
      db,
      context: context(request),
      actor: request.actor,
      tenderId,
    });
    return recorded.outcome === 'carried' ? 'awarded' : recorded.outcome;
  });
}
