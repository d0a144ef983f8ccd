import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, mayRunBody } from '../identity/index.ts';
import { meetingParametersSchema } from '../meetings/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { addMinutesForApproval } from './add-minutes-for-approval.ts';
import { approveMinutes } from './approve-minutes.ts';
import { confirmReceipt } from './confirm-receipt.ts';
import { draftMinute } from './draft-minute.ts';
import { draftMinutesFromTheRecord } from './draft-minutes-from-the-record.ts';
import { getMinutesFromTheRecord } from './minutes-from-the-record.ts';
import { minuteFromTheRecord } from './minutes-from-the-record-text.ts';
import { renderMinutesPdf } from './minutes-pdf.ts';
import { hiddenMinutesText, longDateText } from './minutes-rules.ts';
import { getMinutes } from './minutes-view.ts';
import { getReceipt } from './receipt-view.ts';
import {
  addMinutesForApprovalSchema,
  approveMinutesSchema,
  draftMinuteSchema,
  minuteParametersSchema,
  receiptParametersSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  minute: 'The minute was saved.',
  'on-agenda': 'The minutes were added to the agenda for approval.',
  approved: 'The minutes were approved, signed and sent to every body that receives them.',
  'from-the-record': 'The record was saved as the minute of every item not yet written.',
  'record-unchanged':
    'Nothing changed: every item the record speaks of already has a minute, which is kept as written.',
};

/** The minutes page, its forms, the PDF, and the public receipt page a recipient confirms on. */
export async function registerMinutesPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderMinutes = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const report = await getMinutes({ db, meetingId, actor: request.actor });
    const mayManage = mayRunBody(request.actor, report.meeting.body.slug);
    // The draft opens from the record, read afresh each time: see minutes-from-the-record.ts.
    const record =
      mayManage && report.status === 'draft'
        ? await getMinutesFromTheRecord({ db, actor: request.actor, meetingId, now: app.now() })
        : null;
    const fromRecord = Object.fromEntries(
      (record?.items ?? []).map((item) => [item.id, minuteFromTheRecord(item)]),
    );
    return reply.code(extras.problem?.problem.status ?? 200).view('minutes/views/minutes.njk', {
      currentPath: '/bodies',
      report,
      mayManage,
      record,
      fromRecord,
      hiddenText: hiddenMinutesText(report.hiddenConfidentialCount),
      longDateText,
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/meetings/:id/minutes',
    {
      config: { permission: 'public.read' },
      schema: { params: meetingParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderMinutes(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.get(
    '/meetings/:id/minutes.pdf',
    { config: { permission: 'public.read' }, schema: { params: meetingParametersSchema } },
    async (request, reply) => {
      const report = await getMinutes({ db, meetingId: request.params.id, actor: request.actor });
      const pdf = await renderMinutesPdf(report);
      const kind = report.status === 'draft' ? 'draft-minutes' : 'minutes';
      return (
        reply
          .type('application/pdf')
          // A draft is for the body's own people only: no shared cache may keep it.
          .header('cache-control', 'private, no-cache')
          .header(
            'content-disposition',
            `inline; filename="${report.meeting.body.slug}-${report.meeting.meetingOn}-${kind}.pdf"`,
          )
          .send(pdf)
      );
    },
  );

  // Forms cannot PUT: each item's minute form posts to the item.
  app.post(
    '/meetings/:id/minutes/:agendaItemId',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: minuteParametersSchema },
    },
    async (request, reply) => {
      const { id, agendaItemId } = request.params;
      const values = submittedFormValues(request.body, ['text'], 20_000);
      try {
        const form = parseForm(draftMinuteSchema, { text: values.text });
        await draftMinute({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: id,
          agendaItemId,
          text: form.text,
        });
        return reply.redirect(`/meetings/${id}/minutes?changed=minute#item-${agendaItemId}`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        // The problem names `text`; on the page each item's field is `text-<item id>`.
        const problem = new ProblemError({
          ...error.problem,
          errors: error.problem.errors?.map((fieldProblem) => ({
            ...fieldProblem,
            field: `${fieldProblem.field}-${agendaItemId}`,
          })),
        });
        return renderMinutes(request, reply, id, {
          problem,
          values: { [`text-${agendaItemId}`]: values.text ?? '' },
        });
      }
    },
  );

  app.post(
    '/meetings/:id/minutes-from-the-record',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      try {
        const { filled } = await draftMinutesFromTheRecord({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
        });
        const changed = filled > 0 ? 'from-the-record' : 'record-unchanged';
        return reply.redirect(
          `/meetings/${request.params.id}/minutes?changed=${changed}#minutes`,
          303,
        );
      } catch (caught) {
        return renderMinutes(request, reply, request.params.id, { problem: asProblem(caught) });
      }
    },
  );

  app.post(
    '/meetings/:id/minutes-for-approval',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['minutesOfMeetingId'], 100);
      try {
        const form = parseForm(addMinutesForApprovalSchema, values);
        await addMinutesForApproval({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          minutesOfMeetingId: form.minutesOfMeetingId,
        });
        return reply.redirect(`/meetings/${request.params.id}/minutes?changed=on-agenda`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMinutes(request, reply, request.params.id, { problem: error, values });
      }
    },
  );

  app.post(
    '/meetings/:id/minutes/approval',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['presidingSeatHoldingId'], 100);
      try {
        const form = parseForm(approveMinutesSchema, {
          presidingSeatHoldingId: values.presidingSeatHoldingId || undefined,
        });
        await approveMinutes({
          db,
          context: context(request),
          actor: request.actor,
          meetingId: request.params.id,
          presidingSeatHoldingId: form.presidingSeatHoldingId,
          publicUrl: app.settings.publicUrl,
        });
        await app.mailOutbox.deliverNow();
        return reply.redirect(
          `/meetings/${request.params.id}/minutes?changed=approved#distribution`,
          303,
        );
      } catch (caught) {
        const error = asProblem(caught);
        return renderMinutes(request, reply, request.params.id, { problem: error, values });
      }
    },
  );

  const renderReceipt = async (
    reply: FastifyReply,
    token: string,
    extras: { notice?: string } = {},
  ) => {
    const receipt = await getReceipt({ db, token });
    return reply.view('minutes/views/receipt.njk', {
      currentPath: '',
      receipt,
      token,
      longDateText,
      notice: extras.notice,
    });
  };

  app.get(
    '/receipts/:token',
    {
      config: { permission: 'minutes.confirm-receipt' },
      schema: { params: receiptParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) => {
      const changed = request.query.changed;
      return renderReceipt(reply, request.params.token, {
        notice:
          changed === 'confirmed'
            ? 'Thank you: receipt of the minutes is recorded.'
            : changed === 'already'
              ? 'Receipt was already recorded; nothing has changed.'
              : undefined,
      });
    },
  );

  app.post(
    '/receipts/:token',
    {
      config: { permission: 'minutes.confirm-receipt', csrf: true },
      schema: { params: receiptParametersSchema },
    },
    async (request, reply) => {
      const confirmed = await confirmReceipt({
        db,
        context: context(request),
        token: request.params.token,
      });
      const changed = confirmed.alreadyConfirmed ? 'already' : 'confirmed';
      return reply.redirect(
        `/receipts/${encodeURIComponent(request.params.token)}?changed=${changed}`,
        303,
      );
    },
  );
}
