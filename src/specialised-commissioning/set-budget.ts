/**
 * Use case: record a consortium's pooled budget for a financial year, in whole pence; each
 * member's contribution is derived from its share (decision 036), never typed. Once per year.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import { loadConsortium, nameOf, refuseUnlessManages } from './consortium-access.ts';
import { insertBudget, selectMembers } from './consortium-queries.ts';
import {
  contributions,
  financialYearText,
  largestBudgetPence,
  moneyText,
} from './consortium-rules.ts';

export async function setBudget(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  consortiumId: string;
  startYear: number;
  amountPence: number;
}): Promise<void> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'record a consortium’s pooled budget');
  const year = financialYearText(options.startYear);
  if (!Number.isInteger(options.amountPence)) {
    throw invalidInput([
      {
        field: 'amountPence',
        message: 'A budget is in whole pence: a fraction of a penny cannot be pooled or paid.',
      },
    ]);
  }
  if (options.amountPence <= 0 || options.amountPence > largestBudgetPence) {
    throw invalidInput([
      {
        field: 'amountPence',
        message: `Enter a budget above £0 and at most ${moneyText(largestBudgetPence)}.`,
      },
    ]);
  }
  try {
    await db.transaction(async (transaction) => {
      const { consortium } = await loadConsortium(transaction, options.consortiumId, 'update');
      const members = await selectMembers(transaction, consortium.id);
      const parts = contributions(
        options.amountPence,
        members.map((member) => member.shareBasisPoints),
      );
      await insertBudget(transaction, {
        consortiumId: consortium.id,
        startYear: options.startYear,
        amountPence: options.amountPence,
        recordedBy: nameOf(actor, context.actor),
        recordedAt: context.now,
      });
      await recordAuditEvents(transaction, context, [
        {
          action: 'specialised-consortium.budget-set',
          entityType: 'specialised-consortium',
          entityId: consortium.id,
          after: {
            year,
            amountPence: options.amountPence,
            contributions: members.map((member, index) => ({
              member: member.name,
              pence: parts[index],
            })),
          },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('startYear', `The pooled budget for ${year} is already recorded.`);
    }
    throw error;
  }
}
