/**
 * Use case: record a specialised services consortium — its member PCTs and their shares (basis
 * points summing to exactly 100.00%, the basis stated), with the London group as lead (2008
 * Commissioning development; 2006 §104). The Business Service is never a member (2006 §3.2).
 * One transaction with its audit event; bad input writes nothing.
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
import { loadLondonGroup, nameOf, refuseUnlessManages } from './consortium-access.ts';
import { insertConsortium, selectOrganisationFacts } from './consortium-queries.ts';
import { clauses, type Member, memberProblems, type ShareBasis } from './consortium-rules.ts';

export async function recordConsortium(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  name: string;
  shareBasis: ShareBasis;
  shareBasisNote: string;
  establishedOn: string;
  members: { organisationId: string; shareBasisPoints: number }[];
}): Promise<{ consortiumId: string }> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'record a specialised services consortium');
  const lead = await loadLondonGroup(db);
  const facts = new Map(
    (
      await selectOrganisationFacts(
        db,
        options.members.map((member) => member.organisationId),
      )
    ).map((each) => [each.id, each]),
  );
  const problems: FieldProblem[] = [];
  const members: Member[] = [];
  options.members.forEach((member, index) => {
    const fact = facts.get(member.organisationId);
    if (!fact) {
      problems.push({
        field: `members.${index}.organisationId`,
        message: 'Choose each member from the London PCTs in the registry.',
      });
    } else {
      members.push({ ...member, name: fact.name, type: fact.type });
    }
  });
  if (problems.length === 0) {
    for (const problem of memberProblems(members)) {
      problems.push({ field: problem.field, message: problem.message });
    }
  }
  const today = londonDate(context.now);
  if (options.establishedOn > today) {
    problems.push({
      field: 'establishedOn',
      message: `A consortium is recorded once established: not after today (${today}).`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  const row = {
    id: uuidv7(),
    name: options.name,
    leadBodyId: lead.id,
    shareBasis: options.shareBasis,
    shareBasisNote: options.shareBasisNote,
    establishedOn: options.establishedOn,
    recordedBy: nameOf(actor, context.actor),
    createdAt: context.now,
  };
  const memberRows = members.map(({ organisationId, shareBasisPoints }) => ({
    organisationId,
    shareBasisPoints,
  }));
  try {
    await db.transaction(async (transaction) => {
      await insertConsortium(transaction, row, memberRows);
      await recordAuditEvents(transaction, context, [
        {
          action: 'specialised-consortium.recorded',
          entityType: 'specialised-consortium',
          entityId: row.id,
          after: {
            ...row,
            lead: lead.title,
            members: memberRows,
            clause: clauses.consortia.clause,
          },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('name', `There is already a consortium called “${options.name}”.`);
    }
    throw error;
  }
  return { consortiumId: row.id };
}
