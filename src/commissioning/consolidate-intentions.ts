/**
 * Use cases: the London group's secretariat consolidates the returns into London wide
 * Commissioning Intentions (2006 §104) — starts consolidation, adds, edits, reorders and removes
 * intentions, and attaches or detaches the priorities each consolidates. Each runs in one
 * transaction with the round locked, and records its audit event there.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';
import {
  assertRunsRound,
  loadRound,
  type RoundAddress,
  throwIfRefused,
} from './intention-access.ts';
import {
  deleteIntention,
  deleteIntentionSource,
  type IntentionRecord,
  insertIntention,
  insertIntentionSource,
  type RoundRecord,
  selectApprovedSpecificationVersions,
  selectIntentions,
  selectPriorities,
  swapIntentionPositions,
  updateIntention,
  updateRound,
} from './intention-queries.ts';
import { editRefusal, type Outstanding, startConsolidationRefusal } from './intention-rules.ts';
import {
  selectLocalGroupsIn,
  selectPrimaryCareTrustsIn,
  selectSectorsOfBody,
  selectSubmissions,
} from './round-queries.ts';

interface Options extends RoundAddress {
  db: Database;
  context: ActionContext;
  actor: Actor;
}

/** Loads and locks the round, checks the actor runs it, and runs the change with its audit event. */
async function withRound<Result>(
  options: Options,
  change: (transaction: Transaction, round: RoundRecord) => Promise<Result>,
): Promise<Result> {
  return options.db.transaction(async (transaction) => {
    const round = await loadRound(transaction, options, true);
    assertRunsRound(options.actor, round);
    return change(transaction, round);
  });
}

async function audit(
  transaction: Transaction,
  context: ActionContext,
  round: RoundRecord,
  action: string,
  before: unknown,
  after: unknown,
) {
  await recordAuditEvents(transaction, context, [
    {
      action,
      entityType: 'commissioning-round',
      entityId: round.id,
      ...(before !== undefined && { before }),
      ...(after !== undefined && { after }),
    },
  ]);
}

/** Who of the round's PCTs and local groups has not yet returned, and the date it is in London. */
async function outstandingOf(
  transaction: Transaction,
  round: RoundRecord,
  options: Options,
): Promise<Outstanding> {
  const sectorIds = (await selectSectorsOfBody(transaction, round.bodyId)).map(
    (sector) => sector.id,
  );
  const [pcts, groups, submissions] = await Promise.all([
    selectPrimaryCareTrustsIn(transaction, sectorIds),
    selectLocalGroupsIn(transaction, sectorIds),
    selectSubmissions(transaction, round.id),
  ]);
  const organisations = new Set(submissions.map((row) => row.organisationId));
  const bodies = new Set(submissions.map((row) => row.bodyId));
  return {
    today: londonDate(options.context.now),
    submissionsDueOn: round.submissionsDueOn,
    pctsNotReturned: pcts.filter((pct) => !organisations.has(pct.id)).length,
    localGroupsNotReturned: groups.filter((group) => !bodies.has(group.id)).length,
  };
}

/** Open → consolidating: the returns are in, and the secretariat starts writing London's intentions. */
export async function startConsolidation(options: Options): Promise<{ status: 'consolidating' }> {
  return withRound(options, async (transaction, round) => {
    throwIfRefused(startConsolidationRefusal(round.status));
    throwIfRefused(
      startConsolidationRefusal(round.status, await outstandingOf(transaction, round, options)),
    );
    await updateRound(transaction, round.id, { status: 'consolidating' });
    await audit(
      transaction,
      options.context,
      round,
      'commissioning-round.consolidation-started',
      { status: round.status },
      { status: 'consolidating' },
    );
    return { status: 'consolidating' as const };
  });
}

export interface IntentionInput {
  title: string;
  serviceArea: string;
  description: string;
  specificationVersionId?: string | undefined;
}

async function checkSpecification(transaction: Transaction, versionId: string | undefined) {
  if (!versionId) return null;
  const approved = await selectApprovedSpecificationVersions(transaction);
  if (!approved.some((choice) => choice.versionId === versionId)) {
    throw invalidInput([
      {
        field: 'specificationVersionId',
        message:
          'Choose an approved version of a specification in the library: only a version signed off by quality assurance and approved may be used.',
      },
    ]);
  }
  return versionId;
}

function intentionOf(intentions: IntentionRecord[], intentionId: string): IntentionRecord {
  const intention = intentions.find((candidate) => candidate.id === intentionId);
  if (!intention) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: 'That intention is not one of this round’s London intentions.',
    });
  }
  return intention;
}

const audited = (
  intention: Omit<IntentionRecord, 'specification'> & { specificationVersionId: string | null },
) => ({
  intentionId: intention.id,
  position: intention.position,
  title: intention.title,
  serviceArea: intention.serviceArea,
  description: intention.description,
  specificationVersionId: intention.specificationVersionId,
  sourcePriorityIds: intention.sourcePriorityIds,
});

const auditedRecord = (intention: IntentionRecord) =>
  audited({ ...intention, specificationVersionId: intention.specification?.versionId ?? null });

/** Adds an intention at the end of the list, optionally consolidating priorities from the start. */
export async function addIntention(
  options: Options & IntentionInput & { priorityIds?: string[] | undefined },
): Promise<{ intentionId: string }> {
  return withRound(options, async (transaction, round) => {
    throwIfRefused(editRefusal(round.status));
    const specificationVersionId = await checkSpecification(
      transaction,
      options.specificationVersionId,
    );
    const priorityIds = [...new Set(options.priorityIds ?? [])];
    if (priorityIds.length) {
      const priorities = new Set((await selectPriorities(transaction, round.id)).map((p) => p.id));
      if (priorityIds.some((id) => !priorities.has(id))) throw notOfThisRound();
    }
    const existing = await selectIntentions(transaction, round.id);
    const intentionId = uuidv7();
    const position =
      existing.reduce((last, intention) => Math.max(last, intention.position), 0) + 1;
    await insertIntention(transaction, {
      id: intentionId,
      roundId: round.id,
      position,
      title: options.title,
      serviceArea: options.serviceArea,
      description: options.description,
      specificationVersionId,
      createdAt: options.context.now,
    });
    for (const priorityId of priorityIds) {
      await insertIntentionSource(transaction, intentionId, priorityId);
    }
    await audit(transaction, options.context, round, 'commissioning-intention.added', undefined, {
      ...audited({
        id: intentionId,
        position,
        title: options.title,
        serviceArea: options.serviceArea,
        description: options.description,
        specificationVersionId,
        sourcePriorityIds: priorityIds,
      }),
    });
    return { intentionId };
  });
}

/** Rewrites an intention's title, service area, description and specification version. */
export async function editIntention(
  options: Options & IntentionInput & { intentionId: string },
): Promise<void> {
  await withRound(options, async (transaction, round) => {
    const intention = intentionOf(
      await selectIntentions(transaction, round.id),
      options.intentionId,
    );
    throwIfRefused(editRefusal(round.status));
    const specificationVersionId = await checkSpecification(
      transaction,
      options.specificationVersionId,
    );
    const changes = {
      title: options.title,
      serviceArea: options.serviceArea,
      description: options.description,
      specificationVersionId,
    };
    await updateIntention(transaction, intention.id, changes);
    await audit(
      transaction,
      options.context,
      round,
      'commissioning-intention.edited',
      auditedRecord(intention),
      audited({ ...intention, ...changes }),
    );
  });
}

/** Moves an intention one place up or down the list. */
export async function moveIntention(
  options: Options & { intentionId: string; direction: 'up' | 'down' },
): Promise<void> {
  await withRound(options, async (transaction, round) => {
    const intentions = await selectIntentions(transaction, round.id);
    const intention = intentionOf(intentions, options.intentionId);
    throwIfRefused(editRefusal(round.status));
    const index = intentions.indexOf(intention);
    const neighbour = intentions[options.direction === 'up' ? index - 1 : index + 1];
    if (!neighbour) {
      throw invalidInput([
        {
          field: 'direction',
          message: `“${intention.title}” is already ${options.direction === 'up' ? 'first' : 'last'}.`,
        },
      ]);
    }
    await swapIntentionPositions(transaction, intention, neighbour);
    await audit(
      transaction,
      options.context,
      round,
      'commissioning-intention.moved',
      { intentionId: intention.id, position: intention.position },
      { intentionId: intention.id, position: neighbour.position },
    );
  });
}

/** Removes an intention; the priorities it consolidated become unconsolidated again, not lost. */
export async function removeIntention(options: Options & { intentionId: string }): Promise<void> {
  await withRound(options, async (transaction, round) => {
    const intention = intentionOf(
      await selectIntentions(transaction, round.id),
      options.intentionId,
    );
    throwIfRefused(editRefusal(round.status));
    await deleteIntention(transaction, round.id, intention);
    await audit(
      transaction,
      options.context,
      round,
      'commissioning-intention.removed',
      auditedRecord(intention),
      undefined,
    );
  });
}

function notOfThisRound(): ProblemError {
  return invalidInput([
    {
      field: 'priorityId',
      message:
        'Choose a priority returned to this round: an intention consolidates only the priorities the PCTs and local groups sent to it.',
    },
  ]);
}

/** Attaches (or detaches) a priority returned to the round to an intention that consolidates it. */
export async function changeIntentionSource(
  options: Options & { intentionId: string; priorityId: string; attach: boolean },
): Promise<void> {
  await withRound(options, async (transaction, round) => {
    const intention = intentionOf(
      await selectIntentions(transaction, round.id),
      options.intentionId,
    );
    throwIfRefused(editRefusal(round.status));
    const priorities = await selectPriorities(transaction, round.id);
    const priority = priorities.find((candidate) => candidate.id === options.priorityId);
    if (!priority) throw notOfThisRound();
    if (options.attach) await insertIntentionSource(transaction, intention.id, priority.id);
    else await deleteIntentionSource(transaction, intention.id, priority.id);
    await audit(
      transaction,
      options.context,
      round,
      options.attach
        ? 'commissioning-intention.source-attached'
        : 'commissioning-intention.source-detached',
      undefined,
      {
        intentionId: intention.id,
        priorityId: priority.id,
        priority: priority.title,
        raisedBy: priority.submitter.name,
      },
    );
  });
}
