import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { datePartKey } from '../http/date-input.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { londonInstant, meetingParametersSchema } from '../meetings/index.ts';
import { asProblem, invalidInput, ProblemError } from '../shared/problems.ts';
import { renderAdviceNotePdf } from './advice-note-pdf.ts';
import { getAdviceNote } from './advice-note-view.ts';
import { castVote } from './cast-vote.ts';
import { closeProposal } from './close-proposal.ts';
import { createProposal } from './create-proposal.ts';
import { declareSenseOfMeeting } from './declare-sense-of-meeting.ts';
import { grantProxy } from './grant-proxy.ts';
import { listProposals } from './meeting-proposals-view.ts';
import { openProposal } from './open-proposal.ts';
import { proposalResultsCsv } from './proposal-results-csv.ts';
import { getProposal } from './proposal-view.ts';
import { recordCastingVote } from './record-casting-vote.ts';
import { revokeProxy } from './revoke-proxy.ts';
import {
  castingVoteSchema,
  castVoteSchema,
  createProposalSchema,
  declareSenseSchema,
  grantProxySchema,
  proposalParametersSchema,
  proxyParametersSchema,
} from './schemas.ts';
import { withdrawProposal } from './withdraw-proposal.ts';

const notices: Record<string, string> = {
  created: 'The question was put on the agenda item.',
  opened: 'The question is open for votes.',
  declared:
    'The sense of the meeting is recorded and the question is closed with the result below.',
  withdrawn: 'The question was withdrawn.',
  closed: 'The question is closed with the result below.',
  tied: 'The votes are tied and voting has ended: the person presiding gives the casting vote.',
  voted: 'Your vote is recorded.',
  'vote-changed': 'Your vote is changed: only your latest choice is counted.',
  proxy: 'The proxy is recorded.',
  revoked: 'The proxy is revoked.',
  ratification:
    'The sponsoring boards are named: the decision takes effect when all have signed off.',
  'signed-off': 'The board’s decision is recorded.',
};

/** A consensus question asks for views, not votes: its notices say so. */
const noticesForViews: Record<string, string> = {
  opened: 'The question is open for views.',
  voted: 'Your view is recorded.',
  'vote-changed': 'Your view is changed: only your latest choice is counted.',
};

/** Questions and proxies of a meeting, one page per question, and its advice note and results. */
export async function registerDecisionPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const list = await listProposals({ db, actor: request.actor, meetingId });
    return reply.code(extras.problem?.problem.status ?? 200).view('decisions/views/proposals.njk', {
      currentPath: '/bodies',
      list,
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderProposal = async (
    request: FastifyRequest,
    reply: FastifyReply,
    proposalId: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; changed?: string } = {},
  ) => {
    const proposal = await getProposal({ db, actor: request.actor, proposalId });
    const changed = extras.changed ?? '';
    return reply.code(extras.problem?.problem.status ?? 200).view('decisions/views/proposal.njk', {
      currentPath: '/bodies',
      proposal,
      values: extras.values ?? {},
      notice: (proposal.asksForViews ? noticesForViews[changed] : undefined) ?? notices[changed],
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/meetings/:id/proposals',
    {
      config: { permission: 'public.read' },
      schema: { params: meetingParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderList(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/meetings/:id/proposals',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(
        request.body,
        [
          'agendaItemId',
          'amendsProposalId',
          'title',
          'text',
          'decisionKind',
          'methodId',
          'ballot',
          'closesOn',
          'closesTime',
        ],
        5000,
      );
      try {
        // The closing date is typed as day, month and year; a date that cannot be read is refused here.
        const closingDateProblem = values[datePartKey('closesOn', 'problem')];
        if (closingDateProblem) {
          throw invalidInput([{ field: 'closesOn', message: closingDateProblem }]);
        }
        const form = parseForm(createProposalSchema, {
          // The closing date and time are asked for apart, in London time; both or neither.
          closesAt: values.closesOn
            ? londonInstant(values.closesOn, values.closesTime || '17:00')
            : undefined,
          agendaItemId: values.agendaItemId,
          amendsProposalId: values.amendsProposalId || undefined,
          title: values.title,
          text: values.text,
          decisionKind: values.decisionKind || undefined,
          methodId: values.methodId || undefined,
          ballot: values.ballot || undefined,
        });
        const created = await createProposal({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          ...form,
        });
        return reply.redirect(`/proposals/${created.proposalId}?changed=created`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        // The form asks for the closing date and time apart: the summary links to the date.
        const problem = new ProblemError({
          ...error.problem,
          errors: error.problem.errors?.map((fieldProblem) =>
            fieldProblem.field === 'closesAt'
              ? { ...fieldProblem, field: 'closesOn' }
              : fieldProblem,
          ),
        });
        return renderList(request, reply, request.params.id, { problem, values });
      }
    },
  );

  app.post(
    '/meetings/:id/proxies',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['proxyPersonId'], 100);
      try {
        const form = parseForm(grantProxySchema, { proxyPersonId: values.proxyPersonId });
        await grantProxy({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          ...form,
        });
        return reply.redirect(
          `/meetings/${request.params.id}/proposals?changed=proxy#proxies`,
          303,
        );
      } catch (caught) {
        const error = asProblem(caught);
        return renderList(request, reply, request.params.id, { problem: error, values });
      }
    },
  );

  app.post(
    '/proxies/:id/revoke',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: proxyParametersSchema },
    },
    async (request, reply) => {
      const revoked = await revokeProxy({
        db,
        context: context(request),
        actor: request.actor,
        proxyId: request.params.id,
      });
      return reply.redirect(
        `/meetings/${revoked.meetingId}/proposals?changed=revoked#proxies`,
        303,
      );
    },
  );

  app.get(
    '/proposals/:id',
    {
      config: { permission: 'public.read' },
      schema: { params: proposalParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderProposal(request, reply, request.params.id, { changed: request.query.changed }),
  );

  for (const [action, use, changed] of [
    ['open', openProposal, 'opened'],
    ['withdraw', withdrawProposal, 'withdrawn'],
    ['close', closeProposal, 'closed'],
  ] as const) {
    app.post(
      `/proposals/:id/${action}`,
      {
        config: { permission: 'meetings.manage', csrf: true },
        schema: { params: proposalParametersSchema },
      },
      async (request, reply) => {
        try {
          const done = await use({
            db,
            context: context(request),
            actor: request.actor,
            proposalId: request.params.id,
          });
          const tied = 'outcome' in done && done.outcome === 'castingVoteRequired';
          return reply.redirect(
            `/proposals/${request.params.id}?changed=${tied ? 'tied' : changed}`,
            303,
          );
        } catch (caught) {
          const error = asProblem(caught);
          return renderProposal(request, reply, request.params.id, { problem: error });
        }
      },
    );
  }

  app.post(
    '/proposals/:id/casting-vote',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: proposalParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['castingChoice'], 20);
      try {
        const form = parseForm(castingVoteSchema, { choice: values.castingChoice || undefined });
        await recordCastingVote({
          db,
          context: context(request),
          actor: request.actor,
          proposalId: request.params.id,
          choice: form.choice,
        });
        return reply.redirect(`/proposals/${request.params.id}?changed=closed`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        const problem = new ProblemError({
          ...error.problem,
          errors: error.problem.errors?.map((fieldProblem) =>
            fieldProblem.field === 'choice'
              ? { ...fieldProblem, field: 'castingChoice' }
              : fieldProblem,
          ),
        });
        return renderProposal(request, reply, request.params.id, { problem, values });
      }
    },
  );

  app.post(
    '/proposals/:id/sense-of-meeting',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: proposalParametersSchema },
    },
    async (request, reply) => {
      const submitted = (request.body ?? {}) as Record<string, unknown>;
      // One ticked box arrives as a string, several as an array; each objector has a reason box.
      const objectors = [submitted.objectors ?? []]
        .flat()
        .filter((value): value is string => typeof value === 'string')
        .map((value) => value.slice(0, 100));
      const values: Record<string, string> = {
        sense: typeof submitted.sense === 'string' ? submitted.sense.slice(0, 20) : '',
      };
      for (const objector of objectors) {
        const reason = submitted[`reason-${objector}`];
        values[`reason-${objector}`] = typeof reason === 'string' ? reason.slice(0, 2000) : '';
      }
      try {
        const form = parseForm(declareSenseSchema, {
          sense: values.sense || undefined,
          objections: objectors.map((seatHoldingId) => ({
            seatHoldingId,
            reason: values[`reason-${seatHoldingId}`] ?? '',
          })),
        });
        await declareSenseOfMeeting({
          db,
          context: context(request),
          actor: request.actor,
          proposalId: request.params.id,
          ...form,
        });
        return reply.redirect(`/proposals/${request.params.id}?changed=declared`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        // A field inside the list of objections is shown beside the list.
        const problem = new ProblemError({
          ...error.problem,
          errors: error.problem.errors?.map((fieldProblem) =>
            fieldProblem.field.startsWith('objections')
              ? { ...fieldProblem, field: 'objectors' }
              : fieldProblem,
          ),
        });
        return renderProposal(request, reply, request.params.id, {
          problem,
          values: { ...values, objectors: objectors.join(' ') },
        });
      }
    },
  );

  app.post(
    '/proposals/:id/votes',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: proposalParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(
        request.body,
        ['choice', 'reason', 'onBehalfOf', 'forMember'],
        2000,
      );
      try {
        const form = parseForm(castVoteSchema, {
          choice: values.choice || undefined,
          reason: values.reason,
          onBehalfOf: values.onBehalfOf || undefined,
          forMember: values.forMember || undefined,
        });
        const recorded = await castVote({
          db,
          context: context(request),
          actor: request.actor,
          proposalId: request.params.id,
          ...form,
          mayChange: true,
        });
        const changed = recorded.outcome === 'changed' ? 'vote-changed' : 'voted';
        return reply.redirect(`/proposals/${request.params.id}?changed=${changed}`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderProposal(request, reply, request.params.id, { problem: error, values });
      }
    },
  );

  app.get(
    '/proposals/:id/advice-note',
    { config: { permission: 'public.read' }, schema: { params: proposalParametersSchema } },
    async (request, reply) => {
      const note = await getAdviceNote({ db, actor: request.actor, proposalId: request.params.id });
      return reply.view('decisions/views/advice-note.njk', { currentPath: '/bodies', note });
    },
  );

  app.get(
    '/proposals/:id/advice-note.pdf',
    { config: { permission: 'public.read' }, schema: { params: proposalParametersSchema } },
    async (request, reply) => {
      const note = await getAdviceNote({ db, actor: request.actor, proposalId: request.params.id });
      const pdf = await renderAdviceNotePdf(note);
      return (
        reply
          .type('application/pdf')
          // A Part II item's advice is for the body's own people: no shared cache may keep it.
          .header('cache-control', 'private, no-cache')
          .header(
            'content-disposition',
            `inline; filename="${note.proposal.meeting.body.slug}-${note.proposal.meeting.meetingOn}-item-${note.proposal.agendaItem.position}-advice.pdf"`,
          )
          .send(pdf)
      );
    },
  );

  app.get(
    '/proposals/:id/results.csv',
    { config: { permission: 'public.read' }, schema: { params: proposalParametersSchema } },
    async (request, reply) => {
      const { fileName, csv } = await proposalResultsCsv({
        db,
        actor: request.actor,
        proposalId: request.params.id,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csv);
    },
  );
}
