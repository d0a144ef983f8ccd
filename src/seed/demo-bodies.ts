import { readFile } from 'node:fs/promises';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import {
  addConstitutionVersion,
  adoptingBoards,
  insertAdoptions,
  selectBodies,
  selectConstitutionVersions,
  selectRegistryOrganisations,
} from '../bodies/index.ts';
import { listPresets } from '../constitutions/index.ts';
import type { Database } from '../db/connection.ts';
import type { ActionContext } from '../shared/context.ts';

// The London partnership as the seeds describe it: the five 2006 local groups, the London group
// under its 2006 and then 2008 terms, and the Joint Committee. The standing-orders preset is a
// starting point for other bodies, not a London body.
const demoPresets = [
  'local-commissioning-group-2006-north-west',
  'local-commissioning-group-2006-north-central',
  'local-commissioning-group-2006-north-east',
  'local-commissioning-group-2006-south-east',
  'local-commissioning-group-2006-south-west',
  'london-commissioning-group-2006',
  'london-commissioning-group-2008',
  'joint-committee-of-pcts-2008',
];

/**
 * Loads the London bodies and a plausible adoption record: every PCT Board adopted the 2006
 * terms in June–July 2006 ("for adoption by PCT Boards in June/July 2006", 2006 §103); for the
 * 2008 terms four boards have not yet, so the page shows who has and has not. Once only.
 */
export async function seedDemoBodies(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  if ((await selectBodies(db)).length > 0) return 0;
  const presets = new Map((await listPresets()).map((preset) => [preset.id, preset.file]));
  for (const id of demoPresets) {
    const file = presets.get(id);
    if (!file) throw new Error(`the demo preset ${id} is missing from constitutions/`);
    await addConstitutionVersion({
      db,
      context,
      sourceText: await readFile(file, 'utf8'),
      fileName: `${id}.yaml`,
    });
  }
  const registry = await selectRegistryOrganisations(db);
  await db.transaction(async (transaction) => {
    for (const body of await selectBodies(transaction)) {
      for (const version of await selectConstitutionVersions(transaction, body.id)) {
        const { boards } = adoptingBoards(version.document, registry);
        const isLater = version.effectiveOn >= '2008-01-01';
        const adopting = isLater ? boards.slice(0, Math.max(0, boards.length - 4)) : boards;
        const rows = adopting.map((board, index) => ({
          id: uuidv7(),
          constitutionVersionId: version.id,
          organisationId: board.id,
          adoptedOn: isLater
            ? `2008-0${2 + (index % 3)}-${String(10 + (index % 18)).padStart(2, '0')}`
            : `2006-0${6 + (index % 2)}-${String(5 + (index % 24)).padStart(2, '0')}`,
          minuteReference: `${isLater ? '08' : '06'}/${String(100 + index).padStart(3, '0')}`,
          recordedAt: context.now,
        }));
        await insertAdoptions(transaction, rows);
        await recordAuditEvents(
          transaction,
          context,
          rows.map((row) => ({
            action: 'constitution.adopted',
            entityType: 'body',
            entityId: body.id,
            after: {
              version: version.version,
              organisationId: row.organisationId,
              adoptedOn: row.adoptedOn,
              minuteReference: row.minuteReference,
            },
          })),
        );
      }
    }
  });
  return demoPresets.length;
}
