import { z } from 'zod';
import { proposalViewSchema, resultViewSchema } from '../decisions/index.ts';
import { calendarDate } from '../shared/input.ts';
import { registerOutcomes, registerStatuses } from './register-rules.ts';

/** An empty form field ("Any body") means no filter, as if the parameter were not sent. */
function optionalFilter<T extends z.ZodType>(schema: T) {
  return z
    .union([schema, z.literal('')])
    .transform((value) => (value === '' ? undefined : (value as z.output<T>)))
    .optional();
}

const registerFilterFields = {
  q: optionalFilter(z.string().trim().max(200, 'Keep the search under 200 characters.')),
  body: optionalFilter(
    z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'Choose a body from the list, by its id.'),
  ),
  kind: optionalFilter(
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,80}$/,
        'Choose a kind of decision as the constitution names it.',
      ),
  ),
  from: optionalFilter(
    calendarDate('Enter the first meeting date as YYYY-MM-DD, e.g. 2026-01-31.'),
  ),
  to: optionalFilter(calendarDate('Enter the last meeting date as YYYY-MM-DD, e.g. 2026-12-31.')),
  status: optionalFilter(
    z.enum(registerStatuses, { message: 'Choose open, closed or withdrawn.' }),
  ),
  outcome: optionalFilter(
    z.enum(registerOutcomes, {
      message: `Choose an outcome: ${registerOutcomes.join(', ')}.`,
    }),
  ),
};

const datesInOrder = <Value extends { from?: string | undefined; to?: string | undefined }>(
  value: Value,
  context: z.RefinementCtx,
) => {
  if (value.from && value.to && value.from > value.to) {
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `The last meeting date must be the same as or after the first, ${value.from}.`,
    });
  }
};

/** The register's filters: the same schema checks the API's query and the page's search form. */
export const registerQuerySchema = z
  .strictObject({
    ...registerFilterFields,
    page: z.coerce
      .number('Give the page as a whole number.')
      .int('Give the page as a whole number.')
      .min(1, 'Pages are numbered from 1.')
      .max(10_000, 'Pages go up to 10,000.')
      .default(1),
    pageSize: z.coerce
      .number('Give the page size as a whole number.')
      .int('Give the page size as a whole number.')
      .min(1, 'Give a page size of at least 1.')
      .max(100, 'Give a page size of at most 100.')
      .default(20),
  })
  .superRefine(datesInOrder);
export type RegisterQuery = z.output<typeof registerQuerySchema>;

/** The CSV export takes the same filters, without paging: every matching decision. */
export const registerExportQuerySchema = z
  .strictObject(registerFilterFields)
  .superRefine(datesInOrder);
export type RegisterExportQuery = z.output<typeof registerExportQuerySchema>;

export const decisionParametersSchema = z.object({
  id: z.uuid('A decision is named by its id.'),
});

const countsSchema = z.object({
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  noVote: z.number().int(),
});

export const registerEntrySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  excerpt: z.string(),
  body: z.object({ slug: z.string(), title: z.string() }),
  meeting: z.object({ id: z.uuid(), title: z.string(), meetingOn: z.string() }),
  agendaItem: z.object({ position: z.number().int(), title: z.string(), isPartII: z.boolean() }),
  isAmendment: z.boolean(),
  kind: z.object({ id: z.string(), title: z.string(), clause: z.string() }).nullable(),
  method: z.object({ id: z.string(), title: z.string() }),
  ballot: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  outcomeText: z.string().nullable(),
  summary: z.string().nullable(),
  counts: countsSchema.nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  path: z.string(),
});

export const registerPageSchema = z.object({
  items: z.array(registerEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  pageCount: z.number().int(),
  orderedBy: z.enum(['relevance', 'newest']),
});

export const decisionTrailSchema = z.object({
  decision: proposalViewSchema
    .pick({
      id: true,
      meeting: true,
      agendaItem: true,
      amendsProposalId: true,
      title: true,
      text: true,
      decisionKind: true,
      method: true,
      reserved: true,
      asksForViews: true,
      ballot: true,
      status: true,
      openedAt: true,
      closedAt: true,
      votesRecorded: true,
      votes: true,
      outcome: true,
      outcomeText: true,
      castingVote: true,
    })
    .extend({
      result: resultViewSchema.nullable(),
      amendments: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string() })),
    }),
  lifecycle: z.array(z.object({ event: z.string(), text: z.string(), at: z.string() })),
  auditEvents: z
    .array(
      z.object({
        occurredAt: z.string(),
        actor: z.string(),
        action: z.string(),
        who: z.string(),
        what: z.string(),
        changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
        sealed: z.boolean(),
      }),
    )
    .nullable(),
  links: z.object({
    proposal: z.string(),
    meeting: z.string(),
    adviceNote: z.string().nullable(),
    adviceNotePdf: z.string().nullable(),
    resultsCsv: z.string().nullable(),
  }),
});
