/**
 * Reaching one question: loaded (locked for a write where asked) or not found, and whether a reader
 * may see it at all: a question on a Part II (confidential) item only to the body's people.
 */

import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { mayReadConfidentialItems } from '../meetings/index.ts';
import { notFound } from '../shared/problems.ts';
import { type ProposalRecord, selectProposal } from './decision-queries.ts';

export async function loadProposal(
  reader: Reader,
  proposalId: string,
  lock?: 'update' | 'share',
): Promise<ProposalRecord> {
  const proposal = await selectProposal(reader, proposalId, lock);
  if (!proposal) throw notFound('proposal', proposalId);
  return proposal;
}

export function mayRead(actor: Actor, proposal: ProposalRecord, slug: string): boolean {
  return !proposal.agendaItemIsConfidential || mayReadConfidentialItems(actor, slug);
}

/** The meeting a question was put at, or 404: a page path naming both must name a pair. */
export async function assertQuestionOfMeeting(
  reader: Reader,
  proposalId: string,
  meetingId: string,
): Promise<void> {
  const proposal = await selectProposal(reader, proposalId);
  if (!proposal || proposal.meetingId !== meetingId) throw notFound('proposal', proposalId);
}
