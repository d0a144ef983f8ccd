/**
 * The membership on a date as the engine sees it: the holdings current then, with each holder's
 * posts resolved against the seat's rules. Read by the membership page and, inside the
 * appointment's transaction, by the check that a candidate may be added (who may be the extra
 * person and organisation whose posts are read alongside).
 */

import type { Reader } from '../db/connection.ts';
import type { Constitution } from '../governance/index.ts';
import { resolveHoldings } from './membership-facts.ts';
import {
  selectCurrentHoldings,
  selectPostsOfPeopleAndOrganisations,
} from './membership-queries.ts';

export async function resolvedMembership(
  reader: Reader,
  constitution: Constitution,
  bodyId: string,
  asOf: string,
  extra: { personId?: string; organisationId?: string | null } = {},
) {
  const holdings = await selectCurrentHoldings(reader, bodyId, asOf);
  const personIds = [
    ...new Set([
      ...holdings.map((row) => row.personId),
      ...(extra.personId ? [extra.personId] : []),
    ]),
  ];
  const organisationIds = [
    ...new Set(
      [...holdings.map((row) => row.organisationId), extra.organisationId ?? null].filter(
        (id): id is string => id !== null,
      ),
    ),
  ];
  const posts = await selectPostsOfPeopleAndOrganisations(reader, personIds, organisationIds);
  return { holdings: resolveHoldings(constitution, holdings, posts, asOf), posts };
}
