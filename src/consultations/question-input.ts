/**
 * A question as the preparing use cases take it: checked by the rules (its kind known, choices for
 * a closed question), and tied to a section of the latest papers by the section's number.
 */
import type { Transaction } from '../db/connection.ts';
import { invalidInput } from '../shared/problems.ts';
import { selectLatestSections } from './consultation-queries.ts';
import { questionProblems } from './consultation-rules.ts';
import type { QuestionKind } from './response-rules.ts';

export interface QuestionInput {
  text: string;
  kind: string;
  options: string[];
  /** The number of the section it is about ("4.2"), if any. */
  section?: string | null | undefined;
}

export async function checkedQuestion(
  transaction: Transaction,
  consultationId: string,
  input: QuestionInput,
): Promise<{ text: string; kind: QuestionKind; options: string[]; sectionId: string | null }> {
  const problems = questionProblems(input);
  const wanted = input.section?.trim() || null;
  let sectionId: string | null = null;
  if (wanted) {
    const sections = await selectLatestSections(transaction, consultationId);
    const found = sections.find((section) => section.number === wanted);
    if (found) sectionId = found.id;
    else {
      problems.push({
        field: 'section',
        message: `There is no section ${wanted} in the consultation’s documents.`,
      });
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
  return {
    text: input.text.trim(),
    kind: input.kind as QuestionKind,
    options: input.options.map((option) => option.trim()).filter(Boolean),
    sectionId,
  };
}
