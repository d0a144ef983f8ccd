/**
 * Use case: create a consultation for a body (2008 "Healthcare for London" bullet 1: "developing
 * the consultation documentation and setting out the detailed process for consultation"): its
 * title, summary, address made from the title, opening and closing times and the Gunning
 * statements. It starts "being prepared"; a period under 12 weeks is refused without its reason.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { selectBodyBySlug } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';
import { periodProblems, slugOf } from './consultation-rules.ts';
import { insertConsultation, slugTaken } from './preparation-queries.ts';

export interface ConsultationDetails {
  title: string;
  summary: string;
  opensAt: Date | null;
  closesAt: Date | null;
  shortPeriodReason: string | null;
  formativeStatement: string | null;
  reasonsStatement: string | null;
}

/** The details cleaned (blank text is none) and checked; problems name the field and the rule. */
export function checkDetails(details: ConsultationDetails): ConsultationDetails {
  const blankToNull = (value: string | null) => (value?.trim() ? value.trim() : null);
  const cleaned = {
    title: details.title.trim(),
    summary: details.summary.trim(),
    opensAt: details.opensAt,
    closesAt: details.closesAt,
    shortPeriodReason: blankToNull(details.shortPeriodReason),
    formativeStatement: blankToNull(details.formativeStatement),
    reasonsStatement: blankToNull(details.reasonsStatement),
  };
  const problems = [
    ...(cleaned.title ? [] : [{ field: 'title', message: 'Enter the title.' }]),
    ...(cleaned.summary ? [] : [{ field: 'summary', message: 'Enter a summary.' }]),
    ...periodProblems(cleaned.opensAt, cleaned.closesAt, cleaned.shortPeriodReason),
  ];
  if (problems.length > 0) throw invalidInput(problems);
  return cleaned;
}

export async function createConsultation(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  bodySlug: string;
  details: ConsultationDetails;
}): Promise<{ consultationId: string; slug: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const body = await selectBodyBySlug(transaction, options.bodySlug);
    if (!body) {
      throw invalidInput([
        { field: 'bodySlug', message: 'Choose the body the consultation is for.' },
      ]);
    }
    if (!mayRunBody(actor, body.slug)) {
      throw new ProblemError({
        status: actor.kind === 'anonymous' ? 401 : 403,
        code: actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
        title: 'You do not have permission to do this',
        detail: `Only an administrator or the secretariat of the ${body.title} may prepare its consultations.`,
      });
    }
    const details = checkDetails(options.details);
    const base = slugOf(details.title);
    let slug = base;
    for (let suffix = 2; await slugTaken(transaction, slug); suffix += 1)
      slug = `${base}-${suffix}`;
    const id = uuidv7();
    await insertConsultation(transaction, {
      id,
      slug,
      bodyId: body.id,
      ...details,
      stage: 'preparing',
      createdAt: context.now,
      updatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.created',
        entityType: 'consultation',
        entityId: id,
        after: { slug, bodyId: body.id, ...details, stage: 'preparing' },
      },
    ]);
    return { consultationId: id, slug };
  });
}
