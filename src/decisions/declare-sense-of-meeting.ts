/**
 * Use case: the person presiding declares the sense of the meeting on an open consensus question,
 * naming any member present who objects (with their reason), and the question closes with the
 * engine's judgement under the constitution's rule (`consensusIs: declaredByChair`, e.g. 2008
 * §Decision-making as the London preset reads it). Each objection is stored as that member's
 * view, recorded by whoever pressed the button; a declaration under any other rule is refused with
 * the clause. The secretariat may record the declaration for the person presiding. Audited as
 * `proposal.sense-declared`, then `proposal.closed`, in one transaction.
 */

import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { ballotRoll, consensusRuleOf, type DecisionMethod } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import {
  assertAmendmentsDecided,
  assertOpen,
  assertPresidingOrSecretariat,
  type ClosedQuestion,
  closeInTransaction,
} from './close-with-tally.ts';
import { decisionFactsOf, methodOf } from './decision-facts.ts';
import { engineRefusal, stateConflict } from './decision-problems.ts';
import { insertRecordedViews, selectVotes } from './decision-queries.ts';
import { choiceText } from './decision-rules.ts';
import { loadProposal } from './proposal-access.ts';
import { assertQuorumAllows } from './question-quorum.ts';
import { tallyFactsFor } from './question-tally.ts';

export interface DeclareSenseOfMeetingOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  /** The sense of the meeting as the person presiding finds it. */
  sense: 'agreed' | 'notAgreed';
  /** Members present who object, by seat holding, each with their reason. */
  objections: readonly { seatHoldingId: string; reason: string }[];
}

/** The consensus method whose rule governs the question (a reserved matter's advice method). */
function consensusMethodOf(constitution: Parameters<typeof methodOf>[0], method: DecisionMethod) {
  if (method.kind === 'consensus') return method;
  if (method.kind === 'reserved' && method.adviceBy) {
    const advice = methodOf(constitution, method.adviceBy);
    return advice.kind === 'consensus' ? advice : undefined;
  }
  return undefined;
}

export async function declareSenseOfMeeting(
  options: DeclareSenseOfMeetingOptions,
): Promise<ClosedQuestion & { objectionsRecorded: number }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const proposal = await loadProposal(transaction, options.proposalId, 'update');
    const decision = await decisionFactsOf(transaction, proposal.meetingId);
    const { constitution, meeting } = decision;
    const presiding = assertPresidingOrSecretariat(
      actor,
      decision,
      'Only the person presiding declares the sense of the meeting',
      (name) =>
        `The sense of the meeting is declared by ${name ? `${name}, presiding` : 'the person presiding'}; the secretariat may record it for them.`,
    );
    assertOpen(proposal);
    const method = methodOf(constitution, proposal.methodId);
    const consensusMethod = consensusMethodOf(constitution, method);
    const rule = consensusMethod ? consensusRuleOf(consensusMethod) : undefined;
    if (!consensusMethod || !rule || rule.rule !== 'declaredByChair') {
      throw stateConflict(
        'not-declared-by-chair',
        'This question is not decided by a declaration of the chair',
        consensusMethod && rule
          ? `Under ${consensusMethod.title} consensus is not declared by the person presiding (${rule.clause}: “${rule.text}”): each member records their own view, and the secretariat closes the question.`
          : `“${proposal.title}” is decided by ${method.title} (${method.clause}), a vote, not by consensus: there is no sense of the meeting to declare.`,
        'sense',
      );
    }
    if (!presiding) {
      throw stateConflict(
        'no-one-presiding',
        'No one presides',
        'No one is presiding at this meeting, so no one can declare the sense of the meeting.',
        'sense',
      );
    }
    if (proposal.ballot === 'secret' && options.objections.length > 0) {
      throw stateConflict(
        'secret-ballot',
        'Objections are not recorded by name in a secret ballot',
        `“${proposal.title}” is a secret ballot: each member records their own view, and no one else records it for them by name.`,
        'sense',
      );
    }
    await assertAmendmentsDecided(transaction, proposal);
    assertQuorumAllows(decision, proposal, 'close');

    // Each objector is judged as their own view would be: present, entitled to take part, and
    // with no other view recorded (a member changes their own view; no one changes it for them).
    const roll = ballotRoll(
      constitution,
      proposal.decisionKind ? { kind: proposal.decisionKind } : { method: proposal.methodId },
      tallyFactsFor(decision, method, proposal.agendaItemId, []),
    );
    if (!roll.ok) throw engineRefusal(roll.errors);
    const recorded = new Map(
      (await selectVotes(transaction, proposal.id)).map((vote) => [vote.voterId, vote]),
    );
    const seen = new Set<string>();
    const rows = [];
    const objectors: { name: string; reason: string }[] = [];
    for (const objection of options.objections) {
      const field = 'objections';
      const member = decision.members.find((entry) => entry.holding.id === objection.seatHoldingId);
      const reason = objection.reason.trim();
      if (!member) {
        throw invalidInput([{ field, message: 'Choose a member of the body who is present.' }]);
      }
      const name = member.holding.personName;
      if (!reason) {
        throw invalidInput([
          {
            field,
            message: `Give ${name}’s reason for objecting: without consensus the advice sets out the range of views and why.`,
          },
        ]);
      }
      if (seen.has(member.holding.id)) {
        throw invalidInput([{ field, message: `${name}’s objection is listed twice.` }]);
      }
      seen.add(member.holding.id);
      const judgement = roll.value.judge(member.holding.id);
      if ('error' in judgement) {
        throw invalidInput([{ field, message: `${name}: ${judgement.error.message}.` }]);
      }
      if ('exclusion' in judgement) {
        const { exclusion } = judgement;
        throw invalidInput([
          {
            field,
            message: `${exclusion.name} ${exclusion.reason}${exclusion.clause ? ` (${exclusion.clause})` : ''}.`,
          },
        ]);
      }
      const existing = recorded.get(member.holding.id);
      if (existing && existing.choice !== 'against') {
        throw invalidInput([
          {
            field,
            message: `${name} has recorded “${choiceText(method.kind, existing.choice)}”: a member changes their own view.`,
          },
        ]);
      }
      objectors.push({ name, reason: existing?.reason ?? reason });
      if (existing) continue;
      rows.push({
        id: uuidv7(),
        proposalId: proposal.id,
        voterId: member.holding.id,
        choice: 'against' as const,
        reason,
        castByPersonId: actor.kind === 'account' ? actor.personId : null,
        proxyId: null,
        castAt: context.now,
      });
    }
    await insertRecordedViews(transaction, rows);
    await recordAuditEvents(transaction, context, [
      {
        action: 'proposal.sense-declared',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { proposalId: proposal.id, status: 'open' },
        after: {
          proposalId: proposal.id,
          declaredBy: presiding.name,
          sense: options.sense,
          objections: objectors,
          clause: rule.clause,
        },
      },
    ]);
    const closed = await closeInTransaction(transaction, {
      context,
      proposal,
      decision,
      presiding,
      senseOfMeeting: { sense: options.sense },
    });
    return { ...closed, objectionsRecorded: rows.length };
  });
}
