/**
 * Quorum: evaluates a constitution's quorum expression against who is at a meeting, and explains
 * the result condition by condition ("inquorate: South East sector unrepresented; 2008 §Quorum").
 *
 * Who counts: members recorded as present; a deputy only when the constitution's deputies rule
 * says deputies count; for a given agenda item, members with a declared conflict only when the
 * conflicts rule says they count. Every condition is monotone in who is present, so adding a
 * present member can never make a quorate meeting inquorate.
 */

import { identifyOfficeHolder } from './chair.ts';
import { describeRoles, expandRoles, sectorIds, sectorName } from './constitution-model.ts';
import type { Constitution, QuorumCondition } from './constitution-schema.ts';
import {
  type Citation,
  type CountedFact,
  citationOf,
  type Exclusion,
  type Explanation,
  listInWords,
  plural,
  uniqueCitations,
} from './explanation.ts';
import { type MeetingFacts, meetingFactsSchema } from './facts.ts';
import { describeFraction, smallestMeeting } from './fraction.ts';
import {
  checkConflictIds,
  conflictsForItem,
  memberLabel,
  parseFacts,
  type ResolvedAttendance,
  type ResolvedMember,
  resolveAttendance,
  resolveMembers,
} from './membership.ts';
import { type EngineResult, failure, success } from './result.ts';

/** The result of one condition of the quorum expression. */
export interface QuorumConditionResult {
  /** The condition in words: "at least 8 London PCT Chief Executives present". */
  readonly condition: string;
  readonly met: boolean;
  /** What was found, in words. */
  readonly finding: string;
  /** Who was counted, in words, when that is more than the finding says. */
  readonly detail?: string;
  readonly counted: readonly CountedFact[];
  readonly missing: readonly string[];
  /** For allOf / anyOf, the results of the parts. */
  readonly parts?: readonly QuorumConditionResult[];
}

export interface QuorumResult {
  readonly quorate: boolean;
  /**
   * The finding in a few words, for a result or a warning to name: "quorate: 10 of 11 members
   * present (2008 §Quorum)" or "inquorate: 6 of 11 members present; … (2008 §Quorum)".
   */
  readonly finding: string;
  readonly result: QuorumConditionResult;
  readonly explanation: Explanation;
}

export interface QuorumOptions {
  /** Evaluate for one agenda item: members with a declared conflict on it may then not count. */
  readonly itemId?: string;
}

interface Context {
  readonly constitution: Constitution;
  readonly members: readonly ResolvedMember[];
  /** Members who count toward the quorum. */
  readonly counting: readonly ResolvedMember[];
  readonly attendance: ReadonlyMap<string, ResolvedAttendance>;
  readonly chair: ResolvedMember | undefined;
}

/** The quorum expression in words, e.g. for documentation and diffs. */
export function describeQuorumCondition(
  constitution: Constitution,
  condition: QuorumCondition,
): string {
  if ('allOf' in condition) {
    return `all of: ${condition.allOf.map((part) => describeQuorumCondition(constitution, part)).join('; ')}`;
  }
  if ('anyOf' in condition) {
    return `any of: ${condition.anyOf.map((part) => describeQuorumCondition(constitution, part)).join('; ')}`;
  }
  if ('chairPresent' in condition) return 'the chair present';
  if ('atLeast' in condition) {
    return `${describeRoles(constitution, condition.atLeast.roles)}: at least ${condition.atLeast.count} present`;
  }
  if ('atLeastOnePerSector' in condition) {
    return `${describeRoles(constitution, condition.atLeastOnePerSector.roles)}: at least one present from each sector`;
  }
  if ('fractionOfMembership' in condition) {
    const fraction = condition.fractionOfMembership;
    return `at least ${describeFraction(fraction)} of the ${fraction.membership} membership present (rounded up)`;
  }
  return 'at least one officer member and one non-officer member present';
}

function names(members: readonly ResolvedMember[]): string[] {
  return members.map((member) => member.fact.name);
}

function evaluate(context: Context, condition: QuorumCondition): QuorumConditionResult {
  const { constitution } = context;
  const description = describeQuorumCondition(constitution, condition);
  if ('allOf' in condition || 'anyOf' in condition) {
    const all = 'allOf' in condition;
    const parts = (all ? condition.allOf : condition.anyOf).map((part) => evaluate(context, part));
    const met = all ? parts.every((part) => part.met) : parts.some((part) => part.met);
    const failed = parts.filter((part) => !part.met);
    return {
      condition: all ? 'all of the following' : 'any of the following',
      met,
      finding: met
        ? all
          ? 'every condition is met'
          : `met: ${parts.find((part) => part.met)?.condition}`
        : all
          ? `${plural(failed.length, 'condition')} not met`
          : 'no condition is met',
      counted: parts.flatMap((part) => part.counted),
      missing: met ? [] : failed.flatMap((part) => part.missing),
      parts,
    };
  }
  if ('chairPresent' in condition) return evaluateChairPresent(context, description);
  if ('atLeast' in condition) {
    const roles = expandRoles(constitution, condition.atLeast.roles);
    const title = describeRoles(constitution, condition.atLeast.roles);
    const present = context.counting.filter((member) => roles.has(member.seat.role));
    const needed = condition.atLeast.count;
    const met = present.length >= needed;
    return {
      condition: description,
      met,
      finding: `${present.length} present`,
      ...(present.length > 0 ? { detail: listInWords(names(present)) } : {}),
      counted: [{ label: `${title} present`, count: present.length, names: names(present) }],
      missing: met
        ? []
        : [
            `${title}: ${present.length} present, at least ${needed} required (${needed - present.length} more needed)`,
          ],
    };
  }
  if ('atLeastOnePerSector' in condition) {
    const roles = expandRoles(constitution, condition.atLeastOnePerSector.roles);
    const title = describeRoles(constitution, condition.atLeastOnePerSector.roles);
    const perSector = sectorIds(constitution).map((sector) => ({
      sector,
      present: context.counting.filter(
        (member) => roles.has(member.seat.role) && member.sector === sector,
      ),
    }));
    const unrepresented = perSector.filter((entry) => entry.present.length === 0);
    const tallies = perSector.map(
      (entry) => `${sectorName(constitution, entry.sector)} ${entry.present.length}`,
    );
    return {
      condition: description,
      met: unrepresented.length === 0,
      finding:
        unrepresented.length === 0
          ? `every sector represented (${tallies.join(', ')})`
          : `${listInWords(unrepresented.map((entry) => sectorName(constitution, entry.sector)))} unrepresented (${tallies.join(', ')})`,
      counted: perSector.map((entry) => ({
        label: `${title} present from ${sectorName(constitution, entry.sector)}`,
        count: entry.present.length,
        names: names(entry.present),
      })),
      missing: unrepresented.map(
        (entry) =>
          `${sectorName(constitution, entry.sector)} sector unrepresented: none of the ${title} present is from ${sectorName(constitution, entry.sector)}`,
      ),
    };
  }
  if ('fractionOfMembership' in condition) {
    const fraction = condition.fractionOfMembership;
    const inBase = (member: ResolvedMember): boolean =>
      fraction.membership === 'whole' || member.seat.voting.entitled;
    const base = context.members.filter(inBase).length;
    // A meeting with no one present is never quorate, even of an empty membership.
    const needed = Math.max(1, smallestMeeting(base, fraction));
    const present = context.counting.filter(inBase);
    const met = present.length >= needed;
    return {
      condition: description,
      met,
      finding: `${present.length} present of ${base} ${fraction.membership === 'voting' ? 'voting members' : 'members'}; ${describeFraction(fraction)} of ${base} rounded up is ${needed}`,
      counted: [
        {
          label: `${fraction.membership === 'voting' ? 'Voting members' : 'Members'} present`,
          count: present.length,
          names: names(present),
        },
        {
          label: `${fraction.membership === 'voting' ? 'Voting membership' : 'Whole membership'}`,
          count: base,
          names: names(context.members.filter(inBase)),
        },
      ],
      missing: met
        ? []
        : [
            `${needed - present.length} more members needed: ${present.length} present, ${needed} required (${describeFraction(fraction)} of ${base}, rounded up)`,
          ],
    };
  }
  const officers = context.counting.filter((member) => member.seat.memberType === 'officer');
  const nonOfficers = context.counting.filter((member) => member.seat.memberType === 'nonOfficer');
  const missing = [
    ...(officers.length === 0 ? ['no officer member present'] : []),
    ...(nonOfficers.length === 0 ? ['no non-officer member present'] : []),
  ];
  return {
    condition: description,
    met: missing.length === 0,
    finding: `${plural(officers.length, 'officer member')} and ${plural(nonOfficers.length, 'non-officer member')} present`,
    counted: [
      { label: 'Officer members present', count: officers.length, names: names(officers) },
      {
        label: 'Non-officer members present',
        count: nonOfficers.length,
        names: names(nonOfficers),
      },
    ],
    missing,
  };
}

function evaluateChairPresent(context: Context, description: string): QuorumConditionResult {
  const { chair, constitution } = context;
  if (!chair) {
    return {
      condition: description,
      met: false,
      finding: 'no one holds the office of chair',
      counted: [{ label: 'Chair present', count: 0, names: [] }],
      missing: ['the chair: no one holds the office'],
    };
  }
  const status = context.attendance.get(chair.fact.id)?.status ?? 'notRecorded';
  const label = memberLabel(constitution, chair);
  const present = status === 'present';
  const reason =
    status === 'apologies'
      ? 'sent apologies'
      : status === 'deputy'
        ? 'is represented by a deputy, who does not count as the chair'
        : 'is absent';
  return {
    condition: description,
    met: present,
    finding: present ? `the chair, ${label}, is present` : `the chair, ${label}, ${reason}`,
    counted: [
      { label: 'Chair present', count: present ? 1 : 0, names: present ? [chair.fact.name] : [] },
    ],
    missing: present ? [] : [`the chair is absent: ${label} ${reason}`],
  };
}

function flattenLines(result: QuorumConditionResult, depth = 0): string[] {
  const indent = '  '.repeat(depth);
  const mark = result.met ? 'Met' : 'Not met';
  const detail = result.detail ? ` (${result.detail})` : '';
  const line = `${indent}${mark}: ${result.condition}: ${result.finding}${detail}.`;
  return [line, ...(result.parts ?? []).flatMap((part) => flattenLines(part, depth + 1))];
}

function usesChairCondition(condition: QuorumCondition): boolean {
  if ('allOf' in condition) return condition.allOf.some(usesChairCondition);
  if ('anyOf' in condition) return condition.anyOf.some(usesChairCondition);
  return 'chairPresent' in condition;
}

/**
 * Decide whether a meeting is quorate under the constitution's quorum rule.
 *
 * @param constitution A validated constitution.
 * @param meeting The whole membership and who attended (present, apologies, absent, deputy).
 * @param options `itemId` to evaluate the quorum for one agenda item, excluding members with a
 *   declared conflict on it where the constitution says conflicted members do not count.
 * @returns Quorate or not, each condition's result, and an explanation citing the clause; or
 *   errors when the facts do not fit the constitution (e.g. a seat it does not define).
 */
export function evaluateQuorum(
  constitution: Constitution,
  meeting: MeetingFacts,
  options: QuorumOptions = {},
): EngineResult<QuorumResult> {
  const facts = parseFacts(meetingFactsSchema, meeting);
  if (!facts.ok) return facts;
  const members = resolveMembers(constitution, facts.value.members);
  if (!members.ok) return members;
  const attendance = resolveAttendance(constitution, members.value, facts.value.attendance);
  if (!attendance.ok) return attendance;
  const conflictErrors = checkConflictIds(
    facts.value.conflicts,
    new Set(members.value.map((member) => member.fact.id)),
  );
  if (conflictErrors.length > 0) return failure(conflictErrors);
  const chair = identifyOfficeHolder(constitution, members.value, 'chair');
  if (!chair.ok) return chair;

  const excluded: Exclusion[] = [];
  const citations: Citation[] = [citationOf(constitution.quorum)];
  const conflicted =
    options.itemId !== undefined
      ? conflictsForItem(facts.value.conflicts, options.itemId)
      : new Map();
  const conflictRule = constitution.conflictsOfInterest;
  const counting = members.value.filter((member) => {
    const record = attendance.value.get(member.fact.id);
    if (record?.status === 'deputy') {
      const deputies = constitution.deputies;
      if (deputies && !deputies.countTowardQuorum) {
        excluded.push({
          id: member.fact.id,
          name: record.deputyName
            ? `${record.deputyName} (deputy for ${member.fact.name})`
            : `Deputy for ${member.fact.name}`,
          reason: 'a deputy does not count toward the quorum',
          clause: deputies.clause,
        });
        citations.push(citationOf(deputies));
        return false;
      }
    } else if (record?.status !== 'present') {
      return false;
    }
    const conflict = conflicted.get(member.fact.id);
    if (conflict && conflictRule && !conflictRule.countTowardQuorum) {
      excluded.push({
        id: member.fact.id,
        name: member.fact.name,
        reason: `declared an interest in item ${options.itemId} (${conflict.interest}) and does not count toward its quorum`,
        clause: conflictRule.clause,
      });
      citations.push(citationOf(conflictRule));
      return false;
    }
    return true;
  });
  for (const attendee of facts.value.invitedAttendees ?? []) {
    const rule = constitution.invitedAttendees;
    excluded.push({
      id: attendee.id,
      name: attendee.name,
      reason: 'attends by invitation and is not a member',
      ...(rule ? { clause: rule.clause } : {}),
    });
    if (rule) citations.push(citationOf(rule));
  }

  const context: Context = {
    constitution,
    members: members.value,
    counting,
    attendance: attendance.value,
    chair: chair.value,
  };
  const result = evaluate(context, constitution.quorum.rule);
  if (usesChairCondition(constitution.quorum.rule)) citations.push(citationOf(constitution.chair));

  const present = members.value.filter(
    (member) => attendance.value.get(member.fact.id)?.status === 'present',
  );
  const apologies = members.value.filter(
    (member) => attendance.value.get(member.fact.id)?.status === 'apologies',
  );
  const unrecorded = members.value.filter(
    (member) => attendance.value.get(member.fact.id)?.status === 'notRecorded',
  );
  const lines = [
    `${present.length} of ${members.value.length} members present; ${counting.length} counted toward the quorum.`,
    ...(apologies.length > 0 ? [`Apologies: ${listInWords(names(apologies))}.`] : []),
    ...(unrecorded.length > 0
      ? [`No attendance recorded for ${listInWords(names(unrecorded))}; counted as not present.`]
      : []),
    `Quorum (${constitution.quorum.clause}): ${describeQuorumCondition(constitution, constitution.quorum.rule)}.`,
    ...flattenLines(result),
  ];
  const summary = result.met
    ? `Quorate under ${constitution.quorum.clause}: ${leafFindings(result).join('; ')}.`
    : `Inquorate under ${constitution.quorum.clause}: ${result.missing.join('; ')}.`;
  const headcount = `${present.length} of ${plural(members.value.length, 'member')} present`;
  const finding = result.met
    ? `quorate: ${headcount} (${constitution.quorum.clause})`
    : `inquorate: ${headcount}; ${result.missing.join('; ')} (${constitution.quorum.clause})`;
  return success({
    quorate: result.met,
    finding,
    result,
    explanation: {
      clause: constitution.quorum.clause,
      text: constitution.quorum.text,
      summary,
      counted: result.counted,
      missing: result.missing,
      excluded,
      citations: uniqueCitations(citations),
      lines,
    },
  });
}

function leafFindings(result: QuorumConditionResult): string[] {
  if (!result.parts) return [`${result.condition} (${result.finding})`];
  return result.parts.filter((part) => part.met).flatMap(leafFindings);
}
