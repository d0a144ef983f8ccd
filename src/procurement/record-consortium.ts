/**
 * Use case: the secretariat of the body at whose meetings a consortium votes (or an administrator)
 * records a procurement consortium's inception: its name and portfolio, its member PCTs and their
 * shares (summing to 100.00%, the basis stated), and how its 75% rule applies — the base and the
 * weighting (2006 §111 "Procurement consortia will need to determine the detailed implementation
 * of this arrangement as it applies to the scope and size of the consortia portfolios"; "Any new
 * procurement consortium will agree its financial and decision making arrangements at
 * inception"). Every refusal names its rule; nothing is written.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { businessServiceMayNotOwn } from '../governance/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
} from '../shared/problems.ts';
import { forbidden, nameOf, runsConsortium } from './procurement-access.ts';
import { insertConsortium, selectOrganisationFacts } from './procurement-queries.ts';
import {
  consortiumMethodId,
  implementationClause,
  inceptionClause,
  type MemberShare,
  membershipProblems,
  type VoteBase,
  type VoteWeighting,
} from './procurement-rules.ts';

/** The body at whose meetings a consortium votes, unless another is named. */
export const londonGroupSlug = 'london-commissioning-group';

export interface RecordConsortiumOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  name: string;
  portfolio: string;
  bodySlug?: string | undefined;
  inceptedOn: string;
  shareBasis: string;
  voteBase: VoteBase;
  voteWeighting: VoteWeighting;
  members: { organisationId: string; shareBasisPoints: number }[];
}

/** The body, once the actor is known to run its business: asked before the request body is read. */
export async function bodyWhoseConsortiaMayBeRecorded(options: {
  db: Database;
  actor: Actor;
  bodySlug?: string | undefined;
}) {
  const body = await loadBody(options.db, options.bodySlug ?? londonGroupSlug);
  if (!runsConsortium(options.actor, { bodySlug: body.slug })) {
    throw forbidden(
      `Only an administrator or the secretariat of ${body.title} may record a procurement consortium whose members vote at its meetings (${implementationClause.clause}).`,
    );
  }
  return body;
}

export async function recordConsortium(
  options: RecordConsortiumOptions,
): Promise<{ consortiumId: string }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const body = await bodyWhoseConsortiaMayBeRecorded(options);
  const problems: FieldProblem[] = [];
  const terms = await termsInForce(db, body.id, today);
  if (!terms?.decisionMethods.some((method) => method.id === consortiumMethodId)) {
    problems.push({
      field: 'bodySlug',
      message: `${body.title}'s terms in force give no 75% majority of a procurement consortium: choose a body whose terms do (${inceptionClause.clause}).`,
    });
  }
  if (options.inceptedOn > today) {
    problems.push({
      field: 'inceptedOn',
      message: `The inception date cannot be after today (${today}): record a consortium once it is formed.`,
    });
  }
  const facts = new Map(
    (
      await selectOrganisationFacts(
        db,
        options.members.map((member) => member.organisationId),
      )
    ).map((each) => [each.id, each]),
  );
  const members: MemberShare[] = [];
  options.members.forEach((member, index) => {
    const fact = facts.get(member.organisationId);
    if (!fact) {
      problems.push({
        field: `members.${index}.organisationId`,
        message: 'Choose each member from the London PCTs.',
      });
      return;
    }
    const refusal = businessServiceMayNotOwn(fact.type, 'vote');
    if (refusal) {
      problems.push({ field: `members.${index}.organisationId`, message: refusal.message });
      return;
    }
    members.push({ ...member, name: fact.name, type: fact.type });
  });
  if (members.length === options.members.length) {
    for (const problem of membershipProblems(members)) problems.push(problem);
  }
  if (problems.length > 0) throw invalidInput(problems);

  const consortiumId = uuidv7();
  const row = {
    id: consortiumId,
    name: options.name,
    portfolio: options.portfolio,
    bodyId: body.id,
    inceptedOn: options.inceptedOn,
    shareBasis: options.shareBasis,
    voteBase: options.voteBase,
    voteWeighting: options.voteWeighting,
    recordedBy: nameOf(actor, context.actor),
    createdAt: context.now,
  };
  const memberRows = members.map((member) => ({
    organisationId: member.organisationId,
    shareBasisPoints: member.shareBasisPoints,
  }));
  try {
    await db.transaction(async (transaction) => {
      await insertConsortium(transaction, row, memberRows);
      await recordAuditEvents(transaction, context, [
        {
          action: 'procurement-consortium.recorded',
          entityType: 'procurement-consortium',
          entityId: consortiumId,
          after: { ...row, members: memberRows, clause: inceptionClause.clause },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('name', `There is already a procurement consortium called “${options.name}”.`);
    }
    throw error;
  }
  return { consortiumId };
}
