import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/**
 * Test prerequisites come from Debian's packages. As root we install what is missing; otherwise
 * we stop with the exact command to run, rather than failing somewhere obscure later.
 */
export function ensureDebianPackage(options: {
  packageName: string;
  isInstalled: () => boolean;
  purpose: string;
}): void {
  if (options.isInstalled()) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new Error(
      `${options.purpose} needs Debian's ${options.packageName} package, which is not installed. ` +
        `Install it with: sudo apt-get install -y ${options.packageName}`,
    );
  }
  process.stderr.write(`Installing ${options.packageName} from Debian for ${options.purpose}…\n`);
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: environment });
  execFileSync('apt-get', ['install', '-y', '-qq', options.packageName], {
    stdio: 'inherit',
    env: environment,
  });
  if (!options.isInstalled()) {
    throw new Error(`apt-get installed ${options.packageName} but it still cannot be found.`);
  }
}

/** The newest installed PostgreSQL server's bin folder, or undefined. */
export function findPostgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(`${root}/${version}/bin/initdb`))
    .sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b));
  const newest = versions.at(-1);
  return newest ? `${root}/${newest}/bin` : undefined;
}

export const chromiumPath = '/usr/bin/chromium';
