/**
 * The demo's London commissioning intentions for the 2007/08 round the rounds seeder leaves at
 * consolidation: twelve intentions, one per shared service area, each consolidating every priority
 * returned in its area (so overlaps show); agreed by the London group at a meeting through the
 * real decision use cases; the prospectus published; and local plans for eight PCTs, each with a
 * gap or a divergence. Every step goes through the use cases, dated when it would have happened.
 *
 * The London group's demo members sit from 1 January 2008 (the 2008 terms), so the meeting that
 * agrees the intentions is dated 10 January 2008, later than the round's timetable asked for
 * (docs/decisions: the demo's agreement meeting).
 */
import type { Database } from '../db/connection.ts';
import { declareSenseOfMeeting, openProposal } from '../decisions/index.ts';
import { type Actor, loadAccountActor, selectAccountByEmail } from '../identity/index.ts';
import {
  createMeetingSeries,
  meetingFactsOf,
  recordAttendance,
  recordMeetingHeld,
} from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { addIntention } from './consolidate-intentions.ts';
import {
  countIntentions,
  selectIntentions,
  selectPrimaryCareTrusts,
  selectPriorities,
  selectRound,
} from './intention-queries.ts';
import { londonServiceAreas } from './intention-rules.ts';
import { publishProspectus } from './publish-prospectus.ts';
import { putIntentionsToGroup } from './put-intentions-to-group.ts';
import { recordAgreement } from './record-agreement.ts';
import { recordLocalPlan } from './record-local-plan.ts';

const londonGroup = 'london-commissioning-group';
const secretariatEmail = 'secretariat@demo.invalid';
const address = { slug: londonGroup, year: '2007-08' };

const demoIntentions: Record<(typeof londonServiceAreas)[number], [string, string]> = {
  Stroke: [
    'Hyperacute stroke units for every Londoner',
    'Commission eight hyperacute stroke units and a network of stroke units, so every Londoner reaches specialist stroke care within 30 minutes, with early supported discharge at home.',
  ],
  'Major trauma': [
    'A London trauma system',
    'Designate major trauma centres and trauma units in four networks, with pre-hospital triage that takes the seriously injured straight to a centre.',
  ],
  'Urgent care': [
    'Urgent care centres beside every A&E',
    'An urgent care centre at the front door of every emergency department, open around the clock, seeing patients who do not need A&E.',
  ],
  'Polyclinics and primary care': [
    'Polyclinics and extended GP opening',
    'Commission the first polyclinics in each sector and extended opening of GP practices in the evenings and at weekends.',
  ],
  'Maternity and newborn': [
    'Midwife-led births and one-to-one care in labour',
    'A midwife-led unit beside every obstetric unit and one-to-one midwifery care for every woman in established labour.',
  ],
  'Mental health': [
    'Crisis care and early intervention in psychosis',
    'Crisis resolution and home treatment in every borough, and early intervention in psychosis for young people within two weeks of referral.',
  ],
  'End of life care': [
    'Choice of where to die',
    'Coordinated end of life care registers and 24-hour community nursing, so more people die where they choose.',
  ],
  Diabetes: [
    'Structured education and care planning for diabetes',
    'Structured education for everyone newly diagnosed with diabetes, and a care plan agreed with each patient in primary care.',
  ],
  'Chronic obstructive pulmonary disease': [
    'Finding and treating COPD early',
    'Case-finding by spirometry in primary care, pulmonary rehabilitation and early supported discharge after an exacerbation.',
  ],
  'Planned care': [
    'Planned care closer to home',
    'Outpatient care in polyclinics for dermatology, ophthalmology and musculoskeletal services, with the 18-week pathway met for every specialty.',
  ],
  'Staying healthy': [
    'Stop smoking and healthy weight',
    'Stop smoking services reaching more smokers in deprived wards, and weight management for children and adults.',
  ],
  'Children and young people': [
    'Children’s urgent care and community nursing',
    'Paediatric assessment in urgent care centres and community children’s nursing so fewer children are admitted.',
  ],
};

/** Where a PCT's plan departs from London's, one each: a gap (an intention left out) or its own line. */
const demoPlans: { sector: string; index: number; leaveOut?: string; ownLine?: string }[] = [
  { sector: 'North West', index: 0, ownLine: 'Brent health visiting for new arrivals' },
  { sector: 'North West', index: 2, leaveOut: 'Major trauma' },
  { sector: 'North Central', index: 0, leaveOut: 'Children and young people' },
  { sector: 'North Central', index: 1, ownLine: 'Homeless health service at King’s Cross' },
  { sector: 'North East', index: 0, leaveOut: 'Planned care', ownLine: 'TB screening' },
  { sector: 'North East', index: 3, leaveOut: 'End of life care' },
  { sector: 'South East', index: 1, ownLine: 'Sickle cell community service' },
  { sector: 'South West', index: 0, leaveOut: 'Polyclinics and primary care' },
];

const london = (date: string, time: string) => new Date(`${date}T${time}:00Z`);

export async function seedDemoCommissioningIntentions(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const round = await selectRound(db, londonGroup, 2007);
  if (round?.status !== 'consolidating' || (await countIntentions(db, round.id)) > 0) {
    return 0;
  }
  const account = await selectAccountByEmail(db, secretariatEmail);
  const actor: Actor | undefined =
    account &&
    (await loadAccountActor(db, account.id, context.now, { authenticatedBy: 'session' }));
  if (!actor) return 0;
  // Each step is dated when it would have happened (all in the winter of 2007/08; GMT is UTC).
  const at = (instant: Date): ActionContext => ({ ...context, now: instant });
  const as = (instant: Date) => ({ db, context: at(instant), actor, ...address });

  const priorities = await selectPriorities(db, round.id);
  for (const [index, serviceArea] of londonServiceAreas.entries()) {
    const [title, description] = demoIntentions[serviceArea];
    await addIntention({
      ...as(london('2007-12-03', `10:${String(index).padStart(2, '0')}`)),
      title,
      serviceArea,
      description,
      priorityIds: priorities
        .filter((priority) => priority.serviceArea === serviceArea)
        .map((priority) => priority.id),
    });
  }

  const { meetings } = await createMeetingSeries({
    db,
    context: at(london('2007-12-20', '09:30')),
    actor,
    slug: londonGroup,
    title: 'London Commissioning Group: commissioning intentions 2007/08',
    firstDate: '2008-01-10',
    time: '14:00',
    location: 'Southside, 105 Victoria Street, London SW1E 6QT',
    occurrences: 1,
    noticeGivenOn: '2007-12-20',
  });
  const meetingId = meetings[0]?.meetingId;
  if (!meetingId) return 0;
  const { proposalId } = await putIntentionsToGroup({
    ...as(london('2007-12-20', '10:00')),
    meetingId,
  });
  const { members } = await meetingFactsOf(db, meetingId);
  for (const member of members) {
    await recordAttendance({
      db,
      context: at(london('2008-01-10', '14:05')),
      actor,
      meetingId,
      seatHoldingId: member.holding.id,
      status: 'present',
    });
  }
  await openProposal({ db, context: at(london('2008-01-10', '14:30')), actor, proposalId });
  await declareSenseOfMeeting({
    db,
    context: at(london('2008-01-10', '15:10')),
    actor,
    proposalId,
    sense: 'agreed',
    objections: [],
  });
  await recordMeetingHeld({ db, context: at(london('2008-01-10', '16:30')), actor, meetingId });
  await recordAgreement(as(london('2008-01-11', '09:00')));
  await publishProspectus(as(london('2008-01-21', '10:00')));

  const intentions = await selectIntentions(db, round.id);
  const pcts = await selectPrimaryCareTrusts(db);
  let plans = 0;
  for (const [index, plan] of demoPlans.entries()) {
    const pct = pcts.filter((candidate) => candidate.sectorName === plan.sector)[plan.index];
    if (!pct) continue;
    await recordLocalPlan({
      ...as(london('2008-02-04', `11:${String(index).padStart(2, '0')}`)),
      organisationId: pct.id,
      intentionIds: intentions
        .filter((intention) => intention.serviceArea !== plan.leaveOut)
        .map((intention) => intention.id),
      ownLines: plan.ownLine ? [{ title: plan.ownLine }] : [],
    });
    plans += 1;
  }
  return intentions.length + plans;
}
