/**
 * The demo's collective procurement (issue 24): a London-wide Improving Access to Psychological
 * Therapies (IAPT) procurement consortium of PCTs with shares by population, its 75% rule fixed at
 * inception as of all members entitled, weighted by share (2006 §111); a tender to the approved
 * IAPT specification with three bids from London mental health trusts, the evaluation, a complete
 * procurement decisions register, and the award put to a London group meeting called for it in
 * July 2008, where the large PCTs' chief executives vote for and the small ones against — carried
 * by share, though one vote each would not have carried it. Runs the real use cases, so every
 * rule holds. Once only; fictional people, real trust names.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { castVote, closeProposal, openProposal } from '../decisions/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import {
  createMeetingSeries,
  getMeeting,
  recordAttendance,
  recordMeetingHeld,
} from '../meetings/index.ts';
import { insertOrganisations } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { listApprovedVersions } from '../specifications/index.ts';
import { openTender } from './open-tender.ts';
import {
  countConsortia,
  selectChiefExecutives,
  selectOrganisationsOfTypes,
} from './procurement-queries.ts';
import { sharesByPopulation, wholeShare } from './procurement-rules.ts';
import { putAward } from './put-award.ts';
import { recordAward } from './record-award.ts';
import { recordBid } from './record-bid.ts';
import { londonGroupSlug, recordConsortium } from './record-consortium.ts';
import { recordEvaluation } from './record-evaluation.ts';
import { recordRegisterEntry } from './record-register-entry.ts';

const seedSecretariat: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'The London group’s secretariat (demo)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

const demoProviders = [
  { name: 'South London and Maudsley NHS Foundation Trust', odsCode: 'RV5' },
  { name: 'Camden and Islington NHS Foundation Trust', odsCode: 'TAF' },
  { name: 'Oxleas NHS Foundation Trust', odsCode: 'RPG' },
];

/**
 * The members: the largest London PCTs by population, who vote for, and the smallest, who vote
 * against — as many large as keeps their head count under 75% while their shares reach it.
 */
export function chooseMembers<T extends { population: number | null }>(
  pcts: readonly T[],
): { members: T[]; shares: number[]; inFavour: number } | undefined {
  const sorted = [...pcts]
    .filter((each) => (each.population ?? 0) > 0)
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  for (let small = 3; small <= 8; small += 1) {
    for (let large = 5; large >= 2; large -= 1) {
      if (large / (large + small) >= 0.75 || large + small < 8) continue;
      const members = [...sorted.slice(0, large), ...sorted.slice(-small)];
      if (new Set(members).size !== members.length) continue;
      const shares = sharesByPopulation(members.map((each) => each.population ?? 0));
      const weightFor = shares.slice(0, large).reduce((sum, each) => sum + each, 0);
      if (weightFor * 4 >= wholeShare * 3) return { members, shares, inFavour: large };
    }
  }
  return undefined;
}

export async function seedDemoProcurement(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  if ((await countConsortia(db)) > 0) return 0;
  const version = (await listApprovedVersions(db)).find((each) =>
    each.title.includes('Psychological Therapies'),
  );
  if (!version) return 0;
  const actor = seedSecretariat;

  const existing = await selectOrganisationsOfTypes(db, ['provider-trust', 'foundation-trust']);
  const missing = demoProviders.filter(
    (each) => !existing.some((row) => row.name.toLowerCase() === each.name.toLowerCase()),
  );
  if (missing.length > 0) {
    await db.transaction(async (transaction) => {
      const rows = missing.map((each) => ({
        id: uuidv7(),
        name: each.name,
        type: 'foundation-trust' as const,
        odsCode: null,
        sectorId: null,
        population: null,
        source: `Demo: a real London mental health trust of 2008 (ODS ${each.odsCode}); its bid is fictional.`,
        createdAt: context.now,
      }));
      await insertOrganisations(transaction, rows);
      await recordAuditEvents(
        transaction,
        context,
        rows.map((row) => ({
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: row.id,
          after: { name: row.name, type: row.type },
        })),
      );
    });
  }
  const providers = await selectOrganisationsOfTypes(db, ['foundation-trust']);
  const providerId = (name: string) => {
    const found = providers.find((each) => each.name === name);
    if (!found) throw new Error(`the demo provider ${name} is not in the registry`);
    return found.id;
  };

  const chosen = chooseMembers(await selectOrganisationsOfTypes(db, ['primary-care-trust']));
  if (!chosen) return 0;
  const { consortiumId } = await recordConsortium({
    db,
    context,
    actor,
    name: 'London IAPT procurement consortium',
    portfolio:
      'Improving Access to Psychological Therapies (IAPT) for adults across London: one London-wide tender for stepped-care psychological therapies, on behalf of the member PCTs.',
    bodySlug: londonGroupSlug,
    inceptedOn: '2008-04-01',
    shareBasis: 'resident population (registry), 2008/09',
    voteBase: 'allEntitled',
    voteWeighting: 'share',
    members: chosen.members.map((member, index) => ({
      organisationId: member.id,
      shareBasisPoints: chosen.shares[index] ?? 0,
    })),
  });

  const { tenderId } = await openTender({
    db,
    context,
    actor,
    consortiumId,
    title: 'London IAPT service 2008–2011',
    service: 'Psychological therapies for adults (IAPT)',
    specificationVersionId: version.versionId,
    openedOn: '2008-05-06',
  });
  const bids: Record<string, string> = {};
  for (const [name, pricePence, receivedOn] of [
    ['South London and Maudsley NHS Foundation Trust', 1_874_500_000, '2008-06-16'],
    ['Camden and Islington NHS Foundation Trust', 1_912_000_000, '2008-06-18'],
    ['Oxleas NHS Foundation Trust', 1_798_250_050, '2008-06-20'],
  ] as const) {
    bids[name] = (
      await recordBid({
        db,
        context,
        actor,
        tenderId,
        providerOrganisationId: providerId(name),
        pricePence,
        receivedOn,
      })
    ).bidId;
  }
  const slam = bids['South London and Maudsley NHS Foundation Trust'] ?? '';
  await recordEvaluation({
    db,
    context,
    actor,
    tenderId,
    scores: [
      { bidId: slam, qualityScore: 54, priceScore: 35 },
      {
        bidId: bids['Camden and Islington NHS Foundation Trust'] ?? '',
        qualityScore: 49,
        priceScore: 33,
      },
      { bidId: bids['Oxleas NHS Foundation Trust'] ?? '', qualityScore: 41, priceScore: 40 },
    ],
    recommendedBidId: slam,
    reason:
      'Highest total score (89 of 100): the strongest stepped-care model and recovery plan, at a price within 5% of the lowest bid.',
    evaluatedOn: '2008-07-08',
  });

  const today = londonDate(context.now);
  const chiefExecutives = await selectChiefExecutives(
    db,
    chosen.members.map((member) => member.id),
    today,
  );
  const panel = chiefExecutives.slice(0, 3).map((each) => each.personId);
  const [first, second] = chiefExecutives;
  await recordRegisterEntry({
    db,
    context,
    actor,
    tenderId,
    subject: 'evaluation',
    decision:
      'The evaluation panel scored the three bids for quality (out of 60) and price (out of 40).',
    decidedOn: '2008-07-08',
    participantIds: panel,
    conflicts: first
      ? [
          {
            personId: first.personId,
            interest: 'Spouse is a non-executive director of one of the bidding trusts',
            management: 'left-the-room',
          },
        ]
      : [],
  });
  await recordRegisterEntry({
    db,
    context,
    actor,
    tenderId,
    subject: 'award-recommendation',
    decision:
      'The panel recommends the award to South London and Maudsley NHS Foundation Trust, to be put to the consortium’s members.',
    decidedOn: '2008-07-15',
    participantIds: panel,
    conflicts: second
      ? [
          {
            personId: second.personId,
            interest: 'Was a governor of a bidding trust until 2004',
            management: 'no-material-conflict',
            reason: 'The governorship ended four years ago and carried no continuing interest.',
          },
        ]
      : [],
  });

  // The award is put to a meeting of the London group called for it in July 2008, where the
  // members present make it quorate and the consortium's chief executives vote (dated then).
  const at = (instant: string): ActionContext => ({ ...context, now: new Date(instant) });
  const { meetings } = await createMeetingSeries({
    db,
    context: at('2008-07-01T09:30:00Z'),
    actor,
    slug: londonGroupSlug,
    title: 'London Commissioning Group: award of the London IAPT service',
    firstDate: '2008-07-24',
    time: '14:00',
    location: 'Southside, 105 Victoria Street, London SW1E 6QT',
    occurrences: 1,
    noticeGivenOn: '2008-07-01',
  });
  const meetingId = meetings[0]?.meetingId;
  if (!meetingId) return 1;
  const { proposalId } = await putAward({
    db,
    context: at('2008-07-16T10:00:00Z'),
    actor,
    tenderId,
    meetingId,
  });
  for (const seat of (await getMeeting({ db, meetingId, actor })).attendance) {
    await recordAttendance({
      db,
      context: at('2008-07-24T13:05:00Z'),
      actor,
      meetingId,
      seatHoldingId: seat.seatHoldingId,
      status: 'present',
    });
  }
  await openProposal({ db, context: at('2008-07-24T13:30:00Z'), actor, proposalId });
  const voterOf = new Map(chiefExecutives.map((each) => [each.organisationId, each]));
  for (const [index, member] of chosen.members.entries()) {
    const voter = voterOf.get(member.id);
    if (!voter) continue;
    await castVote({
      db,
      context: at('2008-07-24T13:35:00Z'),
      actor: {
        kind: 'account',
        accountId: `seed-${voter.personId}`,
        email: 'seed@demo.invalid',
        displayName: voter.name,
        personId: voter.personId,
        isAdministrator: false,
        bodyRoles: [],
        authenticatedBy: 'session',
      },
      proposalId,
      choice: index < chosen.inFavour ? 'for' : 'against',
    });
  }
  await closeProposal({ db, context: at('2008-07-24T13:50:00Z'), actor, proposalId });
  await recordMeetingHeld({ db, context: at('2008-07-24T15:30:00Z'), actor, meetingId });
  await recordAward({ db, context: at('2008-07-25T09:00:00Z'), actor, tenderId });
  return 1;
}
