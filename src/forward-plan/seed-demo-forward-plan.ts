/**
 * Demo data: the forward plans of the London Commissioning Group and the Joint Committee of PCTs
 * over the coming months, around the demo's scheduled meetings of the London group. One decision
 * is expected in private (Part II) with its reason; one is already on a meeting's agenda.
 */
import { selectBodyBySlug } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { selectMeetingsOfBody } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { selectForwardPlanItemCount } from './forward-plan-queries.ts';
import { addForwardPlanItem } from './forward-plan-service.ts';

const seedSecretariat: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'The secretariat (demo)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

/** YYYY-MM, `offset` months after the month of `date`. */
function monthAfter(date: string, offset: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + offset;
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);
}

export async function seedDemoForwardPlan(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const london = await selectBodyBySlug(db, 'london-commissioning-group');
  const joint = await selectBodyBySlug(db, 'joint-committee-of-pcts');
  if (!london || (await selectForwardPlanItemCount(db, london.id)) > 0) return 0;
  const today = londonDate(context.now);
  const coming = (await selectMeetingsOfBody(db, london.id))
    .filter((meeting) => meeting.status === 'scheduled' && meeting.startsAt > context.now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const common = { db, context, actor: seedSecretariat };
  let added = 0;
  const next = coming[0];
  if (next) {
    // Already on the agenda of the group's next meeting.
    await addForwardPlanItem({
      ...common,
      slug: london.slug,
      title: 'Healthcare for London: stroke services, designation of hyper-acute stroke units',
      kind: 'recommendation-to-boards',
      summary:
        'To recommend to the 31 PCT Boards the hyper-acute stroke units to be designated after the consultation, for each Board to decide.',
      meetingId: next.id,
      partTwoExpected: false,
      contact: 'Secretary to the London Commissioning Group, Southside, 105 Victoria Street',
    });
    added += 1;
  }
  await addForwardPlanItem({
    ...common,
    slug: london.slug,
    title: 'Polyclinic pilots: award of the first wave',
    kind: 'commissioning-decision',
    summary:
      'To agree which bids for the first wave of polyclinic pilots the PCTs will commission.',
    expectedMonth: monthAfter(today, 2),
    partTwoExpected: true,
    partTwoReason:
      'Publicity would be prejudicial to the public interest because of the commercial terms of bids still under evaluation (Public Bodies (Admission to Meetings) Act 1960 s1(2)).',
    contact: 'Head of the Healthcare for London programme office',
  });
  await addForwardPlanItem({
    ...common,
    slug: london.slug,
    title: 'London commissioning intentions for the coming year',
    kind: 'decision',
    summary: 'To agree the consolidated London commissioning intentions and the prospectus.',
    expectedMonth: monthAfter(today, 3),
    partTwoExpected: false,
    contact: 'Secretary to the London Commissioning Group',
  });
  added += 2;
  if (joint) {
    await addForwardPlanItem({
      ...common,
      slug: joint.slug,
      title: 'Major trauma: approval of the consultation on the trauma network',
      kind: 'consultation-approval',
      summary:
        'To approve the consultation document and the plan for consulting on major trauma centres.',
      expectedMonth: monthAfter(today, 1),
      partTwoExpected: false,
      contact: 'Joint Committee of PCTs secretariat',
    });
    await addForwardPlanItem({
      ...common,
      slug: joint.slug,
      title: 'Stroke and major trauma: decision after consultation',
      kind: 'decision',
      summary: 'To decide the future configuration of stroke and major trauma services in London.',
      expectedMonth: monthAfter(today, 4),
      partTwoExpected: false,
      contact: 'Joint Committee of PCTs secretariat',
    });
    added += 2;
  }
  return added;
}
