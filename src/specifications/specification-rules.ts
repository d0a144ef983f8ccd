/**
 * The rules of the service specification library, pure: how a version's status moves, when a
 * version may be approved and who may review it. Each refusal names the rule it breaks and its
 * clause (2006 §3.1(b): "Service specifications, standards of clinical effectiveness, quality
 * assurance"; 2008 terms of reference, Commissioning development: "Facilitate the development of
 * good commissioning practice across London PCTs, e.g. demand management initiatives, design of
 * A&E services").
 */
import type { CitedStandard } from '../db/schema/specifications.ts';

export type VersionStatus = 'draft' | 'in-review' | 'approved' | 'superseded';
export type ReviewOutcome = 'signed-off' | 'changes-needed';

export const reviewOutcomes = ['signed-off', 'changes-needed'] as const;

/** The clauses the library rests on, quoted from the source documents. */
export const libraryClauses = {
  specifications: {
    clause: '2006 §3.1(b)',
    text: 'Service specifications, standards of clinical effectiveness, quality assurance',
  },
  goodPractice: {
    clause: '2008 terms of reference, Commissioning development',
    text: 'Facilitate the development of good commissioning practice across London PCTs, e.g. demand management initiatives, design of A&E services',
  },
} as const;

/** The twelve London service areas the demo and the forms suggest (the slices share them). */
export const londonServiceAreas = [
  'Stroke',
  'Major trauma',
  'Urgent care',
  'Polyclinics and primary care',
  'Maternity and newborn',
  'Mental health',
  'End of life care',
  'Diabetes',
  'Chronic obstructive pulmonary disease',
  'Planned care',
  'Staying healthy',
  'Children and young people',
] as const;

export interface Refusal {
  field: string;
  rule: string;
  clause: string;
  message: string;
}

export interface VersionFacts {
  id: string;
  version: number;
  status: VersionStatus;
  authorPersonId: string | null;
  authorName: string;
  /** The account that drafted the text; null when not known. */
  draftedBy?: string | null;
  writtenOn: string;
}

export interface ReviewFacts {
  outcome: ReviewOutcome;
  reviewedOn: string;
  recordedAt: Date;
}

/** Someone named in the library: by their person in the registry where known, and by name. */
export interface Named {
  personId: string | null;
  name: string;
}

const clause = libraryClauses.specifications.clause;

const normalName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The same person: the same registry person where both are known, or the same name. */
export function isSamePerson(first: Named, second: Named): boolean {
  if (first.personId && second.personId && first.personId === second.personId) return true;
  return normalName(first.name) === normalName(second.name);
}

/** The status in words, as the pages say it. */
export function statusInWords(status: VersionStatus, signedOff = false): string {
  switch (status) {
    case 'draft':
      return 'Draft';
    case 'in-review':
      return signedOff ? 'Signed off by quality assurance, awaiting approval' : 'In review';
    case 'approved':
      return 'Approved';
    case 'superseded':
      return 'Superseded';
  }
}

export function outcomeInWords(outcome: ReviewOutcome): string {
  return outcome === 'signed-off' ? 'Signed off' : 'Changes needed';
}

/** The latest review of a version, by when it was recorded. */
export function latestReview<T extends ReviewFacts>(reviews: readonly T[]): T | undefined {
  return [...reviews].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime()).at(-1);
}

export type DraftPlan =
  | { kind: 'new'; version: number }
  | { kind: 'revise'; versionId: string; version: number }
  | { kind: 'refused'; refusal: Refusal };

/**
 * What drafting does, given the specification's versions: a draft is revised in place (drafts are
 * used by no one); after an approved (or no) version, the next number is a new draft; a version in
 * review is left alone until its review is recorded.
 */
export function planDraft(versions: readonly VersionFacts[]): DraftPlan {
  const latest = [...versions].sort((a, b) => a.version - b.version).at(-1);
  if (!latest) return { kind: 'new', version: 1 };
  if (latest.status === 'draft') {
    return { kind: 'revise', versionId: latest.id, version: latest.version };
  }
  if (latest.status === 'in-review') {
    return {
      kind: 'refused',
      refusal: {
        field: 'scope',
        rule: 'a version in review is not redrafted',
        clause,
        message: `Version ${latest.version} is in quality-assurance review: record its review first; a review asking for changes returns it to draft (${clause}: quality assurance).`,
      },
    };
  }
  return { kind: 'new', version: latest.version + 1 };
}

/** Only a draft is submitted for quality-assurance review. */
export function submissionRefusal(version: VersionFacts): Refusal | undefined {
  if (version.status === 'draft') return undefined;
  return {
    field: 'version',
    rule: 'only a draft is submitted for review',
    clause,
    message: `Version ${version.version} is ${statusInWords(version.status).toLowerCase()}: only a draft is submitted for quality-assurance review (${clause}).`,
  };
}

/**
 * Recording a review: the version must be in review, reviewed on or after it was written, and the
 * reviewer — and whoever records the review — never its author (quality assurance is independent).
 */
export function reviewRefusals(
  version: VersionFacts,
  review: { reviewer: Named; reviewerAccount: string | null; reviewedOn: string },
): Refusal[] {
  const refusals: Refusal[] = [];
  if (version.status !== 'in-review') {
    refusals.push({
      field: 'outcome',
      rule: 'only a version in review is reviewed',
      clause,
      message: `Version ${version.version} is ${statusInWords(version.status).toLowerCase()}: submit it for quality-assurance review before recording a review (${clause}).`,
    });
  }
  const author = { personId: version.authorPersonId, name: version.authorName };
  // The reviewer is the account recording the review: never the author, nor whoever drafted it.
  if (isSamePerson(review.reviewer, author)) {
    refusals.push({
      field: 'outcome',
      rule: 'the reviewer is never the version’s author',
      clause,
      message: `${version.authorName} wrote version ${version.version}, so cannot review it: quality assurance is done by someone else (${clause}: “quality assurance”).`,
    });
  } else if (review.reviewerAccount && review.reviewerAccount === version.draftedBy) {
    refusals.push({
      field: 'outcome',
      rule: 'the reviewer never drafted the version',
      clause,
      message: `You drafted version ${version.version}, so cannot review it: quality assurance is done by someone else (${clause}: “quality assurance”).`,
    });
  }
  if (review.reviewedOn < version.writtenOn) {
    refusals.push({
      field: 'reviewedOn',
      rule: 'a review comes after the writing',
      clause,
      message: `A review cannot be dated before the version was written (${version.writtenOn}).`,
    });
  }
  return refusals;
}

/** After a review: signed off, the version waits for approval; changes needed, it is a draft again. */
export function statusAfterReview(outcome: ReviewOutcome): VersionStatus {
  return outcome === 'signed-off' ? 'in-review' : 'draft';
}

/**
 * Approval: only of a version in review whose latest review signed it off, on or after that
 * sign-off (2006 §3.1(b): an approval of an unreviewed specification is refused).
 */
export function approvalRefusal(
  version: VersionFacts,
  reviews: readonly ReviewFacts[],
  approvedOn: string,
): Refusal | undefined {
  const latest = latestReview(reviews);
  if (version.status !== 'in-review' || latest?.outcome !== 'signed-off') {
    const why =
      version.status === 'approved' || version.status === 'superseded'
        ? `version ${version.version} was already approved`
        : latest?.outcome === 'changes-needed'
          ? `its latest review asked for changes`
          : version.status === 'draft'
            ? `version ${version.version} is a draft that has not been submitted for review`
            : `version ${version.version} has not been signed off by quality assurance`;
    return {
      field: 'approvedOn',
      rule: 'an approval of an unreviewed specification',
      clause,
      message: `An approval of an unreviewed specification is refused: ${why}. Only a version signed off by quality assurance may be approved (${clause}: “Service specifications, standards of clinical effectiveness, quality assurance”).`,
    };
  }
  if (approvedOn < latest.reviewedOn) {
    return {
      field: 'approvedOn',
      rule: 'approval follows sign-off',
      clause,
      message: `The approval cannot be dated before the quality-assurance sign-off (${latest.reviewedOn}).`,
    };
  }
  return undefined;
}

export interface StatusMove {
  versionId: string;
  version: number;
  from: VersionStatus;
  to: VersionStatus;
}

/** Approving a version supersedes the version approved before it. */
export function approvalMoves(versions: readonly VersionFacts[], versionId: string): StatusMove[] {
  return versions.flatMap((candidate): StatusMove[] => {
    if (candidate.id === versionId) {
      return [{ versionId, version: candidate.version, from: candidate.status, to: 'approved' }];
    }
    if (candidate.status === 'approved') {
      return [
        {
          versionId: candidate.id,
          version: candidate.version,
          from: 'approved',
          to: 'superseded',
        },
      ];
    }
    return [];
  });
}

/**
 * Cited standards typed one a line, "NICE CG68: Stroke: diagnosis and initial management": the
 * reference before the first colon or dash, the title after it. A line with neither is refused.
 */
export function standardsFromLines(text: string): {
  standards: CitedStandard[];
  problems: string[];
} {
  const standards: CitedStandard[] = [];
  const problems: string[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^(.+?)\s*(?::|\s[–—-]\s)\s*(.+)$/.exec(line);
    if (!match) {
      problems.push(
        `Line ${index + 1} (“${line.slice(0, 60)}”): write the reference, a colon, then the title, as “NICE CG68: Stroke”.`,
      );
      continue;
    }
    standards.push({ reference: match[1]!.trim(), title: match[2]!.trim() });
  }
  return { standards, problems };
}

export function standardsAsLines(standards: readonly CitedStandard[]): string {
  return standards.map((standard) => `${standard.reference}: ${standard.title}`).join('\n');
}

export interface TextChange {
  change: 'added' | 'removed';
  text: string;
}

export interface VersionComparison {
  scope: TextChange[];
  outcomes: TextChange[];
  standards: TextChange[];
  unchanged: boolean;
}

/** Paragraphs (or lines) of a text, as compared. */
const paragraphsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

function compareLists(before: readonly string[], after: readonly string[]): TextChange[] {
  const kept = new Set(before);
  const now = new Set(after);
  return [
    ...before
      .filter((line) => !now.has(line))
      .map((text) => ({ change: 'removed' as const, text })),
    ...after.filter((line) => !kept.has(line)).map((text) => ({ change: 'added' as const, text })),
  ];
}

/**
 * What changed from one version to the next, in words: each paragraph of scope and outcomes
 * removed or added, and each cited standard dropped or newly cited.
 */
export function compareVersions(
  before: { scope: string; outcomes: string; standards: readonly CitedStandard[] },
  after: { scope: string; outcomes: string; standards: readonly CitedStandard[] },
): VersionComparison {
  const cited = (standards: readonly CitedStandard[]) =>
    standards.map((standard) => `${standard.reference}: ${standard.title}`);
  const scope = compareLists(paragraphsOf(before.scope), paragraphsOf(after.scope));
  const outcomes = compareLists(paragraphsOf(before.outcomes), paragraphsOf(after.outcomes));
  const standards = compareLists(cited(before.standards), cited(after.standards));
  return {
    scope,
    outcomes,
    standards,
    unchanged: scope.length + outcomes.length + standards.length === 0,
  };
}
