/**
 * Read model: the published London prospectus, exactly as the snapshot kept at publication. Before
 * publication there is no prospectus to read: the page and the PDF are 404 to everyone.
 */
import type { Database } from '../db/connection.ts';
import { ProblemError } from '../shared/problems.ts';
import { loadRound, type RoundAddress } from './intention-access.ts';
import { roundYearText } from './intention-rules.ts';
import { type ProspectusSnapshot, withoutQuoted } from './publish-prospectus.ts';

export interface ProspectusView {
  body: { slug: string; title: string };
  yearParameter: string;
  prospectus: ProspectusSnapshot;
}

export async function getProspectus(
  options: RoundAddress & { db: Database },
): Promise<ProspectusView> {
  const round = await loadRound(options.db, options);
  if (round.status !== 'published' || round.prospectus === null) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `The London commissioning prospectus ${roundYearText(round.startYear)} has not been published.`,
    });
  }
  const prospectus = round.prospectus as ProspectusSnapshot;
  return {
    body: { slug: round.bodySlug, title: round.bodyTitle },
    yearParameter: options.year,
    // Snapshots published before the agreement's clause was left out of the list quote it twice.
    prospectus: {
      ...prospectus,
      clauses: withoutQuoted(prospectus.clauses, prospectus.agreement?.clause),
    },
  };
}
