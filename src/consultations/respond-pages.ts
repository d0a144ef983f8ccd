/**
 * Responding as pages: the public form (no account, no JavaScript needed), its resume link, the
 * confirmation with the response's number; the runners' entry of responses taken at events, their
 * review of held responses and suspected duplicates; the organisations' published responses.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { formErrors } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, invalidInput, ProblemError } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { selectLatestSections, selectQuestions } from './consultation-queries.ts';
import {
  commentField,
  formValuesOf,
  honeypotField,
  involvementClause,
  manageConsultationClause,
  newSubmissionToken,
  questionField,
  responseFromForm,
  responseNumberText,
  resumeHashOf,
  storableFormText,
  submissionTokenField,
  unstorableFormProblems,
} from './respond-rules.ts';
import { selectComments, selectDraftByResumeHash } from './response-queries.ts';
import { responseQuotaOf, TooManyResponses, withinResponseQuota } from './response-quota.ts';
import {
  getOrganisationResponses,
  getResponseForm,
  getResponseForStaff,
  getResponseReview,
} from './response-view.ts';
import { type ReviewAction, reviewActionNames, reviewResponse } from './review-responses.ts';
import {
  loadConsultation,
  loadPublishedConsultation,
  type SubmittedResponse,
  submitResponse,
} from './submit-response.ts';

const slugParams = z.object({ slug: z.string().min(1).max(200) });
const resumeParams = slugParams.extend({ resumeSecret: z.string().min(1).max(200) });
const numberParams = slugParams.extend({ number: z.coerce.number().int().positive() });
const sectionQuery = z.object({ section: z.string().max(20).optional() });
const reviewQuery = z.object({
  filter: z
    .enum(['all', 'held', 'suspected-duplicates', 'confirmed-duplicates', 'publication-check'])
    .default('all'),
  after: z.coerce.number().int().nonnegative().optional(),
  done: z.string().max(40).optional(),
});
const afterQuery = z.object({ after: z.coerce.number().int().nonnegative().optional() });

type FormValues = Record<string, string | string[] | boolean>;

/**
 * A response form's largest body: every free-text answer at its longest (50,000 characters), in a
 * script that URL-encoding makes nine bytes a character, still fits; beyond this the site-wide
 * 1 MB would refuse a long response whole, losing what was typed (review M7).
 */
const responseFormBodyLimit = 8 * 1_048_576;

/** A stray character the database cannot hold is shown on the form, with what was typed. */
function refuseUnstorableForm(body: unknown): void {
  const problems = unstorableFormProblems(body);
  if (problems.length > 0) throw invalidInput(problems);
}

export async function registerConsultationResponsePages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const quota = responseQuotaOf(app);

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      slug: string;
      values: FormValues;
      problem?: ProblemError | undefined;
      resumeSecret?: string | undefined;
      section?: string | undefined;
      staffEntry?: boolean;
    },
  ) => {
    const form = await getResponseForm({
      db,
      actor: request.actor,
      now: app.now(),
      slug: options.slug,
    });
    const first = form.sections.find((section) => section.number === options.section);
    const base = `/consultations/${encodeURIComponent(form.consultation.slug)}`;
    return reply
      .code(options.problem?.problem.status ?? 200)
      .view('consultations/views/respond.njk', {
        currentPath: '/consultations',
        ...form,
        firstSection: first,
        otherSections: form.sections.filter((section) => section !== first),
        values: options.values,
        action: options.staffEntry
          ? `${base}/responses`
          : options.resumeSecret
            ? `${base}/respond/${encodeURIComponent(options.resumeSecret)}`
            : `${base}/respond`,
        resuming: options.resumeSecret !== undefined,
        staffEntry: options.staffEntry === true,
        honeypotField,
        submissionTokenField,
        // A form shown again after a refusal keeps its token: nothing was made with it yet.
        submissionToken:
          typeof options.values[submissionTokenField] === 'string'
            ? options.values[submissionTokenField]
            : newSubmissionToken(),
        isChosen: (value: unknown, option: string) =>
          Array.isArray(value) ? value.includes(option) : value === option,
        questionField,
        commentField,
        clauses: { manage: manageConsultationClause, involvement: involvementClause },
        ...formErrors(options.problem?.problem),
        summaryTitle:
          options.problem?.problem.status === 429
            ? options.problem.problem.title
            : 'There is a problem',
      });
  };

  /** The body as the form shows it again. */
  const valuesOf = (body: unknown): FormValues => {
    const record = (body ?? {}) as Record<string, unknown>;
    const values: FormValues = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === '_csrf' || key === honeypotField) continue;
      if (typeof value === 'string') values[key] = storableFormText(value.slice(0, 60_000));
      else if (Array.isArray(value))
        values[key] = value
          .filter((each) => typeof each === 'string')
          .map((each) => storableFormText(each));
    }
    return values;
  };

  const readInput = async (slug: string, body: unknown) => {
    const consultation = await loadConsultation(db, slug);
    const [questions, sections] = await Promise.all([
      selectQuestions(db, consultation.id),
      selectLatestSections(db, consultation.id),
    ]);
    const record = (body ?? {}) as Record<string, unknown>;
    return {
      input: responseFromForm(
        questions,
        sections.map((section) => section.number),
        record,
      ),
      intent: record.intent === 'save' ? ('save' as const) : ('submit' as const),
    };
  };

  const renderOutcome = (
    reply: FastifyReply,
    slug: string,
    title: string,
    outcome: SubmittedResponse,
  ) => {
    if (outcome.state === 'draft') {
      // The page carries the resume secret: no cache, shared or the browser's own, keeps it.
      reply.header('cache-control', 'no-store');
      return reply.view('consultations/views/draft-saved.njk', {
        currentPath: '/consultations',
        title,
        slug,
        resumeUrl: outcome.resumeSecret
          ? `${app.settings.publicUrl}/consultations/${encodeURIComponent(slug)}/respond/${outcome.resumeSecret}`
          : null,
      });
    }
    return reply.view('consultations/views/responded.njk', {
      currentPath: '/consultations',
      title,
      slug,
      numberText: responseNumberText(outcome.number),
      held: outcome.state === 'held',
      replayed: outcome.replayed,
    });
  };

  app.get(
    '/consultations/:slug/respond',
    {
      config: { permission: 'consultations.respond' },
      schema: { params: slugParams, querystring: sectionQuery },
    },
    async (request, reply) =>
      renderForm(request, reply, {
        slug: request.params.slug,
        values: {},
        section: request.query.section,
      }),
  );

  const post = async (request: FastifyRequest, reply: FastifyReply) => {
    const { slug, resumeSecret } = request.params as { slug: string; resumeSecret?: string };
    try {
      refuseUnstorableForm(request.body);
      const { input, intent } = await readInput(slug, request.body);
      const consultation = await loadConsultation(db, slug);
      const outcome = await withinResponseQuota(
        quota,
        { address: request.ip, now: app.now(), intent },
        () =>
          submitResponse({
            db,
            context: context(request),
            actor: request.actor,
            slug,
            input,
            intent,
            resumeSecret,
          }),
      );
      return renderOutcome(reply, slug, consultation.title, outcome);
    } catch (caught) {
      const problem = asProblem(caught);
      if (problem.problem.status === 404) throw problem;
      if (problem instanceof TooManyResponses) {
        reply.header('retry-after', String(problem.retryAfterSeconds));
      }
      return renderForm(request, reply, {
        slug,
        values: valuesOf(request.body),
        problem,
        resumeSecret,
      });
    }
  };

  app.post(
    '/consultations/:slug/respond',
    {
      config: { permission: 'consultations.respond', csrf: true, formChecksUnstorableText: true },
      bodyLimit: responseFormBodyLimit,
      schema: { params: slugParams },
    },
    post,
  );

  app.get(
    '/consultations/:slug/respond/:resumeSecret',
    { config: { permission: 'consultations.respond' }, schema: { params: resumeParams } },
    async (request, reply) => {
      const { slug, resumeSecret } = request.params;
      const consultation = await loadPublishedConsultation(db, slug, request.actor);
      const draft = await selectDraftByResumeHash(db, consultation.id, resumeHashOf(resumeSecret));
      if (!draft) {
        throw new ProblemError({
          status: 404,
          code: 'resume-link-unknown',
          title: 'This resume link does not open a draft',
          detail:
            'The link is not known, or the response it kept has already been sent: a draft is sent once.',
        });
      }
      const questions = await selectQuestions(db, consultation.id);
      const comments = await selectComments(db, draft.id);
      const values: FormValues = {
        ...formValuesOf(questions, draft.answers),
        respondentCategory: draft.respondentCategory,
        organisationName: draft.organisationName ?? '',
        publishConsent: draft.publishConsent ? 'yes' : '',
        ...Object.fromEntries(
          comments.map((comment) => [commentField(comment.section), comment.text]),
        ),
      };
      // The draft's answers, behind a secret address: kept by no cache.
      reply.header('cache-control', 'no-store');
      return renderForm(request, reply, { slug, values, resumeSecret });
    },
  );

  app.post(
    '/consultations/:slug/respond/:resumeSecret',
    {
      config: { permission: 'consultations.respond', csrf: true, formChecksUnstorableText: true },
      bodyLimit: responseFormBodyLimit,
      schema: { params: resumeParams },
    },
    post,
  );

  app.get(
    '/consultations/:slug/organisation-responses',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParams, querystring: afterQuery },
    },
    async (request, reply) => {
      const view = await getOrganisationResponses({
        db,
        now: app.now(),
        slug: request.params.slug,
        after: request.query.after,
      });
      return reply.view('consultations/views/organisation-responses.njk', {
        currentPath: '/consultations',
        ...view,
      });
    },
  );

  // ── The consultation's runners ─────────────────────────────────────────────────────────

  app.get(
    '/consultations/:slug/responses',
    {
      config: { permission: 'consultations.run' },
      schema: { params: slugParams, querystring: reviewQuery },
    },
    async (request, reply) => {
      const review = await getResponseReview({
        db,
        actor: request.actor,
        slug: request.params.slug,
        filter: request.query.filter,
        after: request.query.after,
      });
      return reply.view('consultations/views/responses.njk', {
        currentPath: '/consultations',
        ...review,
        notice: request.query.done,
      });
    },
  );

  app.get(
    '/consultations/:slug/responses/new',
    { config: { permission: 'consultations.run' }, schema: { params: slugParams } },
    async (request, reply) => {
      const form = await getResponseForm({
        db,
        actor: request.actor,
        now: app.now(),
        slug: request.params.slug,
      });
      if (!form.mayEnterEventResponses) {
        const consultation = await loadConsultation(db, request.params.slug);
        requireRunsConsultation(
          request.actor,
          consultation,
          'enter the responses taken at its events',
        );
      }
      return renderForm(request, reply, {
        slug: request.params.slug,
        values: {},
        staffEntry: true,
      });
    },
  );

  app.post(
    '/consultations/:slug/responses',
    {
      config: { permission: 'consultations.run', csrf: true, formChecksUnstorableText: true },
      bodyLimit: responseFormBodyLimit,
      schema: { params: slugParams },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        refuseUnstorableForm(body);
        const { input } = await readInput(slug, body);
        const outcome = await submitResponse({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          input: { ...input, honeypot: '' },
          intent: 'submit',
          eventId: typeof body.eventId === 'string' ? body.eventId : '',
        });
        return reply.redirect(
          `/consultations/${encodeURIComponent(slug)}/responses/${outcome.number}?done=entered`,
          303,
        );
      } catch (caught) {
        const problem = asProblem(caught);
        if ([401, 403, 404].includes(problem.problem.status)) throw problem;
        return renderForm(request, reply, {
          slug,
          values: valuesOf(body),
          problem,
          staffEntry: true,
        });
      }
    },
  );

  app.get(
    '/consultations/:slug/responses/:number',
    {
      config: { permission: 'consultations.run' },
      schema: {
        params: numberParams,
        querystring: z.object({ done: z.string().max(40).optional() }),
      },
    },
    async (request, reply) => {
      const view = await getResponseForStaff({
        db,
        actor: request.actor,
        slug: request.params.slug,
        number: request.params.number,
      });
      const done = request.query.done;
      return reply.view('consultations/views/response.njk', {
        currentPath: '/consultations',
        ...view,
        values: {},
        notice:
          done === 'entered'
            ? `Response ${view.response.numberText} was entered and counted.`
            : done && done in reviewActionNames
              ? `Response ${view.response.numberText} was ${reviewActionNames[done as ReviewAction]}.`
              : undefined,
      });
    },
  );

  app.post(
    '/consultations/:slug/responses/:number',
    { config: { permission: 'consultations.run', csrf: true }, schema: { params: numberParams } },
    async (request, reply) => {
      const { slug, number } = request.params;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const action = body.action;
      const reason = typeof body.reason === 'string' ? body.reason : undefined;
      if (typeof action !== 'string' || !(action in reviewActionNames)) {
        throw new ProblemError({
          status: 400,
          code: 'invalid-input',
          title: 'The request has invalid fields',
          detail:
            'Choose to release, confirm as a duplicate, clear the suspicion, or clear or withhold for publication.',
          errors: [{ field: 'action', message: 'Choose an action.' }],
        });
      }
      try {
        await reviewResponse({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          number,
          action: action as ReviewAction,
          reason,
        });
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status !== 400) throw problem;
        // A reason missing or too long: the page again, with what was typed.
        const view = await getResponseForStaff({ db, actor: request.actor, slug, number });
        return reply.code(400).view('consultations/views/response.njk', {
          currentPath: '/consultations',
          ...view,
          values: { reason: reason ?? '' },
          ...formErrors(problem.problem),
        });
      }
      return reply.redirect(
        `/consultations/${encodeURIComponent(slug)}/responses/${number}?done=${action}`,
        303,
      );
    },
  );
}
