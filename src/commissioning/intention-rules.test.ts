import { describe, expect, it } from 'vitest';
import {
  agreedByAnotherBody,
  editRefusal,
  fitOf,
  overlapsOf,
  type PriorityFact,
  publishRefusal,
  putToGroupRefusal,
  raisedBy,
  readAgreement,
  roundYearParameter,
  roundYearText,
  startConsolidationRefusal,
  startYearOf,
  unconsolidatedPriorities,
} from './intention-rules.ts';

const pct = (name: string, sectorName: string) => ({
  kind: 'pct' as const,
  name,
  sectorId: sectorName.toLowerCase().replace(' ', '-'),
  sectorName,
});

const priorities: PriorityFact[] = [
  {
    id: 'p1',
    title: 'Stroke units',
    serviceArea: 'Stroke',
    submitter: pct('Brent Teaching PCT', 'North West'),
  },
  {
    id: 'p2',
    title: 'Stroke rehab',
    serviceArea: 'Stroke',
    submitter: pct('Ealing PCT', 'North West'),
  },
  {
    id: 'p3',
    title: 'Thrombolysis',
    serviceArea: 'Stroke',
    submitter: pct('Bexley Care Trust', 'South East'),
  },
  {
    id: 'p4',
    title: 'A stroke network',
    serviceArea: 'Stroke',
    submitter: {
      kind: 'group',
      name: 'North East London Local Commissioning Group',
      sectorId: 'north-east',
      sectorName: 'North East',
    },
  },
  {
    id: 'p5',
    title: 'Diabetes education',
    serviceArea: 'Diabetes',
    submitter: pct('Brent Teaching PCT', 'North West'),
  },
  {
    id: 'p6',
    title: 'Birth centres',
    serviceArea: 'Maternity and newborn',
    submitter: pct('Croydon PCT', 'South West'),
  },
];

describe('2006 §104: "to form the basis of annual London wide Commissioning Intentions" — who raised each', () => {
  it('names the PCTs, local groups and sectors behind an intention, once each, in order', () => {
    expect(raisedBy({ id: 'i1', sourcePriorityIds: ['p3', 'p1', 'p2', 'p4'] }, priorities)).toEqual(
      {
        primaryCareTrusts: ['Bexley Care Trust', 'Brent Teaching PCT', 'Ealing PCT'],
        localGroups: ['North East London Local Commissioning Group'],
        sectors: ['North East', 'North West', 'South East'],
        isOverlap: true,
      },
    );
  });

  it('is an overlap when two PCTs of one sector raise it, and not when one PCT does', () => {
    expect(raisedBy({ id: 'i', sourcePriorityIds: ['p1', 'p2'] }, priorities)).toMatchObject({
      sectors: ['North West'],
      isOverlap: true,
    });
    expect(raisedBy({ id: 'i', sourcePriorityIds: ['p5'] }, priorities).isOverlap).toBe(false);
  });

  it('lists the overlaps with the sectors that share them', () => {
    const intentions = [
      { id: 'stroke', sourcePriorityIds: ['p1', 'p3'] },
      { id: 'diabetes', sourcePriorityIds: ['p5'] },
    ];
    expect(overlapsOf(intentions, priorities)).toEqual([
      { intentionId: 'stroke', submitters: 2, sectors: ['North West', 'South East'] },
    ]);
  });

  it('keeps every priority no intention consolidates, so nothing a PCT sent is lost', () => {
    const left = unconsolidatedPriorities(priorities, [
      { id: 'stroke', sourcePriorityIds: ['p1', 'p2', 'p3', 'p4'] },
    ]);
    expect(left.map((priority) => priority.id)).toEqual(['p5', 'p6']);
  });
});

describe('the round’s status governs what may change', () => {
  it('starts consolidation only from an open round', () => {
    expect(startConsolidationRefusal('open')).toBeUndefined();
    expect(startConsolidationRefusal('consolidating')?.message).toContain('2006 §104');
  });

  it('refuses consolidation before the returns are due while any PCT or local group has not returned', () => {
    const early = {
      today: '2007-10-20',
      submissionsDueOn: '2007-10-31',
      pctsNotReturned: 3,
      localGroupsNotReturned: 1,
    };
    const refusal = startConsolidationRefusal('open', early);
    expect(refusal?.status).toBe(409);
    expect(refusal?.message).toContain('31 October 2007');
    expect(refusal?.message).toContain('3 PCTs and 1 local group');
    expect(refusal?.message).toContain('2006 §104');
    expect(refusal?.message).toContain('with input from all London PCTs');
    expect(
      startConsolidationRefusal('open', {
        ...early,
        pctsNotReturned: 0,
        localGroupsNotReturned: 0,
      }),
    ).toBeUndefined();
    expect(startConsolidationRefusal('open', { ...early, today: '2007-10-31' })).toBeUndefined();
    expect(startConsolidationRefusal('open', { ...early, today: '2007-11-04' })).toBeUndefined();
  });

  it('lets intentions change only while consolidating; frozen once put to the London group', () => {
    expect(editRefusal('consolidating')).toBeUndefined();
    expect(editRefusal('open')?.message).toContain('start consolidation');
    expect(editRefusal('put-to-group')?.message).toContain('frozen');
    expect(editRefusal('published')?.message).toContain(
      '2008 §Key responsibilities, Business development',
    );
  });

  it('puts intentions to the group only when there are some', () => {
    expect(putToGroupRefusal('consolidating', 0)?.field).toBe('intentions');
    expect(putToGroupRefusal('consolidating', 3)).toBeUndefined();
  });

  it('2008 Business development: "developing the London ‘prospectus’" — publishes only agreed intentions, once', () => {
    expect(publishRefusal('agreed')).toBeUndefined();
    expect(publishRefusal('put-to-group')?.message).toContain('record the group’s agreement first');
    expect(publishRefusal('published')?.message).toContain('already published');
  });
});

describe('what the London group’s question means for the intentions', () => {
  it('agrees them on carried or consensus', () => {
    expect(readAgreement({ status: 'closed', outcome: 'consensus' })).toEqual({ kind: 'agreed' });
    expect(readAgreement({ status: 'closed', outcome: 'carried' })).toEqual({ kind: 'agreed' });
  });

  it('sends them back on advice, no consensus, not carried or inquorate', () => {
    for (const outcome of ['advice', 'noConsensus', 'notCarried', 'inquorate']) {
      expect(readAgreement({ status: 'closed', outcome }).kind).toBe('not-agreed');
    }
  });

  it('waits while the question is open or tied', () => {
    expect(readAgreement({ status: 'open', outcome: null }).kind).toBe('undecided');
    expect(readAgreement({ status: 'closed', outcome: 'castingVoteRequired' }).kind).toBe(
      'undecided',
    );
  });

  it('refuses intentions agreed by anyone but the London group, naming both bodies and the clauses', () => {
    const refusal = agreedByAnotherBody(
      'North East London Local Commissioning Group',
      'London Commissioning Group',
    );
    expect(refusal.message).toContain('Intentions agreed by anyone but the London group');
    expect(refusal.message).toContain('North East London Local Commissioning Group');
    expect(refusal.message).toContain('2006 §104');
  });
});

describe('2006 §104: "ensure that there is ‘fit’ between local plans"', () => {
  const intentions = [{ id: 'stroke' }, { id: 'diabetes' }, { id: 'maternity' }];
  const pcts = [{ id: 'brent' }, { id: 'ealing' }, { id: 'croydon' }];
  const fit = fitOf(intentions, pcts, [
    {
      organisationId: 'brent',
      intentionIds: ['stroke', 'diabetes'],
      ownLines: [{ title: 'Health visiting' }],
    },
    { organisationId: 'ealing', intentionIds: ['stroke', 'diabetes', 'maternity'], ownLines: [] },
  ]);

  it('finds each PCT’s gaps (London intentions not planned for) and divergences (its own lines)', () => {
    expect(fit.pcts[0]).toEqual({
      pct: { id: 'brent' },
      hasPlan: true,
      gaps: ['maternity'],
      divergences: ['Health visiting'],
    });
    expect(fit.pcts[1]).toMatchObject({ gaps: [], divergences: [] });
  });

  it('counts the PCTs planning for each intention, and names the PCTs with no plan', () => {
    expect(fit.perIntention).toEqual([
      { intentionId: 'stroke', planning: 2 },
      { intentionId: 'diabetes', planning: 2 },
      { intentionId: 'maternity', planning: 1 },
    ]);
    expect(fit.withoutPlan).toEqual([{ id: 'croydon' }]);
  });
});

describe('the round’s year', () => {
  it('reads "2008-09" from a URL and writes "2008/09" for people', () => {
    expect(startYearOf('2008-09')).toBe(2008);
    expect(startYearOf('1999-00')).toBe(1999);
    expect(startYearOf('2008-10')).toBeUndefined();
    expect(startYearOf('2008')).toBeUndefined();
    expect(roundYearText(2008)).toBe('2008/09');
    expect(roundYearParameter(2007)).toBe('2007-08');
  });
});
