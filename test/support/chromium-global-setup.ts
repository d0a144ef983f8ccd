import { existsSync } from 'node:fs';
import { chromiumPath, ensureDebianPackage } from './system-packages.ts';

/** The browser tier drives Debian's Chromium (never a tool's own browser download). */
export default function ensureChromium() {
  ensureDebianPackage({
    packageName: 'chromium',
    isInstalled: () => existsSync(chromiumPath),
    purpose: 'the browser test tier',
  });
}
