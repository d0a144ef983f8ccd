import type { FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { authorize } from '../identity/index.ts';
import { organisationTypeLabels } from './organisation-rules.ts';
import { getOrganisation, listOrganisationsBySector } from './organisation-service.ts';
import { getPerson, listOrganisationPosts } from './people-service.ts';
import { idParametersSchema } from './schemas.ts';

/** Server-rendered registry pages: they work without JavaScript and read the same use-cases as the API. */
export async function registerRegistryPages(app: App): Promise<void> {
  const db = app.database.db;

  app.get('/organisations', { config: { permission: 'public.read' } }, async (_request, reply) => {
    const groups = await listOrganisationsBySector({ db });
    return reply.view('registry/views/organisations.njk', {
      currentPath: '/organisations',
      ...groups,
      typeLabels: organisationTypeLabels,
    });
  });

  app.get(
    '/organisations/:id',
    { config: { permission: 'public.read' }, schema: { params: idParametersSchema } },
    async (request, reply) => {
      const organisation = await getOrganisation({ db, id: request.params.id });
      const posts = await listOrganisationPosts({ db, organisationId: organisation.id });
      return reply.view('registry/views/organisation.njk', {
        currentPath: '/organisations',
        organisation,
        typeLabel: organisationTypeLabels[organisation.type],
        currentPosts: posts.filter((post) => post.endsOn === null),
        auditTrail: auditTrailLink(request, 'organisation', organisation.id),
        pastPosts: posts.filter((post) => post.endsOn !== null),
      });
    },
  );

  app.get(
    '/people/:id',
    { config: { permission: 'public.read' }, schema: { params: idParametersSchema } },
    async (request, reply) => {
      const person = await getPerson({ db, id: request.params.id });
      return reply.view('registry/views/person.njk', {
        currentPath: '/organisations',
        person,
        auditTrail: auditTrailLink(request, 'person', person.id),
      });
    },
  );
}

/** Entity pages link to their audit trail for those the policy lets read it. */
function auditTrailLink(request: FastifyRequest, entityType: string, entityId: string) {
  return authorize(request.actor, 'audit.read', { changesState: false }).allowed
    ? `/audit/${entityType}/${entityId}`
    : undefined;
}
