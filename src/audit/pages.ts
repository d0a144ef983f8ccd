import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { listAuditTrail } from './audit-trail-queries.ts';
import { summariseChange } from './change-summary.ts';
import { auditTrailQuerySchema } from './routes.ts';
import { refuseUnlessMayReadTrail } from './trail-access.ts';

const entityPages: Record<string, (id: string) => string> = {
  organisation: (id) => `/organisations/${id}`,
  person: (id) => `/people/${id}`,
};

/** The audit trail page each entity page links to. */
export async function registerAuditPages(app: App) {
  app.get(
    '/audit/:entityType/:entityId',
    {
      config: { permission: 'audit.read' },
      schema: { params: auditTrailQuerySchema.extend({ entityId: z.string().min(1).max(100) }) },
    },
    async (request, reply) => {
      const { entityType, entityId } = request.params;
      await refuseUnlessMayReadTrail({
        db: app.database.db,
        actor: request.actor,
        entityType,
        entityId,
      });
      const events = await listAuditTrail({ db: app.database.db, entityType, entityId });
      return reply.view('audit/views/audit-trail.njk', {
        entityType,
        entityId,
        entityPage: entityPages[entityType]?.(entityId),
        events: events.map((event) => ({
          ...event,
          changes: summariseChange(event.before, event.after),
        })),
      });
    },
  );
}
