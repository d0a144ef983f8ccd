import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { decidePermissionBeforeBody } from '../http/permission-before-body.ts';
import { actionContextOf } from '../identity/index.ts';
import { interestKinds, interestKindText } from '../meetings/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { getBodyRegister, getPersonRegister } from './interest-register-view.ts';
import {
  makeAnnualDeclaration,
  personWhoseRegisterMayChange,
  recordInterest,
} from './interest-service.ts';
import {
  annualDeclarationSchema,
  personParametersSchema,
  recordInterestSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  entry: 'The interest was added to the register.',
  'entry-late': 'The interest was added to the register, flagged as declared late.',
  declaration: 'The annual declaration was recorded.',
};

const kindChoices = interestKinds.map((kind) => ({ value: kind, text: interestKindText(kind) }));

/** A person's register of interests and a body's register for its current members. */
export async function registerInterestPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  // Whose register it is decides who may change it: asked before the form is read.
  const mayChangeRegister = decidePermissionBeforeBody(personParametersSchema, (request, { id }) =>
    personWhoseRegisterMayChange({ db, actor: request.actor, personId: id, now: app.now() }),
  );

  const renderPerson = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const register = await getPersonRegister({
      db,
      actor: request.actor,
      personId,
      now: app.now(),
    });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('interests/views/person-register.njk', {
        currentPath: '/organisations',
        register,
        kindChoices,
        values: extras.values ?? {},
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/people/:id/interests',
    {
      config: { permission: 'public.read' },
      schema: { params: personParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderPerson(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/people/:id/interests',
    {
      config: { permission: 'interests.declare', csrf: true },
      onRequest: mayChangeRegister,
      schema: { params: personParametersSchema },
    },
    async (request, reply) => {
      const personId = request.params.id;
      const values = submittedFormValues(
        request.body,
        ['kind', 'description', 'aroseOn', 'declaredOn', 'endedOn', 'withheldReason'],
        2000,
      );
      try {
        const form = parseForm(recordInterestSchema, { ...values, kind: values.kind || undefined });
        const recorded = await recordInterest({
          db,
          context: context(request),
          actor: request.actor,
          personId,
          ...form,
        });
        const changed = recorded.lateness.late ? 'entry-late' : 'entry';
        return reply.redirect(`/people/${personId}/interests?changed=${changed}#entries`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderPerson(request, reply, personId, { problem: error, values });
      }
    },
  );

  app.post(
    '/people/:id/annual-declarations',
    {
      config: { permission: 'interests.declare', csrf: true },
      onRequest: mayChangeRegister,
      schema: { params: personParametersSchema },
    },
    async (request, reply) => {
      const personId = request.params.id;
      const values = submittedFormValues(request.body, ['year', 'isNilReturn'], 20);
      try {
        const form = parseForm(annualDeclarationSchema, {
          year: /^\d{1,4}$/.test(values.year ?? '') ? Number(values.year) : undefined,
          isNilReturn:
            values.isNilReturn === 'yes' ? true : values.isNilReturn === 'no' ? false : undefined,
        });
        await makeAnnualDeclaration({
          db,
          context: context(request),
          actor: request.actor,
          personId,
          ...form,
        });
        return reply.redirect(
          `/people/${personId}/interests?changed=declaration#annual-declarations`,
          303,
        );
      } catch (caught) {
        const error = asProblem(caught);
        return renderPerson(request, reply, personId, { problem: error, values });
      }
    },
  );

  app.get(
    '/bodies/:slug/register-of-interests',
    { config: { permission: 'public.read' }, schema: { params: slugParametersSchema } },
    async (request, reply) => {
      const register = await getBodyRegister({
        db,
        actor: request.actor,
        slug: request.params.slug,
        now: app.now(),
      });
      return reply.view('interests/views/body-register.njk', { currentPath: '/bodies', register });
    },
  );
}
