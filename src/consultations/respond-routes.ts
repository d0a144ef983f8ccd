/**
 * Responding over JSON: a response submitted (public, the same rules and rate limit as the form),
 * the runners' review of held responses and suspected duplicates, and the organisations' responses
 * published after the close.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { selectQuestions } from './consultation-queries.ts';
import { recordEventAttendance } from './record-event-attendance.ts';
import { responseQuotaOf, TooManyResponses, withinResponseQuota } from './response-quota.ts';
import { respondentCategories } from './response-rules.ts';
import { getOrganisationResponses } from './response-view.ts';
import { reviewResponse } from './review-responses.ts';
import { loadConsultation, submitResponse } from './submit-response.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
};
const tags = ['consultations'];
const slugParams = z.object({ slug: z.string().min(1).max(200) });

export const responseInputSchema = z.object({
  respondentCategory: z.enum(respondentCategories),
  organisationName: z.string().max(300).optional(),
  publishConsent: z.boolean().optional(),
  answers: z
    .record(z.string().regex(/^\d{1,3}$/), z.union([z.string(), z.array(z.string()).max(100)]))
    .describe('Answers by question number: a choice, the choices, a scale label or text.'),
  comments: z
    .array(z.object({ section: z.string().max(20), text: z.string() }))
    .max(200)
    .optional()
    .describe('Comments on sections of the documents, by section number ("4.1").'),
  intent: z.enum(['submit', 'save']).default('submit'),
  submissionToken: z
    .string()
    .optional()
    .describe(
      'A token of your own, one per response (16 to 64 letters, digits, - or _): the same response sent again with it answers 200 with the first one, never makes a second.',
    ),
  eventId: z
    .uuid()
    .optional()
    .describe('For a response taken at an event: entered by the consultation’s runners.'),
});

const submittedSchema = z.object({
  number: z.number().int(),
  state: z.enum(['draft', 'submitted', 'held']),
  duplicateOfNumber: z.number().int().nullable(),
  resumeSecret: z.string().nullable(),
  replayed: z
    .boolean()
    .describe('True when this token had already been sent: nothing new was made.'),
});

export async function registerConsultationResponseRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const quota = responseQuotaOf(app);

  app.post(
    '/consultations/:slug/responses',
    {
      config: { permission: 'consultations.respond' },
      schema: {
        tags,
        summary:
          'Responds to an open consultation (2008 "Healthcare for London" bullet 1): answers by question number, comments by section; no account; refused after the close or when empty; a saved draft answers with its resume secret',
        params: slugParams,
        body: responseInputSchema,
        response: { 200: submittedSchema, 201: submittedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const consultation = await loadConsultation(db, request.params.slug);
      const questions = await selectQuestions(db, consultation.id);
      const byNumber = new Map(questions.map((question) => [String(question.number), question.id]));
      const answers: Record<string, unknown> = {};
      for (const [number, answer] of Object.entries(body.answers)) {
        // An unknown number is passed on under its own key, for checkAnswers to refuse.
        answers[byNumber.get(number) ?? `question ${number}`] = answer;
      }
      const submit = () =>
        submitResponse({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          input: { ...body, answers },
          intent: body.intent,
          eventId: body.eventId,
        });
      // Staff entering an event's responses are signed in and audited: no quota for them.
      const outcome = await (body.eventId
        ? submit()
        : withinResponseQuota(
            quota,
            { address: request.ip, now: app.now(), intent: body.intent },
            submit,
          ).catch((error: unknown) => {
            if (error instanceof TooManyResponses) {
              reply.header('retry-after', String(error.retryAfterSeconds));
            }
            throw error;
          }));
      return reply.code(outcome.replayed ? 200 : 201).send({
        number: outcome.number,
        state: outcome.state,
        duplicateOfNumber: outcome.duplicateOfNumber,
        resumeSecret: outcome.resumeSecret,
        replayed: outcome.replayed,
      });
    },
  );

  app.post(
    '/consultations/:slug/responses/:number/review',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Releases a held response (then counted), confirms a suspected duplicate (then not counted) or clears the suspicion; clears an organisation’s consented response for publication after the close, or withholds it with the reason; the consultation’s runners only',
        params: slugParams.extend({ number: z.coerce.number().int().positive() }),
        body: z.object({
          action: z.enum([
            'release',
            'confirm-duplicate',
            'clear-duplicate',
            'publish',
            'withhold',
          ]),
          reason: z
            .string()
            .optional()
            .describe('Why an organisation’s response is withheld from publication (to withhold).'),
        }),
        response: {
          200: z.object({
            number: z.number().int(),
            duplicateOfNumber: z.number().int().nullable(),
          }),
          ...refusals,
        },
      },
    },
    async (request) =>
      reviewResponse({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        number: request.params.number,
        action: request.body.action,
        reason: request.body.reason,
      }),
  );

  app.get(
    '/consultations/:slug/organisation-responses',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'Organisations’ responses, published after the close and only with their consent; 50 a page after a number',
        params: slugParams,
        querystring: z.object({ after: z.coerce.number().int().nonnegative().optional() }),
        response: {
          200: z.object({
            closed: z.boolean(),
            responses: z.array(
              z.object({
                number: z.number().int(),
                organisationName: z.string(),
                answers: z.array(
                  z.object({ number: z.number().int(), text: z.string(), answer: z.string() }),
                ),
                comments: z.array(
                  z.object({ section: z.string(), heading: z.string(), text: z.string() }),
                ),
              }),
            ),
            next: z.number().int().nullable(),
          }),
          ...refusals,
        },
      },
    },
    async (request) => {
      const view = await getOrganisationResponses({
        db,
        now: app.now(),
        slug: request.params.slug,
        after: request.query.after,
      });
      return { closed: view.closed, responses: view.responses, next: view.next };
    },
  );

  app.put(
    '/consultations/:slug/events/:eventId/attendance',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Records how many attended one of the consultation’s events and notes of what was said (2008 "Business development" bullet 2), once it has begun; the consultation’s runners only',
        params: slugParams.extend({ eventId: z.string().max(60) }),
        body: z.object({
          attendance: z.number().int().nullable(),
          notes: z.string().nullable().optional(),
        }),
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await recordEventAttendance({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        eventId: request.params.eventId,
        attendance: request.body.attendance === null ? '' : String(request.body.attendance),
        notes: request.body.notes ?? '',
      });
      return reply.code(204).send(null);
    },
  );
}
