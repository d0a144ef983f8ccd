import { selectBodyBySlug } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import {
  bodyHasAnyHolding,
  recordAppointment,
  selectOrganisations,
  selectPeopleWithCurrentPosts,
} from '../membership/index.ts';
import type { ActionContext } from '../shared/context.ts';

const londonGroup = 'london-commissioning-group';
const startsOn = '2008-01-01';

/**
 * Seats the 2008 London Commissioning Group as far as the demo people allow: NHS London's
 * fictional chief executive in the chair seat, and per sector the chief executives of the first
 * two PCTs by name, the first as the CCG chair (ex officio), the second as the CCG's nominee. The
 * other seats stay vacant, so the page shows the engine's vacancies. Every appointment goes
 * through the engine. Once only: skipped when the group has any holding.
 */
export async function seedDemoMembership(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const body = await selectBodyBySlug(db, londonGroup);
  if (!body || (await bodyHasAnyHolding(db, body.id))) return 0;
  const organisations = await selectOrganisations(db);
  const chiefExecutives = (await selectPeopleWithCurrentPosts(db, startsOn)).filter(
    (post) => post.role === 'chief-executive',
  );
  const chiefExecutiveOf = (organisationId: string) =>
    chiefExecutives.find((post) => post.organisationId === organisationId);

  const appointments: {
    personId: string;
    organisationId: string;
    seatRole: string;
    fillMethod: 'exOfficio' | 'nominated';
    office?: 'chair';
  }[] = [];
  const nhsLondon = organisations.find((organisation) => organisation.name === 'NHS London');
  const chair = nhsLondon && chiefExecutiveOf(nhsLondon.id);
  if (nhsLondon && chair) {
    appointments.push({
      personId: chair.personId,
      organisationId: nhsLondon.id,
      seatRole: 'nhs-london-chief-executive',
      fillMethod: 'exOfficio',
      office: 'chair',
    });
  }
  const sectorIds = [
    ...new Set(organisations.flatMap((organisation) => organisation.sectorId ?? [])),
  ];
  for (const sectorId of sectorIds) {
    const [first, second] = organisations.filter(
      (organisation) =>
        organisation.type === 'primary-care-trust' &&
        organisation.sectorId === sectorId &&
        chiefExecutiveOf(organisation.id),
    );
    const seats = [
      [first, 'ccg-chair-chief-executive', 'exOfficio'],
      [second, 'ccg-nominated-chief-executive', 'nominated'],
    ] as const;
    for (const [organisation, seatRole, fillMethod] of seats) {
      const post = organisation && chiefExecutiveOf(organisation.id);
      if (organisation && post) {
        appointments.push({
          personId: post.personId,
          organisationId: organisation.id,
          seatRole,
          fillMethod,
        });
      }
    }
  }
  for (const appointment of appointments) {
    await recordAppointment({ db, context, slug: londonGroup, startsOn, ...appointment });
  }
  return appointments.length;
}

const jointCommittee = 'joint-committee-of-pcts';
/** The PCTs whose chief executives have demo accounts (member, lead, associate). */
const jointCommitteeDemoPcts = ['Brent Teaching PCT', 'Camden PCT', 'Islington PCT'];
const jointCommitteeSectorsWithoutDemoAccounts = ['north-east', 'south-east', 'south-west'];

/**
 * Seats the Joint Committee of PCTs (2008 "Accountabilities": "London PCT Boards will discharge
 * their formal responsibilities in respect of approving consultation ... by means of a Joint
 * Committee") so its questions, the approval of a consultation among them, can be carried by a
 * vote: one representative of each delegating PCT, its chief executive, appointed by the PCT's
 * board. Nine PCTs: the three whose chief executives have demo accounts (Brent, Camden,
 * Islington) and the first two PCTs by name of each other sector. The quorum is one third of the
 * voting membership, three, so the three demo accounts present are quorate. Every appointment
 * goes through the engine. Once only: skipped when the committee has any holding.
 */
export async function seedDemoJointCommitteeMembership(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const body = await selectBodyBySlug(db, jointCommittee);
  if (!body || (await bodyHasAnyHolding(db, body.id))) return 0;
  const organisations = (await selectOrganisations(db)).filter(
    (organisation) => organisation.type === 'primary-care-trust',
  );
  const chiefExecutives = (await selectPeopleWithCurrentPosts(db, startsOn)).filter(
    (post) => post.role === 'chief-executive',
  );
  const chiefExecutiveOf = (organisationId: string) =>
    chiefExecutives.find((post) => post.organisationId === organisationId);
  const seated = [
    ...organisations.filter((organisation) => jointCommitteeDemoPcts.includes(organisation.name)),
    ...jointCommitteeSectorsWithoutDemoAccounts.flatMap((sectorId) =>
      organisations
        .filter(
          (organisation) =>
            organisation.sectorId === sectorId && chiefExecutiveOf(organisation.id) !== undefined,
        )
        .slice(0, 2),
    ),
  ];
  let count = 0;
  for (const organisation of seated) {
    const post = chiefExecutiveOf(organisation.id);
    if (!post) continue;
    await recordAppointment({
      db,
      context,
      slug: jointCommittee,
      startsOn,
      personId: post.personId,
      organisationId: organisation.id,
      seatRole: 'pct-representative',
      fillMethod: 'appointed',
    });
    count += 1;
  }
  return count;
}
