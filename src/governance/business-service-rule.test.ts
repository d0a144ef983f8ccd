import { describe, expect, it } from 'vitest';
import { businessServiceMayNotOwn } from './business-service-rule.ts';

describe('the Business Service never owns a decision (2006 §3.2)', () => {
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
