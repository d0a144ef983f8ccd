import { describe, expect, it } from 'vitest';
import { responsesCountedOf } from './outcome-view.ts';

describe('the responses counted on the public outcome (review H4: counts, no personal data)', () => {
  it('names who responded and how, leaving out rows of zero', () => {
    expect(
      responsesCountedOf({
        categoryNames: ['Member of the public', 'NHS staff', 'Clinician'],
        responses: {
          total: 3,
          byCategory: [2, 0, 1],
          byChannel: [
            { label: 'Through the online form', count: 3 },
            { label: 'Imported', count: 0 },
          ],
        },
      }),
    ).toEqual({
      total: 3,
      byWho: [
        { label: 'Member of the public', count: 2 },
        { label: 'Clinician', count: 1 },
      ],
      byChannel: [{ label: 'Through the online form', count: 3 }],
    });
  });

  it('is null for a report produced before the totals were kept', () => {
    expect(responsesCountedOf({ categoryNames: ['Clinician'] })).toBeNull();
  });
});
