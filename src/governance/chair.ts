/**
 * Who the chair is, and who presides when the chair is absent. An ex officio chair is the holder of
 * a named seat (2008: the NHS London Chief Executive); an elected chair is the member recorded as
 * holding the office. Who presides otherwise follows the constitution's `whenAbsent` rule.
 */
import type { Constitution } from './constitution-schema.ts';
import { type Citation, citationOf, type Explanation, uniqueCitations } from './explanation.ts';
import { type MeetingFacts, meetingFactsSchema } from './facts.ts';
import {
  memberLabel,
  parseFacts,
  type ResolvedAttendance,
  type ResolvedMember,
  resolveAttendance,
  resolveMembers,
} from './membership.ts';
import { type EngineResult, engineError, failure, success } from './result.ts';

type Office = 'chair' | 'viceChair';

/** The member holding the chair (or vice-chair), undefined when the office is not filled. */
export function identifyOfficeHolder(
  constitution: Constitution,
  members: readonly ResolvedMember[],
  office: Office,
  options: { readonly countsCheckedElsewhere?: boolean } = {},
): EngineResult<ResolvedMember | undefined> {
  const rule = office === 'chair' ? constitution.chair : constitution.chair.viceChair;
  const officeName = office === 'chair' ? 'chair' : 'vice-chair';
  const flagged = members.filter((member) => member.fact.office === office);
  if (!rule) {
    const first = flagged[0];
    return first
      ? failure([
          engineError(
            'chair-mismatch',
            `${first.fact.name} is recorded as ${officeName}, but ${constitution.identity.title} has no ${officeName}`,
            {
              path: ['members', first.index, 'office'],
            },
          ),
        ])
      : success(undefined);
  }
  const selection = rule.selection;
  if (selection.method === 'exOfficio') {
    const holders = members.filter((member) => member.seat.role === selection.role);
    const second = holders[1];
    // Composition reports too many holders of the seat as a refusal under the seat's count.
    if (second && !options.countsCheckedElsewhere) {
      return failure([
        engineError(
          'chair-mismatch',
          `more than one member holds seat "${selection.role}", whose holder is ${officeName} ex officio`,
          {
            path: ['members', second.index, 'role'],
            clause: rule.clause,
          },
        ),
      ]);
    }
    const holder = holders[0];
    const wrong = flagged.find((member) => member !== holder);
    if (wrong) {
      return failure([
        engineError(
          'chair-mismatch',
          `${wrong.fact.name} is recorded as ${officeName}, but the ${officeName} is ex officio the holder of seat "${selection.role}" (${rule.clause}: "${rule.text}")`,
          { path: ['members', wrong.index, 'office'], clause: rule.clause },
        ),
      ]);
    }
    return success(holder);
  }
  const second = flagged[1];
  if (second) {
    return failure([
      engineError('chair-mismatch', `more than one member is recorded as ${officeName}`, {
        path: ['members', second.index, 'office'],
        clause: rule.clause,
      }),
    ]);
  }
  const elected = flagged[0];
  if (elected && selection.fromRoles && !selection.fromRoles.includes(elected.seat.role)) {
    return failure([
      engineError(
        'chair-mismatch',
        `${elected.fact.name} is recorded as ${officeName}, but the ${officeName} is elected from ${selection.fromRoles.join(', ')} (${rule.clause})`,
        { path: ['members', elected.index, 'office'], clause: rule.clause },
      ),
    ]);
  }
  return success(elected);
}

export interface PresidingResult {
  /** Who presides, or undefined when no one can (yet). */
  readonly presiding: { readonly id: string; readonly name: string } | undefined;
  readonly basis: 'chair' | 'viceChair' | 'electedByMembersPresent' | 'none';
  readonly explanation: Explanation;
}

/** Presiding, computed from resolved facts (shared with tally's casting vote). */
export function decidePresiding(
  constitution: Constitution,
  members: readonly ResolvedMember[],
  attendance: ReadonlyMap<string, ResolvedAttendance>,
  presidingMemberId: string | undefined,
): EngineResult<PresidingResult> {
  const chairResult = identifyOfficeHolder(constitution, members, 'chair');
  if (!chairResult.ok) return chairResult;
  const viceResult = identifyOfficeHolder(constitution, members, 'viceChair');
  if (!viceResult.ok) return viceResult;
  const chair = chairResult.value;
  const viceChair = viceResult.value;
  const isPresent = (member: ResolvedMember | undefined): member is ResolvedMember =>
    member !== undefined && attendance.get(member.fact.id)?.status === 'present';
  const rule = constitution.chair.whenAbsent;
  const citations: Citation[] = [citationOf(constitution.chair)];
  const build = (
    presiding: ResolvedMember | undefined,
    basis: PresidingResult['basis'],
    summary: string,
    lines: string[],
    missing: string[] = [],
  ): PresidingResult => ({
    presiding: presiding ? { id: presiding.fact.id, name: presiding.fact.name } : undefined,
    basis,
    explanation: {
      clause: basis === 'chair' ? constitution.chair.clause : rule.clause,
      text: basis === 'chair' ? constitution.chair.text : rule.text,
      summary,
      counted: [],
      missing,
      excluded: [],
      citations: uniqueCitations(basis === 'chair' ? citations : [citationOf(rule), ...citations]),
      lines,
    },
  });

  const chosen = presidingMemberId
    ? members.find((member) => member.fact.id === presidingMemberId)
    : undefined;
  if (presidingMemberId !== undefined && (!chosen || !isPresent(chosen))) {
    return failure([
      engineError(
        'presiding-member-invalid',
        `the member recorded as presiding ("${presidingMemberId}") is not a member present`,
        {
          path: ['presidingMemberId'],
        },
      ),
    ]);
  }

  if (isPresent(chair)) {
    if (chosen && chosen !== chair) {
      return failure([
        engineError(
          'presiding-member-invalid',
          `${chosen.fact.name} is recorded as presiding, but the chair is present and presides (${constitution.chair.clause})`,
          {
            path: ['presidingMemberId'],
            clause: constitution.chair.clause,
          },
        ),
      ]);
    }
    return success(
      build(chair, 'chair', `${chair.fact.name} presides as chair.`, [
        `The chair, ${memberLabel(constitution, chair)}, is present and presides.`,
      ]),
    );
  }
  const absence = chair
    ? `The chair, ${memberLabel(constitution, chair)}, is not present.`
    : 'No chair holds office.';
  if (rule.presiding === 'noBusiness') {
    return success(
      build(
        undefined,
        'none',
        'No one may preside: without the chair no business can be transacted.',
        [absence, `${rule.clause}: without the chair no business can be transacted.`],
        ['the chair'],
      ),
    );
  }
  if (
    (rule.presiding === 'viceChair' || rule.presiding === 'viceChairThenMembersElect') &&
    isPresent(viceChair)
  ) {
    if (chosen && chosen !== viceChair) {
      return failure([
        engineError(
          'presiding-member-invalid',
          `${chosen.fact.name} is recorded as presiding, but the vice-chair is present and presides (${rule.clause})`,
          {
            path: ['presidingMemberId'],
            clause: rule.clause,
          },
        ),
      ]);
    }
    return success(
      build(viceChair, 'viceChair', `${viceChair.fact.name} presides as vice-chair.`, [
        absence,
        `The vice-chair, ${memberLabel(constitution, viceChair)}, presides.`,
      ]),
    );
  }
  if (rule.presiding === 'viceChair') {
    return success(
      build(
        undefined,
        'none',
        'No one may preside: neither the chair nor the vice-chair is present.',
        [absence, 'The vice-chair is not present either.'],
        ['the chair or the vice-chair'],
      ),
    );
  }
  if (chosen) {
    return success(
      build(
        chosen,
        'electedByMembersPresent',
        `${chosen.fact.name} presides, chosen by the members present.`,
        [
          absence,
          `${memberLabel(constitution, chosen)} was chosen by the members present to preside.`,
        ],
      ),
    );
  }
  return success(
    build(
      undefined,
      'none',
      'The members present must choose one of their number to preside.',
      [
        absence,
        'The members present must choose one of their number to preside; none is recorded.',
      ],
      ['a member chosen to preside'],
    ),
  );
}

/**
 * Who presides at a meeting: the chair when present; otherwise as the constitution's chair-absent
 * rule says (the vice-chair, a member chosen by those present, or no one, when without the chair
 * no business can be transacted).
 */
export function presidingMember(
  constitution: Constitution,
  meeting: MeetingFacts,
): EngineResult<PresidingResult> {
  const facts = parseFacts(meetingFactsSchema, meeting);
  if (!facts.ok) return facts;
  const members = resolveMembers(constitution, facts.value.members);
  if (!members.ok) return members;
  const attendance = resolveAttendance(constitution, members.value, facts.value.attendance);
  if (!attendance.ok) return attendance;
  return decidePresiding(
    constitution,
    members.value,
    attendance.value,
    facts.value.presidingMemberId,
  );
}
