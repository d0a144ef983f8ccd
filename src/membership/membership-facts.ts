/**
 * Turns the registry's records (seat holdings, people's posts, organisations) into the engine's
 * member facts. Pure, so the rules about posts and ex officio seats are tested without a database.
 *
 * Ex officio seats follow the post: a holding filled ex officio stands only while its holder holds
 * a qualifying post (one the seat's eligibility names, or any post when it names none) at the
 * organisation they represent. Once that post has ended the holding is reported as lapsed, is not
 * counted by the engine (so the seat shows as a vacancy), and whoever holds the post now is named
 * as the successor for the secretariat to appoint. The record itself is never rewritten: who sat
 * when stays true.
 */
import type { Constitution, MemberFact, Seat } from '../governance/index.ts';
import type { HoldingRecord, OrganisationRecord, PostRecord } from './membership-queries.ts';

export interface Period {
  startsOn: string;
  endsOn: string | null;
}

/** In force on the date: started by then and not ended before it (`endsOn` is the last day). */
export function isInForceOn(period: Period, date: string): boolean {
  return period.startsOn <= date && (period.endsOn === null || period.endsOn >= date);
}

/** The posts a seat asks for (chief-executive), or undefined when any post will do. */
export function qualifyingPosts(seat: Seat | undefined): readonly string[] | undefined {
  return seat?.eligibility?.posts;
}

/**
 * The person's post at the organisation on the date; one the seat asks for is preferred when they
 * hold several there.
 */
export function currentPost(
  posts: readonly PostRecord[],
  personId: string,
  organisationId: string,
  date: string,
  preferredRoles: readonly string[] | undefined,
): PostRecord | undefined {
  const held = posts.filter(
    (post) =>
      post.personId === personId &&
      post.organisationId === organisationId &&
      isInForceOn(post, date),
  );
  return held.find((post) => preferredRoles?.includes(post.role)) ?? held[0];
}

/**
 * The organisation as the constitution names it: a body it declares (NHS London is `nhs-london`)
 * matched by ODS code or name, else the registry's own id. Eligibility such as "from NHS London"
 * and per-organisation counts are written against the constitution's ids.
 */
export function organisationFact(
  constitution: Constitution,
  organisation: Pick<OrganisationRecord, 'id' | 'name' | 'type' | 'odsCode'>,
): NonNullable<MemberFact['organisation']> {
  const declared = [...(constitution.bodies ?? []), ...(constitution.constituents ?? [])].find(
    (body) =>
      !body.collective &&
      ((body.odsCode !== undefined && body.odsCode === organisation.odsCode) ||
        body.name.toLowerCase() === organisation.name.toLowerCase()),
  );
  return { id: declared?.id ?? organisation.id, name: organisation.name, type: organisation.type };
}

export type HoldingStatus =
  | { status: 'current' }
  | {
      status: 'lapsed';
      /** Why the holding no longer stands, in words. */
      reason: string;
      /** Who holds the post now, if anyone: the person an ex officio seat passes to. */
      successor: { personId: string; personName: string } | null;
    };

export interface ResolvedHolding {
  holding: HoldingRecord;
  seat: Seat | undefined;
  post: PostRecord | undefined;
  status: HoldingStatus;
  /** What the engine is told, for holdings that stand. */
  fact: MemberFact | undefined;
}

function sectorFact(constitution: Constitution, sectorId: string | null): string | undefined {
  // A body without sectors counts no one by sector; telling it one would be an error, not a fact.
  return sectorId !== null && (constitution.sectors ?? []).length > 0 ? sectorId : undefined;
}

/** The engine's fact for one holder, from the record and the post they hold on the date. */
export function memberFact(
  constitution: Constitution,
  holder: {
    id: string;
    personName: string;
    seatRole: string;
    organisation: Pick<OrganisationRecord, 'id' | 'name' | 'type' | 'odsCode' | 'sectorId'> | null;
    post: Pick<PostRecord, 'role'> | undefined;
    fillMethod: string;
    filledBy: string | null;
    office: string | null;
  },
): MemberFact {
  const sector = holder.organisation
    ? sectorFact(constitution, holder.organisation.sectorId)
    : undefined;
  return {
    id: holder.id,
    name: holder.personName,
    role: holder.seatRole,
    ...(sector !== undefined && { sector }),
    ...(holder.organisation && {
      organisation: organisationFact(constitution, holder.organisation),
    }),
    ...(holder.post && { post: holder.post.role }),
    filledBy: {
      method: holder.fillMethod as NonNullable<MemberFact['filledBy']>['method'],
      ...(holder.filledBy !== null && { by: holder.filledBy }),
    },
    ...((holder.office === 'chair' || holder.office === 'viceChair') && { office: holder.office }),
  };
}

function lapsedStatus(
  holding: HoldingRecord,
  seat: Seat | undefined,
  posts: readonly PostRecord[],
  asOf: string,
): HoldingStatus {
  const organisationId = holding.organisationId;
  const roles = qualifyingPosts(seat);
  const qualifies = (post: PostRecord) => roles === undefined || roles.includes(post.role);
  const lastHeld = posts
    .filter(
      (post) =>
        post.personId === holding.personId &&
        post.organisationId === organisationId &&
        qualifies(post) &&
        post.startsOn <= asOf,
    )
    .at(-1);
  const successor = posts.find(
    (post) =>
      post.organisationId === organisationId &&
      post.personId !== holding.personId &&
      qualifies(post) &&
      isInForceOn(post, asOf),
  );
  const postName = lastHeld?.title ?? roles?.join(' or ') ?? 'their post';
  const ended = lastHeld?.endsOn ? ` ended on ${lastHeld.endsOn}` : ' is not recorded';
  return {
    status: 'lapsed',
    reason: `Held ex officio: ${holding.personName}'s post as ${postName} at ${holding.organisationName}${ended}, so the seat passes with the post${successor ? ` to ${successor.personName}` : ''}.`,
    successor: successor
      ? { personId: successor.personId, personName: successor.personName }
      : null,
  };
}

/**
 * Each holding in force on the date with its seat, the post its holder holds, whether it still
 * stands and, if it does, the engine's fact for it.
 */
export function resolveHoldings(
  constitution: Constitution,
  holdings: readonly HoldingRecord[],
  posts: readonly PostRecord[],
  asOf: string,
): ResolvedHolding[] {
  return holdings.map((holding) => {
    const seat = constitution.seats.find((candidate) => candidate.role === holding.seatRole);
    const post =
      holding.organisationId === null
        ? undefined
        : currentPost(posts, holding.personId, holding.organisationId, asOf, qualifyingPosts(seat));
    const followsPost = holding.fillMethod === 'exOfficio' && holding.organisationId !== null;
    const stillQualifies =
      post !== undefined &&
      (qualifyingPosts(seat) === undefined || qualifyingPosts(seat)?.includes(post.role) === true);
    if (followsPost && !stillQualifies) {
      return {
        holding,
        seat,
        post,
        status: lapsedStatus(holding, seat, posts, asOf),
        fact: undefined,
      };
    }
    const organisation =
      holding.organisationId !== null &&
      holding.organisationName !== null &&
      holding.organisationType !== null
        ? {
            id: holding.organisationId,
            name: holding.organisationName,
            type: holding.organisationType,
            odsCode: holding.organisationOdsCode,
            sectorId: holding.organisationSectorId,
          }
        : null;
    return {
      holding,
      seat,
      post,
      status: { status: 'current' },
      fact: memberFact(constitution, { ...holding, organisation, post }),
    };
  });
}
