import { describe, expect, it } from 'vitest';
import { parseConstitution } from './constitution-validation.ts';
import { partnershipDocument } from './test-support.ts';

type Document = Record<string, unknown> & {
  seats: Array<Record<string, unknown>>;
  quorum: Record<string, unknown>;
  decisionMethods: Array<Record<string, unknown>>;
  disputes: { categories: Array<{ ladder: Array<Record<string, unknown>> }> };
  chair: Record<string, unknown>;
};

function documentWith(change: (document: Document) => void): Document {
  const document = partnershipDocument() as Document;
  change(document);
  return document;
}

function issuesOf(document: unknown) {
  const result = parseConstitution(document);
  if (result.ok) throw new Error('expected the constitution to be refused');
  return result.issues;
}

describe('parseConstitution', () => {
  it('accepts a well-formed constitution', () => {
    expect(parseConstitution(partnershipDocument()).ok).toBe(true);
  });

  it('refuses an unknown role in the quorum, with its path', () => {
    const issues = issuesOf(
      documentWith((document) => {
        document.quorum.rule = { atLeast: { count: 2, roles: ['trustee'] } };
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'unknown-reference',
        path: ['quorum', 'rule', 'atLeast', 'roles', 0],
        message: expect.stringContaining('unknown role "trustee"'),
      }),
    ]);
  });

  it('refuses a contradictory count (at least more than at most)', () => {
    const issues = issuesOf(
      documentWith((document) => {
        (document.seats[0] as Record<string, unknown>).count = { atLeast: 5, atMost: 3 };
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['seats', 0, 'count'],
        message: 'contradictory count: at least 5 but at most 3',
      }),
    ]);
  });

  it('refuses a per-sector count that cannot add up to the seat count', () => {
    const issues = issuesOf(
      documentWith((document) => {
        Object.assign(document.seats[0] as object, {
          count: { exactly: 3 },
          perSector: { exactly: 2 },
        });
      }),
    );
    expect(issues[0]).toMatchObject({
      code: 'contradiction',
      path: ['seats', 0, 'perSector'],
      message: expect.stringContaining('exactly 2 per sector across 2 sectors is exactly 4'),
    });
  });

  it('refuses a threshold above 1', () => {
    const issues = issuesOf(
      documentWith((document) => {
        (document.decisionMethods[4] as Record<string, unknown>).threshold = {
          numerator: 5,
          denominator: 4,
        };
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['decisionMethods', 4, 'threshold'],
        message: expect.stringContaining('a threshold cannot be above 1: 5/4'),
      }),
    ]);
  });

  it('refuses a ladder step naming a body that does not exist', () => {
    const issues = issuesOf(
      documentWith((document) => {
        const ladder = document.disputes.categories[1]?.ladder ?? [];
        (ladder[2] as Record<string, unknown>).by = 'health-ministry';
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'unknown-reference',
        path: ['disputes', 'categories', 1, 'ladder', 2, 'by'],
        message: expect.stringContaining('unknown body "health-ministry"'),
      }),
    ]);
  });

  it('refuses a seat nominated by a body that does not exist', () => {
    const issues = issuesOf(
      documentWith((document) => {
        (document.seats[0] as Record<string, unknown>).filledBy = {
          method: 'nominated',
          by: 'nobody',
        };
      }),
    );
    expect(issues[0]).toMatchObject({
      path: ['seats', 0, 'filledBy', 'by'],
      code: 'unknown-reference',
    });
  });

  it('refuses to let a body that may not decide be named as deciding', () => {
    const issues = issuesOf(
      documentWith((document) => {
        (document.decisionMethods[7] as Record<string, unknown>).decidedBy = ['support-unit'];
      }),
    );
    expect(issues[0]).toMatchObject({
      code: 'not-decision-making',
      path: ['decisionMethods', 7, 'decidedBy', 0],
      message: expect.stringContaining(
        'Support Unit cannot be named as deciding a reserved matter',
      ),
    });
  });

  it('refuses a quorum that can never be met', () => {
    const issues = issuesOf(
      documentWith((document) => {
        document.quorum.rule = { atLeast: { count: 5, roles: ['member'] } };
      }),
    );
    expect(issues[0]).toMatchObject({
      path: ['quorum', 'rule', 'atLeast', 'count'],
      message: 'the quorum can never be met: it needs at least 5 but the seats allow at most 4',
    });
  });

  it('refuses a clause that names no declared source', () => {
    const issues = issuesOf(
      documentWith((document) => {
        document.chair.clause = 'Standing Orders §3';
      }),
    );
    expect(issues[0]).toMatchObject({ code: 'unknown-source', path: ['chair', 'clause'] });
  });

  it('refuses sign-off anywhere but last and agreeing a process anywhere but first', () => {
    const issues = issuesOf(
      documentWith((document) => {
        const ladder = document.disputes.categories[1]?.ladder ?? [];
        ladder.reverse();
      }),
    );
    expect(issues.map((issue) => issue.code)).toEqual(['ladder-order', 'ladder-order']);
  });

  it('refuses duplicate seat roles', () => {
    const issues = issuesOf(
      documentWith((document) => {
        document.seats.push({ ...(document.seats[0] as object) });
      }),
    );
    expect(issues[0]).toMatchObject({ code: 'duplicate-id', path: ['seats', 3, 'role'] });
  });

  it('names the unknown quorum condition and the forms allowed', () => {
    const issues = issuesOf(
      documentWith((document) => {
        document.quorum.rule = { allOf: [{ chairPresent: true }, { mostMembers: true }] };
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['quorum', 'rule', 'allOf', 1],
        message: expect.stringMatching(
          /not a recognised form \(mostMembers\): expected one of allOf, anyOf, chairPresent/,
        ),
      }),
    ]);
  });

  it('follows the branch meant inside a quorum expression', () => {
    const issues = issuesOf(
      documentWith((document) => {
        document.quorum.rule = { allOf: [{ atLeast: { count: 0, roles: ['member'] } }] };
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ path: ['quorum', 'rule', 'allOf', 0, 'atLeast', 'count'] }),
    ]);
  });

  it('reports missing and unknown fields by name', () => {
    const issues = issuesOf(
      documentWith((document) => {
        delete document.meetings;
        document.colour = 'blue';
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['meetings'],
          message: 'missing required field "meetings"',
        }),
        expect.objectContaining({ path: ['colour'], message: 'unknown field "colour"' }),
      ]),
    );
  });

  it('refuses an ex officio chair whose seat can have more than one holder', () => {
    const issues = issuesOf(
      documentWith((document) => {
        document.chair.selection = { method: 'exOfficio', role: 'member' };
      }),
    );
    expect(issues[0]).toMatchObject({
      code: 'contradiction',
      path: ['chair', 'selection', 'role'],
    });
  });

  it('refuses a review date before the effective date', () => {
    const issues = issuesOf(
      documentWith((document) => {
        (document.review as Record<string, unknown>).date = '2019-12-31';
      }),
    );
    expect(issues[0]).toMatchObject({ path: ['review', 'date'] });
  });

  it('refuses a per-sector quorum over seats not tied to a sector', () => {
    const issues = issuesOf(
      documentWith((document) => {
        document.quorum.rule = { atLeastOnePerSector: { roles: ['lay-member'] } };
      }),
    );
    expect(issues[0]?.message).toContain('not tied to a sector');
  });
});
