import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadBodyWithVersions, slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { readDatesInQuery } from '../http/date-input.ts';
import {
  changedQuerySchema,
  datePartsIn,
  formErrors,
  parseForm,
  submittedFormValues,
} from '../http/forms.ts';
import { actionContextOf, londonDate, mayRunBody } from '../identity/index.ts';
import { calendarDate } from '../shared/input.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { appointMember } from './appoint-member.ts';
import { appointmentChoices } from './appointment-choices.ts';
import { recordElection } from './elections.ts';
import { endMembership } from './end-membership.ts';
import { listMembership } from './membership-view.ts';
import {
  appointMemberSchema,
  attendeeParametersSchema,
  endMembershipSchema,
  endStandingAttendeeSchema,
  holdingParametersSchema,
  nameStandingAttendeeSchema,
  recordElectionSchema,
} from './schemas.ts';
import { endStandingAttendee, nameStandingAttendee } from './standing-attendees.ts';

const formFields = [
  'personId',
  'seatRole',
  'organisationId',
  'fillMethod',
  'office',
  'startsOn',
  'endsOn',
] as const;

const attendeeFields = [
  'capacity',
  'attendeePersonId',
  'attendeeOrganisationId',
  'deputyForHoldingId',
  'description',
  'attendeeStartsOn',
  'attendeeEndsOn',
] as const;

// The attendee form shares the page with the appointment form, so its fields have their own ids.
const attendeeFieldNames: Record<string, string> = {
  personId: 'attendeePersonId',
  organisationId: 'attendeeOrganisationId',
  startsOn: 'attendeeStartsOn',
  endsOn: 'attendeeEndsOn',
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const membersQuerySchema = changedQuerySchema.extend({
  asOf: calendarDate('Enter a real date to show the membership on.').optional(),
});

/** Problems from one row's form name that row's fields, so the summary links to them. */
function forRow(error: ProblemError, suffix: string): ProblemError {
  return new ProblemError({
    ...error.problem,
    errors: error.problem.errors?.map((fieldProblem) => ({
      ...fieldProblem,
      field: `${fieldProblem.field}-${suffix}`,
    })),
  });
}

const notices: Record<string, string> = {
  appointed: 'The appointment was recorded.',
  ended: 'The membership was ended.',
  attendee: 'The deputy or non-voting attendee was recorded.',
  'attendee-ended': 'The deputy or non-voting attendee was stood down.',
  election: 'The election was recorded.',
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
    extras: {
      problem?: ProblemError;
      values?: Record<string, string>;
      notice?: string;
      asOf?: string | undefined;
    } = {},
  ) => {
    const asOf = extras.asOf ?? today();
    // The body and its terms (every version, about 100 kB) are read once for the whole page.
    const loaded = await loadBodyWithVersions(db, slug);
    const report = await listMembership({ db, slug, asOf, loaded });
    const mayManage = mayRunBody(request.actor, slug);
    return reply.code(extras.problem?.problem.status ?? 200).view('membership/views/members.njk', {
      currentPath: '/bodies',
      report,
      mayManage,
      choices: mayManage ? await appointmentChoices({ db, slug, asOf, loaded }) : null,
      values: extras.values ?? {},
      notice: extras.notice,
      today: today(),
      isToday: asOf === today(),
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/bodies/:slug/members',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: membersQuerySchema },
      // The date is asked for as day, month and year; a link may still give it as YYYY-MM-DD.
      preValidation: readDatesInQuery(['asOf']),
    },
    async (request, reply) =>
      renderMembers(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
        asOf: request.query.asOf,
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
          endsOn: values.endsOn || null,
          ...datePartsIn(values),
        });
        await appointMember({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/bodies/${request.params.slug}/members?changed=appointed`, 303);
      } catch (caught) {
        const error = asProblem(caught);
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
        const form = parseForm(endMembershipSchema, {
          endsOn: values.endsOn,
          ...datePartsIn(values),
        });
        await endMembership({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          holdingId,
          endsOn: form.endsOn,
        });
        return reply.redirect(`/bodies/${slug}/members?changed=ended`, 303);
      } catch (caught) {
        const error = asProblem(caught);
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
          values: {
            [rowField]: values.endsOn ?? '',
            ...datePartsIn(values, (field) => `${field}-${holdingId}`),
          },
        });
      }
    },
  );

  app.post(
    '/bodies/:slug/attendees',
    {
      config: { permission: 'bodies.manage-membership', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const values = submittedFormValues(request.body, attendeeFields, 300);
      try {
        const form = parseForm(nameStandingAttendeeSchema, {
          capacity: values.capacity || undefined,
          personId: values.attendeePersonId,
          organisationId: values.attendeeOrganisationId || null,
          deputyForHoldingId:
            values.capacity === 'deputy' ? values.deputyForHoldingId || null : null,
          description: values.description,
          startsOn: values.attendeeStartsOn,
          endsOn: values.attendeeEndsOn || null,
          ...datePartsIn(values, (field) =>
            field === 'attendeeStartsOn'
              ? 'startsOn'
              : field === 'attendeeEndsOn'
                ? 'endsOn'
                : field,
          ),
        });
        await nameStandingAttendee({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          ...form,
        });
        return reply.redirect(`/bodies/${slug}/members?changed=attendee#attendees`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        const problem = new ProblemError({
          ...error.problem,
          errors: error.problem.errors?.map((fieldProblem) => ({
            ...fieldProblem,
            field: attendeeFieldNames[fieldProblem.field] ?? fieldProblem.field,
          })),
        });
        return renderMembers(request, reply, slug, { problem, values });
      }
    },
  );

  app.post(
    '/bodies/:slug/attendees/:attendeeId/end',
    {
      config: { permission: 'bodies.manage-membership', csrf: true },
      schema: { params: attendeeParametersSchema },
    },
    async (request, reply) => {
      const { slug, attendeeId } = request.params;
      const values = submittedFormValues(request.body, ['endsOn'], 100);
      try {
        const form = parseForm(endStandingAttendeeSchema, {
          endsOn: values.endsOn,
          ...datePartsIn(values),
        });
        await endStandingAttendee({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          attendeeId,
          endsOn: form.endsOn,
        });
        return reply.redirect(`/bodies/${slug}/members?changed=attendee-ended#attendees`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMembers(request, reply, slug, {
          problem: forRow(error, attendeeId),
          values: {
            [`endsOn-${attendeeId}`]: values.endsOn ?? '',
            ...datePartsIn(values, (field) => `${field}-${attendeeId}`),
          },
        });
      }
    },
  );

  app.post(
    '/bodies/:slug/members/:holdingId/election',
    {
      config: { permission: 'bodies.manage-membership', csrf: true },
      schema: { params: holdingParametersSchema },
    },
    async (request, reply) => {
      const { slug, holdingId } = request.params;
      const fields = ['heldOn', 'electorate', 'votesFor', 'votesCast', 'minuteReference'];
      const values = submittedFormValues(request.body, [...fields, 'asOf'], 300);
      // The form is shown on the membership as of a date; the page returns to that date.
      const asOf = isoDate.test(values.asOf ?? '') ? values.asOf : undefined;
      try {
        const form = parseForm(recordElectionSchema, {
          heldOn: values.heldOn,
          electorate: values.electorate,
          votesFor: values.votesFor,
          votesCast: values.votesCast,
          minuteReference: values.minuteReference,
          ...datePartsIn(values),
        });
        await recordElection({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          holdingId,
          ...form,
        });
        const query = asOf ? `&asOf=${asOf}` : '';
        return reply.redirect(`/bodies/${slug}/members?changed=election${query}#members`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderMembers(request, reply, slug, {
          problem: forRow(error, holdingId),
          values: {
            ...Object.fromEntries(
              fields.map((field) => [`${field}-${holdingId}`, values[field] ?? '']),
            ),
            ...datePartsIn(values, (field) => `${field}-${holdingId}`),
          },
          asOf,
        });
      }
    },
  );
}
