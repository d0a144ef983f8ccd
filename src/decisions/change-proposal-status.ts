/**
 * Moving a question from one state to the next before it is decided (draft to open, draft or open to
 * withdrawn): the secretariat's permission, the state check, the change and its audit event in one
 * transaction. Opening and withdrawing a question are its two use cases.
 */

import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import { assertMayManage, meetingFactsOf } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { decisionFactsOf } from './decision-facts.ts';
import { stateConflict } from './decision-problems.ts';
import { updateProposal } from './decision-queries.ts';
import { loadProposal } from './proposal-access.ts';
import { assertQuorumAllows } from './question-quorum.ts';

export async function changeStatus(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
  from: readonly string[];
  to: 'open' | 'withdrawn';
}): Promise<{ proposalId: string; status: string; warning?: string }> {
  const { db, context } = options;
  return db.transaction(async (transaction) => {
    const proposal = await loadProposal(transaction, options.proposalId, 'update');
    // Opening asks the engine for the item's quorum, so it reads the facts it judges; a question
    // can be withdrawn whatever the meeting's facts are.
    const opening = options.to === 'open';
    const decision = opening ? await decisionFactsOf(transaction, proposal.meetingId) : undefined;
    const { meeting } = decision ?? (await meetingFactsOf(transaction, proposal.meetingId));
    assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
    if (!options.from.includes(proposal.status)) {
      throw stateConflict(
        'proposal-state',
        'The question is not in a state to do this',
        `“${proposal.title}” is ${proposal.status}; it can be ${options.to === 'open' ? 'opened only from draft' : 'withdrawn only while draft or open'}.`,
      );
    }
    // A vote is not opened while the item is inquorate (refused with the quorum clause); views
    // may be, with the warning that the question cannot decide until the meeting is quorate.
    const warning = decision ? assertQuorumAllows(decision, proposal, 'open').warning : undefined;
    const changes =
      options.to === 'open'
        ? { status: 'open' as const, openedAt: context.now }
        : { status: 'withdrawn' as const, closedAt: context.now };
    await updateProposal(transaction, proposal.id, changes);
    await recordAuditEvents(transaction, context, [
      {
        action: options.to === 'open' ? 'proposal.opened' : 'proposal.withdrawn',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { proposalId: proposal.id, status: proposal.status },
        after: {
          proposalId: proposal.id,
          status: options.to,
          ...(warning ? { quorumWarning: warning } : {}),
        },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { proposalId: proposal.id, status: options.to, ...(warning ? { warning } : {}) };
  });
}
