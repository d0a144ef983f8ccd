import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from '../constitutions/testing/london.ts';
import type { Constitution } from '../governance/index.ts';
import {
  currentPost,
  isInForceOn,
  memberFact,
  organisationFact,
  resolveHoldings,
} from './membership-facts.ts';
import type { HoldingRecord, PostRecord } from './membership-queries.ts';

let lcg2008: Constitution;
beforeAll(async () => {
  lcg2008 = await preset('london-commissioning-group-2008');
});

const brent = {
  id: '00000000-0000-7000-8000-000000000001',
  name: 'Brent Teaching PCT',
  type: 'primary-care-trust',
  odsCode: '5K5',
  sectorId: 'north-west',
};

function post(overrides: Partial<PostRecord> = {}): PostRecord {
  return {
    personId: 'person-a',
    personName: 'Alex Example',
    organisationId: brent.id,
    role: 'chief-executive',
    title: 'Chief Executive',
    startsOn: '2006-07-01',
    endsOn: null,
    ...overrides,
  };
}

function holding(overrides: Partial<HoldingRecord> = {}): HoldingRecord {
  return {
    id: 'holding-1',
    seatRole: 'ccg-chair-chief-executive',
    personId: 'person-a',
    personName: 'Alex Example',
    personIsFictional: true,
    organisationId: brent.id,
    organisationName: brent.name,
    organisationType: brent.type,
    organisationSectorId: brent.sectorId,
    organisationSectorName: 'North West',
    organisationOdsCode: brent.odsCode,
    fillMethod: 'exOfficio',
    filledBy: 'sector-commissioning-group',
    office: null,
    startsOn: '2008-01-01',
    endsOn: null,
    ...overrides,
  };
}

describe('dates of posts and holdings', () => {
  it('counts the last day as held and the day after as not', () => {
    const period = { startsOn: '2008-01-01', endsOn: '2009-03-31' };
    expect(isInForceOn(period, '2007-12-31')).toBe(false);
    expect(isInForceOn(period, '2008-01-01')).toBe(true);
    expect(isInForceOn(period, '2009-03-31')).toBe(true);
    expect(isInForceOn(period, '2009-04-01')).toBe(false);
    expect(isInForceOn({ startsOn: '2008-01-01', endsOn: null }, '2030-01-01')).toBe(true);
  });

  it('prefers the post the seat asks for when someone holds several at the organisation', () => {
    const posts = [
      post({ role: 'director', title: 'Director' }),
      post({ role: 'chief-executive', title: 'Chief Executive' }),
    ];
    expect(currentPost(posts, 'person-a', brent.id, '2008-01-01', ['chief-executive'])?.role).toBe(
      'chief-executive',
    );
    expect(currentPost(posts, 'person-a', brent.id, '2008-01-01', undefined)?.role).toBe(
      'director',
    );
    expect(currentPost(posts, 'person-a', 'elsewhere', '2008-01-01', undefined)).toBeUndefined();
  });
});

describe('member facts for the engine', () => {
  it('names an organisation the constitution declares by its own id (NHS London is nhs-london)', () => {
    expect(
      organisationFact(lcg2008, {
        id: 'registry-id',
        name: 'NHS London',
        type: 'strategic-health-authority',
        odsCode: 'Q36',
      }),
    ).toEqual({ id: 'nhs-london', name: 'NHS London', type: 'strategic-health-authority' });
    expect(organisationFact(lcg2008, brent).id).toBe(brent.id);
  });

  it("gives a PCT chief executive's sector, post and route", () => {
    expect(
      memberFact(lcg2008, {
        id: 'holding-1',
        personName: 'Alex Example',
        seatRole: 'ccg-chair-chief-executive',
        organisation: brent,
        post: { role: 'chief-executive' },
        fillMethod: 'exOfficio',
        filledBy: 'sector-commissioning-group',
        office: null,
      }),
    ).toEqual({
      id: 'holding-1',
      name: 'Alex Example',
      role: 'ccg-chair-chief-executive',
      sector: 'north-west',
      organisation: { id: brent.id, name: brent.name, type: 'primary-care-trust' },
      post: 'chief-executive',
      filledBy: { method: 'exOfficio', by: 'sector-commissioning-group' },
    });
  });
});

describe('ex officio seats follow the post', () => {
  it('stands while the holder holds the post', () => {
    const [resolved] = resolveHoldings(lcg2008, [holding()], [post()], '2008-06-01');
    expect(resolved?.status).toEqual({ status: 'current' });
    expect(resolved?.fact?.post).toBe('chief-executive');
  });

  it('lapses when the post ends, names who holds the post now, and is not counted', () => {
    const posts = [
      post({ endsOn: '2010-03-31' }),
      post({ personId: 'person-b', personName: 'Blake Sample', startsOn: '2010-04-01' }),
    ];
    const [resolved] = resolveHoldings(lcg2008, [holding()], posts, '2010-04-02');
    expect(resolved?.fact).toBeUndefined();
    expect(resolved?.status).toEqual({
      status: 'lapsed',
      reason:
        "Held ex officio: Alex Example's post as Chief Executive at Brent Teaching PCT ended on 2010-03-31, so the seat passes with the post to Blake Sample.",
      successor: { personId: 'person-b', personName: 'Blake Sample' },
    });
  });

  it('does not lapse a nominated seat when the post ends: the engine reports it ineligible instead', () => {
    const [resolved] = resolveHoldings(
      lcg2008,
      [holding({ seatRole: 'ccg-nominated-chief-executive', fillMethod: 'nominated' })],
      [post({ endsOn: '2010-03-31' })],
      '2010-04-02',
    );
    expect(resolved?.status.status).toBe('current');
    expect(resolved?.fact?.post).toBeUndefined();
  });
});
