import { describe, expect, it } from 'vitest';
import { summariseChange } from './change-summary.ts';

describe('summarising an audited change', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(
      summariseChange(
        { name: 'A', sectorId: null, population: 5 },
        { name: 'A', sectorId: 'north-west', population: 5 },
      ),
    ).toEqual([{ field: 'sectorId', before: 'none', after: 'north-west' }]);
  });

  it('shows a creation as every field going from nothing to its value', () => {
    expect(summariseChange(null, { name: 'B', tags: ['x'] })).toEqual([
      { field: 'name', before: '—', after: 'B' },
      { field: 'tags', before: '—', after: '["x"]' },
    ]);
  });
});
