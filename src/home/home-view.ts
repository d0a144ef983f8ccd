/**
 * The read model of the signed-in home page (issue 22, item 1): a person's own day. Their next
 * meetings, the questions awaiting their view or vote, their open and overdue actions and their
 * annual declaration if due; for a body's secretariat, what is due for each body they serve; for
 * NHS London's oversight, the disputes waiting on it. Each section comes from the capability that
 * owns it, through its face, and applies that capability's permissions; each is one query (the
 * quorum check asks the engine once per body served, only where apologies are in).
 */
import { type OwnAction, openActionsOfReader } from '../actions/index.ts';
import { selectBodies } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type AwaitingQuestion, questionsAwaitingReader } from '../decisions/index.ts';
import { type DisputeAwaitingOversight, disputesAwaitingOversight } from '../disputes/index.ts';
import { type Actor, bodiesServedBy } from '../identity/index.ts';
import { type AnnualDeclarationDue, annualDeclarationDueFor } from '../interests/index.ts';
import {
  comingMeetingsOfReader,
  meetingsAtRiskOfInquorum,
  type QuorumRisk,
  type ReadersMeeting,
} from '../meetings/index.ts';
import { type MinutesDuty, minutesDutiesFor } from '../minutes/index.ts';
import { type NoticeToSend, noticesToSend } from '../notices/index.ts';
import { type LatePapers, latePapersFor } from '../papers/index.ts';

/** One thing the secretariat must do for a body, in words, with where to do it. */
export interface SecretariatDuty {
  kind: 'notice' | 'papers' | 'quorum' | MinutesDuty['kind'];
  text: string;
  href: string;
  /** The clause or practice it is due under, when there is one to cite. */
  clause: string | null;
}

export interface SecretariatBody {
  body: { slug: string; title: string };
  duties: SecretariatDuty[];
}

export interface Home {
  /** Whether the account is linked to a person: seats, actions and declarations are a person's. */
  linkedToPerson: boolean;
  meetings: ReadersMeeting[];
  questions: AwaitingQuestion[];
  actions: OwnAction[];
  overdueCount: number;
  declaration: AnnualDeclarationDue | null;
  /** Null for anyone who is not a body's secretariat; each body they serve otherwise. */
  secretariat: SecretariatBody[] | null;
  /** Null for anyone who does not oversee disputes. */
  disputes: DisputeAwaitingOversight[] | null;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function dayText(instant: string): string {
  return longDate.format(new Date(instant));
}

function secretariatDuties(
  served: readonly { slug: string; title: string }[],
  notices: NoticeToSend[],
  papers: LatePapers[],
  minutes: MinutesDuty[],
  risks: QuorumRisk[],
): SecretariatBody[] {
  const bodies = new Map<string, SecretariatBody>(
    served.map((body) => [body.slug, { body, duties: [] }]),
  );
  const dutiesOf = (body: { slug: string; title: string }) => {
    let entry = bodies.get(body.slug);
    if (!entry) {
      entry = { body, duties: [] };
      bodies.set(body.slug, entry);
    }
    entry.body = body;
    return entry.duties;
  };
  for (const risk of risks) {
    dutiesOf(risk.body).push({
      kind: 'quorum',
      text: `${risk.meeting.title} (${dayText(risk.meeting.startsAt)}) is at risk of being inquorate: with the apologies already sent it would not be quorate even if every other member came. ${risk.summary}`,
      href: `/meetings/${risk.meeting.id}#quorum`,
      clause: risk.clause,
    });
  }
  for (const notice of notices) {
    dutiesOf(notice.body).push({
      kind: 'notice',
      text: `Send notice of ${notice.meeting.title} (${dayText(notice.meeting.startsAt)}) to the members.`,
      href: `/meetings/${notice.meeting.id}/notices`,
      clause: null,
    });
  }
  for (const late of papers) {
    const items = `${late.itemsWithoutPapers} item${late.itemsWithoutPapers === 1 ? '' : 's'}`;
    dutiesOf(late.body).push({
      kind: 'papers',
      text: `Papers late for ${late.meeting.title} (${dayText(late.meeting.startsAt)}): ${items} for decision or discussion without a paper.`,
      href: `/meetings/${late.meeting.id}/papers`,
      clause: late.rule,
    });
  }
  for (const duty of minutes) {
    dutiesOf(duty.body).push({ kind: duty.kind, text: duty.text, href: duty.href, clause: null });
  }
  return [...bodies.values()];
}

export async function getHome(options: { db: Database; actor: Actor; now: Date }): Promise<Home> {
  const { db, actor, now } = options;
  const served = bodiesServedBy(actor);
  const isSecretariat = served.length > 0;
  // One section after another: PGlite is a single connection, so running them together only queues.
  const meetings = await comingMeetingsOfReader({ db, actor, now });
  const questions = await questionsAwaitingReader({ db, actor });
  const actions = await openActionsOfReader({ db, actor, now });
  const declaration = await annualDeclarationDueFor({ db, actor, now });
  const titles = isSecretariat
    ? new Map((await selectBodies(db)).map((body) => [body.slug, body.title]))
    : new Map<string, string>();
  const secretariat = isSecretariat
    ? secretariatDuties(
        served.flatMap((slug) => {
          const title = titles.get(slug);
          return title ? [{ slug, title }] : [];
        }),
        await noticesToSend({ db, actor, now }),
        await latePapersFor({ db, actor, now }),
        await minutesDutiesFor({ db, actor }),
        await meetingsAtRiskOfInquorum({ db, actor, now }),
      )
    : null;
  const disputes = await disputesAwaitingOversight({ db, actor, now });
  return {
    linkedToPerson: actor.kind === 'account' && actor.personId !== null,
    meetings,
    questions,
    actions,
    overdueCount: actions.filter((action) => action.daysOverdue > 0).length,
    declaration,
    secretariat,
    disputes,
  };
}
