import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/schemas.ts';
import type { App } from '../http/app.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/actor.ts';
import { ProblemError } from '../shared/problems.ts';
import {
  appointMember,
  appointmentChoices,
  endMembership,
  listMembership,
  mayManageMembership,
} from './membership-service.ts';
import { appointMemberSchema, endMembershipSchema, holdingParametersSchema } from './schemas.ts';

const formFields = [
  'personId',
  'seatRole',
  'organisationId',
  'fillMethod',
  'office',
  'startsOn',
] as const;

const notices: Record<string, string> = {
  appointed: 'The appointment was recorded.',
  ended: 'The membership was ended.',
};

/** Who holds a body's seats, the engine's verdict, and the secretariat's appoint and end forms. */
export async function registerMembershipPages(app: App) {
  const { db } = app.database;
  const today = () => londonDate(app.now());
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderMembers = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const report = await listMembership({ db, slug, asOf: today() });
    const mayManage = mayManageMembership(request.actor, slug);
    return reply.code(extras.problem?.problem.status ?? 200).view('membership/views/members.njk', {
      currentPath: '/bodies',
      report,
      mayManage,
      choices: mayManage ? await appointmentChoices({ db, slug, asOf: today() }) : null,
      values: extras.values ?? {},
      notice: extras.notice,
      today: today(),
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/bodies/:slug/members',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderMembers(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/bodies/:slug/members',
    {
      config: { permission: 'bodies.manage-membership', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, formFields, 100);
      try {
        const form = parseForm(appointMemberSchema, {
          personId: values.personId,
          seatRole: values.seatRole,
          organisationId: values.organisationId || null,
          fillMethod: values.fillMethod || undefined,
          office: values.office || null,
          startsOn: values.startsOn,
        });
        await appointMember({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/bodies/${request.params.slug}/members?changed=appointed`, 303);
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        return renderMembers(request, reply, request.params.slug, { problem: error, values });
      }
    },
  );

  app.post(
    '/bodies/:slug/members/:holdingId/end',
    {
      config: { permission: 'bodies.manage-membership', csrf: true },
      schema: { params: holdingParametersSchema },
    },
    async (request, reply) => {
      const { slug, holdingId } = request.params;
      const values = submittedFormValues(request.body, ['endsOn'], 100);
      const rowField = `endsOn-${holdingId}`;
      try {
        const form = parseForm(endMembershipSchema, { endsOn: values.endsOn });
        await endMembership({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          holdingId,
          endsOn: form.endsOn,
        });
        return reply.redirect(`/bodies/${slug}/members?changed=ended`, 303);
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        // Each row has its own date field; the error summary links to the row's.
        const problem = new ProblemError({
          ...error.problem,
          errors: error.problem.errors?.map((fieldProblem) => ({
            ...fieldProblem,
            field: rowField,
          })),
        });
        return renderMembers(request, reply, slug, {
          problem,
          values: { [rowField]: values.endsOn ?? '' },
        });
      }
    },
  );
}
