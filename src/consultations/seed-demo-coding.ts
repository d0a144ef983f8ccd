/**
 * Demo data (issue 25 part 7): the analysis of Healthcare for London under way. The consultation
 * team keeps a codebook for each open question — the themes the synthetic responses are written
 * from (synthetic-responses.ts) — and has coded the first 40% of the free-text answers (first
 * pass); the analyst has coded part of the one-in-ten double-coding sample again (second pass), so
 * the analysis page shows themes, quotes and Cohen's kappa. The codebooks go through the add-theme
 * use case; the codings are written in one batch per question that does exactly what the coding
 * use case does for each answer (the same checks, the same tally deltas, one audit event each), so
 * the tallies and the codings agree. Does nothing when a codebook is already there, when the demo
 * accounts are not linked to people or when there are no responses.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, loadAccountActor, selectAccountByEmail } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { addTheme } from './add-theme.ts';
import {
  type AnswerToCode,
  type CodingRow,
  insertCodings,
  selectCodebook,
  selectUncodedAnswers,
} from './coding-queries.ts';
import { checkCoding, inSecondPassSample, themeDeltasOf } from './coding-rules.ts';
import { selectConsultationBySlug, selectQuestions } from './consultation-queries.ts';
import type { TallyDelta } from './response-rules.ts';
import { demoConsultationSlug } from './seed-demo-responses.ts';
import { syntheticThemes } from './synthetic-responses.ts';
import { applyTallyDeltas } from './tally-queries.ts';

export const demoCodingAccounts = {
  firstPass: 'consultation@demo.invalid',
  secondPass: 'analyst@demo.invalid',
} as const;

/** The share of each open question's answers the demo has coded (first pass), in per cent. */
export const demoCodedPercent = 40;

/** The codebook's codes (letters, digits and hyphens, up to 20) for the synthetic themes. */
const demoThemeCodes: Record<string, string> = {
  travel: 'TRAVEL',
  polyclinics: 'POLYCLINICS',
  'specialist-care': 'SPECIALIST-CARE',
  staff: 'STAFF',
  money: 'MONEY',
  'local-hospital': 'LOCAL-HOSPITAL',
  'children-older-people': 'CHILDREN-OLDER',
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each theme's phrases as patterns ({place} is any borough; the first letter may be lowered). */
const themePatterns = syntheticThemes.map((theme) => ({
  code: demoThemeCodes[theme.code] ?? theme.code.toUpperCase().slice(0, 20),
  patterns: theme.phrases.map(
    (phrase) =>
      new RegExp(
        phrase
          .split('{place}')
          .map((part) => escapeRegExp(part))
          .join('[A-Z][A-Za-z ]*?'),
        'i',
      ),
  ),
}));

/** The themes an answer raises, in the order they appear, and the words that show the first. */
export function demoCodingOf(text: string): { codes: string[]; quote: string | null } {
  const found: { code: string; at: number; words: string }[] = [];
  for (const theme of themePatterns) {
    for (const pattern of theme.patterns) {
      const match = pattern.exec(text);
      if (match) {
        found.push({ code: theme.code, at: match.index, words: match[0] });
        break;
      }
    }
  }
  found.sort((one, other) => one.at - other.at);
  return {
    codes: [...new Set(found.map((each) => each.code))],
    quote: found[0]?.words ?? null,
  };
}

async function demoCoder(
  db: Database,
  email: string,
  now: Date,
): Promise<{ actor: Actor; personId: string } | undefined> {
  const account = await selectAccountByEmail(db, email);
  if (!account) return undefined;
  const actor = await loadAccountActor(db, account.id, now, { authenticatedBy: 'session' });
  return actor?.kind === 'account' && actor.personId
    ? { actor, personId: actor.personId }
    : undefined;
}

export type DemoCodingOutcome =
  | { kind: 'coded'; themes: number; firstPass: number; secondPass: number }
  | { kind: 'skipped'; reason: string };

export async function seedDemoCoding(options: {
  db: Database;
  context: ActionContext;
  slug?: string;
}): Promise<DemoCodingOutcome> {
  const { db, context } = options;
  const slug = options.slug ?? demoConsultationSlug;
  const consultation = await selectConsultationBySlug(db, slug);
  if (!consultation) return { kind: 'skipped', reason: `there is no consultation ${slug}` };
  const team = await demoCoder(db, demoCodingAccounts.firstPass, context.now);
  const analyst = await demoCoder(db, demoCodingAccounts.secondPass, context.now);
  if (!team || !analyst) {
    return { kind: 'skipped', reason: 'the demo consultation team and analyst are not linked' };
  }
  const teamPersonId = team.personId;
  const analystPersonId = analyst.personId;
  const openQuestions = (await selectQuestions(db, consultation.id)).filter(
    (question) => question.kind === 'free-text',
  );
  for (const question of openQuestions) {
    if ((await selectCodebook(db, question.id)).length > 0) {
      return { kind: 'skipped', reason: `question ${question.number} already has a codebook` };
    }
  }
  let themes = 0;
  let firstPass = 0;
  let secondPass = 0;
  for (const question of openQuestions) {
    for (const theme of syntheticThemes) {
      await addTheme({
        db,
        context,
        actor: team.actor,
        slug,
        questionNumber: question.number,
        theme: {
          code: demoThemeCodes[theme.code] ?? theme.code.toUpperCase().slice(0, 20),
          label: theme.label,
        },
      });
      themes += 1;
    }
    const codebook = await selectCodebook(db, question.id);
    const answers: AnswerToCode[] = await selectUncodedAnswers(db, consultation.id, question.id, {
      after: 0,
      limit: 1_000_000,
    });
    const toCode = answers.slice(0, Math.round((answers.length * demoCodedPercent) / 100));
    const rows: CodingRow[] = [];
    const deltas: TallyDelta[] = [];
    const events: { row: CodingRow; number: number }[] = [];
    let sampled = 0;
    for (const answer of toCode) {
      const coding = demoCodingOf(answer.text);
      if (coding.codes.length === 0) continue;
      const checked = checkCoding({
        codebook,
        codes: coding.codes,
        quote: coding.quote,
        answer: answer.text,
        questionNumber: question.number,
      });
      if (checked.problems.length > 0) continue;
      const first: CodingRow = {
        id: uuidv7(),
        responseId: answer.responseId,
        questionId: question.id,
        pass: 'first',
        themeIds: checked.themeIds,
        quote: checked.quote,
        codedByPersonId: teamPersonId,
        codedAt: context.now,
      };
      rows.push(first);
      deltas.push(...themeDeltasOf(question.id, null, checked.themeIds, answer.respondentCategory));
      events.push({ row: first, number: answer.number });
      firstPass += 1;
      // The analyst has done three in four of the sample so far, and now and then sees it
      // differently (leaves out the second theme of an answer that raises two).
      if (!inSecondPassSample(answer.responseId, question.id)) continue;
      sampled += 1;
      if (sampled % 4 === 0) continue;
      const second: CodingRow = {
        ...first,
        id: uuidv7(),
        pass: 'second',
        themeIds:
          sampled % 3 === 0 && checked.themeIds.length > 1
            ? checked.themeIds.slice(0, 1)
            : checked.themeIds,
        codedByPersonId: analystPersonId,
      };
      rows.push(second);
      events.push({ row: second, number: answer.number });
      secondPass += 1;
    }
    await db.transaction(async (transaction) => {
      await insertCodings(transaction, rows);
      await applyTallyDeltas(transaction, consultation.id, deltas);
      await recordAuditEvents(
        transaction,
        context,
        events.map(({ row, number }) => ({
          action: 'consultation.answer-coded',
          entityType: 'consultation-coding',
          entityId: row.id,
          after: { ...row, questionNumber: question.number, responseNumber: number },
        })),
      );
    });
  }
  return { kind: 'coded', themes, firstPass, secondPass };
}
