/**
 * A living meeting history for the demo: the 2008 London Commissioning Group's last two monthly
 * meetings held (agendas with a Part II item, attendance, a declaration of interest, minutes, the
 * earlier minutes approved and distributed at the later meeting, actions) and the next two
 * scheduled. Every step goes through the real use-cases, so the engine checks notice, quorum and
 * the minutes rules exactly as it would for the secretariat.
 *
 * The dates follow the clock the seed is given, not a fixed year: the series falls on the second
 * Thursday of each month at 14:00 London (series-rules.ts), the two meetings before today are the
 * held ones and the next two are to come, so `npm start` on any date shows a recent past and a
 * near future. Each step is recorded at the moment it would have happened (never after the seed's
 * clock), so the audit trail and the pages read as a history rather than one burst of writes.
 */
import { recordAction, updateActionStatus } from '../actions/index.ts';
import { selectBodyBySlug } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { addDays } from '../governance/index.ts';
import {
  type Actor,
  loadAccountActor,
  londonDate,
  selectAccountByEmail,
} from '../identity/index.ts';
import {
  addAgendaItem,
  createMeetingSeries,
  declareInterest,
  londonWallClock,
  meetingFactsOf,
  nthWeekdayOfMonth,
  recordAttendance,
  recordMeetingHeld,
  selectMeetingsOfBody,
} from '../meetings/index.ts';
import type { ResolvedHolding } from '../membership/index.ts';
import { addMinutesForApproval, approveMinutes, draftMinute } from '../minutes/index.ts';
import type { ActionContext } from '../shared/context.ts';

const londonGroup = 'london-commissioning-group';
const secretariatEmail = 'secretariat@demo.invalid';
const meetingTime = '14:00';
const thursday = 4;
const location = 'Southside, 105 Victoria Street, London SW1E 6QT';
const partTwoReason =
  'Publicity would be prejudicial to the public interest because of the confidential nature of the business: the commercial terms of bids still under evaluation (Public Bodies (Admission to Meetings) Act 1960 s1).';

/**
 * The demo calendar around a date: the second Thursdays of the months either side of it. The two
 * before `today` are held; the next two (today's included) are to come. They are consecutive
 * months, so they are one monthly series from the first.
 */
export function demoMeetingDates(today: string): {
  held: [string, string];
  upcoming: [string, string];
} {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const dates = [-3, -2, -1, 0, 1, 2, 3].map((offset) => {
    const index = month - 1 + offset;
    const occurrenceYear = year + Math.floor(index / 12);
    const occurrenceMonth = (((index % 12) + 12) % 12) + 1;
    return nthWeekdayOfMonth(occurrenceYear, occurrenceMonth, thursday, 2);
  });
  const past = dates.filter((date) => date < today);
  const future = dates.filter((date) => date >= today);
  return {
    held: [past[past.length - 2] as string, past[past.length - 1] as string],
    upcoming: [future[0] as string, future[1] as string],
  };
}

interface AgendaPlan {
  title: string;
  purpose: 'decision' | 'discussion' | 'information';
  confidentialityReason?: string;
  minute: string;
}

const septemberAgenda: AgendaPlan[] = [
  {
    title: 'Healthcare for London: stroke and major trauma services, consultation outcome',
    purpose: 'decision',
    minute:
      'The Group considered the analysis of consultation responses and AGREED to recommend the designation of hyper-acute stroke units to the Joint Committee of PCTs.',
  },
  {
    title: 'Commissioning intentions for next year',
    purpose: 'discussion',
    minute:
      'Members discussed the draft pan-London commissioning intentions. Sectors are to return comments through their Collaborative Commissioning Groups.',
  },
  {
    title: 'World Class Commissioning: assurance panel dates',
    purpose: 'information',
    minute: 'The Group NOTED the assurance panel timetable for London PCTs.',
  },
  {
    title: 'Polyclinic pilots: evaluation of bids',
    purpose: 'decision',
    confidentialityReason: partTwoReason,
    minute:
      'The Group received the evaluation panel’s report and AGREED the preferred bidders for the two pilot sites, subject to contract. The declared interest was noted and the member took no part in the decision.',
  },
];

const octoberAgenda: AgendaPlan[] = [
  {
    title: 'Commissioning Support Service: service level agreement',
    purpose: 'decision',
    minute:
      'The Group AGREED the service level agreement with the Commissioning Support Service for the remainder of the year.',
  },
  {
    title: 'Winter resilience across the London sectors',
    purpose: 'discussion',
    minute:
      'Sector leads described their winter plans. The Group asked for a single escalation route to be confirmed before December.',
  },
  {
    title: 'Finance report: month six',
    purpose: 'information',
    minute: 'The Group NOTED the month six position of the pooled budgets.',
  },
  {
    title: 'Specialised commissioning: risk share for the coming year',
    purpose: 'decision',
    confidentialityReason: partTwoReason,
    minute:
      'The Group AGREED to recommend the variable risk share, weighted by activity, to the sponsoring PCT Boards.',
  },
];

/** The instant a London wall clock shows `time` on `date`, e.g. ("2026-10-08", "14:20"). */
function london(date: string, time: string): Date {
  return londonWallClock(date, time) as Date;
}

/**
 * Seeds the demo meeting history. Once only: skipped (returning 0) when the group already has
 * meetings, or when the demo secretariat account the history is written as does not exist.
 */
export async function seedDemoMeetings(options: {
  db: Database;
  context: ActionContext;
  /** Where the distributed minutes' links point (the app's public address). */
  publicUrl: string;
}): Promise<number> {
  const { db, context, publicUrl } = options;
  const body = await selectBodyBySlug(db, londonGroup);
  if (!body || (await selectMeetingsOfBody(db, body.id)).length > 0) return 0;
  const account = await selectAccountByEmail(db, secretariatEmail);
  const actor: Actor | undefined =
    account &&
    (await loadAccountActor(db, account.id, context.now, { authenticatedBy: 'session' }));
  if (!actor) return 0;

  // Each step is dated when it would have happened, but never later than the seed's own clock.
  const at = (instant: Date): ActionContext => ({
    ...context,
    now: instant.getTime() < context.now.getTime() ? instant : context.now,
  });
  const today = londonDate(context.now);
  const { held, upcoming } = demoMeetingDates(today);
  const noticeGivenOn = addDays(held[0], -21);

  const series = await createMeetingSeries({
    db,
    context: at(london(noticeGivenOn, '09:30')),
    actor,
    slug: londonGroup,
    title: 'London Commissioning Group',
    firstDate: held[0],
    time: meetingTime,
    location,
    occurrences: 4,
    noticeGivenOn,
  });
  const [first, second, third, fourth] = series.meetings.map((meeting) => meeting.meetingId) as [
    string,
    string,
    string,
    string,
  ];

  const firstItems = await addAgenda(
    db,
    actor,
    at(london(addDays(held[0], -10), '10:00')),
    first,
    septemberAgenda,
  );
  // The earlier minutes come first on the later meeting's agenda, as boards take them.
  const approvalItem = await addMinutesForApproval({
    db,
    context: at(london(addDays(held[1], -10), '10:00')),
    actor,
    meetingId: second,
    minutesOfMeetingId: first,
  });
  const secondItems = await addAgenda(
    db,
    actor,
    at(london(addDays(held[1], -10), '10:05')),
    second,
    octoberAgenda,
  );

  // Apologies from a different sector's nominee each time; each sector keeps its CCG chair there.
  const firstMembers = await attend(
    db,
    actor,
    at(london(held[0], '14:05')),
    first,
    'north-central',
  );
  const conflicted = firstMembers.find(
    (member) =>
      member.holding.organisationSectorId === 'south-west' &&
      member.holding.seatRole === 'ccg-nominated-chief-executive',
  );
  const partTwo = firstItems[3];
  if (conflicted && partTwo) {
    await declareInterest({
      db,
      context: at(london(held[0], '14:10')),
      actor,
      meetingId: first,
      agendaItemId: partTwo.agendaItemId,
      seatHoldingId: conflicted.holding.id,
      kind: 'indirect',
      interest: 'Spouse is a partner in a GP practice in one of the bidding consortia.',
    });
  }
  await recordMeetingHeld({ db, context: at(london(held[0], '16:30')), actor, meetingId: first });
  for (const [index, item] of firstItems.entries()) {
    await draftMinute({
      db,
      context: at(london(addDays(held[0], 3), '11:00')),
      actor,
      meetingId: first,
      agendaItemId: item.agendaItemId,
      text: septemberAgenda[index]?.minute ?? '',
    });
  }
  const chair = firstMembers.find((member) => member.holding.office === 'chair');
  // The North West CCG chair is the demo member's person (Brent), so they see actions of their own.
  const owner = firstMembers.find(
    (member) =>
      member.holding.organisationSectorId === 'north-west' &&
      member.holding.seatRole === 'ccg-chair-chief-executive',
  );
  // Overdue by design: due a fortnight after the first meeting and still open.
  if (owner && firstItems[0]) {
    await recordAction({
      db,
      context: at(london(held[0], '16:40')),
      actor,
      meetingId: first,
      agendaItemId: firstItems[0].agendaItemId,
      description:
        'Circulate the stroke and major trauma recommendation to every PCT Board secretary.',
      ownerPersonId: owner.holding.personId,
      dueOn: addDays(held[0], 14),
    });
  }
  if (chair && firstItems[1]) {
    const { actionId } = await recordAction({
      db,
      context: at(london(held[0], '16:45')),
      actor,
      meetingId: first,
      agendaItemId: firstItems[1].agendaItemId,
      description: 'Collate the sectors’ comments on the commissioning intentions.',
      ownerPersonId: chair.holding.personId,
      dueOn: addDays(held[0], 21),
    });
    await updateActionStatus({
      db,
      context: at(london(addDays(held[0], 20), '12:00')),
      actor,
      actionId,
      status: 'done',
      completedOn: addDays(held[0], 20),
    });
  }

  await attend(db, actor, at(london(held[1], '14:05')), second, 'south-east');
  await draftMinute({
    db,
    context: at(london(held[1], '14:20')),
    actor,
    meetingId: second,
    agendaItemId: approvalItem.agendaItemId,
    text: 'The minutes of the previous meeting were AGREED as a correct record and signed by the Chair.',
  });
  await approveMinutes({
    db,
    context: at(london(held[1], '14:25')),
    actor,
    meetingId: first,
    publicUrl,
  });
  await recordMeetingHeld({ db, context: at(london(held[1], '16:30')), actor, meetingId: second });
  for (const [index, item] of secondItems.entries()) {
    await draftMinute({
      db,
      context: at(london(addDays(held[1], 3), '11:00')),
      actor,
      meetingId: second,
      agendaItemId: item.agendaItemId,
      text: octoberAgenda[index]?.minute ?? '',
    });
  }
  if (owner && secondItems[1]) {
    await recordAction({
      db,
      context: at(london(held[1], '16:40')),
      actor,
      meetingId: second,
      agendaItemId: secondItems[1].agendaItemId,
      description: 'Confirm the single winter escalation route with the five sectors.',
      ownerPersonId: owner.holding.personId,
      dueOn: upcoming[0],
    });
  }

  // The next meeting will approve the last one's minutes; the agenda is being built.
  const nextAgendaAt = at(london(addDays(held[1], 7), '10:00'));
  await addMinutesForApproval({
    db,
    context: nextAgendaAt,
    actor,
    meetingId: third,
    minutesOfMeetingId: second,
  });
  await addAgenda(db, actor, nextAgendaAt, third, [
    {
      title: 'Commissioning intentions: final draft',
      purpose: 'decision',
      minute: '',
    },
    { title: 'Winter resilience: escalation route', purpose: 'information', minute: '' },
  ]);
  await addAgenda(db, actor, nextAgendaAt, fourth, [
    { title: 'Annual report of the Group: outline', purpose: 'discussion', minute: '' },
  ]);
  return series.meetings.length;
}

async function addAgenda(
  db: Database,
  actor: Actor,
  context: ActionContext,
  meetingId: string,
  plan: readonly AgendaPlan[],
): Promise<{ agendaItemId: string; position: number }[]> {
  const added: { agendaItemId: string; position: number }[] = [];
  for (const item of plan) {
    added.push(
      await addAgendaItem({
        db,
        context,
        actor,
        meetingId,
        title: item.title,
        purpose: item.purpose,
        isConfidential: item.confidentialityReason !== undefined,
        confidentialityReason: item.confidentialityReason,
      }),
    );
  }
  return added;
}

/**
 * Everyone standing on the meeting day attends except the named sector's nominee, who sends
 * apologies: the chair and nine of the ten PCT chief executives, with every sector represented,
 * which is quorate under 2008 §Quorum.
 */
async function attend(
  db: Database,
  actor: Actor,
  context: ActionContext,
  meetingId: string,
  apologiesFromSector: string,
): Promise<ResolvedHolding[]> {
  const { members } = await meetingFactsOf(db, meetingId);
  for (const member of members) {
    const sendsApologies =
      member.holding.organisationSectorId === apologiesFromSector &&
      member.holding.seatRole === 'ccg-nominated-chief-executive';
    await recordAttendance({
      db,
      context,
      actor,
      meetingId,
      seatHoldingId: member.holding.id,
      status: sendsApologies ? 'apologies' : 'present',
    });
  }
  return members;
}
