import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from '../constitutions/testing/london.ts';
import type { Constitution } from '../governance/index.ts';
import { requireRatificationProblem, signOffProblem } from './ratification-refusal-rules.ts';
import {
  bindingTermsOf,
  decisionEffect,
  type EffectFacts,
  type SponsoringBoardStatus,
  signOffTermsOf,
} from './ratification-rules.ts';

const signOffWords =
  'This will involve agreement to the prospective service review and sign off at the end of the process by the sponsoring PCT Boards.';
const delegationWords = 'by means of a Joint Committee set up with delegated authority';

let lcg2008: Constitution;
let jointCommittee: Constitution;

beforeAll(async () => {
  lcg2008 = await preset('london-commissioning-group-2008');
  jointCommittee = await preset('joint-committee-of-pcts-2008');
});

const board = (name: string, status: SponsoringBoardStatus['status']): SponsoringBoardStatus => ({
  organisationId: `id-${name}`,
  name,
  status,
  decidedOn: status === 'pending' ? null : '2026-12-01',
  minuteReference: status === 'pending' ? null : '26/101',
});

function facts(overrides: Partial<EffectFacts> = {}): EffectFacts {
  return {
    proposalStatus: 'closed',
    outcome: 'consensus',
    method: { clause: '2008 §Decision-making', text: 'consensus' },
    decidedBy: { clause: '2008 §Decision-making', text: 'consensus' },
    closedOn: '2026-11-23',
    advisedTo: [],
    signOff: null,
    binding: null,
    ...overrides,
  };
}

describe(`2006 §112: "${signOffWords}"`, () => {
  it('the sign-off rule is read from the terms, quoted word for word', () => {
    const terms = signOffTermsOf(lcg2008);
    expect(terms?.rule).toEqual({ clause: '2006 §112', text: signOffWords });
    expect(terms?.by).toMatchObject({
      name: 'the sponsoring PCT Boards',
      type: 'primary-care-trust',
    });
  });

  it('a decision awaiting sign-off names who has not signed', () => {
    const terms = signOffTermsOf(lcg2008)!;
    const effect = decisionEffect(
      facts({ signOff: { terms, boards: [board('Brent', 'signed'), board('Harrow', 'pending')] } }),
    );
    expect(effect.status).toBe('awaitingSignOff');
    expect(effect.awaiting).toEqual(['Harrow']);
    expect(effect.clause).toBe('2006 §112');
    expect(effect.quote).toBe(signOffWords);
    expect(effect.summary).toContain('1 of 2 have');
  });

  it('takes effect only when every sponsoring board has signed, from the last signature', () => {
    const terms = signOffTermsOf(lcg2008)!;
    const effect = decisionEffect(
      facts({
        signOff: {
          terms,
          boards: [
            board('Brent', 'signed'),
            { ...board('Harrow', 'signed'), decidedOn: '2026-12-02' },
          ],
        },
      }),
    );
    expect(effect.status).toBe('inEffect');
    expect(effect.inEffectFrom).toBe('2026-12-02');
  });

  it('a refusal by any board leaves it not in effect and sends the disagreement to mediation by the chair', () => {
    const terms = signOffTermsOf(lcg2008)!;
    const effect = decisionEffect(
      facts({ signOff: { terms, boards: [board('Brent', 'signed'), board('Harrow', 'refused')] } }),
    );
    expect(effect.status).toBe('signOffRefused');
    expect(effect.refusedBy).toEqual(['Harrow']);
    expect(effect.next?.action).toBe('mediation within the group by the chair');
    expect(effect.next?.text).toContain('Disagreements will be subject to mediation');
  });

  it('advice never takes effect and is never put to the boards', () => {
    const effect = decisionEffect(facts({ outcome: 'advice', advisedTo: ['London PCTs'] }));
    expect(effect.status).toBe('advice');
    const refused = requireRatificationProblem({
      proposalStatus: 'closed',
      outcome: 'advice',
      decidedBy: { clause: '2008 §Decision-making', text: '' },
      signOffTerms: signOffTermsOf(lcg2008),
      binding: undefined,
      bodyTitle: 'LCG',
      alreadyNamed: [],
      named: [{ organisationId: 'x', name: 'Brent', type: 'primary-care-trust' }],
    });
    expect(refused?.code).toBe('advice-needs-no-ratification');
  });

  it('refuses an organisation that is not a PCT, a board not named, a duplicate, a future date', () => {
    const terms = signOffTermsOf(lcg2008)!;
    const notAPct = requireRatificationProblem({
      proposalStatus: 'closed',
      outcome: 'consensus',
      decidedBy: null,
      signOffTerms: terms,
      binding: undefined,
      bodyTitle: 'LCG',
      alreadyNamed: [],
      named: [{ organisationId: 'x', name: 'NHS London', type: 'strategic-health-authority' }],
    });
    expect(notAPct?.message).toContain('not one of the sponsoring PCT Boards');
    const businessService = requireRatificationProblem({
      proposalStatus: 'closed',
      outcome: 'consensus',
      decidedBy: null,
      signOffTerms: terms,
      binding: undefined,
      bodyTitle: 'LCG',
      alreadyNamed: [],
      named: [
        {
          organisationId: 'y',
          name: 'London Commissioning Business Service',
          type: 'business-service',
        },
      ],
    });
    expect(businessService?.message).toContain(
      'London Commissioning Business Service: The Commissioning Business Service may not give a sign-off',
    );
    expect(businessService?.message).toContain('is not itself a decision-making body (2006 §3.2)');
    const base = {
      proposalStatus: 'closed',
      outcome: 'consensus' as const,
      decidedBy: null,
      terms,
      boardName: 'Brent',
      namedBoards: ['Brent'],
      decidedOn: '2026-11-23',
      closedOn: '2026-11-23',
      today: '2026-11-23',
    };
    expect(signOffProblem({ ...base, board: undefined })?.code).toBe('board-not-named');
    expect(signOffProblem({ ...base, board: board('Brent', 'signed') })?.code).toBe(
      'board-already-decided',
    );
    expect(
      signOffProblem({ ...base, board: board('Brent', 'pending'), decidedOn: '2026-11-24' })?.field,
    ).toBe('decidedOn');
    expect(signOffProblem({ ...base, board: board('Brent', 'pending') })).toBeUndefined();
  });
});

describe(`2008 §Accountabilities: PCT Boards act "${delegationWords}"`, () => {
  it('a Joint Committee decision binds the PCTs that delegated, in effect on closing, without sign-off', () => {
    const rule = bindingTermsOf(jointCommittee, 'decide-following-consultation')!;
    expect(rule.clause).toBe('2008 §Accountabilities');
    expect(rule.text).toContain(delegationWords);
    const effect = decisionEffect(
      facts({
        outcome: 'carried',
        binding: {
          rule,
          bound: [{ organisationId: 'b', name: 'Brent', delegatedOn: '2008-02-10' }],
          notBound: ['Harrow'],
        },
      }),
    );
    expect(effect.status).toBe('inEffect');
    expect(effect.inEffectFrom).toBe('2026-11-23');
    expect(effect.binds).toEqual([{ organisationId: 'b', name: 'Brent' }]);
    expect(effect.notBound).toEqual(['Harrow']);
    expect(
      requireRatificationProblem({
        proposalStatus: 'closed',
        outcome: 'carried',
        decidedBy: null,
        signOffTerms: undefined,
        binding: rule,
        bodyTitle: 'Joint Committee',
        alreadyNamed: [],
        named: [],
      })?.code,
    ).toBe('binding-decision');
  });
});
