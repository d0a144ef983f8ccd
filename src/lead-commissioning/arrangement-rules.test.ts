import { describe, expect, it } from 'vitest';
import {
  arrangementProblems,
  nextStages,
  proposedActionStatus,
  type ShareHolder,
  shareInWords,
  sharesByPopulation,
  stageMoveProblem,
} from './arrangement-rules.ts';

const pct = (organisationId: string, shareBasisPoints: number): ShareHolder => ({
  organisationId,
  name: `${organisationId} PCT`,
  type: 'primary-care-trust',
  shareBasisPoints,
});

describe('2006 §2.1(c): "Lead commissioning arrangements" — a lead PCT and its associates', () => {
  it('accepts a lead and associates whose shares make exactly 100%', () => {
    expect(
      arrangementProblems(pct('camden', 4000), [pct('islington', 3500), pct('barnet', 2500)]),
    ).toEqual([]);
  });

  it('2006 §3.2: refuses the Business Service as the lead or an associate', () => {
    const businessService = {
      ...pct('bs', 4000),
      name: 'London Commissioning Business Service',
      type: 'business-service',
    };
    const asLead = arrangementProblems(businessService, [pct('islington', 6000)]);
    expect(asLead.map((problem) => problem.rule)).toEqual(['business-service-may-not-lead']);
    expect(asLead[0]?.message).toContain('2006 §3.2');
    const asAssociate = arrangementProblems(pct('camden', 4000), [
      { ...businessService, shareBasisPoints: 6000 },
    ]);
    expect(asAssociate.map((problem) => problem.rule)).toEqual([
      'business-service-may-not-be-an-associate',
    ]);
    expect(asAssociate[0]?.message).toContain('not itself a decision-making body');
  });

  it('refuses a lead also listed as an associate', () => {
    const problems = arrangementProblems(pct('camden', 5000), [
      pct('camden', 2500),
      pct('islington', 2500),
    ]);
    expect(problems.map((problem) => problem.rule)).toEqual(['lead-is-not-an-associate']);
    expect(problems[0]?.message).toContain('2006 §2.1(c)');
  });

  it('refuses shares that do not add up to 100%, saying what they add up to', () => {
    const problems = arrangementProblems(pct('camden', 4000), [
      pct('islington', 3500),
      pct('barnet', 2000),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'shares-add-up', field: 'associates' }),
    ]);
    expect(problems[0]?.message).toContain('95.00%, not 100%');
  });

  it('refuses a lead or an associate that is not a PCT, and an arrangement with no associates', () => {
    const provider = { ...pct('barts', 5000), type: 'provider-trust' };
    expect(arrangementProblems(provider, [pct('newham', 5000)]).map((each) => each.rule)).toEqual([
      'lead-is-a-pct',
    ]);
    expect(arrangementProblems(pct('newham', 5000), [provider]).map((each) => each.rule)).toEqual([
      'associate-is-a-pct',
    ]);
    expect(arrangementProblems(pct('newham', 10000), []).map((each) => each.rule)).toEqual([
      'at-least-one-associate',
    ]);
  });

  it('refuses an associate listed twice', () => {
    expect(
      arrangementProblems(pct('camden', 5000), [
        pct('islington', 2500),
        pct('islington', 2500),
      ]).map((each) => each.rule),
    ).toEqual(['associate-listed-once']);
  });
});

describe('2006 §106: "Implement and monitor the progress of negotiations across its geographical area"', () => {
  it('moves preparation → offer → counter-offer ↔ offer → agreed → signed', () => {
    expect(stageMoveProblem('preparation', 'offer', null)).toBeNull();
    expect(stageMoveProblem('offer', 'counter-offer', null)).toBeNull();
    expect(stageMoveProblem('counter-offer', 'offer', null)).toBeNull();
    expect(stageMoveProblem('counter-offer', 'agreed', null)).toBeNull();
    expect(stageMoveProblem('agreed', 'signed', null)).toBeNull();
  });

  it('refuses skipping a stage, naming the stages allowed', () => {
    expect(stageMoveProblem('preparation', 'signed', null)).toContain(
      'may move only to offer or in dispute, not to signed',
    );
    expect(stageMoveProblem('preparation', 'agreed', null)).toContain('2006 §106');
  });

  it('lets any unsigned stage go into dispute and back to the stage it interrupted', () => {
    for (const stage of ['preparation', 'offer', 'counter-offer', 'agreed'] as const) {
      expect(nextStages(stage, null)).toContain('in-dispute');
    }
    expect(nextStages('in-dispute', 'counter-offer')).toEqual(['counter-offer']);
    expect(stageMoveProblem('in-dispute', 'signed', 'agreed')).not.toBeNull();
  });

  it('never moves a signed negotiation', () => {
    expect(nextStages('signed', null)).toEqual([]);
    expect(stageMoveProblem('signed', 'in-dispute', null)).toContain('signed');
  });
});

describe('Model Collaborative Commissioning Agreement: a proposed action is circulated for approval; a rejection blocks it', () => {
  const associates = ['islington', 'barnet'];
  it('stays circulated until every associate has approved', () => {
    expect(proposedActionStatus(associates, [])).toBe('circulated');
    expect(
      proposedActionStatus(associates, [{ organisationId: 'islington', response: 'approve' }]),
    ).toBe('circulated');
  });
  it('is approved when every associate approved', () => {
    expect(
      proposedActionStatus(associates, [
        { organisationId: 'islington', response: 'approve' },
        { organisationId: 'barnet', response: 'approve' },
      ]),
    ).toBe('approved');
  });
  it('is blocked on any rejection', () => {
    expect(
      proposedActionStatus(associates, [
        { organisationId: 'islington', response: 'approve' },
        { organisationId: 'barnet', response: 'reject' },
      ]),
    ).toBe('blocked');
  });
});

describe('shares by weighted population', () => {
  it('adds up to exactly 100% and shows as "23.47%"', () => {
    const shares = sharesByPopulation([220_338, 206_125, 356_386]);
    expect(shares.reduce((sum, each) => sum + each, 0)).toBe(10_000);
    expect(shareInWords(2347)).toBe('23.47%');
  });
});
