/**
 * Read model: what was recorded in a meeting, gathered for its minutes through the other
 * capabilities' faces — attendance and declarations (meetings), each question's result with its
 * explanation and clause and any advice note (decisions), the actions with owners and due dates
 * (actions), and the steps of a dispute taken at the meeting (disputes). Grouped per agenda item,
 * so a Part II item's record stays in that item's minute only. For those who keep the minutes:
 * the draft opens from it (`minutes-from-the-record-text.ts` turns it into words). Reads only.
 */
import { listBodyActions } from '../actions/index.ts';
import type { Database } from '../db/connection.ts';
import { getProposal, listProposals } from '../decisions/index.ts';
import { type DisputeStepAtMeeting, disputeStepsAtMeeting } from '../disputes/index.ts';
import type { Actor } from '../identity/index.ts';
import { getMeeting, interestKindText } from '../meetings/index.ts';
import { assertMayManage } from './minutes-access.ts';

export interface RecordedDeclaration {
  member: string;
  /** "Financial interest", in words. */
  kind: string;
  interest: string;
  /** The questions on the item the member was left out of, with the clause that left them out. */
  tookNoPartIn: { question: string; clause: string | null }[];
  /** Whether the member was left out of the item's quorum (where the terms say so). */
  leftOutOfQuorum: boolean;
}

export interface RecordedQuestion {
  title: string;
  isAmendment: boolean;
  method: string;
  status: 'draft' | 'open' | 'closed' | 'withdrawn';
  /** Once closed: the outcome in words, the engine's explanation and the clause it rests on. */
  outcome: string | null;
  summary: string | null;
  clause: string | null;
  /**
   * When the outcome is advice (consensus not reached, or a reserved matter): where the advice
   * note goes, who decides, and whether the meeting was agreed on the advice it gives.
   */
  advice: { to: string[]; decidedBy: string[]; consensusOnAdvice: boolean } | null;
  castingVoteUsed: boolean;
}

export interface RecordedAction {
  description: string;
  owner: string;
  dueOn: string;
}

export interface RecordOfItem {
  id: string;
  position: number;
  title: string;
  isConfidential: boolean;
  declarations: RecordedDeclaration[];
  questions: RecordedQuestion[];
  actions: RecordedAction[];
  disputeSteps: DisputeStepAtMeeting[];
}

export interface MeetingRecordForMinutes {
  meeting: { id: string; title: string; meetingOn: string };
  present: string[];
  deputies: { name: string; forMember: string }[];
  apologies: string[];
  items: RecordOfItem[];
  /** Actions recorded at the meeting on no agenda item: for the secretary to place. */
  otherActions: RecordedAction[];
  /** Dispute steps taken that day but on no question of the meeting: for the secretary to place. */
  otherDisputeSteps: DisputeStepAtMeeting[];
}

/** The engine left this member out because of their declared interest (not, say, a deputy). */
function leftOutFor(excluded: { name: string; reason: string }, member: string): boolean {
  return excluded.name === member && excluded.reason.startsWith('declared an interest');
}

function officeWords(office: string | null): string {
  return office === 'chair' ? ' (Chair)' : office === 'viceChair' ? ' (Vice-chair)' : '';
}

/** What was recorded in the meeting, per agenda item, for those who keep its minutes. */
export async function getMinutesFromTheRecord(options: {
  db: Database;
  actor: Actor;
  meetingId: string;
  now: Date;
}): Promise<MeetingRecordForMinutes> {
  const { db, actor, now } = options;
  const report = await getMeeting({ db, meetingId: options.meetingId, actor });
  const { meeting } = report;
  assertMayManage(actor, { bodySlug: meeting.body.slug, bodyTitle: meeting.body.title });

  const listed = report.constitution
    ? (await listProposals({ db, actor, meetingId: meeting.id })).proposals
    : [];
  const questions = await Promise.all(
    listed.map(async (entry) => {
      const view =
        entry.status === 'closed'
          ? await getProposal({ db, actor, proposalId: entry.id })
          : undefined;
      return { entry, result: view?.result ?? null };
    }),
  );
  const actions = await listBodyActions({
    db,
    actor,
    slug: meeting.body.slug,
    now,
    meetingId: meeting.id,
  });
  const disputeSteps = await disputeStepsAtMeeting({
    db,
    actor,
    bodySlug: meeting.body.slug,
    meetingOn: meeting.meetingOn,
    proposalIds: listed.map((entry) => entry.id),
    now,
  });
  const itemOfQuestion = new Map(listed.map((entry) => [entry.id, entry.agendaItem.id]));

  const officeOrder = (office: string | null) =>
    office === 'chair' ? 0 : office === 'viceChair' ? 1 : 2;
  return {
    meeting: { id: meeting.id, title: meeting.title, meetingOn: meeting.meetingOn },
    present: report.attendance
      .filter((member) => member.status === 'present')
      .sort((left, right) => officeOrder(left.office) - officeOrder(right.office))
      .map((member) => `${member.memberName}${officeWords(member.office)}`),
    deputies: report.attendance
      .filter((member) => member.status === 'deputy' && member.deputyName)
      .map((member) => ({ name: member.deputyName ?? '', forMember: member.memberName })),
    apologies: report.attendance
      .filter((member) => member.status === 'apologies')
      .map((member) => member.memberName),
    items: report.agenda.map((item) => {
      const onItem = questions.filter(({ entry }) => entry.agendaItem.id === item.id);
      return {
        id: item.id,
        position: item.position,
        title: item.title,
        isConfidential: item.isConfidential,
        declarations: item.declarations.map((declaration) => ({
          member: declaration.memberName,
          kind: interestKindText(declaration.kind),
          interest: declaration.interest,
          tookNoPartIn: onItem.flatMap(({ entry, result }) =>
            (result?.excluded ?? [])
              .filter((excluded) => leftOutFor(excluded, declaration.memberName))
              .map((excluded) => ({ question: entry.title, clause: excluded.clause })),
          ),
          leftOutOfQuorum: (item.quorum?.excluded ?? []).some((excluded) =>
            leftOutFor(excluded, declaration.memberName),
          ),
        })),
        questions: onItem.map(({ entry, result }) => ({
          title: entry.title,
          isAmendment: entry.amendsProposalId !== null,
          method: entry.method,
          status: entry.status as RecordedQuestion['status'],
          outcome: result ? entry.outcomeText : null,
          summary: result?.summary ?? null,
          clause: result?.clause ?? null,
          advice: result?.advice
            ? {
                to: result.advice.to,
                decidedBy: result.advice.decidedBy,
                consensusOnAdvice: result.advice.consensusOnAdvice,
              }
            : null,
          castingVoteUsed: result?.castingVoteUsed ?? false,
        })),
        actions: actions.items
          .filter((action) => action.agendaItem?.id === item.id)
          .map((action) => ({
            description: action.description,
            owner: action.owner.name,
            dueOn: action.dueOn,
          })),
        disputeSteps: disputeSteps.filter(
          (step) => step.proposalId !== null && itemOfQuestion.get(step.proposalId) === item.id,
        ),
      };
    }),
    otherActions: actions.items
      .filter((action) => action.agendaItem === null)
      .map((action) => ({
        description: action.description,
        owner: action.owner.name,
        dueOn: action.dueOn,
      })),
    otherDisputeSteps: disputeSteps.filter(
      (step) => step.proposalId === null || !itemOfQuestion.has(step.proposalId),
    ),
  };
}
