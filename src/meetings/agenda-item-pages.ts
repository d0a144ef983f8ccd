import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, mayRunBody } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { agendaNoticeText } from './agenda-notice.ts';
import { editAgendaItem } from './edit-agenda-item.ts';
import { loadMeeting } from './meeting-access.ts';
import { getMeeting } from './meeting-view.ts';
import { moveAgendaItem } from './move-agenda-item.ts';
import {
  agendaItemParametersSchema,
  editAgendaItemSchema,
  moveAgendaItemSchema,
  withdrawAgendaItemSchema,
} from './schemas.ts';
import { withdrawAgendaItem } from './withdraw-agenda-item.ts';

/** What the meeting page's renderer takes: the agenda item pages fall back to it on a refusal. */
type MeetingPageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  meetingId: string,
  extras?: { problem?: ProblemError },
) => Promise<unknown>;

/**
 * An agenda item's own page: edit its description, presenter and time, move it up or down, and
 * withdraw it, before notice (issue 22, item 4). Registered with the meeting pages.
 */
export async function registerAgendaItemPages(app: App, renderMeeting: MeetingPageRenderer) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const agendaItemFields = [
    'title',
    'purpose',
    'isConfidential',
    'confidentialityReason',
    'description',
    'presenterPersonId',
    'presenterName',
    'startTime',
    'minutesAllotted',
  ];

  const renderAgendaItem = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    agendaItemId: string,
    extras: { problem?: ProblemError; values?: Record<string, string> } = {},
  ) => {
    const report = await getMeeting({ db, meetingId, actor: request.actor });
    if (!mayRunBody(request.actor, report.meeting.body.slug)) {
      throw new ProblemError({
        status: 403,
        code: 'forbidden',
        title: 'You do not have permission to do this',
        detail: `Only an administrator or the secretariat of ${report.meeting.body.title} may run its meetings.`,
      });
    }
    const item = report.agenda.find((candidate) => candidate.id === agendaItemId);
    if (!item) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Not found',
        detail: `That item is not on the agenda of ${report.meeting.title}.`,
      });
    }
    const values = {
      title: item.title,
      purpose: item.purpose,
      isConfidential: item.isConfidential ? 'yes' : 'no',
      confidentialityReason: item.confidentialityReason ?? '',
      description: item.description ?? '',
      presenterPersonId: item.presenterPersonId ?? '',
      presenterName: item.presenterPersonId ? '' : (item.presenterName ?? ''),
      startTime: item.startTime ?? '',
      minutesAllotted: item.minutesAllotted?.toString() ?? '',
      ...extras.values,
    };
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('meetings/views/agenda-item.njk', {
        currentPath: '/bodies',
        meeting: report.meeting,
        item,
        presenters: report.attendance.map((member) => ({
          personId: member.personId,
          name: member.memberName,
        })),
        agendaNotice: await agendaNoticeText(db, await loadMeeting(db, meetingId), app.now()),
        values,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/meetings/:id/agenda-items/:agendaItemId/edit',
    {
      config: { permission: 'meetings.manage' },
      schema: { params: agendaItemParametersSchema },
    },
    async (request, reply) =>
      renderAgendaItem(request, reply, request.params.id, request.params.agendaItemId),
  );

  app.post(
    '/meetings/:id/agenda-items/:agendaItemId',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: agendaItemParametersSchema },
    },
    async (request, reply) => {
      const { id, agendaItemId } = request.params;
      const values = submittedFormValues(request.body, agendaItemFields, 2000);
      try {
        const form = parseForm(editAgendaItemSchema, {
          title: values.title,
          purpose: values.purpose || undefined,
          isConfidential: values.isConfidential === 'yes',
          confidentialityReason: values.confidentialityReason,
          description: values.description,
          presenterPersonId: values.presenterPersonId || undefined,
          presenterName: values.presenterName,
          startTime: values.startTime,
          minutesAllotted: values.minutesAllotted,
        });
        await editAgendaItem({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: id,
          agendaItemId,
          ...form,
        });
        return reply.redirect(`/meetings/${id}?changed=item-edited#item-${agendaItemId}`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 403 || problem.problem.status === 404) throw problem;
        return renderAgendaItem(request, reply, id, agendaItemId, { problem, values });
      }
    },
  );

  app.post(
    '/meetings/:id/agenda-items/:agendaItemId/move',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: agendaItemParametersSchema },
    },
    async (request, reply) => {
      const { id, agendaItemId } = request.params;
      const values = submittedFormValues(request.body, ['direction'], 10);
      try {
        const form = parseForm(moveAgendaItemSchema, { direction: values.direction || undefined });
        await moveAgendaItem({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: id,
          agendaItemId,
          ...form,
        });
        return reply.redirect(`/meetings/${id}?changed=item-moved#item-${agendaItemId}`, 303);
      } catch (caught) {
        return renderMeeting(request, reply, id, { problem: asProblem(caught) });
      }
    },
  );

  app.post(
    '/meetings/:id/agenda-items/:agendaItemId/withdrawal',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: agendaItemParametersSchema },
    },
    async (request, reply) => {
      const { id, agendaItemId } = request.params;
      const values = submittedFormValues(request.body, ['reason'], 1000);
      try {
        const form = parseForm(withdrawAgendaItemSchema, { reason: values.reason });
        await withdrawAgendaItem({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: id,
          agendaItemId,
          ...form,
        });
        return reply.redirect(`/meetings/${id}?changed=item-withdrawn#item-${agendaItemId}`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 403 || problem.problem.status === 404) throw problem;
        return renderAgendaItem(request, reply, id, agendaItemId, {
          problem,
          values: { withdrawReason: values.reason ?? '' },
        });
      }
    },
  );
}
