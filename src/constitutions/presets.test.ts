import { describe, expect, it } from 'vitest';
import {
  constitutionInForce,
  diffConstitutions,
  evaluateQuorum,
  type MemberFact,
} from '../governance/index.ts';
import { expectOk } from '../governance/test-support.ts';
import { listPresets, loadPreset, resolveConstitution } from './presets.ts';
import { preset } from './testing/london.ts';

describe('presets', () => {
  it('ship every body of the seeds and a default standing-orders body', async () => {
    expect((await listPresets()).map((entry) => entry.id)).toEqual([
      'joint-committee-of-pcts-2008',
      'local-commissioning-group-2006-north-central',
      'local-commissioning-group-2006-north-east',
      'local-commissioning-group-2006-north-west',
      'local-commissioning-group-2006-south-east',
      'local-commissioning-group-2006-south-west',
      'london-commissioning-group-2006',
      'london-commissioning-group-2008',
      'nhs-standing-orders-default',
    ]);
  });

  it('all load and validate', async () => {
    for (const entry of await listPresets()) {
      const loaded = await loadPreset(entry.id);
      expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    }
  });

  it('the 2006 and 2008 London groups are versions 1 and 2 of one body', async () => {
    const [first, second] = await Promise.all([
      preset('london-commissioning-group-2006'),
      preset('london-commissioning-group-2008'),
    ]);
    expect([first.identity.id, first.identity.version]).toEqual(['london-commissioning-group', 1]);
    expect([second.identity.id, second.identity.version]).toEqual([
      'london-commissioning-group',
      2,
    ]);
    expect(expectOk(constitutionInForce([first, second], '2007-06-01')).identity.version).toBe(1);
    expect(expectOk(constitutionInForce([first, second], '2008-06-01')).identity.version).toBe(2);
  });

  it('the 2006 and 2008 London groups give different quorum results for the same attendance', async () => {
    const [first, second] = await Promise.all([
      preset('london-commissioning-group-2006'),
      preset('london-commissioning-group-2008'),
    ]);
    // The same five chief executives, one per sector, and the NHS London chief executive.
    const sectors = ['north-west', 'north-central', 'north-east', 'south-east', 'south-west'];
    const chiefExecutives = (role: string): MemberFact[] =>
      sectors.map((sector, index) => ({
        id: `ce-${sector}`,
        name: `${sector} Chief Executive`,
        role,
        sector,
        post: 'chief-executive',
        organisation: { id: `pct-${sector}`, type: 'primary-care-trust' },
        ...(role === 'sector-nominated-chief-executive' && index === 0
          ? { office: 'chair' as const }
          : {}),
      }));
    const nhsLondon = {
      id: 'nhs-london-ce',
      name: 'NHS London Chief Executive',
      post: 'chief-executive',
      organisation: { id: 'nhs-london' },
    };
    const meeting2006 = [
      ...chiefExecutives('sector-nominated-chief-executive'),
      { ...nhsLondon, role: 'sha-representative' },
    ];
    const meeting2008 = [
      ...chiefExecutives('ccg-chair-chief-executive'),
      { ...nhsLondon, role: 'nhs-london-chief-executive' },
    ];
    const everyone = (members: MemberFact[]) =>
      members.map((member) => ({ memberId: member.id, status: 'present' as const }));
    const under2006 = expectOk(
      evaluateQuorum(first, { members: meeting2006, attendance: everyone(meeting2006) }),
    );
    const under2008 = expectOk(
      evaluateQuorum(second, { members: meeting2008, attendance: everyone(meeting2008) }),
    );
    expect(under2006.quorate).toBe(true);
    expect(under2006.explanation.citations[0]).toMatchObject({
      clause: 'SI 2000/89 Sch 2',
      assumption: expect.stringContaining('set no quorum'),
    });
    expect(under2008.quorate).toBe(false);
    expect(under2008.explanation.missing).toEqual([
      'London PCT Chief Executives: 5 present, at least 8 required (3 more needed)',
    ]);
  });

  it('the diff from 2006 to 2008 shows the new membership, quorum and decision-making, with clauses', async () => {
    const [first, second] = await Promise.all([
      preset('london-commissioning-group-2006'),
      preset('london-commissioning-group-2008'),
    ]);
    const diff = expectOk(diffConstitutions(first, second));
    const paths = diff.changes.map((change) => change.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'identity.version',
        'seats[sha-representative]',
        'seats[ccg-chair-chief-executive]',
        'seats[patient-representative]',
        'quorum.rule',
        'decisionMethods[reserved-to-pcts-and-nhs-london]',
      ]),
    );
    expect(diff.changes.find((change) => change.path === 'quorum.rule')?.description).toBe(
      'Changed the quorum from "at least 1/3 of the voting membership present (rounded up)" (SI 2000/89 Sch 2) to "all of: the chair present; London PCT Chief Executives: at least 8 present; London PCT Chief Executives: at least one present from each sector" (2008 §Quorum)',
    );
    expect(diff.explanation.summary).toMatch(
      /^London Commissioning Group: version 1 \(effective 2006-07-01\) to version 2 \(effective 2008-01-01\)/,
    );
  });

  it('every assumption says why', async () => {
    for (const entry of await listPresets()) {
      const loaded = await loadPreset(entry.id);
      if (!loaded.ok) continue;
      const reasons: string[] = [];
      JSON.stringify(loaded.constitution, (key, value) => {
        if (key === 'assumption') reasons.push((value as { reason: string }).reason);
        return value;
      });
      expect(reasons.every((reason) => reason.length > 20)).toBe(true);
    }
  });

  it('resolves a file path or a preset id, and names the presets when neither is found', async () => {
    expect((await resolveConstitution('london-commissioning-group-2008')).ok).toBe(true);
    expect(
      (await resolveConstitution('constitutions/london-commissioning-group-2006.yaml')).ok,
    ).toBe(true);
    const missing = await resolveConstitution('no-such-body');
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.errors[0]?.message).toContain('london-commissioning-group-2008');
  });
});
