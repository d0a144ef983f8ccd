/**
 * The approved version of each specification, for the other slices' selects (an intention's or a
 * lead commissioning arrangement's specification), labelled as a page shows it.
 */
import type { Reader } from '../db/connection.ts';
import { selectApprovedVersions } from './specification-queries.ts';

export interface ApprovedVersion {
  versionId: string;
  specificationId: string;
  title: string;
  serviceArea: string;
  version: number;
  approvedOn: string | null;
  /** "Hyper-acute stroke unit, version 2 (Stroke)". */
  label: string;
}

export async function listApprovedVersions(reader: Reader): Promise<ApprovedVersion[]> {
  const rows = await selectApprovedVersions(reader);
  return rows.map((row) => ({
    ...row,
    label: `${row.title}, version ${row.version} (${row.serviceArea})`,
  }));
}
