/**
 * The facts the approval rules (`approvalRefusals`) judge a meeting's minutes on: the next
 * meeting, the agenda item that approves them, that meeting's quorum for the item, whether they
 * are already approved and which items still lack a minute. Read in one place for both the
 * approval itself (inside its transaction) and the approval status the minutes view shows.
 */
import type { Reader } from '../db/connection.ts';
import { evaluateQuorum } from '../governance/index.ts';
import { meetingFactsOf, type QuorumView } from '../meetings/index.ts';
import {
  selectApproval,
  selectApprovalItemFor,
  selectMeetingSequence,
  selectMinuteEntries,
  selectMinutesAgenda,
} from './minutes-queries.ts';
import { type ApprovalFacts, nextMeeting } from './minutes-rules.ts';

type MeetingFactsBundle = Awaited<ReturnType<typeof meetingFactsOf>>;

export interface GatheredApproval {
  facts: ApprovalFacts;
  approvalItem: Awaited<ReturnType<typeof selectApprovalItemFor>>;
  approving: MeetingFactsBundle | undefined;
  quorum: QuorumView | undefined;
}

/** Everything the approval rules need, read with the caller's reader (a transaction when writing). */
export async function gatherApproval(
  reader: Reader,
  minutes: MeetingFactsBundle,
): Promise<GatheredApproval> {
  const { meeting } = minutes;
  const sequence = await selectMeetingSequence(reader, meeting.bodyId);
  const next = nextMeeting(sequence, meeting.id);
  const approvalItem = await selectApprovalItemFor(reader, meeting.id);
  const approving = approvalItem ? await meetingFactsOf(reader, approvalItem.meetingId) : undefined;
  let quorum: QuorumView | undefined;
  if (approving?.constitution && approvalItem) {
    // The item's own quorum: a member conflicted on approving these minutes may not count.
    const result = evaluateQuorum(approving.constitution, approving.facts, {
      itemId: approvalItem.id,
    });
    if (result.ok) {
      const { explanation } = result.value;
      quorum = {
        quorate: result.value.quorate,
        summary: explanation.summary,
        lines: [...explanation.lines],
        missing: [...explanation.missing],
        clause: explanation.clause,
        text: explanation.text,
        excluded: explanation.excluded.map(({ name, reason }) => ({ name, reason })),
      };
    }
  }
  const entries = new Set(
    (await selectMinuteEntries(reader, meeting.id)).map((entry) => entry.agendaItemId),
  );
  const itemsWithoutMinutes = (await selectMinutesAgenda(reader, meeting.id))
    .filter((item) => item.approvesMinutesOfMeetingId === null && !entries.has(item.id))
    .map(({ position, title }) => ({ position, title }));
  return {
    facts: {
      minutes: { title: meeting.title, meetingOn: minutes.meetingOn },
      alreadyApproved: (await selectApproval(reader, meeting.id)) !== undefined,
      approvalItem: approvalItem
        ? { meetingId: approvalItem.meetingId, meetingTitle: approvalItem.meetingTitle }
        : undefined,
      next: next ? { id: next.id, title: next.title } : undefined,
      quorum,
      itemsWithoutMinutes,
    },
    approvalItem,
    approving,
    quorum,
  };
}
