/**
 * Use case: a local group's secretariat (or an administrator) records a lead commissioning
 * arrangement for a round — the provider and service, the specification version it buys to, the
 * lead PCT and the associates with their shares — and the negotiation's first step, preparation
 * (2006 §2.1(c) "Lead commissioning arrangements"; §106 "Manage the lead commissioning of the
 * 2007/08 Commissioning round…"). Every refusal names its rule; nothing is written.
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
import { forbidden, loadLocalGroup, nameOf, runsTheArea } from './arrangement-access.ts';
import {
  insertArrangement,
  insertStep,
  selectOrganisationFacts,
  selectRoundOfYear,
  selectSpecificationVersionTitle,
} from './arrangement-queries.ts';
import {
  arrangementProblems,
  leadArrangementClause,
  negotiationsClause,
  type ShareHolder,
} from './arrangement-rules.ts';

export const providerTypes = ['provider-trust', 'foundation-trust'] as const;

export interface RecordArrangementOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  /** The round's financial year, "2007-08". */
  roundYear: string;
  providerOrganisationId: string;
  service: string;
  specificationVersionId?: string | undefined;
  leadOrganisationId: string;
  leadShareBasisPoints: number;
  associates: { organisationId: string; shareBasisPoints: number }[];
  startedOn?: string | undefined;
  targetSignOn?: string | undefined;
}

/** The local group, once the actor is known to run its business. Asked before a body is read, too. */
export async function areaWhoseArrangementsMayBeRecorded(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}) {
  const group = await loadLocalGroup(options.db, options.slug, options.now);
  if (!runsTheArea(options.actor, group.slug)) {
    throw forbidden(
      `Only an administrator or the secretariat of ${group.title} may record its lead commissioning arrangements (${negotiationsClause.clause}).`,
    );
  }
  return group;
}

export async function recordArrangement(
  options: RecordArrangementOptions,
): Promise<{ arrangementId: string }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const group = await areaWhoseArrangementsMayBeRecorded({
    db,
    actor,
    slug: options.slug,
    now: context.now,
  });
  const problems: FieldProblem[] = [];
  const startYear = Number(options.roundYear.slice(0, 4));
  const round = await selectRoundOfYear(db, startYear);
  if (!round) {
    problems.push({
      field: 'roundYear',
      message: `There is no commissioning round for ${options.roundYear.replace('-', '/')}: an arrangement belongs to a round.`,
    });
  }
  const ids = [
    options.providerOrganisationId,
    options.leadOrganisationId,
    ...options.associates.map((associate) => associate.organisationId),
  ];
  const facts = new Map((await selectOrganisationFacts(db, ids)).map((each) => [each.id, each]));
  const provider = facts.get(options.providerOrganisationId);
  if (!provider) {
    problems.push({
      field: 'providerOrganisationId',
      message: 'Choose the provider from the registry.',
    });
  } else if (!(providerTypes as readonly string[]).includes(provider.type)) {
    problems.push({
      field: 'providerOrganisationId',
      message: `${provider.name} is not a provider: choose an NHS trust or foundation trust.`,
    });
  }
  if (options.specificationVersionId) {
    const version = await selectSpecificationVersionTitle(db, options.specificationVersionId);
    if (!version) {
      problems.push({
        field: 'specificationVersionId',
        message: 'Choose a version of a specification in the library, or none.',
      });
    }
  }
  const holder = (organisationId: string, shareBasisPoints: number): ShareHolder | undefined => {
    const fact = facts.get(organisationId);
    return fact && { organisationId, name: fact.name, type: fact.type, shareBasisPoints };
  };
  const lead = holder(options.leadOrganisationId, options.leadShareBasisPoints);
  const associates: ShareHolder[] = [];
  options.associates.forEach((associate, index) => {
    const found = holder(associate.organisationId, associate.shareBasisPoints);
    if (found) associates.push(found);
    else {
      problems.push({
        field: `associates.${index}.organisationId`,
        message: 'Choose each associate from the London PCTs.',
      });
    }
  });
  if (!lead) {
    problems.push({ field: 'leadOrganisationId', message: 'Choose the lead PCT.' });
  } else {
    const leadSector = facts.get(lead.organisationId)?.sectorId;
    if (lead.type === 'primary-care-trust' && leadSector !== group.sectorId) {
      problems.push({
        field: 'leadOrganisationId',
        message: `${lead.name} is not a PCT of ${group.sectorName}: ${group.title} manages the lead commissioning of its own PCTs (2006 §106 "Manage the lead commissioning of the 2007/08 Commissioning round"; decision 027).`,
      });
    }
    if (associates.length === options.associates.length) {
      for (const problem of arrangementProblems(lead, associates)) {
        problems.push({ field: problem.field, message: problem.message });
      }
    }
  }
  const startedOn = options.startedOn ?? today;
  if (startedOn > today) {
    problems.push({
      field: 'startedOn',
      message: `Preparation cannot start after today (${today}).`,
    });
  }
  if (problems.length > 0 || !round || !lead) throw invalidInput(problems);

  const arrangementId = uuidv7();
  const row = {
    id: arrangementId,
    roundId: round.id,
    bodyId: group.id,
    providerOrganisationId: options.providerOrganisationId,
    service: options.service,
    specificationVersionId: options.specificationVersionId ?? null,
    leadOrganisationId: lead.organisationId,
    leadShareBasisPoints: lead.shareBasisPoints,
    stage: 'preparation',
    stageChangedOn: startedOn,
    targetSignOn: options.targetSignOn ?? null,
    createdAt: context.now,
  };
  const associateRows = associates.map((associate) => ({
    organisationId: associate.organisationId,
    shareBasisPoints: associate.shareBasisPoints,
  }));
  try {
    await db.transaction(async (transaction) => {
      await insertArrangement(transaction, row, associateRows);
      await insertStep(transaction, {
        id: uuidv7(),
        arrangementId,
        stage: 'preparation',
        happenedOn: startedOn,
        note: 'Arrangement recorded.',
        recordedBy: nameOf(actor, context.actor),
        recordedAt: context.now,
      });
      await recordAuditEvents(transaction, context, [
        {
          action: 'lead-arrangement.recorded',
          entityType: 'lead-arrangement',
          entityId: arrangementId,
          after: { ...row, associates: associateRows, clause: leadArrangementClause.clause },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        'service',
        `${provider?.name ?? 'The provider'} already has an arrangement for "${options.service}" in this round: one lead commissioner per provider and service.`,
      );
    }
    throw error;
  }
  return { arrangementId };
}
