import type { FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { decidePermissionBeforeBody } from '../http/permission-before-body.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { getBodyRegister, getPersonRegister } from './interest-register-view.ts';
import {
  makeAnnualDeclaration,
  personWhoseRegisterMayChange,
  recordInterest,
} from './interest-service.ts';
import {
  annualDeclarationSchema,
  annualDeclarationViewSchema,
  bodyRegisterSchema,
  personParametersSchema,
  personRegisterSchema,
  recordedInterestSchema,
  recordInterestSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Registers of interests over JSON: per person, and per body for its current members. */
export async function registerInterestRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  // Whose register it is decides who may change it: asked before the body is read.
  const mayChangeRegister = decidePermissionBeforeBody(personParametersSchema, (request, { id }) =>
    personWhoseRegisterMayChange({ db, actor: request.actor, personId: id, now: app.now() }),
  );

  app.get(
    '/people/:id/interests',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['interests'],
        summary:
          "A person's register of interests with late flags (28-day rule) and annual declarations; a withheld entry's description only for the person, their bodies' people and administrators",
        params: personParametersSchema,
        response: { 200: personRegisterSchema, ...refusals },
      },
    },
    async (request) =>
      getPersonRegister({ db, actor: request.actor, personId: request.params.id, now: app.now() }),
  );

  app.post(
    '/people/:id/interests',
    {
      config: { permission: 'interests.declare' },
      onRequest: mayChangeRegister,
      schema: {
        tags: ['interests'],
        summary:
          "Add an entry to a person's register (by the person, an administrator or the secretariat of a body they sit on); declaredOn defaults to today; more than 28 days after aroseOn is flagged late",
        params: personParametersSchema,
        body: recordInterestSchema,
        response: { 201: recordedInterestSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordInterest({
        db,
        context: context(request),
        actor: request.actor,
        personId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(recorded);
    },
  );

  app.post(
    '/people/:id/annual-declarations',
    {
      config: { permission: 'interests.declare' },
      onRequest: mayChangeRegister,
      schema: {
        tags: ['interests'],
        summary:
          'Make the annual declaration for a year: confirm the interests listed, or a nil return (refused while an interest was current that year); one per year, a second is 409',
        params: personParametersSchema,
        body: annualDeclarationSchema,
        response: { 201: annualDeclarationViewSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const made = await makeAnnualDeclaration({
        db,
        context: context(request),
        actor: request.actor,
        personId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(made);
    },
  );

  app.get(
    '/bodies/:slug/register-of-interests',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['interests'],
        summary:
          "The body's register: every current member with their current interests, late flags and whether this year's annual declaration is made",
        params: slugParametersSchema,
        response: { 200: bodyRegisterSchema, ...refusals },
      },
    },
    async (request) =>
      getBodyRegister({ db, actor: request.actor, slug: request.params.slug, now: app.now() }),
  );
}
