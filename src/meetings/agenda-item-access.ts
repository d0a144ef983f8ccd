/**
 * The agenda item an agenda use case acts on: one of the meeting's items, not withdrawn, with the
 * whole agenda beside it (moving an item needs its neighbours). Read inside the caller's
 * transaction, after it has locked the meeting.
 */
import type { Reader } from '../db/connection.ts';
import { ProblemError } from '../shared/problems.ts';
import {
  type AgendaItemDetails,
  type MeetingRecord,
  selectAgendaItemDetails,
} from './meeting-queries.ts';

export async function loadAgendaItem(
  reader: Reader,
  meeting: MeetingRecord,
  agendaItemId: string,
  change: 'edited' | 'moved' | 'withdrawn',
): Promise<AgendaItemDetails & { agenda: AgendaItemDetails[] }> {
  const agenda = await selectAgendaItemDetails(reader, meeting.id);
  const item = agenda.find((candidate) => candidate.id === agendaItemId);
  if (!item) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `That item is not on the agenda of ${meeting.title}.`,
    });
  }
  if (item.withdrawnAt !== null) {
    throw new ProblemError({
      status: 409,
      code: 'item-withdrawn',
      title: 'The item was withdrawn',
      detail: `Item ${item.position}, “${item.title}”, was withdrawn from the agenda (${item.withdrawnReason}), so it cannot be ${change}. It stays in the record, marked withdrawn.`,
    });
  }
  return { ...item, agenda };
}
