/**
 * What the contracts register reads of an awarded tender (issue 24): the provider, the service,
 * the specification version, the value, the consortium's members and shares, and whether the
 * procurement decisions register is complete. Undefined while the tender is not awarded.
 */
import type { Reader } from '../db/connection.ts';
import {
  selectBids,
  selectConsortium,
  selectMembers,
  selectSpecificationVersionLabel,
  selectTender,
} from './procurement-queries.ts';
import { registerOf } from './register-view.ts';

export interface AwardedTender {
  tenderId: string;
  title: string;
  service: string;
  provider: { organisationId: string; name: string };
  specificationVersion: { id: string; label: string };
  /** The awarded bid's price, in whole pence. */
  valuePence: number;
  awardedOn: string;
  consortium: { id: string; name: string; shareBasis: string };
  members: { organisationId: string; name: string; shareBasisPoints: number }[];
  registerComplete: boolean;
}

export async function awardedTenderOf(
  reader: Reader,
  tenderId: string,
): Promise<AwardedTender | undefined> {
  const tender = await selectTender(reader, tenderId);
  if (tender?.stage !== 'awarded' || !tender.awardedBidId || !tender.awardedOn) {
    return undefined;
  }
  const consortium = await selectConsortium(reader, tender.consortiumId);
  const bid = (await selectBids(reader, tender.id)).find((each) => each.id === tender.awardedBidId);
  if (!consortium || !bid) return undefined;
  const version = await selectSpecificationVersionLabel(reader, tender.specificationVersionId);
  const members = await selectMembers(reader, [consortium.id]);
  return {
    tenderId: tender.id,
    title: tender.title,
    service: tender.service,
    provider: { organisationId: bid.providerOrganisationId, name: bid.providerName },
    specificationVersion: {
      id: tender.specificationVersionId,
      label: version ? `${version.title}, version ${version.version}` : '',
    },
    valuePence: bid.pricePence,
    awardedOn: tender.awardedOn,
    consortium: { id: consortium.id, name: consortium.name, shareBasis: consortium.shareBasis },
    members: members.map(({ organisationId, name, shareBasisPoints }) => ({
      organisationId,
      name,
      shareBasisPoints,
    })),
    registerComplete: (await registerOf(reader, tender.id)).complete,
  };
}
