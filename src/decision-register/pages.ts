import type { App } from '../http/app-types.ts';
import { datePartsIn, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { asProblem } from '../shared/problems.ts';
import { getDecisionTrail } from './decision-trail-view.ts';
import { listRegisterChoices, searchDecisions } from './register-service.ts';
import { decisionParametersSchema, registerQuerySchema } from './schemas.ts';

const filterFields = ['q', 'body', 'kind', 'from', 'to', 'status', 'outcome'] as const;

/** The query string of a search, without empty fields, for links that keep the same filters. */
function queryStringOf(values: Record<string, string>, extra: Record<string, string> = {}) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...values, ...extra })) {
    if (value) parameters.set(name, value);
  }
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

/** The register's search page (a GET form: no JavaScript needed) and one page per decision. */
export async function registerDecisionRegisterPages(app: App) {
  const { db } = app.database;

  app.get('/decisions', { config: { permission: 'public.read' } }, async (request, reply) => {
    const values = submittedFormValues(request.query, [...filterFields, 'page'], 200);
    const choices = await listRegisterChoices({ db });
    try {
      const query = parseForm(registerQuerySchema, {
        ...Object.fromEntries(
          [...filterFields, 'page'].flatMap((field) =>
            values[field] ? [[field, values[field]]] : [],
          ),
        ),
        ...datePartsIn(values),
      });
      const results = await searchDecisions({ db, actor: request.actor, query });
      const filters = Object.fromEntries(filterFields.map((field) => [field, values[field] ?? '']));
      const pageLink = (page: number) =>
        `/decisions${queryStringOf(filters, { page: String(page) })}`;
      reply.header('cache-control', 'private, no-cache');
      return reply.view('decision-register/views/register.njk', {
        currentPath: '/decisions',
        choices,
        values,
        results,
        filtered: filterFields.some((field) => values[field]),
        csvLink: `/api/v1/decisions.csv${queryStringOf(filters)}`,
        previousLink: results.page > 1 ? pageLink(results.page - 1) : null,
        nextLink: results.page < results.pageCount ? pageLink(results.page + 1) : null,
        ...formErrors(undefined),
      });
    } catch (caught) {
      const error = asProblem(caught);
      return reply.code(error.problem.status).view('decision-register/views/register.njk', {
        currentPath: '/decisions',
        choices,
        values,
        results: null,
        ...formErrors(error.problem),
      });
    }
  });

  app.get(
    '/decisions/:id',
    { config: { permission: 'public.read' }, schema: { params: decisionParametersSchema } },
    async (request, reply) => {
      const trail = await getDecisionTrail({
        db,
        actor: request.actor,
        proposalId: request.params.id,
      });
      reply.header('cache-control', 'private, no-cache');
      return reply.view('decision-register/views/decision.njk', {
        currentPath: '/decisions',
        trail,
        meetingAuditTrail: trail.auditEvents ? `/audit/meeting/${trail.decision.meeting.id}` : null,
      });
    },
  );
}
