/**
 * The JSON API of importing and counting: the counts per question (read from the tallies, for
 * analysts and the benchmark's million responses).
 */
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { getTallies } from './tallies-view.ts';

const refusals = { 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['consultations'];

const slugParametersSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,100}$/),
});

const talliesSchema = z.object({
  questions: z.array(
    z.object({
      number: z.number().int(),
      text: z.string(),
      kind: z.string(),
      answered: z.record(z.string(), z.number()),
      answeredTotal: z.number(),
      answers: z.array(
        z.object({
          kind: z.enum(['choice', 'theme']),
          key: z.string(),
          total: z.number(),
          byCategory: z.record(z.string(), z.number()),
        }),
      ),
    }),
  ),
});

export async function registerConsultationImportRoutes(app: App) {
  const { db } = app.database;
  app.get(
    '/consultations/:slug/tallies',
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'The counts of a consultation per question, answer (choice, scale label or theme) and respondent category, kept as responses arrive and are coded — never counted at request time (issue 25 part 6). For the runners of the consultation',
        params: slugParametersSchema,
        response: { 200: talliesSchema, ...refusals },
      },
    },
    async (request) => getTallies({ db, actor: request.actor, slug: request.params.slug }),
  );
}
