/**
 * Preparing a consultation as NHS.UK pages: the public list, a consultation's page (the Respond
 * button while open), a document's sections anchored for comment, and the prepare page with the
 * legal checks, NHS London's scrutiny and the Joint Committee's approval.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { formErrors, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { londonInstant } from '../meetings/index.ts';
import { londonSectors } from '../registry/index.ts';
import { asProblem, invalidInput, ProblemError } from '../shared/problems.ts';
import { addDocumentVersion, type SectionInput } from './add-document-version.ts';
import { addQuestion } from './add-question.ts';
import { getConsultation, getDocument, listConsultations } from './consultation-view.ts';
import { checkDetails, createConsultation } from './create-consultation.ts';
import { planEvent } from './plan-event.ts';
import { documentParametersSchema, slugParametersSchema } from './preparation-schemas.ts';
import { putConsultationForApproval } from './put-consultation-for-approval.ts';
import { recordApproval } from './record-approval.ts';
import { recordScrutiny, refuseUnlessMayScrutinise } from './record-scrutiny.ts';
import { questionKindNames, questionKinds } from './response-rules.ts';

const notices: Record<string, string> = {
  scrutiny: 'NHS London’s scrutiny was recorded.',
  approval: 'The approval was put to the meeting as a question.',
  approved: 'The approval was recorded: the consultation opens at its opening time.',
  'not-approved': 'The question was not carried: the consultation is being prepared again.',
  'approved-too-late':
    'The Joint Committee approved it, but its opening time passed before the approval was recorded, leaving under 12 weeks to the close with no reason recorded for a shorter period (Gunning principle 3: adequate time). The consultation is being prepared again: change its period, or record the reason, and put the approval again.',
  created: 'The consultation was created: add its documents, questions and events below.',
  question: 'The question was added.',
  document: 'The document’s new version was added.',
  event: 'The event was added to the plan.',
};

/** The prepare page's form fields, each named after its form so the page's ids stay unique. */
const prepareFields = [
  'note',
  'meetingId',
  'questionText',
  'questionKind',
  'questionChoices',
  'questionSection',
  'documentChoice',
  'documentTitle',
  'documentNote',
  'documentSections',
  'eventTitle',
  'eventSector',
  'eventVenue',
  'eventDate',
  'eventTime',
] as const;

const newConsultationFields = [
  'title',
  'summary',
  'opensOn',
  'opensTime',
  'closesOn',
  'closesTime',
  'formativeStatement',
  'reasonsStatement',
  'shortPeriodReason',
] as const;

/** A use case's problem with its fields renamed to the form's (sections.3.body → documentSections). */
function renamed(problem: ProblemError, rename: (field: string) => string): ProblemError {
  const errors = problem.problem.errors;
  if (!errors?.length) return problem;
  return new ProblemError({
    ...problem.problem,
    errors: errors.map((error) => ({ ...error, field: rename(error.field) })),
  });
}

const londonTime = (time: string, fallback: string) =>
  /^\d{1,2}[:.]\d{2}$/.test(time.trim())
    ? time.trim().replace('.', ':').padStart(5, '0')
    : fallback;

/** "09:00" or "9.30" read as a London wall-clock time; blank is the given default. */
function instantOf(date: string, time: string, fallback: string): Date | null {
  if (!date) return null;
  const instant = new Date(londonInstant(date, londonTime(time, fallback)));
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** Sections typed one a line as "number | heading | text" (decision: lines, not repeated fields). */
export function sectionsFromLines(text: string): SectionInput[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const problems: { field: string; message: string }[] = [];
  const sections: SectionInput[] = [];
  lines.forEach((line, index) => {
    if (!line) return;
    const [number, heading, ...rest] = line.split('|').map((part) => part.trim());
    const body = rest.join(' | ').trim();
    if (!number || !heading || !body) {
      problems.push({
        field: 'documentSections',
        message: `Line ${index + 1} of the sections: write it as number | heading | text, like “4.2 | Polyclinics | A new kind of local care.”`,
      });
      return;
    }
    sections.push({ number, heading, body });
  });
  if (problems.length > 0) throw invalidInput(problems.slice(0, 10));
  return sections;
}

const changedQuery = z.object({ changed: z.string().max(40).optional() });
const formBody = z.looseObject({}).optional();

const textOf = (body: unknown, field: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value.slice(0, 5000) : '';
};

export async function registerConsultationPreparationPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  async function renderPrepare(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    state: { values?: Record<string, string>; problem?: ProblemError; notice?: string } = {},
  ) {
    const { actor } = request;
    if (actor.kind !== 'account') {
      throw new ProblemError({
        status: 401,
        code: 'unauthenticated',
        title: 'Sign in to continue',
        detail: 'Sign in to prepare or scrutinise a consultation.',
      });
    }
    const mayOpen =
      actor.isAdministrator || actor.bodyRoles.some((role) => role.role === 'secretariat');
    if (!mayOpen) await refuseUnlessMayScrutinise(db, actor, app.now());
    const consultation = await getConsultation({ db, actor, now: app.now(), slug });
    if (!consultation.mayRun && !consultation.mayScrutinise) {
      throw new ProblemError({
        status: 403,
        code: 'forbidden',
        title: 'You do not have permission to do this',
        detail: `Only an administrator or the secretariat of the ${consultation.bodyTitle} may prepare its consultations.`,
      });
    }
    return reply
      .code(state.problem?.problem.status ?? 200)
      .view('consultations/views/prepare.njk', {
        currentPath: '/consultations',
        consultation,
        kindItems: questionKinds.map((kind) => ({ value: kind, text: questionKindNames[kind] })),
        sectorItems: londonSectors.map((sector) => ({ value: sector.id, text: sector.name })),
        values: state.values ?? {},
        notice: state.notice,
        ...formErrors(state.problem?.problem),
      });
  }

  app.get('/consultations', { config: { permission: 'public.read' } }, async (request, reply) =>
    reply.view('consultations/views/consultations-list.njk', {
      currentPath: '/consultations',
      list: await listConsultations({ db, actor: request.actor, now: app.now() }),
    }),
  );

  app.get(
    '/consultations/:slug',
    { config: { permission: 'public.read' }, schema: { params: slugParametersSchema } },
    async (request, reply) =>
      reply.view('consultations/views/consultation.njk', {
        currentPath: '/consultations',
        consultation: await getConsultation({
          db,
          actor: request.actor,
          now: app.now(),
          slug: request.params.slug,
        }),
      }),
  );

  app.get(
    '/consultations/:slug/documents/:documentNumber',
    { config: { permission: 'public.read' }, schema: { params: documentParametersSchema } },
    async (request, reply) =>
      reply.view('consultations/views/consultation-document.njk', {
        currentPath: '/consultations',
        paraphrased: request.params.slug === 'healthcare-for-london',
        document: await getDocument({
          db,
          actor: request.actor,
          now: app.now(),
          slug: request.params.slug,
          documentNumber: request.params.documentNumber,
        }),
      }),
  );

  app.get(
    '/consultations/:slug/prepare',
    {
      // The body's secretariat prepares; NHS London's post holders scrutinise (checked above).
      config: { permission: 'consultations.scrutinise' },
      schema: { params: slugParametersSchema, querystring: changedQuery },
    },
    async (request, reply) =>
      renderPrepare(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  const post = (
    path: string,
    permission: 'consultations.run' | 'consultations.scrutinise',
    act: (request: FastifyRequest, slug: string) => Promise<string>,
  ) =>
    app.post(
      `/consultations/:slug/prepare/${path}`,
      {
        config: { permission, csrf: true },
        schema: { params: slugParametersSchema, body: formBody },
      },
      async (request, reply) => {
        const { slug } = request.params;
        try {
          const changed = await act(request, slug);
          return reply.redirect(`/consultations/${slug}/prepare?changed=${changed}`, 303);
        } catch (caught) {
          const problem = asProblem(caught);
          if (problem.problem.status === 401 || problem.problem.status === 403) throw problem;
          const values = submittedFormValues(request.body, prepareFields, 100_000);
          return renderPrepare(request, reply, slug, { values, problem });
        }
      },
    );

  post('scrutiny', 'consultations.scrutinise', async (request, slug) => {
    await recordScrutiny({
      db,
      context: context(request),
      actor: request.actor,
      slug,
      note: textOf(request.body, 'note'),
    });
    return 'scrutiny';
  });

  post('approval', 'consultations.run', async (request, slug) => {
    const meetingId = textOf(request.body, 'meetingId');
    if (!z.uuid().safeParse(meetingId).success) {
      throw new ProblemError({
        status: 400,
        code: 'invalid-input',
        title: 'The request has invalid fields',
        detail: 'Choose a meeting to put the approval to.',
        errors: [{ field: 'meetingId', message: 'Choose a meeting to put the approval to.' }],
      });
    }
    await putConsultationForApproval({
      db,
      context: context(request),
      actor: request.actor,
      slug,
      meetingId,
    });
    return 'approval';
  });

  post('approval-outcome', 'consultations.run', async (request, slug) => {
    const { stage, periodShortfall } = await recordApproval({
      db,
      context: context(request),
      actor: request.actor,
      slug,
    });
    if (periodShortfall) return 'approved-too-late';
    return stage === 'approved' ? 'approved' : 'not-approved';
  });

  /** Runs a use case, its problems renamed to the form's fields. */
  const asForm = async <T>(rename: (field: string) => string, run: () => Promise<T>) => {
    try {
      return await run();
    } catch (caught) {
      const problem = asProblem(caught);
      throw problem.problem.status === 400 ? renamed(problem, rename) : problem;
    }
  };

  post('questions', 'consultations.run', async (request, slug) => {
    const values = submittedFormValues(request.body, prepareFields, 5000);
    const fieldOf: Record<string, string> = {
      text: 'questionText',
      kind: 'questionKind',
      section: 'questionSection',
    };
    await asForm(
      (field) =>
        fieldOf[field] ?? (field.startsWith('options') ? 'questionChoices' : 'questionText'),
      () =>
        addQuestion({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          question: {
            text: values.questionText ?? '',
            kind: values.questionKind ?? '',
            options: (values.questionChoices ?? '')
              .split(/\r?\n/)
              .map((line) => line.trim())
              .filter(Boolean),
            section: values.questionSection?.trim() || null,
          },
        }),
    );
    return 'question';
  });

  post('documents', 'consultations.run', async (request, slug) => {
    const values = submittedFormValues(request.body, prepareFields, 100_000);
    const choice = values.documentChoice ?? 'new';
    const sections = sectionsFromLines(values.documentSections ?? '');
    await asForm(
      (field) =>
        field.startsWith('sections')
          ? 'documentSections'
          : field === 'note'
            ? 'documentNote'
            : field === 'number'
              ? 'documentChoice'
              : 'documentTitle',
      () =>
        addDocumentVersion({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          document:
            /^\d{1,4}$/.test(choice) && choice !== '0'
              ? { number: Number(choice) }
              : { title: values.documentTitle ?? '' },
          note: values.documentNote ?? null,
          sections,
        }),
    );
    return 'document';
  });

  post('events', 'consultations.run', async (request, slug) => {
    const values = submittedFormValues(request.body, prepareFields, 300);
    const problem = values['eventDate[problem]'];
    if (problem) throw invalidInput([{ field: 'eventDate', message: problem }]);
    const startsAt = instantOf(values.eventDate ?? '', values.eventTime ?? '', '18:30');
    if (!startsAt) {
      throw invalidInput([{ field: 'eventDate', message: 'Enter the date of the event.' }]);
    }
    const fieldOf: Record<string, string> = {
      title: 'eventTitle',
      sector: 'eventSector',
      venue: 'eventVenue',
      startsAt: 'eventDate',
    };
    await asForm(
      (field) => fieldOf[field] ?? 'eventTitle',
      () =>
        planEvent({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          event: {
            title: values.eventTitle ?? '',
            sector: values.eventSector || null,
            venue: values.eventVenue ?? '',
            startsAt,
          },
        }),
    );
    return 'event';
  });

  async function renderNew(
    reply: FastifyReply,
    state: { values?: Record<string, string>; problem?: ProblemError } = {},
  ) {
    return reply
      .code(state.problem?.problem.status ?? 200)
      .view('consultations/views/new-consultation.njk', {
        currentPath: '/consultations',
        values: state.values ?? { opensTime: '09:00', closesTime: '17:00' },
        ...formErrors(state.problem?.problem),
      });
  }

  app.get(
    '/consultations/new',
    { config: { permission: 'consultations.run' } },
    async (_request, reply) => renderNew(reply),
  );

  app.post(
    '/consultations/new',
    { config: { permission: 'consultations.run', csrf: true }, schema: { body: formBody } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, newConsultationFields, 5000);
      try {
        const dateProblems = (['opensOn', 'closesOn'] as const).flatMap((field) => {
          const message = values[`${field}[problem]`];
          return message ? [{ field, message }] : [];
        });
        if (dateProblems.length > 0) throw invalidInput(dateProblems);
        const { slug } = await asForm(
          (field) => (field === 'opensAt' ? 'opensOn' : field === 'closesAt' ? 'closesOn' : field),
          () => {
            const details = {
              title: values.title ?? '',
              summary: values.summary ?? '',
              opensAt: instantOf(values.opensOn ?? '', values.opensTime ?? '', '09:00'),
              closesAt: instantOf(values.closesOn ?? '', values.closesTime ?? '', '17:00'),
              shortPeriodReason: values.shortPeriodReason ?? null,
              formativeStatement: values.formativeStatement ?? null,
              reasonsStatement: values.reasonsStatement ?? null,
            };
            // The form's fields are checked first, as the API's schema checks its body; the
            // use case then checks who may prepare the body's consultations.
            checkDetails(details);
            return createConsultation({
              db,
              context: context(request),
              actor: request.actor,
              bodySlug: 'joint-committee-of-pcts',
              details,
            });
          },
        );
        return reply.redirect(`/consultations/${slug}/prepare?changed=created`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 401 || problem.problem.status === 403) throw problem;
        return renderNew(reply, { values, problem });
      }
    },
  );
}
