/**
 * The register to take away: as CSV (the columns an import reads) and as an OCDS 1.1.5 release
 * package. The same filters as the register page; public, as the register is.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { type RegisterFilters, selectContractViews } from './contract-view.ts';
import { contractsCsv } from './csv-rules.ts';
import { releasePackage } from './ocds-rules.ts';

export async function exportContractsCsv(options: {
  db: Reader;
  actor: Actor;
  now: Date;
  filters: RegisterFilters;
}): Promise<{ fileName: string; csv: string }> {
  const { contracts } = await selectContractViews(
    options.db,
    options.actor,
    options.now,
    options.filters,
  );
  return { fileName: 'contracts-register.csv', csv: contractsCsv(contracts) };
}

export async function exportContractsOcds(options: {
  db: Reader;
  actor: Actor;
  now: Date;
  filters: RegisterFilters;
  publicUrl: string;
}) {
  const { contracts } = await selectContractViews(
    options.db,
    options.actor,
    options.now,
    options.filters,
  );
  return releasePackage({
    contracts,
    publishedDate: options.now.toISOString(),
    uri: `${options.publicUrl}/contracts.ocds.json`,
  });
}
