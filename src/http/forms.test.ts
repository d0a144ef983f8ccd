import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './forms.ts';

describe('the path returned to after sign-in', () => {
  it.each(['/account', '/bodies/london-commissioning-group?x=1#adoption'])(
    'keeps a same-site path: %s',
    (path) => {
      expect(safeReturnPath(path)).toBe(path);
    },
  );

  it.each([
    '//evil.example',
    '/\t/evil.example',
    '/\\evil.example',
    'https://evil.example',
    '/%0d%0aX\r\n',
    'evil',
    '',
    undefined,
  ])('refuses anything that could leave the site or break the header: %j', (path) => {
    const result = safeReturnPath(path);
    expect(
      result === '/' ||
        (result.startsWith('/') && !result.startsWith('//') && !/[\r\n\t]/.test(result)),
    ).toBe(true);
    expect(result).not.toContain('evil.example');
  });
});
