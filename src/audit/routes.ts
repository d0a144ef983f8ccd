import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { listAuditTrail } from './audit-trail-queries.ts';
import { refuseUnlessMayReadTrail } from './trail-access.ts';

export const auditTrailQuerySchema = z.strictObject({
  entityType: z
    .string()
    .regex(/^[a-z][a-z-]{0,40}$/, 'An entity type is a word like organisation or person.'),
  entityId: z.string().min(1).max(100),
});

const auditEventSchema = z.object({
  id: z.uuid(),
  occurredAt: z.date(),
  actor: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  sequence: z.number().int().nullable(),
});

/** An entity's audit trail over JSON, for administrators and secretariats. */
export async function registerAuditRoutes(app: App) {
  app.get(
    '/audit-events',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: "One entity's audit trail, newest first (sequence is null until sealed)",
        querystring: auditTrailQuerySchema,
        response: {
          200: z.object({ items: z.array(auditEventSchema) }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      await refuseUnlessMayReadTrail({
        db: app.database.db,
        actor: request.actor,
        ...request.query,
      });
      return { items: await listAuditTrail({ db: app.database.db, ...request.query }) };
    },
  );
}
