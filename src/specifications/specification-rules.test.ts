import { describe, expect, it } from 'vitest';
import {
  approvalMoves,
  approvalRefusal,
  compareVersions,
  isSamePerson,
  planDraft,
  reviewRefusals,
  standardsFromLines,
  statusAfterReview,
  submissionRefusal,
  type VersionFacts,
} from './specification-rules.ts';

const version = (overrides: Partial<VersionFacts> = {}): VersionFacts => ({
  id: 'v1',
  version: 1,
  status: 'in-review',
  authorPersonId: 'person-author',
  authorName: 'Dr Hannah Okafor',
  writtenOn: '2008-01-10',
  ...overrides,
});
const signedOff = {
  outcome: 'signed-off' as const,
  reviewedOn: '2008-02-01',
  recordedAt: new Date('2008-02-01T10:00:00Z'),
};
const changesNeeded = {
  outcome: 'changes-needed' as const,
  reviewedOn: '2008-01-20',
  recordedAt: new Date('2008-01-20T10:00:00Z'),
};
const reviewer = { personId: 'person-reviewer', name: 'Mr Peter Lindqvist' };

describe('status moves: draft → in review → approved (2006 §3.1(b))', () => {
  it('drafts version 1 of a new specification, revises a draft in place, and numbers the next after approval', () => {
    expect(planDraft([])).toEqual({ kind: 'new', version: 1 });
    expect(planDraft([version({ status: 'draft' })])).toEqual({
      kind: 'revise',
      versionId: 'v1',
      version: 1,
    });
    expect(planDraft([version({ status: 'approved' })])).toEqual({ kind: 'new', version: 2 });
    expect(
      planDraft([
        version({ status: 'superseded' }),
        version({ id: 'v2', version: 2, status: 'approved' }),
      ]),
    ).toEqual({ kind: 'new', version: 3 });
  });

  it('leaves a version in review alone until its review is recorded', () => {
    const plan = planDraft([version({ status: 'in-review' })]);
    expect(plan.kind).toBe('refused');
    if (plan.kind === 'refused') expect(plan.refusal.message).toContain('2006 §3.1(b)');
  });

  it('submits only a draft', () => {
    expect(submissionRefusal(version({ status: 'draft' }))).toBeUndefined();
    expect(submissionRefusal(version({ status: 'approved' }))?.rule).toBe(
      'only a draft is submitted for review',
    );
  });

  it('a review asking for changes sends the version back to draft; a sign-off leaves it for approval', () => {
    expect(statusAfterReview('changes-needed')).toBe('draft');
    expect(statusAfterReview('signed-off')).toBe('in-review');
  });

  it('approving a new version supersedes the one approved before', () => {
    const versions = [
      version({ status: 'superseded' }),
      version({ id: 'v2', version: 2, status: 'approved' }),
      version({ id: 'v3', version: 3, status: 'in-review' }),
    ];
    expect(approvalMoves(versions, 'v3')).toEqual([
      { versionId: 'v2', version: 2, from: 'approved', to: 'superseded' },
      { versionId: 'v3', version: 3, from: 'in-review', to: 'approved' },
    ]);
  });
});

describe('approval only of a version signed off by quality assurance', () => {
  it('approves a version whose latest review signed it off', () => {
    expect(approvalRefusal(version(), [signedOff], '2008-02-05')).toBeUndefined();
    expect(approvalRefusal(version(), [changesNeeded, signedOff], '2008-02-05')).toBeUndefined();
  });

  it('refuses an approval of an unreviewed specification, naming 2006 §3.1(b)', () => {
    for (const [facts, reviews] of [
      [version(), []],
      [version({ status: 'draft' }), []],
      [version(), [signedOff, { ...changesNeeded, recordedAt: new Date('2008-03-01') }]],
      [version({ status: 'approved' }), [signedOff]],
    ] as const) {
      const refusal = approvalRefusal(facts, reviews, '2008-03-05');
      expect(refusal?.rule).toBe('an approval of an unreviewed specification');
      expect(refusal?.clause).toBe('2006 §3.1(b)');
      expect(refusal?.message).toContain('An approval of an unreviewed specification is refused');
    }
  });

  it('refuses an approval dated before the sign-off', () => {
    expect(approvalRefusal(version(), [signedOff], '2008-01-31')?.rule).toBe(
      'approval follows sign-off',
    );
  });
});

describe('the reviewer is never the version’s author, nor the account that drafted it', () => {
  const reviewerAccount = 'account-reviewer';

  it('accepts a review by someone else', () => {
    expect(
      reviewRefusals(version({ draftedBy: 'account-drafter' }), {
        reviewer,
        reviewerAccount,
        reviewedOn: '2008-02-01',
      }),
    ).toEqual([]);
  });

  it('refuses the author reviewing, by person or by name', () => {
    for (const review of [
      { reviewer: { personId: 'person-author', name: 'H. Okafor' }, reviewerAccount },
      { reviewer: { personId: null, name: '  dr hannah  okafor ' }, reviewerAccount },
    ]) {
      const refusals = reviewRefusals(version(), { ...review, reviewedOn: '2008-02-01' });
      expect(refusals.map((refusal) => refusal.rule)).toEqual([
        'the reviewer is never the version’s author',
      ]);
      expect(refusals[0]?.message).toContain('2006 §3.1(b)');
    }
  });

  it('refuses the account that drafted the version, whoever it named as author', () => {
    const refusals = reviewRefusals(version({ draftedBy: reviewerAccount }), {
      reviewer,
      reviewerAccount,
      reviewedOn: '2008-02-01',
    });
    expect(refusals.map((refusal) => refusal.rule)).toEqual([
      'the reviewer never drafted the version',
    ]);
    expect(refusals[0]?.message).toContain('2006 §3.1(b)');
  });

  it('reviews only a version in review, and not before it was written', () => {
    const refusals = reviewRefusals(version({ status: 'draft' }), {
      reviewer,
      reviewerAccount,
      reviewedOn: '2008-01-01',
    });
    expect(refusals.map((refusal) => refusal.rule)).toEqual([
      'only a version in review is reviewed',
      'a review comes after the writing',
    ]);
  });

  it('compares people by registry person where both are known, else by name', () => {
    expect(isSamePerson({ personId: 'a', name: 'X' }, { personId: 'a', name: 'Y' })).toBe(true);
    expect(isSamePerson({ personId: 'a', name: 'X' }, { personId: 'b', name: 'x' })).toBe(true);
    expect(isSamePerson({ personId: null, name: 'X' }, { personId: 'b', name: 'Z' })).toBe(false);
  });
});

describe('cited standards and comparing versions', () => {
  it('reads standards one a line, reference then title', () => {
    expect(
      standardsFromLines(
        'NICE CG68: Stroke: diagnosis and initial management\n\nNSF for Diabetes – Standards\nno separator',
      ),
    ).toEqual({
      standards: [
        { reference: 'NICE CG68', title: 'Stroke: diagnosis and initial management' },
        { reference: 'NSF for Diabetes', title: 'Standards' },
      ],
      problems: [expect.stringContaining('Line 4')],
    });
  });

  it('says which paragraphs and standards were added and removed', () => {
    const before = {
      scope: 'Adults with suspected stroke.\nTransfer within 30 minutes.',
      outcomes: 'Thrombolysis within 3 hours.',
      standards: [{ reference: 'NICE CG68', title: 'Stroke' }],
    };
    const after = {
      scope: 'Adults with suspected stroke.\nTransfer within 20 minutes.',
      outcomes: 'Thrombolysis within 3 hours.',
      standards: [
        { reference: 'NICE CG68', title: 'Stroke' },
        { reference: 'National Stroke Strategy', title: '2007' },
      ],
    };
    expect(compareVersions(before, after)).toEqual({
      scope: [
        { change: 'removed', text: 'Transfer within 30 minutes.' },
        { change: 'added', text: 'Transfer within 20 minutes.' },
      ],
      outcomes: [],
      standards: [{ change: 'added', text: 'National Stroke Strategy: 2007' }],
      unchanged: false,
    });
    expect(compareVersions(before, before).unchanged).toBe(true);
  });
});
