/**
 * The meeting in progress: the snapshot every live page and event stream shows, and the
 * secretariat moving the meeting on to another agenda item.
 */

import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { factsAt, readFactsEpoch } from '../db/facts-cache.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import { evaluateQuorum } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import {
  assertMayManage,
  mayReadConfidentialItems,
  meetingFactsOf,
  type QuorumView,
  quorumView,
  selectAgendaItems,
  selectMeeting,
  standingAttendanceOf,
  updateLivePosition,
} from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import {
  selectAgendaItemOfMeeting,
  selectLivePosition,
  selectLivePositionForUpdate,
  selectQuestionsOnItem,
  selectVoteFacts,
} from './live-queries.ts';
import {
  announcementOf,
  type LiveAudience,
  type LiveItem,
  type LiveSnapshot,
  liveQuestionOf,
  liveTallyOf,
} from './live-rules.ts';

/** Which snapshot a viewer gets: Part II business only for the body's own people. */
export function liveAudienceOf(actor: Actor, bodySlug: string): LiveAudience {
  return mayReadConfidentialItems(actor, bodySlug) ? 'body' : 'public';
}

/** The meeting's body, or 404: what a stream needs before it starts. */
export async function liveMeetingBody(options: {
  db: Database;
  meetingId: string;
}): Promise<{ slug: string; title: string }> {
  const meeting = await selectMeeting(options.db, options.meetingId);
  if (!meeting) throw notFound('meeting', options.meetingId);
  return { slug: meeting.bodySlug, title: meeting.bodyTitle };
}

/**
 * Everything the live page shows, Part II included: computed once per change for all viewers and
 * narrowed per audience by `snapshotFor`. Read in one read-only repeatable-read transaction so the
 * attendance, the position and the votes are of one moment.
 */
export async function fullLiveSnapshot(options: {
  db: Database;
  meetingId: string;
}): Promise<LiveSnapshot> {
  return options.db.transaction(
    async (reader) => {
      // The seats, attendance and interests are kept between snapshots while no fact changes:
      // during a vote only the votes are read again (src/db/facts-cache.ts).
      const epoch = await readFactsEpoch(reader);
      const { meeting, meetingOn, constitution, meetingFacts } = await factsAt(
        options.db,
        epoch,
        `live-facts:${options.meetingId}`,
        async () => {
          const gathered = await meetingFactsOf(reader, options.meetingId);
          const standing = await standingAttendanceOf(reader, {
            bodyId: gathered.meeting.bodyId,
            meetingOn: gathered.meetingOn,
          });
          return {
            ...gathered,
            meetingFacts: { ...gathered.facts, invitedAttendees: standing.invitedAttendees },
          };
        },
      );
      // A withdrawn item is not taken at the meeting, so the live page neither shows nor offers it.
      const items: LiveItem[] = (await selectAgendaItems(reader, meeting.id))
        .filter((item) => item.withdrawnAt === null)
        .map((item) => ({
          id: item.id,
          position: item.position,
          title: item.title,
          purpose: item.purpose,
          isConfidential: item.isConfidential,
        }));
      const position = await selectLivePosition(reader, meeting.id);
      const current = items.find((item) => item.id === position?.liveAgendaItemId) ?? null;
      const problems: string[] = [];
      if (!constitution) {
        problems.push(
          `No version of ${meeting.bodyTitle}'s terms of reference is in force on ${meetingOn}.`,
        );
      }
      const quorumOf = (itemId?: string): QuorumView | null => {
        if (!constitution) return null;
        const result = evaluateQuorum(constitution, meetingFacts, itemId ? { itemId } : {});
        if (result.ok) return quorumView(result.value);
        problems.push(...result.errors.map((error) => error.message));
        return null;
      };
      const quorum = quorumOf();
      const itemQuorum = current ? quorumOf(current.id) : null;

      const questions = current ? await selectQuestionsOnItem(reader, current.id) : [];
      const shown =
        questions.find((question) => question.status === 'open') ?? questions[0] ?? undefined;
      const question = shown
        ? liveQuestionOf(
            constitution,
            shown,
            shown.status === 'open' && current
              ? liveTallyOf(
                  constitution,
                  { methodId: shown.methodId, agendaItemId: current.id },
                  meetingFacts,
                  await selectVoteFacts(reader, shown.id),
                )
              : null,
          )
        : null;

      const snapshot = {
        meetingId: meeting.id,
        title: meeting.title,
        body: { slug: meeting.bodySlug, title: meeting.bodyTitle },
        startsAt: meeting.startsAt.toISOString(),
        location: meeting.location,
        status: meeting.status,
        cancelledReason: meeting.cancelledReason,
        current,
        items,
        quorum,
        itemQuorum,
        question,
        privateSession: false,
        problems,
      };
      return { ...snapshot, announcement: announcementOf(snapshot) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * Moves the meeting on to an agenda item (or off every item, with `agendaItemId` null). Audited,
 * and every live page, on every app instance, follows once the change commits.
 */
export async function moveLiveAgendaItem(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string | null;
}): Promise<{ agendaItemId: string | null; position: number | null; changed: boolean }> {
  const { db, context } = options;
  const meeting = await selectMeeting(db, options.meetingId);
  if (!meeting) throw notFound('meeting', options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const item = options.agendaItemId
    ? await selectAgendaItemOfMeeting(db, meeting.id, options.agendaItemId)
    : null;
  if (options.agendaItemId && !item) {
    throw invalidInput([
      { field: 'agendaItemId', message: `That item is not on the agenda of ${meeting.title}.` },
    ]);
  }
  return db.transaction(async (transaction) => {
    const current = await selectLivePositionForUpdate(transaction, meeting.id);
    if (!current) throw notFound('meeting', meeting.id);
    if (current.status === 'cancelled') {
      throw new ProblemError({
        status: 409,
        code: 'meeting-cancelled',
        title: 'The meeting was cancelled',
        detail: `${meeting.title} was cancelled, so it cannot move on to an item.`,
        errors: [
          {
            field: 'agendaItemId',
            message: `${meeting.title} was cancelled: it has no live item.`,
          },
        ],
      });
    }
    const target = item ? { agendaItemId: item.id, position: item.position } : null;
    if (current.liveAgendaItemId === (item?.id ?? null)) {
      return { agendaItemId: item?.id ?? null, position: item?.position ?? null, changed: false };
    }
    const previous = current.liveAgendaItemId
      ? await selectAgendaItemOfMeeting(transaction, meeting.id, current.liveAgendaItemId)
      : undefined;
    await updateLivePosition(transaction, meeting.id, item?.id ?? null);
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.live-item-moved',
        entityType: 'meeting',
        entityId: meeting.id,
        before: {
          agendaItem: previous ? { position: previous.position, title: previous.title } : null,
        },
        after: { agendaItem: item ? { position: item.position, title: item.title } : null },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return {
      agendaItemId: target?.agendaItemId ?? null,
      position: target?.position ?? null,
      changed: true,
    };
  });
}
