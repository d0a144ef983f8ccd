import { describe, expect, it } from 'vitest';
import {
  actionInWords,
  actorInWords,
  describeValue,
  fieldLabel,
  identifiersIn,
  summariseChange,
} from './change-summary.ts';

const proposalId = '0193a1b2-1111-7000-8000-000000000001';
const accountId = '0193a1b2-2222-7000-8000-000000000002';

describe('an audited change in words (issue 22, item 5)', () => {
  it('lists only the fields that changed, each labelled, the sector by its name', () => {
    expect(
      summariseChange(
        { name: 'A', sectorId: null, population: 5 },
        { name: 'A', sectorId: 'north-west', population: 5 },
        new Map([['north-west', 'North West']]),
      ),
    ).toEqual([{ field: 'Sector', before: 'none', after: 'North West' }]);
  });

  it('shows a creation as every field going from nothing to its value, lists as words', () => {
    expect(summariseChange(null, { name: 'B', tags: ['x', 'y'] })).toEqual([
      { field: 'Name', before: '—', after: 'B' },
      { field: 'Tags', before: '—', after: 'x, y' },
    ]);
  });

  it('names a record by its title, and never shows an id it cannot name', () => {
    const names = new Map([[proposalId, 'A London-wide view on stroke services']]);
    expect(summariseChange(null, { proposalId }, names)).toEqual([
      { field: 'Question', before: '—', after: 'A London-wide view on stroke services' },
    ]);
    expect(describeValue(proposalId)).toBe('a record not shown here');
    expect(describeValue(`moved from ${proposalId}`)).toBe('moved from a record');
  });

  it('gives dates and instants in London time, without seconds, and yes or no for flags', () => {
    expect(describeValue('2026-11-20')).toBe('20 November 2026');
    expect(describeValue('2026-12-10T14:00:00.000Z')).toBe('10 Dec 2026, 14:00');
    expect(describeValue('2026-07-10T13:00:00Z')).toBe('10 Jul 2026, 14:00');
    expect(describeValue(true)).toBe('yes');
    expect(describeValue(false)).toBe('no');
    expect(describeValue(12000)).toBe('12,000');
  });

  it('puts identifier-shaped values and unknown fields into words', () => {
    expect(describeValue('notAgreed')).toBe('not agreed');
    expect(describeValue('service-development')).toBe('service development');
    expect(fieldLabel('noticeGivenOn')).toBe('Notice given on');
    expect(fieldLabel('somethingNewId')).toBe('Something new');
    expect(fieldLabel('votes_before_checks')).toBe('Votes before checks');
  });

  it('reads a nested value as labelled words, never as JSON, and cuts a long one', () => {
    const text = describeValue({ outcome: 'carried', forCount: 5 });
    expect(text).toBe('outcome carried; for count 5');
    expect(text).not.toMatch(/[{}"]/);
    expect(describeValue('word '.repeat(200)).length).toBeLessThanOrEqual(300);
    expect(describeValue('sets `base`')).toBe('sets base');
  });

  it('collects the ids and slugs an event names, for looking up their titles', () => {
    expect(
      identifiersIn(
        { proposalId: proposalId.toUpperCase() },
        { body: 'london-commissioning-group' },
      ),
    ).toEqual([proposalId, 'london-commissioning-group']);
  });

  it('names who acted: an account by its name, the system in words', () => {
    const names = new Map([[accountId, 'Sam Secretary']]);
    expect(actorInWords(`account:${accountId} <sam@demo.invalid>`, names)).toBe('Sam Secretary');
    expect(actorInWords(`account:${accountId} <sam@demo.invalid>`)).toBe('An account');
    expect(actorInWords('seed')).toBe('Concordat set-up');
    expect(actorInWords('migration')).toBe('A database upgrade');
  });

  it('says what was done in words', () => {
    expect(actionInWords('meeting.agenda-item-added')).toBe('Meeting: agenda item added');
    expect(actionInWords('api-token.created')).toBe('API token: created');
    expect(actionInWords('proposal.voting-ended')).toBe('Question: voting ended');
  });
});
