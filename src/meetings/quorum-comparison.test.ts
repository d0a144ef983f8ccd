import { beforeAll, describe, expect, it } from 'vitest';
import {
  chair,
  chiefExecutives2008,
  pctsBySector,
  preset,
  type sectors,
} from '../constitutions/testing/london.ts';
import {
  type AttendanceFact,
  type Constitution,
  evaluateQuorum,
  type MemberFact,
} from '../governance/index.ts';
import { quorumUnderVersion } from './quorum-comparison.ts';

let lcg2006: Constitution;
let lcg2008: Constitution;

beforeAll(async () => {
  lcg2006 = await preset('london-commissioning-group-2006');
  lcg2008 = await preset('london-commissioning-group-2008');
});

const chairWithOffice: MemberFact = {
  ...chair,
  office: 'chair',
  filledBy: { method: 'exOfficio', by: 'nhs-london' },
};
const members = () => [chairWithOffice, ...chiefExecutives2008()];
const nominee = (sector: (typeof sectors)[number]) =>
  chiefExecutives2008().find(
    (member) => member.name === `${pctsBySector[sector][1]} Chief Executive`,
  )!;

function attendance(present: readonly MemberFact[], all = members()): AttendanceFact[] {
  const ids = new Set(present.map((member) => member.id));
  return all.map((member) => ({
    memberId: member.id,
    status: ids.has(member.id) ? 'present' : 'apologies',
  }));
}

describe('the same attendance under the 2006 and the 2008 terms', () => {
  it('2006 SI 2000/89 Sch 2 (assumed): "quorum one third of the whole membership" — 2 of the 5 nominated chief executives are quorate, while 2008 §Quorum: "a minimum of 8 London PCT Chief Executives … in addition to the Chair" is not met', () => {
    const present = [chairWithOffice, nominee('north-west'), nominee('north-central')];
    const facts = { members: members(), attendance: attendance(present) };

    const under2008 = evaluateQuorum(lcg2008, facts);
    expect(under2008.ok && under2008.value.quorate).toBe(false);

    const under2006 = quorumUnderVersion(lcg2006, lcg2008, facts);
    expect(under2006.version).toBe(1);
    expect(under2006.problems).toEqual([]);
    expect(under2006.quorum?.quorate).toBe(true);
    expect(under2006.quorum?.clause).toBe('SI 2000/89 Sch 2');
    expect(under2006.quorum?.summary).toContain('Quorate');
    expect(under2006.quorum?.lines.join(' ')).toContain('2 present of 5 voting members');
  });

  it('counts each CCG nominee in the 2006 seat nominated by the sector group, and names why each ex officio CCG chair cannot be counted (2006 §105: "Each Local Commissioning Group will nominate a Chief Executive representative")', () => {
    const result = quorumUnderVersion(lcg2006, lcg2008, {
      members: members(),
      attendance: attendance([]),
    });
    const counted = result.placements.filter((placement) => placement.seatTitle !== null);
    expect(counted.map((placement) => placement.seatTitle)).toEqual(
      Array(5).fill('PCT Chief Executive nominated by a Local Commissioning Group'),
    );
    const brent = result.placements.find(
      (placement) => placement.name === 'Brent Teaching PCT Chief Executive',
    );
    expect(brent?.seatTitle).toBeNull();
    expect(brent?.reason).toContain('recorded as ex officio');
    expect(brent?.reason).toContain('2006 §105');
    const sha = result.placements.find((placement) => placement.memberId === chair.id);
    expect(sha?.seatTitle).toBeNull();
    expect(sha?.reason).toContain('SHA representative');
    expect(result.notes.join(' ')).toContain('The Group will elect a Chair');
  });

  it('is inquorate under 2006 too when only ex officio CCG chairs attend: none of them holds a 2006 seat', () => {
    const chairsOfCcgs = chiefExecutives2008().filter(
      (member) => member.role === 'ccg-chair-chief-executive',
    );
    const result = quorumUnderVersion(lcg2006, lcg2008, {
      members: members(),
      attendance: attendance([chairWithOffice, ...chairsOfCcgs]),
    });
    expect(result.quorum?.quorate).toBe(false);
    expect(result.quorum?.summary).toContain('Inquorate under SI 2000/89 Sch 2');
  });

  it('gives the 2008 verdict when comparing the other way round, for members who hold 2008 seats', () => {
    const present = chiefExecutives2008();
    const facts = { members: members(), attendance: attendance([chairWithOffice, ...present]) };
    const same = quorumUnderVersion(lcg2008, lcg2008, facts);
    const direct = evaluateQuorum(lcg2008, facts);
    expect(direct.ok && direct.value.quorate).toBe(true);
    expect(same.quorum?.quorate).toBe(true);
    expect(same.placements.every((placement) => placement.seatTitle !== null)).toBe(true);
  });
});
