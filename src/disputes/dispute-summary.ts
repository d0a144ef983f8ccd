/**
 * One dispute as a line in a list: its title, category, age, status, the step due next and who
 * must act, cut from the full view. Shared by a body's list of disputes and the SHA's oversight list.
 */
import type { DisputeView } from './dispute-view.ts';

export interface DisputeSummary {
  id: string;
  body: { slug: string; title: string };
  title: string;
  category: { id: string; title: string };
  raisedOn: string;
  ageInDays: number;
  status: string;
  nextStep: { action: string; clause: string } | null;
  nextSummary: string | null;
  whoMustAct: string | null;
}

export function summaryOf(view: DisputeView): DisputeSummary {
  return {
    id: view.id,
    body: view.body,
    title: view.title,
    category: { id: view.category.id, title: view.category.title },
    raisedOn: view.raisedOn,
    ageInDays: view.ageInDays,
    status: view.status,
    nextStep: view.next?.step
      ? { action: view.next.step.action, clause: view.next.step.clause }
      : null,
    nextSummary: view.next?.summary ?? view.problems[0] ?? null,
    whoMustAct: view.next?.whoMustAct ?? null,
  };
}
