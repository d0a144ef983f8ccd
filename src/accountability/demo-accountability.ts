/**
 * Demo data: a year (2008/09) of monthly briefings of the London PCT chief executives and a few
 * of NHS London's Executive Management Team and Board, and three reviews tasked to sector groups
 * (one reported with its outcome, one overdue, one withdrawn). Made through the use cases, so the
 * rules and the audit trail hold for them as for anyone's.
 */
import { selectBodyBySlug, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { londonGroupSlug } from '../identity/index.ts';
import { selectCurrentHoldings } from '../membership/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  countBriefings,
  countCommissions,
  selectCoverableItems,
} from './accountability-queries.ts';
import { seatRolesOf } from './accountability-rules.ts';
import { logBriefing } from './communications-service.ts';
import {
  changeReviewCommission,
  commissionReview,
  recordReviewOutcome,
} from './tasking-service.ts';

const seedAdministrator: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'The London group’s programme office (demo)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

const chiefExecutiveTopics = [
  'Healthcare for London: the stroke and major trauma consultation, and how PCT boards will take the decision.',
  'Commissioning intentions for 2009/10: the timetable agreed by the group and what each sector is asked for.',
  'Polyclinic pilots: the bids received and how the evaluation will run.',
  'World Class Commissioning: the assurance panel dates and what the group expects of PCTs.',
  'The Commissioning Support Service: the draft service level agreement.',
  'Winter resilience across the sectors, and the escalation route agreed.',
  'Finance at month six: the risk share for specialised services.',
  'Sector reviews commissioned by the group, and when each is due back.',
  'Healthcare for London: the decision of the joint committee and what follows for each PCT.',
  'Commissioning intentions: the final draft for PCT boards.',
  'The annual report of the group: its outline, and what PCTs are asked to contribute.',
  'The delivery programme for 2009/10: workstreams and the actions each PCT owns.',
];

const nhsLondonTopics = [
  {
    on: '2008-06-24',
    text: 'The group’s work programme for 2008/09 and the Healthcare for London consultation timetable.',
  },
  {
    on: '2008-10-28',
    text: 'The outcome of the stroke and major trauma consultation, ahead of the joint committee.',
  },
  {
    on: '2009-02-24',
    text: 'Commissioning intentions for 2009/10 and the sector reviews reported so far.',
  },
];

/** A short plain-text report, as a sector group might send back with its outcome. */
const reportText = `North Central London Local Commissioning Group
Review of access to out-of-hours primary care

Findings: access varies across the five PCTs; two thirds of calls are answered within the
national standard; the Islington and Haringey services share a call centre.

Recommendations: a single specification for the sector; quarterly reporting to the sector
group; a joint procurement when the current contracts end.
`;

export async function seedDemoAccountability(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const london = await selectBodyBySlug(db, londonGroupSlug);
  if (!london) return 0;
  if ((await countBriefings(db, london.id)) > 0 || (await countCommissions(db, london.id)) > 0) {
    return 0;
  }
  const actor = seedAdministrator;
  let made = 0;

  // The reviews: North Central reported; South East overdue; North West withdrawn.
  const reported = await commissionReview({
    db,
    context,
    actor,
    slug: london.slug,
    sector: 'north-central-local-commissioning-group',
    title: 'Access to out-of-hours primary care',
    terms:
      'Review access to out-of-hours primary care across the sector’s PCTs against the national quality requirements, and recommend how it should be commissioned from 2009/10.',
    commissionedOn: '2008-05-20',
    minuteReference: 'LCG/08/27',
    dueOn: '2008-09-30',
  });
  await recordReviewOutcome({
    db,
    context,
    actor,
    commissionId: reported.commissionId,
    summary:
      'Access varies across the five PCTs; two thirds of calls are answered within the national standard, and two services already share a call centre.',
    recommendations: [
      'A single out-of-hours specification for the sector.',
      'Quarterly reporting of performance to the sector group.',
      'A joint procurement when the current contracts end.',
    ],
    reportedOn: '2008-09-23',
    file: {
      fileName: 'out-of-hours-care-review.txt',
      content: Buffer.from(reportText, 'utf8'),
      truncated: false,
    },
  });
  const overdue = await commissionReview({
    db,
    context,
    actor,
    slug: london.slug,
    sector: 'south-east-local-commissioning-group',
    title: 'Elective orthopaedic capacity',
    terms:
      'Review elective orthopaedic capacity against the 18-week referral to treatment target and recommend where activity should move between providers.',
    commissionedOn: '2008-07-22',
    minuteReference: 'LCG/08/41',
    dueOn: '2008-11-28',
  });
  await changeReviewCommission({
    db,
    context,
    actor,
    commissionId: overdue.commissionId,
    change: {
      kind: 'due-date',
      dueOn: '2009-01-30',
      reason: 'The sector asked for two more months to include the winter activity data.',
    },
  });
  const withdrawn = await commissionReview({
    db,
    context,
    actor,
    slug: london.slug,
    sector: 'north-west-local-commissioning-group',
    title: 'Community dental services',
    terms: 'Review the provision of community dental services and the referral routes to them.',
    commissionedOn: '2008-09-16',
    dueOn: '2009-03-31',
  });
  await changeReviewCommission({
    db,
    context,
    actor,
    commissionId: withdrawn.commissionId,
    change: {
      kind: 'withdrawal',
      withdrawnOn: '2008-11-18',
      reason: 'Taken into the London-wide dental review led by NHS London.',
    },
  });
  made += 3;

  // The briefings, each by a member the duty names who held the seat that day.
  const terms = await termsInForce(db, london.id, '2008-04-01');
  const duties = terms?.reporting ?? [];
  const covered = (await selectCoverableItems(db, { bodyId: london.id })).filter(
    (item) => !item.isConfidential,
  );
  const briefer = async (dutyId: string, on: string) => {
    const duty = duties.find((candidate) => candidate.id === dutyId);
    if (!terms || !duty) return undefined;
    const roles = duty.by ? seatRolesOf(terms, duty.by) : undefined;
    const holders = (await selectCurrentHoldings(db, london.id, on))
      .filter((holding) => !roles || roles.has(holding.seatRole))
      .sort((a, b) => a.personName.localeCompare(b.personName));
    return holders;
  };
  for (const [index, reported] of chiefExecutiveTopics.entries()) {
    const month = ((3 + index) % 12) + 1;
    const year = month >= 4 ? 2008 : 2009;
    const on = `${year}-${String(month).padStart(2, '0')}-15`;
    const holders = await briefer('pct-chief-executives-briefing', on);
    const person = holders?.[index % holders.length];
    if (!person) continue;
    const item = covered[index % Math.max(covered.length, 1)];
    await logBriefing({
      db,
      context,
      actor,
      slug: london.slug,
      dutyId: 'pct-chief-executives-briefing',
      briefedOn: on,
      reported,
      byPersonId: person.personId,
      covers: item && index % 3 === 0 ? [item.id] : [],
    });
    made += 1;
  }
  for (const topic of nhsLondonTopics) {
    const [person] = (await briefer('nhs-london-briefing', topic.on)) ?? [];
    if (!person) continue;
    await logBriefing({
      db,
      context,
      actor,
      slug: london.slug,
      dutyId: 'nhs-london-briefing',
      briefedOn: topic.on,
      reported: topic.text,
      byPersonId: person.personId,
      covers: [],
    });
    made += 1;
  }
  return made;
}
