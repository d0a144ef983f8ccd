import { describe, expect, it } from 'vitest';
import { createDatabaseTarget } from '../../test/support/test-database.ts';
import { openDatabase } from '../db/connection.ts';
import { prepareDatabase } from '../seed/prepare-database.ts';
import { anonymousActor } from '../shared/actor.ts';
import { getBusinessService, getReport } from './business-service-view.ts';
import { seedDemoBusinessService } from './index.ts';

const now = new Date('2026-11-23T09:00:00Z');

describe('the demo Business Service and its Quarter 3, 2007/08 report (2006 §106)', () => {
  it('seeds the catalogue, 7 indicators and a concluded report with mixed statuses and an action, once', async () => {
    const handle = await openDatabase(await createDatabaseTarget());
    try {
      await prepareDatabase({ handle, now, seedWhenEmpty: true, progress: () => {} });
      const service = await getBusinessService({ db: handle.db, actor: anonymousActor });
      expect(service.areas.every((area) => area.services.length > 0)).toBe(true);
      expect(service.indicatorCount).toBeGreaterThanOrEqual(6);
      expect(service.latest?.period).toBe('Quarter 3, 2007/08');
      const report = await getReport({
        db: handle.db,
        actor: anonymousActor,
        reportId: service.latest!.id,
        now,
      });
      expect(new Set(report.figures.map((figure) => figure.rag?.status))).toEqual(
        new Set(['green', 'amber', 'red']),
      );
      expect(report.status).toBe('concluded');
      expect(report.meeting?.held).toBe(true);
      expect(report.conclusions).toContain('recovery plan');
      expect(report.actions).toHaveLength(1);
      expect(report.actions[0]?.owner).toBe('Dana Whitlock');
      expect(
        await seedDemoBusinessService({ db: handle.db, context: { actor: 'seed', now } }),
      ).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
