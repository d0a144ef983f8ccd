import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { getAuditTrailPage } from './audit-trail-view.ts';
import { auditTrailQuerySchema } from './routes.ts';

const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** The audit trail page each entity page links to. */
export async function registerAuditPages(app: App) {
  app.get(
    '/audit/:entityType/:entityId',
    {
      config: { permission: 'audit.read' },
      schema: {
        params: auditTrailQuerySchema.extend({ entityId: z.string().min(1).max(100) }),
        querystring: pageQuerySchema,
      },
    },
    async (request, reply) => {
      const { entityType, entityId } = request.params;
      const trail = await getAuditTrailPage({
        db: app.database.db,
        actor: request.actor,
        entityType,
        entityId,
        page: request.query.page,
      });
      const pageLink = (page: number) => `/audit/${entityType}/${entityId}?page=${page}`;
      return reply.view('audit/views/audit-trail.njk', {
        entityType: entityType.replace(/-/g, ' '),
        trail,
        previousLink: trail.page > 1 ? pageLink(trail.page - 1) : null,
        nextLink: trail.page < trail.pageCount ? pageLink(trail.page + 1) : null,
      });
    },
  );
}
