import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetsDirectory } from '../constitutions/presets.ts';
import {
  chair,
  chiefExecutiveIds,
  londonCommissioningGroup2008,
  pctChiefExecutive,
  pctsBySector,
  present,
} from '../constitutions/testing/london.ts';
import { registerRulesCommands } from './rules-command.ts';

interface Run {
  readonly out: string;
  readonly err: string;
  readonly exitCode: number;
}

async function rules(...args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  let exitCode = 0;
  const program = new Command('concordat').exitOverride().configureOutput({
    writeOut: (text) => {
      out += text;
    },
    writeErr: (text) => {
      err += text;
    },
  });
  registerRulesCommands(program, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    setExitCode: (code) => {
      exitCode = code;
    },
    today: () => '2007-02-01',
  });
  try {
    await program.parseAsync(['rules', ...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    exitCode = error.exitCode;
  }
  return { out, err, exitCode };
}

let directory: string;
async function factsFile(name: string, facts: unknown): Promise<string> {
  const file = join(directory, name);
  await writeFile(file, typeof facts === 'string' ? facts : JSON.stringify(facts));
  return file;
}

const members = londonCommissioningGroup2008();
const fourSectors = chiefExecutiveIds(['north-west', 'north-central', 'north-east', 'south-west']);
const eightFromFive = [
  ...chiefExecutiveIds(['north-west', 'north-central', 'north-east']),
  ...chiefExecutiveIds(['south-east', 'south-west'], 1),
];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'concordat-rules-'));
});

describe('concordat rules check', () => {
  it('says a valid constitution is valid and lists its assumptions', async () => {
    const run = await rules(
      'check',
      join(presetsDirectory, 'london-commissioning-group-2008.yaml'),
    );
    expect(run.exitCode).toBe(0);
    expect(run.out).toContain('london-commissioning-group-2008.yaml: valid.');
    expect(run.out).toContain(
      'London Commissioning Group, version 2, effective 2008-01-01; review due 2008-09-30.',
    );
    expect(run.out).toMatch(
      /decisionMethods\[collective-procurement-majority\] \(2006 §111\): The 2006 procedure does not say what the 75% is of/,
    );
  });

  it('gives line-numbered errors and exits 1', async () => {
    const file = await factsFile(
      'bad.yaml',
      [
        'formatVersion: 1',
        'identity: { id: bad-body, title: Bad, version: 1 }',
        'seats:',
        '  - role: member',
        '    title: Member',
        '    clause: X §1',
        '    text: Members.',
        '    filledBy: { method: coOpted }',
        '    count: { atLeast: 4, atMost: 2 }',
        '',
      ].join('\n'),
    );
    const run = await rules('check', file);
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain(
      `${file}:9:5  contradictory count: at least 4 but at most 2 (at seats[0].count)`,
    );
    expect(run.err).toMatch(/bad\.yaml:1:1 {2}missing required field "effective"/);
  });
});

describe('concordat rules quorum', () => {
  it('the chair and 8 PCT chief executives from 4 sectors: inquorate, naming the missing sector', async () => {
    const facts = await factsFile('four-sectors.json', {
      members,
      attendance: present(members, [chair.id, ...fourSectors]),
    });
    const run = await rules(
      'quorum',
      '--constitution',
      'london-commissioning-group-2008',
      '--facts',
      facts,
    );
    expect(run.exitCode).toBe(0);
    expect(run.out).toContain('London Commissioning Group (version 2): quorum');
    expect(run.out).toContain(
      'Inquorate under 2008 §Quorum: South East sector unrepresented: none of the London PCT Chief Executives present is from South East.',
    );
    expect(run.out).toContain(
      '2008 §Quorum: "To remain quorate there will need to be a minimum of 8 London PCT Chief Executives (with an individual from each sector) in addition to the Chair."',
    );
  });

  it('8 from all 5 sectors without the chair: inquorate, the chair is absent', async () => {
    const facts = await factsFile('no-chair.json', {
      members,
      attendance: present(members, eightFromFive),
    });
    const run = await rules(
      'quorum',
      '--constitution',
      'london-commissioning-group-2008',
      '--facts',
      facts,
    );
    expect(run.out).toContain('Inquorate under 2008 §Quorum: the chair is absent');
  });

  it('8 from all 5 sectors with the chair: quorate, as JSON', async () => {
    const facts = await factsFile('quorate.json', {
      members,
      attendance: present(members, [chair.id, ...eightFromFive]),
    });
    const run = await rules(
      'quorum',
      '--constitution',
      'london-commissioning-group-2008',
      '--facts',
      facts,
      '--json',
    );
    const result = JSON.parse(run.out);
    expect(result.quorate).toBe(true);
    expect(result.explanation.clause).toBe('2008 §Quorum');
  });

  it('facts that do not fit are refused with the reason, exit 1', async () => {
    const facts = await factsFile('unknown-seat.json', {
      members: [...members, { id: 'x', name: 'Treasurer', role: 'treasurer' }],
      attendance: [],
    });
    const run = await rules(
      'quorum',
      '--constitution',
      'london-commissioning-group-2008',
      '--facts',
      facts,
    );
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain(
      'unknown-role: Treasurer holds seat "treasurer", which London Commissioning Group (version 2) does not define',
    );
    expect(run.err).toContain('(at members.21.role)');
  });

  it('a facts file that is not JSON is refused', async () => {
    const facts = await factsFile('not-json.json', 'members: []');
    const run = await rules(
      'quorum',
      '--constitution',
      'london-commissioning-group-2008',
      '--facts',
      facts,
      '--json',
    );
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.out).error).toContain('is not JSON');
  });
});

describe('concordat rules tally', () => {
  const parties = Array.from({ length: 8 }, (_, index) => ({
    id: `pct-${index + 1}`,
    name: `Consortium PCT ${index + 1}`,
  }));
  const vote = (forCount: number) =>
    parties.map((party, index) => ({
      voterId: party.id,
      choice: index < forCount ? 'for' : 'against',
    }));

  it('a collective-procurement vote of 6 for and 2 against among 8 consortium members passes at 75%', async () => {
    const facts = await factsFile('six-two.json', { parties, votes: vote(6) });
    const run = await rules(
      'tally',
      '--constitution',
      'london-commissioning-group-2006',
      '--method',
      'collective-procurement-majority',
      '--facts',
      facts,
    );
    expect(run.out).toContain(
      'Carried under 2006 §111: 6 for out of a base of 8; 3/4 (75%) of 8 needs 6.',
    );
    expect(run.out).toContain('Threshold 3/4 (75%) of 8 needs 6: 6 × 4 = 24 ≥ 3 × 8 = 24.');
  });

  it('5 for and 3 against fails', async () => {
    const facts = await factsFile('five-three.json', { parties, votes: vote(5) });
    const run = await rules(
      'tally',
      '--constitution',
      'london-commissioning-group-2006',
      '--method',
      'collective-procurement-majority',
      '--facts',
      facts,
      '--json',
    );
    expect(JSON.parse(run.out)).toMatchObject({
      outcome: 'notCarried',
      counts: { for: 5, against: 3, needed: 6 },
    });
  });

  it('a policy matter put to the 2008 group yields advice, not a decision', async () => {
    const here = [chair.id, ...eightFromFive];
    const facts = await factsFile('policy.json', {
      members,
      attendance: present(members, here),
      votes: here.map((voterId) => ({ voterId, choice: 'for' })),
    });
    const run = await rules(
      'tally',
      '--constitution',
      'london-commissioning-group-2008',
      '--kind',
      'policy-and-strategy',
      '--facts',
      facts,
    );
    expect(run.out).toContain(
      'Advice, not a decision: 2008 §Decision-making reserves this matter to London PCTs and NHS London; London Commissioning Group may only advise.',
    );
  });

  it('needs exactly one of --method and --kind', async () => {
    const facts = await factsFile('empty.json', { parties, votes: [] });
    const run = await rules(
      'tally',
      '--constitution',
      'london-commissioning-group-2006',
      '--facts',
      facts,
    );
    expect(run).toMatchObject({ exitCode: 1, err: 'Give exactly one of --method and --kind\n' });
  });
});

describe('concordat rules composition', () => {
  it('a third chief executive from one sector is refused with the 2008 membership clause', async () => {
    const third = pctChiefExecutive(
      'north-west',
      pctsBySector['north-west'][2],
      'ccg-nominated-chief-executive',
    );
    const facts = await factsFile('third.json', { members: [...members, third] });
    const run = await rules(
      'composition',
      '--constitution',
      'london-commissioning-group-2008',
      '--facts',
      facts,
    );
    expect(run.exitCode).toBe(0);
    expect(run.out).toContain(
      'Refused under 2008 §Membership: London PCT Chief Executives from North West: 3',
    );
    expect(run.out).toContain('2008 §Membership: "10 London PCT Chief Executives (2 per sector,');
  });
});

describe('concordat rules dispute', () => {
  it('gives the next step on the ladder as of a date', async () => {
    const facts = await factsFile('dispute.json', {
      category: 'service-development',
      history: [
        {
          step: 'agree-decision-process',
          date: '2007-01-10',
          by: 'Group secretary',
          outcome: 'agreed',
        },
      ],
    });
    const run = await rules(
      'dispute',
      '--constitution',
      'london-commissioning-group-2006',
      '--facts',
      facts,
    );
    expect(run.out).toContain('London Commissioning Group (version 1): dispute, as of 2007-02-01');
    expect(run.out).toContain(
      'Next (2006 §112): mediation within the group, conducted by the chair.',
    );
  });
});

describe('concordat rules diff and presets', () => {
  it('lists what changed from 2006 to 2008', async () => {
    const run = await rules(
      'diff',
      'london-commissioning-group-2006',
      'london-commissioning-group-2008',
    );
    expect(run.out).toContain(
      'London Commissioning Group: version 1 (effective 2006-07-01) to version 2 (effective 2008-01-01)',
    );
    expect(run.out).toContain(
      'Added seats[patient-representative] (Patient representative) (2008 §Membership).',
    );
  });

  it('lists the presets', async () => {
    const run = await rules('presets');
    expect(run.out).toContain(
      'london-commissioning-group-2008  London Commissioning Group, version 2',
    );
    expect(run.out.trim().split('\n')).toHaveLength(9);
  });
});
