import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './forms.ts';

const site = 'https://concordat.example';

/** Where a browser would land if it followed `Location: <path>` from a page on this site. */
function landingOrigin(path: string): string {
  return new URL(path, `${site}/somewhere/page`).origin;
}

// Open-redirect payloads: mostly a path start, then segments that are dot segments or empty (so
// slashes double up after normalisation), host-like, or the characters browsers rewrite or strip.
const redirectPayloadStart = fc.oneof(
  { arbitrary: fc.constant('/'), weight: 4 },
  { arbitrary: fc.constantFrom('//', '/\\', '\\', ''), weight: 1 },
);
const redirectPayloadSegment = fc.oneof(
  { arbitrary: fc.constantFrom('', '.', '..', '%2e', '%2E%2e'), weight: 4 },
  { arbitrary: fc.constantFrom('a', 'evil.example', '@evil.example', '\\evil.example'), weight: 2 },
  {
    arbitrary: fc.constantFrom('%2f', '%5c', '\t', '\n', 'https:', '?x', '#y', '\u0000', '\uff0f'),
    weight: 1,
  },
);
const redirectPayload = fc
  .tuple(redirectPayloadStart, fc.array(redirectPayloadSegment, { maxLength: 6 }))
  .map(([start, segments]) => start + segments.join('/'));
const anyText = fc.oneof(
  { arbitrary: redirectPayload, weight: 3 },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
);

describe('the path returned to after sign-in', () => {
  it.each(['/account', '/bodies/london-commissioning-group?x=1#adoption'])(
    'keeps a same-site path: %s',
    (path) => {
      expect(safeReturnPath(path)).toBe(path);
    },
  );

  it('returns the normalised path, not the string it was given', () => {
    expect(safeReturnPath('/bodies/./london-commissioning-group/../x')).toBe('/bodies/x');
  });

  // Issue 20, finding 1: the check ran on the raw string and returned the normalised path, so
  // "/.//evil.example" passed as a path and came back as "//evil.example", another site.
  it.each([
    '/.//evil.example',
    '/a/..//evil.example/phish',
    '//evil.example',
    '/\t/evil.example',
    '/\\evil.example',
    '/.\\evil.example',
    '/%2e//evil.example',
    'https://evil.example',
    '/%0d%0aX\r\n',
    'evil',
    '',
    undefined,
    42,
  ])('refuses anything that could leave the site or break the header: %j', (path) => {
    expect(safeReturnPath(path)).toBe('/');
  });

  it('for any input, gives either "/" or a path that a browser resolves on this site', () => {
    fc.assert(
      fc.property(anyText, (candidate) => {
        const result = safeReturnPath(candidate);
        if (result === '/') return;
        expect(result).toMatch(/^\/(?![/\\])/);
        expect([...result].some((character) => character < ' ' || character === '\u007f')).toBe(
          false,
        );
        expect(result).not.toContain('\\');
        expect(landingOrigin(result)).toBe(site);
      }),
      { numRuns: 5_000 },
    );
  });

  it('accepts its own answer unchanged: a checked path is already normalised', () => {
    fc.assert(
      fc.property(anyText, (candidate) => {
        const result = safeReturnPath(candidate);
        expect(safeReturnPath(result)).toBe(result);
      }),
      { numRuns: 2_000 },
    );
  });
});
