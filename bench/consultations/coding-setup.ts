/**
 * Bench set-up (not timed): the large consultation's free-text answers coded as a team part-way
 * through its analysis would have them — five themes per open question, 40% of the answers coded
 * in the first pass, a one-in-ten sample of those coded again by a second analyst (most agreeing),
 * and the theme tallies the use cases would have kept. Written in SQL, in a few statements, because
 * coding a million answers through the use case is the analysts' weeks, not the bench's subject:
 * the analysis page is, and it must read aggregates however much is coded.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/connection.ts';

export async function codeLargeConsultation(
  db: Database,
  consultation: { id: string; questions: readonly { id: string; kind: string }[] },
): Promise<{ firstPass: number; secondPass: number }> {
  const open = consultation.questions.filter((question) => question.kind === 'free-text');
  const people = await db.execute(sql`select id from people order by id limit 2`);
  const [first, second] = (people as unknown as { rows: { id: string }[] }).rows;
  if (!first || !second) throw new Error('consultations: the demo has no people to code as');
  let firstPass = 0;
  let secondPass = 0;
  for (const question of open) {
    await db.execute(sql`
      insert into consultation_themes (id, question_id, code, label, description, position)
      select gen_random_uuid(), ${question.id}::uuid, 'T' || n, 'Theme ' || n, null, n
      from generate_series(1, 5) as n`);
    // Theme n for an answer: its response number modulo 5, plus 1.
    const coded = await db.execute(sql`
      insert into consultation_codings
        (id, response_id, question_id, pass, theme_ids, quote, coded_by_person_id, coded_at)
      select gen_random_uuid(), response.id, ${question.id}::uuid, 'first',
             jsonb_build_array(theme.id::text), null, ${first.id}::uuid, now()
      from consultation_responses response
      join consultation_themes theme
        on theme.question_id = ${question.id}::uuid and theme.position = response.number % 5 + 1
      where response.consultation_id = ${consultation.id}::uuid
        and response.answers ? ${question.id} and response.number % 10 < 4`);
    firstPass += (coded as unknown as { rowCount?: number }).rowCount ?? 0;
    // The second analyst agrees but on one answer in seven, where the next theme is chosen.
    const recoded = await db.execute(sql`
      insert into consultation_codings
        (id, response_id, question_id, pass, theme_ids, quote, coded_by_person_id, coded_at)
      select gen_random_uuid(), response.id, ${question.id}::uuid, 'second',
             jsonb_build_array(theme.id::text), null, ${second.id}::uuid, now()
      from consultation_responses response
      join consultation_themes theme
        on theme.question_id = ${question.id}::uuid
       and theme.position = (response.number + case when response.number % 7 = 0 then 1 else 0 end) % 5 + 1
      where response.consultation_id = ${consultation.id}::uuid
        and response.answers ? ${question.id} and response.number % 100 < 4`);
    secondPass += (recoded as unknown as { rowCount?: number }).rowCount ?? 0;
    // The tallies the coding use case keeps: per theme, and the coded count (key '').
    await db.execute(sql`
      insert into consultation_tallies
        (consultation_id, question_id, kind, key, respondent_category, count)
      select ${consultation.id}::uuid, ${question.id}::uuid, 'theme', key, category, count(*)
      from (
        select coding.theme_ids ->> 0 as key, response.respondent_category as category
        from consultation_codings coding
        join consultation_responses response on response.id = coding.response_id
        where coding.question_id = ${question.id}::uuid and coding.pass = 'first'
        union all
        select '' as key, response.respondent_category as category
        from consultation_codings coding
        join consultation_responses response on response.id = coding.response_id
        where coding.question_id = ${question.id}::uuid and coding.pass = 'first'
      ) as counted
      group by key, category`);
  }
  await db.execute(sql`analyze consultation_codings`);
  return { firstPass, secondPass };
}
