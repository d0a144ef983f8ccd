import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** The commands the README shows, on the example facts in docs/examples, through the real binary. */
function concordat(...args: string[]) {
  return run(process.execPath, [path.join(root, 'bin/concordat.js'), ...args], { cwd: root });
}

describe('the README rules examples', { timeout: 60_000 }, () => {
  it('the 2008 London group with the chair and 8 chief executives from 4 sectors is inquorate, naming the sector', async () => {
    const { stdout } = await concordat(
      'rules',
      'quorum',
      '--constitution',
      'london-commissioning-group-2008',
      '--facts',
      'docs/examples/lcg-2008-chair-and-eight-from-four-sectors.json',
    );
    expect(stdout).toContain('Inquorate under 2008 §Quorum: South East sector unrepresented');
  });

  it('with all five sectors it is quorate', async () => {
    const { stdout } = await concordat(
      'rules',
      'quorum',
      '--constitution',
      'london-commissioning-group-2008',
      '--facts',
      'docs/examples/lcg-2008-chair-and-eight-from-five-sectors.json',
    );
    expect(stdout).toMatch(/^Quorate under 2008 §Quorum/m);
  });

  it('a 6–2 collective-procurement vote carries at 75% of 8', async () => {
    const { stdout } = await concordat(
      'rules',
      'tally',
      '--constitution',
      'london-commissioning-group-2006',
      '--method',
      'collective-procurement-majority',
      '--facts',
      'docs/examples/procurement-vote-6-for-2-against.json',
    );
    expect(stdout).toContain(
      'Carried under 2006 §111: 6 for out of a base of 8; 3/4 (75%) of 8 needs 6.',
    );
  });
});
