import { describe, expect, it } from 'vitest';
import { yourChoiceSentence } from './room-voting-view.ts';

describe('what a member reads about their own recorded choice', () => {
  it('says a vote as a vote', () => {
    expect(yourChoiceSentence(false, 'for')).toBe('You voted for');
    expect(yourChoiceSentence(false, 'against')).toBe('You voted against');
    expect(yourChoiceSentence(false, 'abstain')).toBe('You abstained');
  });

  it('says a consensus view as a view, in its own words (agree, object, stand aside)', () => {
    expect(yourChoiceSentence(true, 'for')).toBe('Your view: agree');
    expect(yourChoiceSentence(true, 'against')).toBe('Your view: object');
    expect(yourChoiceSentence(true, 'abstain')).toBe('Your view: stand aside');
  });
});
