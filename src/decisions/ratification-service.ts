/**
 * Ratification of a decision: the secretariat names the sponsoring PCT Boards whose sign-off a
 * closed decision needs (2006 §112), then records each board's decision (signed or refused, the
 * date, the minute reference). Whether the decision is in effect is the pure rule in
 * ratification-rules.ts; a Joint Committee's binding decision needs no sign-off and lists the PCTs
 * it binds: those whose boards had delegated (adopted its terms) by the day it was decided.
 */

import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { adoptingBoards } from '../bodies/index.ts';
import type { Database, Reader } from '../db/connection.ts';
import { adoptionStatus, type Constitution, type TallyResult } from '../governance/index.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import {
  assertMayManage,
  type MeetingRecord,
  mayReadConfidentialItems,
  meetingFactsOf,
} from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { isUniqueViolation, notFound, ProblemError } from '../shared/problems.ts';
import { type ProposalRecord, selectProposal } from './decision-queries.ts';
import {
  decideRatification,
  insertRatifications,
  type RatificationRecord,
  selectAdoptionsOfVersion,
  selectOrganisationsByIds,
  selectOrganisationsOfType,
  selectRatifications,
} from './ratification-queries.ts';
import {
  type RatificationProblem,
  requireRatificationProblem,
  signOffProblem,
} from './ratification-refusal-rules.ts';
import {
  type BoardDecision,
  bindingTermsOf,
  type ClauseText,
  type DecisionEffect,
  decisionEffect,
  type EffectFacts,
  isEffectiveOutcome,
  type SignOffTerms,
  type SponsoringBoardStatus,
  signOffTermsOf,
} from './ratification-rules.ts';

export interface RatificationView {
  proposalId: string;
  effect: DecisionEffect;
  /** The terms' sign-off rule, when they have one. */
  signOff: { clause: string; text: string; by: string } | null;
  boards: SponsoringBoardStatus[];
  /** For the secretariat, while the boards may still be named: the boards they may name. */
  candidates: { id: string; name: string }[] | null;
  /** For the secretariat: the named boards still to decide. */
  pendingBoards: { id: string; name: string }[] | null;
}

function problemOf(refusal: RatificationProblem): ProblemError {
  return new ProblemError({
    status: refusal.status,
    code: refusal.code,
    title:
      refusal.status === 409
        ? 'The decision is not in a state to do this'
        : 'The request has invalid fields',
    detail: refusal.message,
    errors: [{ field: refusal.field, message: refusal.message }],
  });
}

function boardsOf(records: readonly RatificationRecord[]): SponsoringBoardStatus[] {
  return records.map((record) => ({
    organisationId: record.organisationId,
    name: record.organisationName,
    status: record.status,
    decidedOn: record.decidedOn,
    minuteReference: record.minuteReference,
  }));
}

function decidedByOf(result: TallyResult | null): ClauseText | null {
  return result ? { clause: result.explanation.clause, text: result.explanation.text } : null;
}

function closedOnOf(proposal: ProposalRecord): string | null {
  return proposal.closedAt ? londonDate(proposal.closedAt) : null;
}

/**
 * The PCTs a binding decision binds: the boards the terms ask to adopt (for the Joint Committee,
 * "the London PCT Boards that delegated"), those that had adopted the version in force by the day
 * of the decision bound, the rest not.
 */
async function bindingOf(
  reader: Reader,
  meeting: MeetingRecord,
  constitution: Constitution,
  rule: ClauseText & { on: string[] },
  closedOn: string,
): Promise<NonNullable<EffectFacts['binding']>> {
  const { boards } = adoptingBoards(
    constitution,
    await selectOrganisationsOfType(reader, undefined),
  );
  const boardIds = new Set(boards.map((board) => board.id));
  const adoptions = (
    await selectAdoptionsOfVersion(reader, meeting.bodyId, constitution.identity.version)
  ).filter((adoption) => boardIds.has(adoption.organisationId));
  const status = adoptionStatus(
    constitution,
    {
      boards: boards.map((board) => ({ id: board.id, name: board.name })),
      adoptions: adoptions.map((adoption) => ({
        boardId: adoption.organisationId,
        version: constitution.identity.version,
        adoptedOn: adoption.adoptedOn,
        minuteReference: adoption.minuteReference,
      })),
    },
    closedOn,
  );
  if (!status.ok) return { rule, bound: [], notBound: boards.map((board) => board.name) };
  return {
    rule,
    bound: status.value.adopted.map((entry) => ({
      organisationId: entry.boardId,
      name: entry.name,
      delegatedOn: entry.adoptedOn,
    })),
    notBound: status.value.notAdopted.map((entry) => entry.name),
  };
}

/** A question's ratification and effect as this reader may see it (used by getProposal too). */
export async function ratificationOf(
  reader: Reader,
  actor: Actor,
  proposal: ProposalRecord,
  decision: { meeting: MeetingRecord; constitution: Constitution },
): Promise<RatificationView> {
  const { meeting, constitution } = decision;
  const result = proposal.result as TallyResult | null;
  const records = await selectRatifications(reader, proposal.id);
  const boards = boardsOf(records);
  const terms = signOffTermsOf(constitution);
  const closedOn = closedOnOf(proposal);
  const bindingRule = bindingTermsOf(constitution, proposal.decisionKind);
  const outcome = proposal.status === 'closed' ? (result?.outcome ?? null) : null;
  const binding =
    bindingRule && closedOn && isEffectiveOutcome(outcome)
      ? await bindingOf(reader, meeting, constitution, bindingRule, closedOn)
      : null;
  const method = constitution.decisionMethods.find((entry) => entry.id === proposal.methodId);
  const effect = decisionEffect({
    proposalStatus: proposal.status,
    outcome,
    method: { clause: method?.clause ?? '', text: method?.text.trim() ?? '' },
    decidedBy: decidedByOf(result),
    closedOn,
    advisedTo: result?.advice?.to.map((body) => body.name) ?? [],
    signOff: terms && boards.length > 0 ? { terms, boards } : null,
    binding,
  });
  const manage = mayRunBody(actor, meeting.bodySlug);
  const mayName =
    manage &&
    terms !== undefined &&
    boards.length === 0 &&
    proposal.status === 'closed' &&
    isEffectiveOutcome(outcome) &&
    bindingRule === undefined;
  const pending = boards.filter((board) => board.status === 'pending');
  return {
    proposalId: proposal.id,
    effect,
    signOff: terms ? { ...terms.rule, by: terms.by.name } : null,
    boards,
    candidates:
      mayName && terms
        ? (await selectOrganisationsOfType(reader, terms.by.type)).map(({ id, name }) => ({
            id,
            name,
          }))
        : null,
    pendingBoards:
      manage && pending.length > 0
        ? pending.map((board) => ({ id: board.organisationId, name: board.name }))
        : null,
  };
}

async function loadForRatification(
  reader: Reader,
  actor: Actor,
  proposalId: string,
  lock?: 'update',
) {
  const proposal = await selectProposal(reader, proposalId, lock);
  if (!proposal) throw notFound('proposal', proposalId);
  const facts = await meetingFactsOf(reader, proposal.meetingId);
  const { meeting } = facts;
  if (proposal.agendaItemIsConfidential && !mayReadConfidentialItems(actor, meeting.bodySlug)) {
    throw notFound('proposal', proposalId);
  }
  if (!facts.constitution) {
    throw new ProblemError({
      status: 409,
      code: 'no-terms-in-force',
      title: 'No terms of reference are in force',
      detail: `No version of ${meeting.bodyTitle}'s terms of reference is in force on ${facts.meetingOn}.`,
    });
  }
  return { proposal, meeting, constitution: facts.constitution };
}

/** Who must sign off a decision, who has, and whether it is in effect, with the clause. */
export async function getRatification(options: {
  db: Database;
  actor: Actor;
  proposalId: string;
}): Promise<RatificationView> {
  const loaded = await loadForRatification(options.db, options.actor, options.proposalId);
  return ratificationOf(options.db, options.actor, loaded.proposal, loaded);
}

/**
 * The secretariat names the sponsoring PCT Boards whose sign-off a closed decision needs (2006
 * §112). Refused for a question not closed, advice, nothing decided, a decision that binds by
 * delegation (the Joint Committee), terms without sign-off, boards already named, or an
 * organisation that is not of the sponsoring boards' kind. Named once; audited with the change.
 */
export async function requireRatification(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  organisationIds: string[];
}): Promise<RatificationView> {
  const { db, context, actor } = options;
  try {
    await db.transaction(async (transaction) => {
      const { proposal, meeting, constitution } = await loadForRatification(
        transaction,
        actor,
        options.proposalId,
        'update',
      );
      assertMayManage(actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
      const result = proposal.result as TallyResult | null;
      const terms = signOffTermsOf(constitution);
      const existing = await selectRatifications(transaction, proposal.id);
      const ids = [...new Set(options.organisationIds)];
      const found = new Map(
        (await selectOrganisationsByIds(transaction, ids)).map((row) => [row.id, row]),
      );
      const refusal = requireRatificationProblem({
        proposalStatus: proposal.status,
        outcome: proposal.status === 'closed' ? (result?.outcome ?? null) : null,
        decidedBy: decidedByOf(result),
        signOffTerms: terms,
        binding: bindingTermsOf(constitution, proposal.decisionKind),
        bodyTitle: meeting.bodyTitle,
        alreadyNamed: existing.map((record) => record.organisationName),
        named: ids.map((id) => ({
          organisationId: id,
          name: found.get(id)?.name ?? null,
          type: found.get(id)?.type ?? null,
        })),
      });
      if (refusal) throw problemOf(refusal);
      const rows = ids.map((id) => ({
        id: uuidv7(),
        proposalId: proposal.id,
        organisationId: id,
        status: 'pending',
        recordedAt: context.now,
      }));
      await insertRatifications(transaction, rows);
      await recordAuditEvents(transaction, context, [
        {
          action: 'ratification.required',
          entityType: 'meeting',
          entityId: meeting.id,
          after: {
            proposalId: proposal.id,
            clause: (terms as SignOffTerms).rule.clause,
            boards: ids.map((id) => found.get(id)?.name ?? id).sort(),
          },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw problemOf({
        status: 409,
        code: 'ratification-already-required',
        field: 'organisationIds',
        message: 'The sponsoring boards were just named by someone else.',
      });
    }
    throw error;
  }
  return getRatification(options);
}

/**
 * Records one sponsoring board's decision on a decision: signed or refused, the date of its
 * meeting and the minute reference. Refused for a decision not closed or that is advice, a board
 * not named, a board that has already decided, a date in the future or before the decision.
 */
export async function recordBoardSignOff(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  organisationId: string;
  decision: BoardDecision;
  decidedOn: string;
  minuteReference: string;
}): Promise<RatificationView> {
  const { db, context, actor } = options;
  await db.transaction(async (transaction) => {
    const { proposal, meeting, constitution } = await loadForRatification(
      transaction,
      actor,
      options.proposalId,
      'update',
    );
    assertMayManage(actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
    const result = proposal.result as TallyResult | null;
    const records = await selectRatifications(transaction, proposal.id, 'update');
    const record = records.find((entry) => entry.organisationId === options.organisationId);
    const [organisation] = record
      ? []
      : await selectOrganisationsByIds(transaction, [options.organisationId]);
    const refusal = signOffProblem({
      proposalStatus: proposal.status,
      outcome: proposal.status === 'closed' ? (result?.outcome ?? null) : null,
      decidedBy: decidedByOf(result),
      terms: signOffTermsOf(constitution),
      board: record ? boardsOf([record])[0] : undefined,
      boardName: record?.organisationName ?? organisation?.name ?? null,
      namedBoards: records.map((entry) => entry.organisationName),
      decidedOn: options.decidedOn,
      closedOn: closedOnOf(proposal),
      today: londonDate(context.now),
    });
    if (refusal) throw problemOf(refusal);
    const changed = await decideRatification(transaction, (record as RatificationRecord).id, {
      status: options.decision,
      decidedOn: options.decidedOn,
      minuteReference: options.minuteReference,
      recordedAt: context.now,
    });
    if (!changed) {
      throw problemOf({
        status: 409,
        code: 'board-already-decided',
        field: 'organisationId',
        message: `${record?.organisationName} has already decided; a board decides once.`,
      });
    }
    await recordAuditEvents(transaction, context, [
      {
        action: options.decision === 'signed' ? 'ratification.signed' : 'ratification.refused',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { proposalId: proposal.id, board: record?.organisationName, status: 'pending' },
        after: {
          proposalId: proposal.id,
          board: record?.organisationName,
          status: options.decision,
          decidedOn: options.decidedOn,
          minuteReference: options.minuteReference,
        },
      },
    ]);
  });
  return getRatification(options);
}
