/**
 * What counts as consensus: the constitution's rule (`consensusIs` on a consensus method) applied
 * to the views recorded by those present and entitled to take part, and to the sense of the
 * meeting where the person presiding declares it. An objection always means no consensus. Those
 * present who recorded nothing are never taken to agree unless the rule says silence is assent,
 * and then the result says so.
 */
import type { ConsensusMethod, ConsensusRule, ConsensusRuleKind } from './constitution-schema.ts';
import { listInWords, plural } from './explanation.ts';

/**
 * The rule in force: the method's own, or, where the terms are silent, the strictest reading,
 * stated as an assumption so a reader sees what was decided and can change it.
 */
export function consensusRuleOf(method: ConsensusMethod): ConsensusRule {
  return (
    method.consensusIs ?? {
      rule: 'everyMemberPresentRecorded',
      clause: method.clause,
      text: method.text,
      assumption: {
        reason:
          'The terms do not say what counts as consensus, so the strictest reading is taken: every member present and entitled to take part records a view, and no one objects. Silence is not taken as agreement unless the terms say so.',
      },
    }
  );
}

/** Each rule in words, for pages and explanations: a page never shows `declaredByChair`. */
export const consensusRuleWords: Record<ConsensusRuleKind, string> = {
  declaredByChair:
    'the person presiding declares the sense of the meeting and any objection is recorded by name; without a declaration, every member present records a view',
  everyMemberPresentRecorded:
    'every member present and entitled to take part records a view, and no one objects',
  silenceIsAssent:
    'no one objects: members present who record nothing are taken to agree (silence is assent)',
};

/** The views of those present and entitled to take part, by name. */
export interface ViewsOfThosePresent {
  readonly for: readonly string[];
  readonly against: readonly string[];
  readonly abstain: readonly string[];
  readonly noViewRecorded: readonly string[];
}

/** The sense of the meeting as the person presiding declared it. */
export interface DeclaredSense {
  readonly declaredBy: { readonly id: string; readonly name: string };
  readonly sense: 'agreed' | 'notAgreed';
}

export interface ConsensusJudgement {
  readonly reached: boolean;
  /** Reached: on what basis ("every one of the 10 present recorded a view…"); not: why not. */
  readonly reason: string;
  readonly lines: readonly string[];
}

/** Whether there is consensus under the rule in force, and why, in words. */
export function judgeConsensus(
  rule: ConsensusRule,
  views: ViewsOfThosePresent,
  declared?: DeclaredSense,
): ConsensusJudgement {
  const present =
    views.for.length + views.against.length + views.abstain.length + views.noViewRecorded.length;
  const silent = views.noViewRecorded.length;
  const lines = [`What counts as consensus (${rule.clause}): ${consensusRuleWords[rule.rule]}.`];
  if (declared) {
    lines.push(
      declared.sense === 'agreed'
        ? `${declared.declaredBy.name}, presiding, declared the sense of the meeting: agreed.`
        : `${declared.declaredBy.name}, presiding, declared the sense of the meeting: not agreed.`,
    );
  }
  const notReached = (reason: string, extra: string[] = []): ConsensusJudgement => ({
    reached: false,
    reason,
    lines: [...lines, ...extra],
  });
  if (present === 0) return notReached('no one entitled to take part is present');
  if (views.against.length > 0) {
    return notReached(
      `${plural(views.against.length, 'objection')} recorded (${listInWords(views.against)})`,
      declared?.sense === 'agreed'
        ? [
            'An objection is recorded: there is no consensus while anyone entitled to take part objects.',
          ]
        : [],
    );
  }
  if (declared?.sense === 'notAgreed') {
    return notReached(
      `${declared.declaredBy.name}, presiding, declared that the meeting does not agree`,
    );
  }
  const silentWords = `${silent} of the ${present} present recorded no view (${listInWords(views.noViewRecorded)})`;
  switch (rule.rule) {
    case 'declaredByChair':
      if (declared?.sense === 'agreed') {
        return {
          reached: true,
          reason: `declared by ${declared.declaredBy.name}, presiding, as the sense of the meeting, with no objection among the ${present} present`,
          lines: [
            ...lines,
            ...(silent > 0
              ? [
                  `${plural(silent, 'member')} present recorded no view of their own; the declaration records the sense of the meeting, and no one objected.`,
                ]
              : []),
          ],
        };
      }
      if (silent > 0) {
        return notReached(
          `the person presiding has not declared the sense of the meeting, and ${silentWords}`,
        );
      }
      break;
    case 'everyMemberPresentRecorded':
      if (silent > 0) return notReached(silentWords);
      break;
    case 'silenceIsAssent':
      if (views.for.length > 0 && silent > 0) {
        return {
          reached: true,
          reason: `${views.for.length} in agreement and no one against; ${plural(silent, 'member')} present recorded nothing and ${silent === 1 ? 'is' : 'are'} taken to agree, as ${rule.clause} says silence is assent`,
          lines: [
            ...lines,
            `Silence is assent (${rule.clause}): ${listInWords(views.noViewRecorded)} recorded nothing and ${silent === 1 ? 'is' : 'are'} taken to agree.`,
          ],
        };
      }
      break;
  }
  if (views.for.length === 0) return notReached('no one has expressed agreement');
  return {
    reached: true,
    reason: `every one of the ${present} present recorded a view: ${views.for.length} in agreement, ${views.abstain.length} standing aside and no one against`,
    lines,
  };
}
