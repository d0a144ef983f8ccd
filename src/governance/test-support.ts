/**
 * Test fixtures for the engine's own tests: a small, synthetic partnership constitution (two
 * sectors, voting and non-voting seats, every decision method) built in code and validated by
 * `parseConstitution`, so each test states only the facts it is about. The seeds' own rules are
 * tested against the presets in src/constitutions.
 */
import type { Constitution } from './constitution-schema.ts';
import { parseConstitution } from './constitution-validation.ts';
import type { AttendanceFact, AttendanceStatus, MemberFact } from './facts.ts';

const rule = (clause: string, text = `Rule ${clause}.`) => ({ clause: `T ${clause}`, text });

/** A plain object, so tests can change a copy before validating it. */
export function partnershipDocument(): Record<string, unknown> {
  return {
    formatVersion: 1,
    identity: { id: 'test-partnership', title: 'Test Partnership', version: 1 },
    effective: { date: '2020-01-01', ...rule('§1') },
    review: { date: '2021-01-01', ...rule('§99') },
    sources: [{ id: 'T', title: 'Test terms of reference' }],
    sectors: [
      { id: 'east', name: 'East' },
      { id: 'west', name: 'West' },
    ],
    bodies: [
      { id: 'member-boards', name: 'the member boards', collective: true },
      { id: 'regional-authority', name: 'Regional Authority' },
      {
        id: 'support-unit',
        name: 'Support Unit',
        decisionMaking: { allowed: false, ...rule('§3') },
      },
    ],
    accountableTo: [{ to: ['member-boards'], ...rule('§2') }],
    adoption: { by: 'member-boards', ...rule('§2') },
    seats: [
      {
        role: 'member',
        title: 'Member',
        ...rule('§4'),
        eligibility: { posts: ['chief-executive'], sectors: 'all' },
        filledBy: { method: 'nominated', by: 'member-boards' },
        count: { atMost: 4 },
        perSector: { atMost: 2 },
        voting: { entitled: true, ...rule('§4') },
        memberType: 'officer',
      },
      {
        role: 'lay-member',
        title: 'Lay member',
        ...rule('§5'),
        filledBy: { method: 'appointed' },
        count: { atMost: 2 },
        voting: { entitled: true, ...rule('§5') },
        memberType: 'nonOfficer',
      },
      {
        role: 'observer',
        title: 'Observer',
        ...rule('§6'),
        filledBy: { method: 'coOpted' },
        count: { atLeast: 0 },
        voting: { entitled: false, ...rule('§6') },
      },
    ],
    invitedAttendees: { mayVote: false, ...rule('§6') },
    chair: {
      ...rule('§7'),
      selection: { method: 'elected' },
      whenAbsent: { presiding: 'membersElect', ...rule('§7') },
    },
    quorum: {
      ...rule('§8'),
      rule: {
        allOf: [
          { atLeast: { count: 2, roles: ['member'] } },
          { atLeastOnePerSector: { roles: ['member'] } },
        ],
      },
    },
    deputies: { countTowardQuorum: false, mayVote: false, ...rule('§9') },
    conflictsOfInterest: { countTowardQuorum: false, ...rule('§10') },
    decisionMethods: [
      {
        id: 'consensus',
        kind: 'consensus',
        title: 'Consensus',
        ...rule('§11'),
        withoutConsensus: { fallback: 'advice', to: ['member-boards'], ...rule('§11') },
      },
      {
        id: 'consensus-or-dispute',
        kind: 'consensus',
        title: 'Consensus or dispute',
        ...rule('§11a'),
        withoutConsensus: { fallback: 'disputeProcedure', ...rule('§11a') },
      },
      {
        id: 'majority',
        kind: 'simpleMajority',
        title: 'Majority',
        ...rule('§12'),
        castingVote: { by: 'presiding', ...rule('§12') },
      },
      {
        id: 'majority-no-casting',
        kind: 'simpleMajority',
        title: 'Majority, no casting vote',
        ...rule('§12a'),
      },
      {
        id: 'three-quarters-present',
        kind: 'supermajority',
        title: 'Three quarters of those present',
        ...rule('§13'),
        threshold: { numerator: 3, denominator: 4 },
        base: 'present',
      },
      {
        id: 'consortium',
        kind: 'supermajority',
        title: 'Three quarters of the consortium',
        ...rule('§14'),
        threshold: { numerator: 3, denominator: 4 },
        base: 'allEntitled',
        electorate: { of: 'parties', description: 'the consortium members', ...rule('§14') },
      },
      {
        id: 'consortium-by-share',
        kind: 'supermajority',
        title: 'Three quarters of the consortium by share',
        ...rule('§15'),
        threshold: { numerator: 3, denominator: 4 },
        base: 'allEntitled',
        weighting: { by: 'share', ...rule('§15') },
        electorate: { of: 'parties', description: 'the consortium members', ...rule('§15') },
      },
      {
        id: 'reserved',
        kind: 'reserved',
        title: 'Reserved to the regional authority',
        ...rule('§16'),
        decidedBy: ['regional-authority'],
        adviceBy: 'consensus',
      },
    ],
    decisionKinds: [
      { id: 'ordinary', title: 'Ordinary business', method: 'majority', ...rule('§17') },
      {
        id: 'binding',
        title: 'Binding decision',
        method: 'majority',
        ...rule('§17a'),
        binds: { on: ['member-boards'], ...rule('§17a') },
      },
      { id: 'policy', title: 'Policy', method: 'reserved', ...rule('§16') },
    ],
    disputes: {
      ...rule('§18'),
      alongside: { performanceManagementBy: 'regional-authority', ...rule('§18') },
      categories: [
        {
          id: 'procurement',
          title: 'Procurement',
          ...rule('§19'),
          ladder: [{ step: 'vote', id: 'vote', method: 'consortium', ...rule('§19') }],
        },
        {
          id: 'joint-review',
          title: 'Joint review',
          ...rule('§20'),
          ladder: [
            { step: 'agreeProcess', id: 'agree', ...rule('§20') },
            { step: 'mediation', id: 'mediation', conductedBy: 'chair', ...rule('§21') },
            {
              step: 'facilitation',
              id: 'facilitation',
              by: 'regional-authority',
              when: 'endOfReview',
              ...rule('§22'),
            },
            { step: 'signOff', id: 'sign-off', by: 'member-boards', ...rule('§23') },
          ],
        },
      ],
    },
    meetings: {
      cadence: { every: 'month', ...rule('§24') },
      notice: { clearDays: 3, ...rule('§25') },
    },
    reporting: [
      {
        id: 'minutes',
        report: 'minutes',
        frequency: 'everyMeeting',
        to: ['member-boards'],
        ...rule('§26'),
      },
    ],
  };
}

/** Validate a document, failing loudly: fixtures must be valid. */
export function constitutionFrom(document: unknown): Constitution {
  const parsed = parseConstitution(document);
  if (!parsed.ok) throw new Error(`invalid fixture: ${JSON.stringify(parsed.issues, null, 2)}`);
  return parsed.constitution;
}

export function partnership(): Constitution {
  return constitutionFrom(partnershipDocument());
}

export function member(id: string, role: string, extra: Partial<MemberFact> = {}): MemberFact {
  return {
    id,
    name: extra.name ?? `Member ${id}`,
    role,
    ...(role === 'member' ? { post: 'chief-executive' } : {}),
    ...extra,
  };
}

export function attendance(statuses: Record<string, AttendanceStatus>): AttendanceFact[] {
  return Object.entries(statuses).map(([memberId, status]) => ({ memberId, status }));
}

/** Unwrap an engine result in a test, failing with the errors when there are any. */
export function expectOk<T>(
  result: { ok: true; value: T } | { ok: false; errors: readonly unknown[] },
): T {
  if (!result.ok)
    throw new Error(`expected success, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.value;
}

export function expectErrors(
  result: { ok: true } | { ok: false; errors: readonly { code: string; message: string }[] },
): readonly {
  code: string;
  message: string;
  path?: readonly (string | number)[];
  clause?: string;
}[] {
  if (result.ok) throw new Error('expected errors, got success');
  return result.errors;
}
