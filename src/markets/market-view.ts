/**
 * Read models of the markets, open to everyone (the public may read all of it): the market grid of
 * service × sector with its gaps and the map of one service; the Practice Based Commissioning
 * consortia by PCT with their pathways; the clinical networks with their review status. Each says
 * whether the reader may change it, and gives the choices its forms need.
 */
import { selectBodies } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { notFound } from '../shared/problems.ts';
import { londonServiceAreas } from '../specifications/index.ts';
import { groupLevelOf, mayManageMarkets } from './market-access.ts';
import { mapDescription, mapOf, providersInWords, thamesPath } from './market-map.ts';
import {
  type ConsortiumRecord,
  selectConsortia,
  selectNetworks,
  selectOrganisationsOfTypes,
  selectPathways,
  selectReviews,
  selectSectorRows,
  selectSupplies,
  selectWithdrawals,
} from './market-queries.ts';
import {
  canonicalServiceArea,
  marketClauses,
  marketGrid,
  type NetworkReviewStatus,
  networkReviewStatus,
  type PathwayStatus,
  pathwayStatusNames,
  providerTypes,
  suppliesByProvider,
} from './market-rules.ts';

interface ReadOptions {
  db: Reader;
  actor: Actor;
  now: Date;
}

/** The market: the grid, the gaps in words, and one service (the first with a gap, or chosen). */
export async function getMarket(options: ReadOptions & { service?: string | undefined }) {
  const { db, actor, now } = options;
  const sectors = await selectSectorRows(db);
  const supplies = await selectSupplies(db);
  const { rows, gaps } = marketGrid(londonServiceAreas, sectors, supplies);
  const known = options.service
    ? londonServiceAreas.find((area) => area.toLowerCase() === options.service?.toLowerCase())
    : undefined;
  const chosenName = known ?? rows.find((row) => row.gapCount > 0)?.serviceArea ?? 'Stroke';
  const chosen = rows.find((row) => row.serviceArea === chosenName) ?? rows[0];
  const mayManage = await mayManageMarkets(db, actor, now);
  return {
    clauses: [marketClauses.londonMarket, marketClauses.localMarket],
    sectors,
    serviceAreas: [...londonServiceAreas],
    grid: rows.map((row) => ({
      serviceArea: row.serviceArea,
      gapCount: row.gapCount,
      cells: row.cells.map((cell) => ({
        sectorId: cell.sectorId,
        sectorName: cell.sectorName,
        providerCount: cell.providers.length,
        isGap: cell.isGap,
        providers: cell.providers,
      })),
    })),
    gaps,
    providers: suppliesByProvider(londonServiceAreas, sectors, supplies),
    withdrawals: await selectWithdrawals(db),
    /** A service asked for that is not one of the twelve: the page says so beside the chooser. */
    unknownService: options.service && !known ? options.service : undefined,
    map: chosen && {
      serviceArea: canonicalServiceArea(chosen.serviceArea, londonServiceAreas),
      description: mapDescription(chosen.serviceArea, chosen.cells),
      thames: thamesPath,
      sectors: mapOf(chosen.cells),
      table: chosen.cells.map((cell) => ({
        sectorName: cell.sectorName,
        countText: providersInWords(cell.providers.length),
        providers: cell.providers.map((provider) => provider.name),
        isGap: cell.isGap,
      })),
    },
    mayManage,
    choices: mayManage
      ? { providers: await selectOrganisationsOfTypes(db, providerTypes) }
      : undefined,
  };
}

export type MarketView = Awaited<ReturnType<typeof getMarket>>;

/** The consortia by PCT, each with its pathways. */
export async function listPracticeConsortia(options: ReadOptions) {
  const { db, actor, now } = options;
  const consortia = await selectConsortia(db);
  const pathways = await selectPathways(db);
  const byPct = new Map<string, { name: string; id: string; consortia: ConsortiumRecord[] }>();
  for (const consortium of consortia) {
    const entry = byPct.get(consortium.primaryCareTrustId) ?? {
      id: consortium.primaryCareTrustId,
      name: consortium.primaryCareTrustName,
      consortia: [],
    };
    entry.consortia.push(consortium);
    byPct.set(consortium.primaryCareTrustId, entry);
  }
  const mayManage = await mayManageMarkets(db, actor, now);
  return {
    clause: marketClauses.practiceConsortia,
    primaryCareTrusts: [...byPct.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
      .map((pct) => ({
        id: pct.id,
        name: pct.name,
        consortia: pct.consortia.map((consortium) => ({
          id: consortium.id,
          name: consortium.name,
          pathways: pathways
            .filter((pathway) => pathway.consortiumId === consortium.id)
            .map((pathway) => ({
              id: pathway.id,
              name: pathway.name,
              serviceArea: pathway.serviceArea,
              status: pathway.status as PathwayStatus,
              statusName: pathwayStatusNames[pathway.status as PathwayStatus],
              description: pathway.description,
              agreedOn: pathway.agreedOn,
            })),
        })),
      })),
    mayManage,
    choices: mayManage
      ? {
          primaryCareTrusts: await selectOrganisationsOfTypes(db, ['primary-care-trust']),
          consortia: consortia.map((consortium) => ({
            id: consortium.id,
            name: `${consortium.name} (${consortium.primaryCareTrustName})`,
          })),
          serviceAreas: [...londonServiceAreas],
          statuses: Object.entries(pathwayStatusNames).map(([value, text]) => ({ value, text })),
        }
      : undefined,
  };
}

const reviewStatusNames: Record<NetworkReviewStatus, string> = {
  'never-reviewed': 'Not yet reviewed',
  current: 'Review not yet due',
  'due-soon': 'Review due soon',
  overdue: 'Review overdue',
};

async function networksWithReviews(db: Reader, now: Date, id?: string) {
  const networks = await selectNetworks(db, id);
  const reviews = await selectReviews(
    db,
    networks.map((network) => network.id),
  );
  const today = londonDate(now);
  return networks.map((network) => {
    const own = reviews.filter((review) => review.networkId === network.id);
    const latest = own[0];
    const status = networkReviewStatus(latest?.nextReviewDue ?? null, today);
    return {
      id: network.id,
      name: network.name,
      objectives: network.objectives,
      reportsTo: network.body,
      review: {
        status,
        statusName: reviewStatusNames[status],
        lastHeldOn: latest?.heldOn ?? null,
        nextReviewDue: latest?.nextReviewDue ?? null,
      },
      reviews: own.map((review) => ({
        id: review.id,
        heldOn: review.heldOn,
        findings: review.findings,
        nextReviewDue: review.nextReviewDue,
        recordedBy: review.recordedBy,
      })),
    };
  });
}

/** The groups a network may report to (2006 §2.3): the London group first, then the local groups. */
async function groupsAtSectorOrLondonLevel(db: Reader, now: Date) {
  const groups: { slug: string; title: string; level: 'london' | 'sector' }[] = [];
  for (const body of await selectBodies(db)) {
    const level = await groupLevelOf(db, body.id, body.slug, now);
    if (level) groups.push({ slug: body.slug, title: body.title, level });
  }
  return groups.sort((a, b) => (a.level === b.level ? 0 : a.level === 'london' ? -1 : 1));
}

/** The clinical networks, each with the group it reports to and its review status. */
export async function listNetworks(options: ReadOptions) {
  const { db, actor, now } = options;
  const networks = await networksWithReviews(db, now);
  const mayManage = await mayManageMarkets(db, actor, now);
  return {
    clauses: [
      marketClauses.networksReport,
      marketClauses.networksOverseen,
      marketClauses.networkObjectives,
    ],
    networks,
    overdue: networks.filter((network) => network.review.status === 'overdue').length,
    mayManage,
    choices: mayManage ? { groups: await groupsAtSectorOrLondonLevel(db, now) } : undefined,
  };
}

/** One network and its reviews, newest first. */
export async function getNetwork(options: ReadOptions & { networkId: string }) {
  const { db, actor, now } = options;
  const [network] = await networksWithReviews(db, now, options.networkId);
  if (!network) throw notFound('clinical network', options.networkId);
  return {
    ...network,
    clauses: [marketClauses.networksReport, marketClauses.networksOverseen],
    mayManage: await mayManageMarkets(db, actor, now),
  };
}
