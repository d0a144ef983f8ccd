/**
 * One specification as a page or the API shows it: its versions with status, author, date and
 * approval; the quality-assurance reviews (signed-in readers); good practice; and where each
 * version is used — the London commissioning intentions and the lead commissioning arrangements.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { notFound } from '../shared/problems.ts';
import {
  type ReviewRecord,
  selectGoodPractice,
  selectOrganisationChoices,
  selectReviews,
  selectSpecification,
  selectVersions,
  selectVersionUses,
  type VersionRecord,
} from './specification-queries.ts';
import { isPublicStatus, mayMaintainLibrary, seesDrafts } from './specification-reader.ts';
import {
  latestReview,
  libraryClauses,
  londonServiceAreas,
  outcomeInWords,
  standardsAsLines,
  statusInWords,
} from './specification-rules.ts';

/** "2008-09", as the commissioning slices write a round's year in paths and pages. */
export function roundYear(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function reviewInWords(review: ReviewRecord, seesReviews: boolean) {
  return {
    outcome: review.outcome,
    outcomeText: outcomeInWords(review.outcome),
    reviewerName: review.reviewerName,
    reviewedOn: review.reviewedOn,
    comments: seesReviews ? review.comments : null,
    recordedBy: review.recordedBy,
  };
}

/** The versions a reader may see, with what the pages say of each. */
export async function visibleVersions(db: Reader, actor: Actor, specificationId: string) {
  const drafts = seesDrafts(actor);
  const all = await selectVersions(db, specificationId);
  const versions = all.filter((version) => drafts || isPublicStatus(version.status));
  // The public sees who signed a published version off, and when; not the reviewers' comments.
  const reviews = (
    await selectReviews(
      db,
      versions.map((version) => version.id),
    )
  ).filter((review) => drafts || review.outcome === 'signed-off');
  const uses = await selectVersionUses(
    db,
    versions.map((version) => version.id),
  );
  const describe = (version: VersionRecord) => {
    const own = reviews.filter((review) => review.versionId === version.id);
    const latest = latestReview(own);
    const signedOff = latest?.outcome === 'signed-off';
    return {
      id: version.id,
      version: version.version,
      status: version.status,
      statusText: statusInWords(version.status, signedOff),
      signedOff,
      /** The sign-off the version rests on: its latest review, when that signed it off. */
      signOff:
        latest && signedOff
          ? { reviewerName: latest.reviewerName, reviewedOn: latest.reviewedOn }
          : null,
      scope: version.scope,
      outcomes: version.outcomes,
      standards: version.standards,
      authorName: version.authorName,
      writtenOn: version.writtenOn,
      approvedOn: version.approvedOn,
      approvedBy: version.approvedBy,
      reviews: own.map((review) => reviewInWords(review, drafts)),
      usedBy: {
        intentions: uses.intentions
          .filter((use) => use.versionId === version.id)
          .map((use) => ({
            title: use.title,
            round: roundYear(use.startYear).replace('-', '/'),
            href: `/bodies/${use.bodySlug}/commissioning-rounds/${roundYear(use.startYear)}/intentions`,
            bodyTitle: use.bodyTitle,
          })),
        arrangements: uses.arrangements
          .filter((use) => use.versionId === version.id)
          .map((use) => ({
            service: use.service,
            providerName: use.providerName,
            leadName: use.leadName,
            round: roundYear(use.startYear).replace('-', '/'),
            stage: use.stage,
            href: `/lead-commissioning/${use.arrangementId}`,
          })),
      },
    };
  };
  return { all, versions: versions.map(describe) };
}

export async function getSpecification(options: {
  db: Reader;
  actor: Actor;
  specificationId: string;
}) {
  const { db, actor, specificationId } = options;
  const specification = await selectSpecification(db, specificationId);
  if (!specification) throw notFound('specification', specificationId);
  const { all, versions } = await visibleVersions(db, actor, specificationId);
  // The public sees a specification once a version is approved; before that it is not published.
  if (versions.length === 0 && !seesDrafts(actor)) throw notFound('specification', specificationId);
  const mayMaintain = mayMaintainLibrary(actor);
  const latest = all.at(-1);
  const approved = versions.find((version) => version.status === 'approved') ?? null;
  const goodPractice = await selectGoodPractice(db, specificationId);
  return {
    id: specification.id,
    title: specification.title,
    serviceArea: specification.serviceArea,
    keptBy: specification.bodyTitle,
    clause: libraryClauses.specifications,
    goodPracticeClause: libraryClauses.goodPractice,
    approvedVersion: approved?.version ?? null,
    versions: [...versions].reverse(),
    goodPractice: goodPractice.map((example) => ({
      title: example.title,
      summary: example.summary,
      link: example.link,
      organisationName: example.organisationName,
    })),
    mayMaintain,
    /** What the drafting form starts from: the latest version's text. */
    draftFrom:
      mayMaintain && latest
        ? {
            version: latest.version,
            status: latest.status,
            revisesInPlace: latest.status === 'draft',
            blocked: latest.status === 'in-review',
            scope: latest.scope,
            outcomes: latest.outcomes,
            standards: standardsAsLines(latest.standards),
          }
        : null,
    organisations: mayMaintain ? await selectOrganisationChoices(db) : [],
    suggestedServiceAreas: [...londonServiceAreas],
  };
}
