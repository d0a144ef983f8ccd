/**
 * The events of a consultation's plan as pages for those running it: each event with its
 * attendance and notes, recorded once it has begun (2008 "Healthcare for London" bullet 1).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { formErrors } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { recordEventAttendance } from './record-event-attendance.ts';
import { getEventsForStaff } from './response-view.ts';

const slugParams = z.object({ slug: z.string().min(1).max(200) });

export async function registerConsultationEventPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderEvents = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    options: { problem?: ProblemError; eventId?: string; values?: Record<string, string> } = {},
  ) => {
    const view = await getEventsForStaff({ db, actor: request.actor, now: app.now(), slug });
    return reply
      .code(options.problem?.problem.status ?? 200)
      .view('consultations/views/events.njk', {
        currentPath: '/consultations',
        ...view,
        failedEventId: options.eventId,
        values: options.values ?? {},
        notice: (request.query as { done?: string }).done ? 'The event was recorded.' : undefined,
        ...formErrors(options.problem?.problem),
      });
  };

  app.get(
    '/consultations/:slug/events',
    {
      config: { permission: 'consultations.run' },
      schema: {
        params: slugParams,
        querystring: z.object({ done: z.string().max(40).optional() }),
      },
    },
    async (request, reply) => renderEvents(request, reply, request.params.slug),
  );

  app.post(
    '/consultations/:slug/events/:eventId/attendance',
    {
      config: { permission: 'consultations.run', csrf: true },
      schema: { params: slugParams.extend({ eventId: z.string().max(60) }) },
    },
    async (request, reply) => {
      const { slug, eventId } = request.params;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = {
        attendance: typeof body.attendance === 'string' ? body.attendance : '',
        notes: typeof body.notes === 'string' ? body.notes : '',
      };
      try {
        await recordEventAttendance({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          eventId,
          ...values,
        });
        return reply.redirect(
          `/consultations/${encodeURIComponent(slug)}/events?done=recorded`,
          303,
        );
      } catch (caught) {
        const problem = asProblem(caught);
        if ([401, 403, 404].includes(problem.problem.status)) throw problem;
        return renderEvents(request, reply, slug, { problem, eventId, values });
      }
    },
  );
}
