/**
 * Preparing a consultation over JSON: the list and a consultation as its reader may see them,
 * creating and changing one, its documents and their versions, questions, the events plan, NHS
 * London's scrutiny, putting the approval to the body and recording what it said.
 */
import type { FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { decidePermissionBeforeBody } from '../http/permission-before-body.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { addDocumentVersion } from './add-document-version.ts';
import { addQuestion } from './add-question.ts';
import { changeConsultation } from './change-consultation.ts';
import { changeQuestion } from './change-question.ts';
import { getConsultation, getDocument, listConsultations } from './consultation-view.ts';
import { createConsultation } from './create-consultation.ts';
import { planEvent } from './plan-event.ts';
import {
  approvalInputSchema,
  changedSchema,
  consultationDetailsSchema,
  consultationPageSchema,
  consultationViewSchema,
  createConsultationSchema,
  documentParametersSchema,
  eventInputSchema,
  newDocumentSchema,
  newVersionSchema,
  questionInputSchema,
  questionOrderSchema,
  questionParametersSchema,
  scrutinyInputSchema,
  slugParametersSchema,
} from './preparation-schemas.ts';
import { putConsultationForApproval } from './put-consultation-for-approval.ts';
import { recordApproval } from './record-approval.ts';
import { recordScrutiny, refuseUnlessMayScrutinise } from './record-scrutiny.ts';
import { removeQuestion } from './remove-question.ts';
import { reorderQuestions } from './reorder-questions.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const tags = ['consultations'];
const asDate = (value: string | null) => (value === null ? null : new Date(value));

export async function registerConsultationPreparationRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/consultations',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'Consultations: open, opening soon and closed (approved ones are public); those being prepared or waiting on approval only for who runs them',
        response: { 200: consultationViewSchema, ...refusals },
      },
    },
    async (request) => listConsultations({ db, actor: request.actor, now: app.now() }),
  );

  app.post(
    '/consultations',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Create a consultation for a body (2008 "Healthcare for London" bullet 1): title, summary, opening and closing times, the Gunning statements; its address is made from the title. A period under 12 weeks needs its reason (Gunning 3; Code of Practice 2008)',
        body: createConsultationSchema,
        response: { 201: changedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const { bodySlug, ...details } = request.body;
      const created = await createConsultation({
        db,
        context: context(request),
        actor: request.actor,
        bodySlug,
        details: {
          ...details,
          opensAt: asDate(details.opensAt),
          closesAt: asDate(details.closesAt),
        },
      });
      return reply
        .code(201)
        .header('location', `/api/v1/consultations/${created.slug}`)
        .send(created);
    },
  );

  app.get(
    '/consultations/:slug',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'A consultation: summary, dates, documents and their sections, questions, events plan, and once decided its outcome (the decision, the responses counted, each theme’s “we heard / we did”); for who runs it the legal checks with their clauses, NHS London’s scrutiny and the approval',
        params: slugParametersSchema,
        response: { 200: consultationPageSchema, ...refusals },
      },
    },
    async (request) =>
      getConsultation({ db, actor: request.actor, now: app.now(), slug: request.params.slug }),
  );

  app.put(
    '/consultations/:slug',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Change a consultation’s details while it is being prepared; clears NHS London’s scrutiny if recorded',
        params: slugParametersSchema,
        body: consultationDetailsSchema,
        response: { 200: changedSchema, ...refusals },
      },
    },
    async (request) =>
      changeConsultation({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        details: {
          ...request.body,
          opensAt: asDate(request.body.opensAt),
          closesAt: asDate(request.body.closesAt),
        },
      }),
  );

  app.post(
    '/consultations/:slug/documents',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Add a document with its numbered sections (version 1), while the consultation is being prepared',
        params: slugParametersSchema,
        body: newDocumentSchema,
        response: { 201: changedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const added = await addDocumentVersion({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        document: { title: request.body.title },
        note: request.body.note,
        sections: request.body.sections,
      });
      return reply.code(201).send(added);
    },
  );

  app.get(
    '/consultations/:slug/documents/:documentNumber',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary: 'A document’s latest version with its sections',
        params: documentParametersSchema,
        response: { 200: consultationViewSchema, ...refusals },
      },
    },
    async (request) =>
      getDocument({
        db,
        actor: request.actor,
        now: app.now(),
        slug: request.params.slug,
        documentNumber: request.params.documentNumber,
      }),
  );

  app.post(
    '/consultations/:slug/documents/:documentNumber/versions',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Add a new version of a document with its sections (a version is never changed), while the consultation is being prepared',
        params: documentParametersSchema,
        body: newVersionSchema,
        response: { 201: changedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const added = await addDocumentVersion({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        document: { number: request.params.documentNumber },
        note: request.body.note,
        sections: request.body.sections,
      });
      return reply.code(201).send(added);
    },
  );

  app.post(
    '/consultations/:slug/questions',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Add a question: single-choice, multiple-choice or scale (with its choices or labels) or free-text, optionally about a section; while being prepared',
        params: slugParametersSchema,
        body: questionInputSchema,
        response: { 201: changedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const added = await addQuestion({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        question: request.body,
      });
      return reply.code(201).send(added);
    },
  );

  app.put(
    '/consultations/:slug/questions/order',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary: 'Reorder the questions: every present number once, in the order wanted',
        params: slugParametersSchema,
        body: questionOrderSchema,
        response: { 200: changedSchema, ...refusals },
      },
    },
    async (request) =>
      reorderQuestions({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        order: request.body.order,
      }),
  );

  app.put(
    '/consultations/:slug/questions/:number',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary: 'Change a question while the consultation is being prepared',
        params: questionParametersSchema,
        body: questionInputSchema,
        response: { 200: changedSchema, ...refusals },
      },
    },
    async (request) =>
      changeQuestion({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        number: request.params.number,
        question: request.body,
      }),
  );

  app.delete(
    '/consultations/:slug/questions/:number',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary: 'Remove a question while the consultation is being prepared; the rest renumber',
        params: questionParametersSchema,
        response: { 200: changedSchema, ...refusals },
      },
    },
    async (request) =>
      removeQuestion({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        number: request.params.number,
      }),
  );

  app.post(
    '/consultations/:slug/events',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Plan a public event (title, a London sector or London-wide, venue, date and time); until the consultation closes',
        params: slugParametersSchema,
        body: eventInputSchema,
        response: { 201: changedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const planned = await planEvent({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        event: { ...request.body, startsAt: new Date(request.body.startsAt) },
      });
      return reply.code(201).send(planned);
    },
  );

  app.post(
    '/consultations/:slug/scrutiny',
    {
      config: { permission: 'consultations.scrutinise' },
      onRequest: decidePermissionBeforeBody(slugParametersSchema, async (request) => {
        await refuseUnlessMayScrutinise(db, request.actor, app.now());
      }),
      schema: {
        tags,
        summary:
          'Record NHS London’s scrutiny of the documents (2008 "Accountabilities"): a person holding a current post at NHS London, or an administrator; cleared if the papers change after',
        params: slugParametersSchema,
        body: scrutinyInputSchema,
        response: { 201: changedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordScrutiny({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        note: request.body.note,
      });
      return reply.code(201).send(recorded);
    },
  );

  app.post(
    '/consultations/:slug/approval',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Put the consultation to its body for approval (2008 "Accountabilities"): a question of kind approve-consultation on a meeting whose notice has not gone out; refused unless every check but Gunning 4 is met',
        params: slugParametersSchema,
        body: approvalInputSchema,
        response: { 201: changedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const put = await putConsultationForApproval({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        meetingId: request.body.meetingId,
      });
      return reply.code(201).send(put);
    },
  );

  app.post(
    '/consultations/:slug/approval/outcome',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Record what the body’s closed question said: carried or consensus approves (open between its times); otherwise back to being prepared',
        params: slugParametersSchema,
        response: { 200: changedSchema, ...refusals },
      },
    },
    async (request) =>
      recordApproval({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
      }),
  );
}
