import type { QuorumResult } from '../governance/index.ts';

/** The engine's verdict on a quorum, as the API and the page show it. */
export interface QuorumView {
  quorate: boolean;
  summary: string;
  lines: string[];
  missing: string[];
  clause: string;
  text: string;
  excluded: { name: string; reason: string }[];
}

/** The engine's quorum result as the API and the page show it. */
export function quorumView(result: QuorumResult): QuorumView {
  const { explanation } = result;
  return {
    quorate: result.quorate,
    summary: explanation.summary,
    lines: [...explanation.lines],
    missing: [...explanation.missing],
    clause: explanation.clause,
    text: explanation.text,
    excluded: explanation.excluded.map((exclusion) => ({
      name: exclusion.name,
      reason: exclusion.reason,
    })),
  };
}
