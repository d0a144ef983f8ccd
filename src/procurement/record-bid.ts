/**
 * Use case: the consortium's secretariat records a bid received for a tender still taking bids:
 * the provider (an NHS trust or foundation trust in the registry), its price in whole pence and
 * the date it was received. One bid per provider.
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
import { assertRunsConsortium, loadTender, nameOf } from './procurement-access.ts';
import { insertBid, lockTender, selectOrganisationFacts } from './procurement-queries.ts';
import { stepProblem } from './procurement-rules.ts';

export const providerTypes = ['provider-trust', 'foundation-trust'] as const;

export async function recordBid(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  tenderId: string;
  providerOrganisationId: string;
  pricePence: number;
  receivedOn: string;
}): Promise<{ bidId: string }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const { tender, consortium } = await loadTender(db, options.tenderId);
  assertRunsConsortium(actor, consortium);
  const problems: FieldProblem[] = [];
  const [provider] = await selectOrganisationFacts(db, [options.providerOrganisationId]);
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
  if (!Number.isSafeInteger(options.pricePence) || options.pricePence <= 0) {
    problems.push({
      field: 'pricePence',
      message:
        'A price is a whole number of pence above nothing: a fraction of a penny is refused.',
    });
  }
  if (options.receivedOn > today) {
    problems.push({
      field: 'receivedOn',
      message: `A bid cannot be received after today (${today}).`,
    });
  }
  if (options.receivedOn < tender.openedOn) {
    problems.push({
      field: 'receivedOn',
      message: `The tender opened on ${tender.openedOn}: a bid is received on or after that.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  const bidId = uuidv7();
  try {
    await db.transaction(async (transaction) => {
      const current = await lockTender(transaction, tender.id);
      const refusal = stepProblem(current.stage, 'bid');
      if (refusal) throw conflict('tenderId', refusal);
      const row = {
        id: bidId,
        tenderId: tender.id,
        providerOrganisationId: options.providerOrganisationId,
        pricePence: options.pricePence,
        receivedOn: options.receivedOn,
        recordedBy: nameOf(actor, context.actor),
        createdAt: context.now,
      };
      await insertBid(transaction, row);
      await recordAuditEvents(transaction, context, [
        { action: 'tender.bid-recorded', entityType: 'tender', entityId: tender.id, after: row },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        'providerOrganisationId',
        `${provider?.name ?? 'The provider'} has already bid for this tender: one bid per provider.`,
      );
    }
    throw error;
  }
  return { bidId };
}
