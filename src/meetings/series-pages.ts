import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { datePartsIn, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate, mayRunBody } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { createMeetingSeries, describeCadence, moveMeeting } from './meeting-series.ts';
import { getMeeting } from './meeting-view.ts';
import { meetingParametersSchema } from './schemas.ts';
import { londonClockReading, londonWallClock, maximumOccurrences } from './series-rules.ts';
import { createSeriesSchema, moveMeetingSchema } from './series-schemas.ts';

const seriesFields = [
  'title',
  'firstDate',
  'time',
  'location',
  'occurrences',
  'noticeGivenOn',
  'urgencyReason',
] as const;
const moveFields = ['date', 'time', 'reason', 'noticeGivenOn', 'urgencyReason'] as const;

/** The form asks for the London date and time; an unreadable pair is left for zod to name. */
function instantFromForm(date: string, time: string): string {
  return londonWallClock(date, time)?.toISOString() ?? `${date}T${time}`;
}

/**
 * Problems about the instant are shown against the form's date field, which the summary links to,
 * in the form's words rather than the API's ISO format (a date the parts could not make is
 * reported on its own, first).
 */
function onDateField(error: ProblemError): ProblemError {
  return new ProblemError({
    ...error.problem,
    errors: error.problem.errors?.map((fieldProblem) =>
      fieldProblem.field === 'startsAt'
        ? { field: 'date', message: 'Enter the new date, and the time as 24-hour, like 14:00' }
        : fieldProblem,
    ),
  });
}

/** The series form beside a body's meetings, and the form that moves one meeting. */
export async function registerSeriesPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderSeriesForm = async (
    reply: FastifyReply,
    slug: string,
    extras: { problem?: ProblemError; values?: Record<string, string> } = {},
  ) => {
    const today = londonDate(app.now());
    const planning = await describeCadence({ db, slug, on: extras.values?.firstDate || today });
    return reply.code(extras.problem?.problem.status ?? 200).view('meetings/views/series.njk', {
      currentPath: '/bodies',
      planning,
      maximumOccurrences,
      values: extras.values ?? {},
      today,
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderMoveForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    extras: { problem?: ProblemError; values?: Record<string, string> } = {},
  ) => {
    const report = await getMeeting({ db, meetingId, actor: request.actor });
    const current = londonClockReading(new Date(report.meeting.startsAt));
    return reply.code(extras.problem?.problem.status ?? 200).view('meetings/views/move.njk', {
      currentPath: '/bodies',
      meeting: report.meeting,
      mayManage: mayRunBody(request.actor, report.meeting.body.slug),
      values: {
        date: current.slice(0, 10),
        time: current.slice(11),
        noticeGivenOn: londonDate(app.now()),
        ...extras.values,
      },
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/bodies/:slug/meeting-series',
    { config: { permission: 'meetings.manage' }, schema: { params: slugParametersSchema } },
    async (request, reply) => renderSeriesForm(reply, request.params.slug),
  );

  app.post(
    '/bodies/:slug/meeting-series',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, seriesFields, 1000);
      try {
        const form = parseForm(createSeriesSchema, {
          ...values,
          occurrences: values.occurrences || undefined,
        });
        await createMeetingSeries({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/bodies/${request.params.slug}/meetings?changed=series`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderSeriesForm(reply, request.params.slug, { problem: error, values });
      }
    },
  );

  app.get(
    '/meetings/:id/move',
    { config: { permission: 'meetings.manage' }, schema: { params: meetingParametersSchema } },
    async (request, reply) => renderMoveForm(request, reply, request.params.id),
  );

  app.post(
    '/meetings/:id/move',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, moveFields, 1000);
      try {
        const form = parseForm(moveMeetingSchema, {
          startsAt: instantFromForm(values.date ?? '', values.time ?? ''),
          reason: values.reason,
          noticeGivenOn: values.noticeGivenOn,
          urgencyReason: values.urgencyReason,
          ...datePartsIn(values),
        });
        await moveMeeting({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          ...form,
        });
        return reply.redirect(`/meetings/${request.params.id}?changed=moved`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMoveForm(request, reply, request.params.id, {
          problem: onDateField(error),
          values,
        });
      }
    },
  );
}
