import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from '../constitutions/testing/london.ts';
import { type Constitution, nextDisputeStep } from '../governance/index.ts';
import type { Actor } from '../identity/policy.ts';
import {
  disputeCategories,
  disputeFactsOf,
  isStepForStrategicHealthAuthority,
  mayOverseeDisputes,
  mayRaiseDispute,
  mayReadDisputes,
  stepProblems,
  stepsOpenNow,
  storedStatusOf,
  whoMustAct,
} from './dispute-rules.ts';

let london2008: Constitution;

beforeAll(async () => {
  london2008 = await preset('london-commissioning-group-2008');
});

const boards = [
  { id: 'brent', name: 'Brent Teaching PCT' },
  { id: 'camden', name: 'Camden PCT' },
];
const agreedReview = {
  title: 'Cardiology services review',
  agreedOn: '2026-09-01',
  agreedMinuteReference: 'LCG/41',
  endedOn: null,
};
const mediation = {
  stepId: 'mediation-by-chair',
  takenOn: '2026-10-15',
  takenBy: 'The chair',
  outcome: 'notAgreed',
  boardOrganisationId: null,
  note: null,
};

function account(overrides: Partial<Extract<Actor, { kind: 'account' }>> = {}): Actor {
  return {
    kind: 'account',
    accountId: 'a',
    email: 'someone@example.invalid',
    displayName: 'Someone',
    personId: 'p',
    isAdministrator: false,
    bodyRoles: [],
    authenticatedBy: 'session',
    ...overrides,
  };
}

describe('disputeFactsOf: the record as the engine’s facts', () => {
  it('takes the 2006 §112 first step from the joint review’s agreement, dated and attributed', () => {
    const facts = disputeFactsOf({
      constitution: london2008,
      category: 'service-development',
      steps: [mediation],
      review: agreedReview,
      sponsoringBoards: boards,
    });
    expect(facts.history).toEqual([
      expect.objectContaining({
        step: 'agree-decision-process',
        date: '2026-09-01',
        by: 'London Commissioning Group (minute LCG/41)',
        outcome: 'agreed',
      }),
      { step: 'mediation-by-chair', date: '2026-10-15', by: 'The chair', outcome: 'notAgreed' },
    ]);
    expect(facts.sponsoringBoards).toEqual(boards);
    expect(facts.reviewEndedOn).toBeUndefined();
  });

  it('adds nothing for a review not yet agreed, and no boards to a ladder without sign-off', () => {
    const facts = disputeFactsOf({
      constitution: london2008,
      category: 'collective-procurement',
      steps: [],
      review: { ...agreedReview, agreedOn: null },
      sponsoringBoards: boards,
    });
    expect(facts).toEqual({ category: 'collective-procurement', history: [] });
  });

  it('passes the end of the review, which SHA facilitation waits for', () => {
    const facts = disputeFactsOf({
      constitution: london2008,
      category: 'service-development',
      steps: [mediation],
      review: { ...agreedReview, endedOn: '2026-11-01' },
      sponsoringBoards: boards,
    });
    expect(facts.reviewEndedOn).toBe('2026-11-01');
  });
});

describe('what the engine’s answer means to a person', () => {
  it('keeps a dispute open while a step is due or awaited, and closes it as the engine says', () => {
    expect(storedStatusOf('next')).toBe('open');
    expect(storedStatusOf('waiting')).toBe('open');
    expect(storedStatusOf('resolved')).toBe('resolved');
    expect(storedStatusOf('unresolved')).toBe('unresolved');
    expect(storedStatusOf('signOffRefused')).toBe('unresolved');
  });

  it('names who must act: the chair for mediation, NHS London for facilitation, the members for a vote', () => {
    const facts = (steps: (typeof mediation)[], endedOn: string | null) =>
      disputeFactsOf({
        constitution: london2008,
        category: 'service-development',
        steps,
        review: { ...agreedReview, endedOn },
        sponsoringBoards: boards,
      });
    const atMediation = nextDisputeStep(london2008, facts([], null), '2026-11-23');
    const waiting = nextDisputeStep(london2008, facts([mediation], null), '2026-11-23');
    const atFacilitation = nextDisputeStep(
      london2008,
      facts([mediation], '2026-11-01'),
      '2026-11-23',
    );
    const vote = nextDisputeStep(
      london2008,
      { category: 'collective-procurement', history: [] },
      '2026-11-23',
    );
    if (!atMediation.ok || !waiting.ok || !atFacilitation.ok || !vote.ok) throw new Error('engine');
    const body = 'London Commissioning Group';
    expect(whoMustAct(atMediation.value, body)).toBe('The chair');
    expect(waiting.value.status).toBe('waiting');
    expect(whoMustAct(waiting.value, body)).toBe(
      'London Commissioning Group, to finish the review (the chair mediates meanwhile); then NHS London',
    );
    expect(whoMustAct(atFacilitation.value, body)).toBe('NHS London');
    expect(whoMustAct(vote.value, body)).toBe(
      'The members of London Commissioning Group entitled to vote',
    );
  });

  it('offers only the steps the ladder allows today: mediation (repeatable) while facilitation waits', () => {
    const facts = disputeFactsOf({
      constitution: london2008,
      category: 'service-development',
      steps: [mediation],
      review: agreedReview,
      sponsoringBoards: boards,
    });
    expect(stepsOpenNow(london2008, facts, '2026-11-23', []).map((step) => step.id)).toEqual([
      'mediation-by-chair',
    ]);
    const ended = { ...facts, reviewEndedOn: '2026-11-01' };
    expect(stepsOpenNow(london2008, ended, '2026-11-23', []).map((step) => step.id)).toEqual([
      'mediation-by-chair',
      'sha-facilitation',
    ]);
  });

  it('turns the engine’s refusal of a step out of order into a problem on the step field, with its clause', () => {
    const facts = disputeFactsOf({
      constitution: london2008,
      category: 'service-development',
      steps: [{ ...mediation, stepId: 'sha-facilitation', outcome: 'agreed' }],
      review: { ...agreedReview, endedOn: '2026-11-01' },
      sponsoringBoards: boards,
    });
    const refused = nextDisputeStep(london2008, facts, '2026-11-23');
    if (refused.ok) throw new Error('expected a refusal');
    const [problem] = stepProblems(refused.errors, facts.history.length - 1);
    expect(problem?.field).toBe('stepId');
    expect(problem?.message).toMatch(/^Facilitation is out of order.*\(2006 §112\)\.$/);
  });

  it('lists the constitution’s three categories (2006 §111)', () => {
    expect(disputeCategories(london2008).map((category) => category.title)).toEqual([
      'Collective procurement',
      'Service development',
      'Major service reconfiguration',
    ]);
  });
});

describe('who takes part: the body’s people, and NHS London (the SHA)', () => {
  const noFacts = { holdsShaPost: false, holdsSeat: false };
  const lcg = 'london-commissioning-group';

  it('lets administrators, chairs and secretariats of any body, and SHA post holders oversee', () => {
    expect(mayOverseeDisputes(account({ isAdministrator: true }), false)).toBe(true);
    expect(
      mayOverseeDisputes(account({ bodyRoles: [{ bodyId: 'x', role: 'chair' }] }), false),
    ).toBe(true);
    expect(
      mayOverseeDisputes(account({ bodyRoles: [{ bodyId: 'x', role: 'secretariat' }] }), false),
    ).toBe(true);
    expect(mayOverseeDisputes(account(), true)).toBe(true);
    expect(
      mayOverseeDisputes(account({ bodyRoles: [{ bodyId: lcg, role: 'member' }] }), false),
    ).toBe(false);
    expect(mayOverseeDisputes({ kind: 'anonymous' }, true)).toBe(false);
  });

  it('lets a member (by role or by seat) read and raise, but not the public; a read-only token never raises', () => {
    const memberRole = account({ bodyRoles: [{ bodyId: lcg, role: 'member' }] });
    expect(mayReadDisputes(memberRole, lcg, noFacts)).toBe(true);
    expect(mayReadDisputes(account(), lcg, { ...noFacts, holdsSeat: true })).toBe(true);
    expect(mayReadDisputes(account(), lcg, noFacts)).toBe(false);
    expect(mayRaiseDispute(memberRole, lcg, false)).toBe(true);
    expect(mayRaiseDispute(account(), lcg, true)).toBe(true);
    expect(mayRaiseDispute(account(), lcg, false)).toBe(false);
    expect(
      mayRaiseDispute(
        { ...memberRole, authenticatedBy: 'api-token', tokenScope: 'read' } as Actor,
        lcg,
        false,
      ),
    ).toBe(false);
  });
});

describe('the steps waiting on NHS London, for the oversight section of the home page', () => {
  it('2006 §112 "facilitation by NHS London (the London SHA)" is the SHA’s step; the chair’s mediation and the boards’ sign-off are not', () => {
    expect(isStepForStrategicHealthAuthority('NHS London (the London SHA)')).toBe(true);
    expect(isStepForStrategicHealthAuthority('the strategic health authority')).toBe(true);
    expect(isStepForStrategicHealthAuthority('the chair of the London Commissioning Group')).toBe(
      false,
    );
    expect(isStepForStrategicHealthAuthority('the sponsoring PCT boards')).toBe(false);
    expect(isStepForStrategicHealthAuthority(null)).toBe(false);
  });
});
