import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import {
  changedQuerySchema,
  datePartsIn,
  formErrors,
  parseForm,
  submittedFormValues,
} from '../http/forms.ts';
import { actionContextOf, londonDate, mayRunBody } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { addAgendaItem } from './add-agenda-item.ts';
import { registerAgendaItemPages } from './agenda-item-pages.ts';
import { agendaNoticeText } from './agenda-notice.ts';
import { apologiesOffer } from './apologies.ts';
import { meetingsCalendar } from './calendar-feed.ts';
import { checkIn, checkInOffer } from './check-in.ts';
import { declareInterest } from './declare-interest.ts';
import { londonInstant } from './london-instant.ts';
import { loadMeeting } from './meeting-access.ts';
import { cancelMeeting, lifecycleOffer, recordMeetingHeld } from './meeting-lifecycle.ts';
import { confidentialCountText, interestKindText } from './meeting-rules.ts';
import { getMeeting, getMinutesOffer, listMeetings } from './meeting-view.ts';
import { closeRegister, openRegister } from './open-register.ts';
import { recordAttendance } from './record-attendance.ts';
import { type RegisterEntry, recordRegister } from './record-register.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import {
  addAgendaItemSchema,
  attendanceParametersSchema,
  cancelMeetingSchema,
  declareInterestSchema,
  meetingParametersSchema,
  recordAttendanceSchema,
  registerEntrySchema,
  scheduleMeetingSchema,
} from './schemas.ts';
import { selectMoveCounts } from './series-queries.ts';

const notices: Record<string, string> = {
  scheduled: 'The meeting was scheduled.',
  'agenda-item': 'The item was added to the agenda.',
  attendance: 'The attendance was recorded.',
  declaration: 'The declaration of interest was recorded.',
  apologies: 'Your apologies were sent and are recorded for this meeting.',
  'apologies-withdrawn': 'Your apologies were withdrawn.',
  series: 'The series of meetings was scheduled.',
  moved: 'The meeting was moved.',
  held: 'The meeting is recorded as held.',
  cancelled: 'The meeting was cancelled.',
  register: 'The register was saved.',
  'register-opened': 'The register is open: members can mark themselves present.',
  'register-closed': 'The register is closed: members can no longer mark themselves present.',
  'checked-in': 'You are recorded as present.',
  'item-edited': 'The agenda item was saved.',
  'item-moved': 'The agenda item was moved.',
  'item-withdrawn': 'The item was withdrawn. It stays in the record, marked withdrawn.',
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The register form's rows: one `status-<seat holding>` per member, with the deputy's name or
 * standing deputy beside it, as the form posts them.
 */
function registerRows(body: unknown): {
  values: Record<string, string>;
  entries: RegisterEntry[];
} {
  const record = (body ?? {}) as Record<string, unknown>;
  const holdings = Object.keys(record)
    .map((key) => /^status-(.+)$/.exec(key)?.[1])
    .filter((holding): holding is string => holding !== undefined && uuidPattern.test(holding))
    .slice(0, 500);
  const values = submittedFormValues(
    body,
    holdings.flatMap((holding) => [
      `status-${holding}`,
      `deputyName-${holding}`,
      `deputyAttendeeId-${holding}`,
    ]),
    1000,
  );
  const entries = holdings.map((holding) => {
    const status = values[`status-${holding}`];
    try {
      return parseForm(registerEntrySchema, {
        seatHoldingId: holding,
        status: status || undefined,
        deputyName: values[`deputyName-${holding}`],
        // The standing-deputy choice only means something when a deputy attended.
        deputyAttendeeId:
          status === 'deputy' ? values[`deputyAttendeeId-${holding}`] || undefined : undefined,
      });
    } catch (caught) {
      throw forRow(asProblem(caught), holding);
    }
  });
  return { values, entries };
}

/** Problems from one row's form name that row's field, so the summary links to it. */
function forRow(error: ProblemError, suffix: string): ProblemError {
  return new ProblemError({
    ...error.problem,
    errors: error.problem.errors?.map((fieldProblem) => ({
      ...fieldProblem,
      field: `${fieldProblem.field}-${suffix}`,
    })),
  });
}

/** The meetings of a body and one meeting's agenda, attendance and live quorum. */
export async function registerMeetingPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const list = await listMeetings({ db, slug });
    return reply.code(extras.problem?.problem.status ?? 200).view('meetings/views/meetings.njk', {
      currentPath: '/bodies',
      list,
      mayManage: mayRunBody(request.actor, slug),
      values: extras.values ?? {},
      notice: extras.notice,
      today: londonDate(app.now()),
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderMeeting = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const report = await getMeeting({ db, meetingId, actor: request.actor });
    const mayManage = mayRunBody(request.actor, report.meeting.body.slug);
    return reply.code(extras.problem?.problem.status ?? 200).view('meetings/views/meeting.njk', {
      currentPath: '/bodies',
      report,
      mayManage,
      checkIn: checkInOffer(request.actor, report),
      agendaNotice: mayManage
        ? await agendaNoticeText(db, await loadMeeting(db, meetingId), app.now())
        : null,
      hiddenConfidentialText: confidentialCountText(report.hiddenConfidentialCount),
      interestKindText,
      apologies: apologiesOffer(request.actor, report, app.now()),
      lifecycle: lifecycleOffer(request.actor, report.meeting, app.now()),
      minutes: await getMinutesOffer({ db, actor: request.actor, meeting: report.meeting }),
      // Notice goes by e-mail: without a mail server the page says so instead of a button.
      mailConfigured: app.mailer.canSend,
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/bodies/:slug/meetings.ics',
    { config: { permission: 'public.read' }, schema: { params: slugParametersSchema } },
    async (request, reply) => {
      const { body, items } = await listMeetings({
        db: app.database.db,
        slug: request.params.slug,
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="${body.slug}-meetings.ics"`)
        .send(
          meetingsCalendar({
            body,
            meetings: items,
            publicUrl: app.settings.publicUrl,
            revisions: await selectMoveCounts(
              app.database.db,
              items.map((meeting) => meeting.id),
            ),
          }),
        );
    },
  );

  app.get(
    '/bodies/:slug/meetings',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderList(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/bodies/:slug/meetings',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(
        request.body,
        ['title', 'date', 'time', 'location', 'noticeGivenOn', 'urgencyReason'],
        1000,
      );
      try {
        const form = parseForm(scheduleMeetingSchema, {
          title: values.title,
          startsAt: londonInstant(values.date ?? '', values.time ?? ''),
          location: values.location,
          noticeGivenOn: values.noticeGivenOn,
          urgencyReason: values.urgencyReason,
          ...datePartsIn(values),
        });
        const scheduled = await scheduleMeeting({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/meetings/${scheduled.meetingId}?changed=scheduled`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        // The form asks for the date and time separately; the error summary links to the date.
        const problem = new ProblemError({
          ...error.problem,
          errors: error.problem.errors?.map((fieldProblem) =>
            fieldProblem.field === 'startsAt'
              ? { field: 'date', message: 'Enter the date, and the time as 24-hour, like 14:00' }
              : fieldProblem,
          ),
        });
        return renderList(request, reply, request.params.slug, { problem, values });
      }
    },
  );

  app.get(
    '/meetings/:id',
    {
      config: { permission: 'public.read' },
      schema: { params: meetingParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderMeeting(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/meetings/:id/agenda-items',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(
        request.body,
        ['title', 'purpose', 'isConfidential', 'confidentialityReason'],
        1000,
      );
      try {
        const form = parseForm(addAgendaItemSchema, {
          title: values.title,
          purpose: values.purpose || undefined,
          isConfidential: values.isConfidential === 'yes',
          confidentialityReason: values.confidentialityReason,
        });
        await addAgendaItem({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          ...form,
        });
        return reply.redirect(`/meetings/${request.params.id}?changed=agenda-item`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMeeting(request, reply, request.params.id, { problem: error, values });
      }
    },
  );

  // Forms cannot PUT: the attendance form posts to the member's row.
  app.post(
    '/meetings/:id/attendance/:seatHoldingId',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: attendanceParametersSchema },
    },
    async (request, reply) => {
      const { id, seatHoldingId } = request.params;
      const values = submittedFormValues(
        request.body,
        ['status', 'deputyName', 'deputyAttendeeId'],
        1000,
      );
      try {
        const form = parseForm(recordAttendanceSchema, {
          status: values.status || undefined,
          deputyName: values.deputyName,
          // The standing-deputy choice only means something when a deputy attended.
          deputyAttendeeId:
            values.status === 'deputy' ? values.deputyAttendeeId || undefined : undefined,
        });
        await recordAttendance({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: id,
          seatHoldingId,
          ...form,
        });
        return reply.redirect(`/meetings/${id}?changed=attendance#register`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMeeting(request, reply, id, {
          problem: forRow(error, seatHoldingId),
          values: {
            [`status-${seatHoldingId}`]: values.status ?? '',
            [`deputyName-${seatHoldingId}`]: values.deputyName ?? '',
            [`deputyAttendeeId-${seatHoldingId}`]: values.deputyAttendeeId ?? '',
          },
        });
      }
    },
  );

  app.post(
    '/meetings/:id/declarations',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(
        request.body,
        ['agendaItemId', 'seatHoldingId', 'kind', 'interest'],
        1000,
      );
      const itemId = /^[0-9a-f-]{36}$/.test(values.agendaItemId ?? '') ? values.agendaItemId : 'x';
      try {
        const form = parseForm(declareInterestSchema, {
          agendaItemId: values.agendaItemId,
          seatHoldingId: values.seatHoldingId,
          kind: values.kind || undefined,
          interest: values.interest,
        });
        await declareInterest({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          ...form,
        });
        return reply.redirect(`/meetings/${request.params.id}?changed=declaration`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMeeting(request, reply, request.params.id, {
          problem: forRow(error, `${itemId}`),
          values: Object.fromEntries(
            Object.entries(values).map(([field, value]) => [`${field}-${itemId}`, value]),
          ),
        });
      }
    },
  );

  app.post(
    '/meetings/:id/held',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      try {
        await recordMeetingHeld({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
        });
        return reply.redirect(`/meetings/${request.params.id}?changed=held`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMeeting(request, reply, request.params.id, { problem: error });
      }
    },
  );

  app.post(
    '/meetings/:id/cancellation',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['reason'], 1000);
      try {
        const form = parseForm(cancelMeetingSchema, { reason: values.reason });
        await cancelMeeting({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          ...form,
        });
        return reply.redirect(`/meetings/${request.params.id}?changed=cancelled`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMeeting(request, reply, request.params.id, { problem: error, values });
      }
    },
  );

  app.post(
    '/meetings/:id/register',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const { id } = request.params;
      let values: Record<string, string> = {};
      try {
        const rows = registerRows(request.body);
        values = rows.values;
        await recordRegister({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: id,
          entries: rows.entries,
        });
        return reply.redirect(`/meetings/${id}?changed=register#register`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        return renderMeeting(request, reply, id, { problem, values });
      }
    },
  );

  for (const [path, change, changed] of [
    ['open', openRegister, 'register-opened'],
    ['close', closeRegister, 'register-closed'],
  ] as const) {
    app.post(
      `/meetings/:id/register/${path}`,
      {
        config: { permission: 'meetings.manage', csrf: true },
        schema: { params: meetingParametersSchema },
      },
      async (request, reply) => {
        const { id } = request.params;
        try {
          await change({ db, context: context(request), actor: request.actor, meetingId: id });
          return reply.redirect(`/meetings/${id}?changed=${changed}#register`, 303);
        } catch (caught) {
          return renderMeeting(request, reply, id, { problem: asProblem(caught) });
        }
      },
    );
  }

  app.post(
    '/meetings/:id/check-in',
    {
      config: { permission: 'meetings.check-in-own', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const { id } = request.params;
      const values = submittedFormValues(request.body, ['returnTo'], 20);
      try {
        await checkIn({ db, context: context(request), actor: request.actor, meetingId: id });
        return values.returnTo === 'live'
          ? reply.redirect(`/meetings/${id}/live?changed=checked-in`, 303)
          : reply.redirect(`/meetings/${id}?changed=checked-in#register`, 303);
      } catch (caught) {
        return renderMeeting(request, reply, id, { problem: asProblem(caught) });
      }
    },
  );

  await registerAgendaItemPages(app, renderMeeting);
}
