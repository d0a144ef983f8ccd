/**
 * The analysis report's and "we heard / we did"'s SQL: reports are versioned and never changed
 * once produced; a theme has one response of the committee, changed by recording it again.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  consultationAnalysisReports,
  consultationThemeResponses,
} from '../db/schema/consultations.ts';

export async function selectLatestReport(reader: Reader, consultationId: string) {
  const [row] = await reader
    .select()
    .from(consultationAnalysisReports)
    .where(eq(consultationAnalysisReports.consultationId, consultationId))
    .orderBy(desc(consultationAnalysisReports.version))
    .limit(1);
  return row;
}

export async function insertReport(
  transaction: Transaction,
  row: typeof consultationAnalysisReports.$inferInsert,
): Promise<void> {
  await transaction.insert(consultationAnalysisReports).values(row);
}

export async function selectThemeResponse(reader: Reader, themeId: string) {
  const [row] = await reader
    .select()
    .from(consultationThemeResponses)
    .where(eq(consultationThemeResponses.themeId, themeId));
  return row;
}

export async function upsertThemeResponse(
  transaction: Transaction,
  row: typeof consultationThemeResponses.$inferInsert,
): Promise<void> {
  await transaction
    .insert(consultationThemeResponses)
    .values(row)
    .onConflictDoUpdate({
      target: consultationThemeResponses.themeId,
      set: {
        weHeard: row.weHeard,
        weDid: row.weDid,
        recordedByPersonId: row.recordedByPersonId,
        recordedAt: row.recordedAt,
      },
    });
}

/** The themes of a consultation with no "we heard / we did" yet, by code and question number. */
export async function selectThemesWithoutResponse(
  reader: Reader,
  consultationId: string,
): Promise<{ code: string; questionNumber: number }[]> {
  const result = await reader.execute(sql`
    select theme.code, question.number as question_number
    from consultation_themes theme
    join consultation_questions question on question.id = theme.question_id
    where question.consultation_id = ${consultationId}
      and not exists (select 1 from consultation_theme_responses r where r.theme_id = theme.id)
    order by question.number, theme.position`);
  return (result as unknown as { rows: { code: string; question_number: number }[] }).rows.map(
    (row) => ({ code: row.code, questionNumber: Number(row.question_number) }),
  );
}

export interface ThemeWithResponse {
  themeId: string;
  questionNumber: number;
  code: string;
  label: string;
  weHeard: string | null;
  weDid: string | null;
}

/** Every theme of a consultation with its "we heard / we did" (null while none is recorded). */
export async function selectThemesWithResponses(
  reader: Reader,
  consultationId: string,
): Promise<ThemeWithResponse[]> {
  const result = await reader.execute(sql`
    select theme.id as theme_id, question.number as question_number, theme.code, theme.label,
      r.we_heard, r.we_did
    from consultation_themes theme
    join consultation_questions question on question.id = theme.question_id
    left join consultation_theme_responses r on r.theme_id = theme.id
    where question.consultation_id = ${consultationId}
    order by question.number, theme.position, theme.code`);
  type Row = {
    theme_id: string;
    question_number: number;
    code: string;
    label: string;
    we_heard: string | null;
    we_did: string | null;
  };
  return (result as unknown as { rows: Row[] }).rows.map((row) => ({
    themeId: row.theme_id,
    questionNumber: Number(row.question_number),
    code: row.code,
    label: row.label,
    weHeard: row.we_heard,
    weDid: row.we_did,
  }));
}
