import { describe, expect, it } from 'vitest';
import { periodWordsOf } from './consultation-view.ts';

const opensAt = new Date('2007-11-30T09:00:00Z');
const closesAt = new Date('2008-03-07T17:00:00Z');

describe('the consultation’s dates are spoken of in the reader’s tense', () => {
  it('says "Opens" and "Closes" before it opens', () => {
    expect(periodWordsOf(opensAt, closesAt, new Date('2007-11-01T12:00:00Z'))).toEqual({
      opensWord: 'Opens',
      closesWord: 'Closes',
    });
  });

  it('says "Opened" and "Closes" while it is open, from the moment it opens', () => {
    expect(periodWordsOf(opensAt, closesAt, opensAt)).toEqual({
      opensWord: 'Opened',
      closesWord: 'Closes',
    });
  });

  it('says "Opened" and "Closed" from the moment it closes', () => {
    expect(periodWordsOf(opensAt, closesAt, closesAt)).toEqual({
      opensWord: 'Opened',
      closesWord: 'Closed',
    });
  });

  it('speaks of dates not set yet as ahead', () => {
    expect(periodWordsOf(null, null, closesAt)).toEqual({
      opensWord: 'Opens',
      closesWord: 'Closes',
    });
  });
});
