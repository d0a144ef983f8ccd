/**
 * Deciding after a consultation over JSON (issue 25 part 5): where the decision stands (the
 * refusals Gunning 4 makes, the meetings it may be put to, the question once put), putting it to a
 * meeting of the body, and recording what the meeting decided. The same use cases and read model
 * as the decision page (decision-pages.ts); those running the consultation only, re-checked on the
 * record.
 */
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { actionContextOf } from '../identity/index.ts';
import { decisionSchema, meetingInputSchema } from './analysis-api-schemas.ts';
import { analysisRefusals as refusals, analysisTags as tags } from './analysis-routes.ts';
import { slugParametersSchema } from './analysis-schemas.ts';
import { getDecisionPage } from './decision-view.ts';
import { putDecisionFollowingConsultation } from './put-decision-following-consultation.ts';
import { recordDecision } from './record-decision.ts';

export async function registerConsultationDecisionRoutes(app: App) {
  const { db } = app.database;

  app.get(
    '/consultations/:slug/decision',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'The decision following consultation: its stage, what stops it being put (each naming Gunning 4: responses “conscientiously taken into account”), the meetings it may be put to, and once put the question and its outcome',
        params: slugParametersSchema,
        response: { 200: decisionSchema, ...refusals },
      },
    },
    async (request) => getDecisionPage(db, request.actor, request.params.slug, app.now()),
  );

  app.post(
    '/consultations/:slug/decision',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Put the decision following consultation to a meeting of the body still to come (2008 "Accountabilities"): refused, nothing written, before the close, without a produced analysis report or while a theme has no “we heard / we did” (Gunning 4)',
        params: slugParametersSchema,
        body: meetingInputSchema,
        response: {
          201: z.object({
            proposalId: z.string(),
            agendaItemId: z.string(),
            meetingId: z.string(),
          }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const put = await putDecisionFollowingConsultation({
        db,
        context: actionContextOf(request, app.now()),
        actor: request.actor,
        slug: request.params.slug,
        meetingId: request.body.meetingId,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/consultations/${request.params.slug}/decision`)
        .send(put);
    },
  );

  app.post(
    '/consultations/:slug/decision/outcome',
    {
      config: { permission: 'consultations.run' },
      schema: {
        tags,
        summary:
          'Record what the meeting decided once its question is closed: carried or consensus is decided (binding the PCT Boards that delegated, 2008 "Accountabilities"); anything else returns the consultation to approved so the decision can be put again',
        params: slugParametersSchema,
        response: {
          200: z.object({
            stage: z.enum(['decided', 'approved']),
            outcome: z.string(),
            proposalId: z.string(),
          }),
          ...refusals,
        },
      },
    },
    async (request) =>
      recordDecision({
        db,
        context: actionContextOf(request, app.now()),
        actor: request.actor,
        slug: request.params.slug,
      }),
  );
}
