/**
 * One version of a specification: its full text, status, reviews, where it is used, and what
 * changed from the version before it, in words (as terms of reference versions are compared).
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { selectSpecification } from './specification-queries.ts';
import { mayMaintainLibrary, seesDrafts } from './specification-reader.ts';
import { compareVersions, libraryClauses } from './specification-rules.ts';
import { visibleVersions } from './specification-view.ts';

function noSuchVersion(version: number) {
  return new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'Not found',
    detail: `No published version ${version} of this specification was found.`,
  });
}

export async function getVersion(options: {
  db: Reader;
  actor: Actor;
  specificationId: string;
  version: number;
}) {
  const { db, actor, specificationId, version } = options;
  const specification = await selectSpecification(db, specificationId);
  if (!specification) throw noSuchVersion(version);
  const { versions } = await visibleVersions(db, actor, specificationId);
  const index = versions.findIndex((candidate) => candidate.version === version);
  const shown = versions[index];
  if (!shown) throw noSuchVersion(version);
  const previous = index > 0 ? versions[index - 1] : undefined;
  const mayMaintain = mayMaintainLibrary(actor);
  return {
    specification: {
      id: specification.id,
      title: specification.title,
      serviceArea: specification.serviceArea,
      keptBy: specification.bodyTitle,
    },
    clause: libraryClauses.specifications,
    ...shown,
    comparedWith: previous
      ? {
          version: previous.version,
          ...compareVersions(previous, shown),
        }
      : null,
    signedIn: seesDrafts(actor),
    maySubmit: mayMaintain && shown.status === 'draft',
    mayReview: mayMaintain && shown.status === 'in-review' && !shown.signedOff,
    // Offered only once the latest review signed it off: approving anything else is refused.
    mayApprove: mayMaintain && shown.status === 'in-review' && shown.signedOff,
  };
}
