/**
 * Use case: record a new or revised patient pathway a Practice Based Commissioning consortium
 * brings to its PCT — proposed, agreed with the PCT, or in place (2006 §106 "work with Practice
 * Based Commissioning Consortia in addressing the provider management of new or revised Patient
 * Pathways"). A pathway is agreed with the consortium's own PCT, never another's.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
} from '../shared/problems.ts';
import { londonServiceAreas } from '../specifications/index.ts';
import { refuseUnlessMayManage } from './market-access.ts';
import { insertPathway, selectConsortia, selectOrganisationFacts } from './market-queries.ts';
import {
  canonicalServiceArea,
  marketClauses,
  type PathwayStatus,
  pathwayProblems,
  serviceAreaProblem,
} from './market-rules.ts';

export interface RecordPathwayOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  consortiumId: string;
  primaryCareTrustId: string;
  name: string;
  serviceArea: string;
  status: PathwayStatus;
  description: string;
  agreedOn?: string | undefined;
}

export async function recordPathway(options: RecordPathwayOptions): Promise<{ pathwayId: string }> {
  const { db, context, actor } = options;
  await refuseUnlessMayManage(db, actor, context.now, 'record the pathways of consortia');
  const today = londonDate(context.now);
  const problems: FieldProblem[] = [];
  const [consortium] = await selectConsortia(db, [options.consortiumId]);
  const [pct] = await selectOrganisationFacts(db, [options.primaryCareTrustId]);
  if (!consortium) {
    problems.push({
      field: 'consortiumId',
      message: 'Choose a Practice Based Commissioning consortium.',
    });
  }
  if (pct?.type !== 'primary-care-trust') {
    problems.push({
      field: 'primaryCareTrustId',
      message: 'Choose the PCT the pathway is agreed with.',
    });
  } else if (consortium && consortium.primaryCareTrustId !== pct.id) {
    problems.push({
      field: 'consortiumId',
      message: `${consortium.name} is a consortium of ${consortium.primaryCareTrustName}, not of ${pct.name}: a consortium addresses its pathways with its own PCT (${marketClauses.practiceConsortia.clause}: “${marketClauses.practiceConsortia.text}”).`,
    });
  }
  problems.push(...serviceAreaProblem(options.serviceArea, londonServiceAreas));
  problems.push(...pathwayProblems(options.status, options.agreedOn, today));
  if (problems.length > 0 || !consortium) throw invalidInput(problems);

  const pathwayId = uuidv7();
  const row = {
    id: pathwayId,
    consortiumOrganisationId: consortium.id,
    name: options.name,
    serviceArea: canonicalServiceArea(options.serviceArea, londonServiceAreas),
    status: options.status,
    description: options.description,
    agreedOn: options.agreedOn ?? null,
    recordedAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await insertPathway(transaction, row);
      await recordAuditEvents(transaction, context, [
        {
          action: 'pathway.recorded',
          entityType: 'organisation',
          entityId: consortium.id,
          after: { ...row, clause: marketClauses.practiceConsortia.clause },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('name', `${consortium.name} already has a pathway called “${options.name}”.`);
    }
    throw error;
  }
  return { pathwayId };
}
