import { describe, expect, it } from 'vitest';
import { referenceInViolation } from './import-contracts.ts';

describe('an import meeting a reference recorded while it ran', () => {
  it('finds the reference in the unique violation PostgreSQL reports, through Drizzle’s wrapping', () => {
    const driverError = Object.assign(new Error('duplicate key value'), {
      code: '23505',
      detail: 'Key (lower(reference))=(lcg/2008/007) already exists.',
    });
    const wrapped = new Error('Failed query: insert into contracts …', { cause: driverError });
    expect(referenceInViolation(wrapped)).toBe('lcg/2008/007');
    expect(referenceInViolation(new Error('something else'))).toBeUndefined();
  });
});
