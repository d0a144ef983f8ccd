import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { businessServiceClauseText, businessServiceMayNotOwn } from './business-service-rule.ts';

describe('the Business Service never owns a decision (2006 §3.2)', () => {
  it('quotes the source document word for word', () => {
    const source = readFileSync(
      new URL(
        '../constitutions/fixtures/sources/2006-london-commissioning-for-health.txt',
        import.meta.url,
      ),
      'utf8',
    ).replace(/\s+/g, ' ');
    expect(source).toContain(businessServiceClauseText);
  });

  it.each(['decision', 'vote', 'sign-off'] as const)(
    'refuses it a %s, citing the clause',
    (record) => {
      const refusal = businessServiceMayNotOwn('business-service', record);
      expect(refusal?.clause).toBe('2006 §3.2');
      expect(refusal?.message).toContain('is not itself a decision-making body (2006 §3.2)');
    },
  );

  it.each(['primary-care-trust', 'strategic-health-authority', 'provider-trust', null, undefined])(
    'leaves %s to the other rules',
    (type) => {
      expect(businessServiceMayNotOwn(type, 'decision')).toBeUndefined();
    },
  );
});
