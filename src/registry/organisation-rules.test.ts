import { describe, expect, it } from 'vitest';
import { checkOrganisationRules, odsCodePattern } from './organisation-rules.ts';
import { createOrganisationSchema } from './schemas.ts';

describe('organisation rules', () => {
  it('refuses a PCT without a sector ("Every London PCT belongs to exactly one")', () => {
    expect(checkOrganisationRules({ type: 'primary-care-trust', sectorId: null })).toEqual([
      { field: 'sector', message: 'A primary care trust must belong to exactly one sector.' },
    ]);
    expect(checkOrganisationRules({ type: 'primary-care-trust', sectorId: 'south-east' })).toEqual(
      [],
    );
    expect(checkOrganisationRules({ type: 'provider-trust', sectorId: null })).toEqual([]);
  });

  it.each(['5K5', 'TAK', 'Q36', 'RJ1', 'A81001'])('accepts the ODS code %s', (code) => {
    expect(code).toMatch(odsCodePattern);
  });

  it.each(['5K', '5K-5', 'ABCDEFG', '', '5k5 '])('refuses the ODS code "%s" as stored', (code) => {
    expect(code).not.toMatch(odsCodePattern);
  });

  it('normalises an ODS code to upper case before checking it', () => {
    const parsed = createOrganisationSchema.parse({ name: 'X', type: 'other', odsCode: ' tak ' });
    expect(parsed.odsCode).toBe('TAK');
    const refused = createOrganisationSchema.safeParse({
      name: 'X',
      type: 'other',
      odsCode: '5K!',
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['odsCode']);
  });
});
