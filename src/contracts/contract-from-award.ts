/**
 * A contract recorded from an awarded tender (issue 24): the only way a contract is marked
 * "awarded". The tender fixes what was bought — provider, service, specification version, value,
 * the consortium's members and their shares — so the register takes them from the award, never
 * from the form; the procurement decisions register must be complete ("the decision, who was
 * involved, conflicts and how managed — complete before a contract is marked awarded", DOMAIN).
 */
import { eq } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { contracts } from '../db/schema/contracts.ts';
import { awardedTenderOf } from '../procurement/index.ts';
import { ProblemError } from '../shared/problems.ts';
import type { ContractInput } from './contract-check.ts';
import { awardedClause } from './contract-rules.ts';

/** What the award fixes in the contract: everything but reference, term, annual value and lead. */
export type FixedByAward = Pick<
  ContractInput,
  | 'title'
  | 'service'
  | 'providerOrganisationId'
  | 'specificationVersionId'
  | 'totalValuePence'
  | 'commissioners'
> & { tenderId: string };

function refused(code: string, title: string, detail: string): ProblemError {
  return new ProblemError({ status: 409, code, title, detail });
}

/** The award as the contract takes it; refused unless awarded, its register complete, and new. */
export async function fixedByAward(reader: Reader, tenderId: string): Promise<FixedByAward> {
  const award = await awardedTenderOf(reader, tenderId);
  if (!award) {
    throw refused(
      'tender-not-awarded',
      'The tender has not been awarded',
      `A contract is marked awarded only from a tender the consortium has awarded (${awardedClause.clause}).`,
    );
  }
  if (!award.registerComplete) {
    throw refused(
      'register-incomplete',
      'The procurement decisions register is not complete',
      `“${award.title}”: ${awardedClause.text} (${awardedClause.clause}). Complete the register on the tender's page first.`,
    );
  }
  const [existing] = await reader
    .select({ reference: contracts.reference })
    .from(contracts)
    .where(eq(contracts.tenderId, tenderId));
  if (existing) {
    throw refused(
      'already-contracted',
      'This award is already in the register',
      `“${award.title}” is already recorded as contract ${existing.reference}: one award, one contract.`,
    );
  }
  return {
    tenderId: award.tenderId,
    title: award.title,
    service: award.service,
    providerOrganisationId: award.provider.organisationId,
    specificationVersionId: award.specificationVersion.id,
    totalValuePence: award.valuePence,
    commissioners: award.members.map((member) => ({
      organisationId: member.organisationId,
      shareBasisPoints: member.shareBasisPoints,
    })),
  };
}

/** What an award fixed in the contract recorded from it, for a change to keep; none if not awarded. */
export async function factsFixedBy(
  reader: Reader,
  tenderId: string,
): Promise<Omit<FixedByAward, 'tenderId'> | undefined> {
  const award = await awardedTenderOf(reader, tenderId);
  if (!award) return undefined;
  return {
    title: award.title,
    service: award.service,
    providerOrganisationId: award.provider.organisationId,
    specificationVersionId: award.specificationVersion.id,
    totalValuePence: award.valuePence,
    commissioners: award.members.map((member) => ({
      organisationId: member.organisationId,
      shareBasisPoints: member.shareBasisPoints,
    })),
  };
}

/** The award's facts for the form: read-only, shown beside the few fields the secretariat fills. */
export async function awardForForm(reader: Reader, tenderId: string) {
  const fixed = await fixedByAward(reader, tenderId);
  const award = await awardedTenderOf(reader, tenderId);
  return { fixed, award: award! };
}
