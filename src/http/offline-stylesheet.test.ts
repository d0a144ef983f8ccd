import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withoutOffSiteFonts } from './offline-stylesheet.ts';

const packagedStylesheet = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css',
);

describe('the stylesheet without off-site fonts (decision 020)', () => {
  it('drops @font-face rules whose source is on another host, keeps local ones and the rest', () => {
    const css = [
      'body{font-family:Frutiger W01,arial,sans-serif}',
      '@font-face{font-family:A;src:url(https://assets.nhs.uk/fonts/a.woff2) format("woff2")}',
      "@font-face { font-family: B; src: url( 'http://fonts.example/b.woff' ) }",
      '@font-face{font-family:C;src:url(//cdn.example/c.woff2)}',
      '@font-face{font-family:Local;src:url(/assets/fonts/local.woff2)}',
      '.x{background:url(/assets/images/nhsuk-icon-cross.svg)}',
      '/*# sourceMappingURL=nhsuk-frontend.min.css.map */',
    ].join('\n');
    const stripped = withoutOffSiteFonts(css);
    expect(stripped).not.toMatch(/assets\.nhs\.uk|fonts\.example|cdn\.example|sourceMappingURL/);
    expect(stripped).toContain('@font-face{font-family:Local;src:url(/assets/fonts/local.woff2)}');
    expect(stripped).toContain('body{font-family:Frutiger W01,arial,sans-serif}');
    expect(stripped).toContain('.x{background:url(/assets/images/nhsuk-icon-cross.svg)}');
  });

  it("leaves nhsuk-frontend's packaged stylesheet with no off-site address and its fallback stack", () => {
    const packaged = readFileSync(packagedStylesheet, 'utf8');
    expect(packaged).toContain('https://assets.nhs.uk');
    const stripped = withoutOffSiteFonts(packaged);
    expect(stripped).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//);
    expect(stripped).not.toContain('@font-face');
    expect(stripped).toContain('font-family:Frutiger W01,arial,sans-serif');
    // Only the two font rules and the map comment go: the rest of the design system stays.
    expect(packaged.length - stripped.length).toBeLessThan(700);
  });
});
