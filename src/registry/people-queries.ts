import { and, asc, count, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';
import type { PostRole } from './post-roles.ts';
import type { PersonSummary, Post } from './schemas.ts';

export interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  isFictional: boolean;
}

export interface PostRow {
  id: string;
  personId: string;
  organisationId: string;
  role: PostRole;
  title: string;
  startsOn: string;
  endsOn: string | null;
}

const personColumns = {
  id: people.id,
  name: people.name,
  email: people.email,
  isFictional: people.isFictional,
};

export async function selectPeople(
  reader: Reader,
  filter: { organisationId?: string | undefined; nameContains?: string | undefined },
  paging: { limit: number; offset: number },
): Promise<{ items: PersonSummary[]; total: number }> {
  const where = and(
    filter.organisationId
      ? inArray(
          people.id,
          reader
            .select({ personId: posts.personId })
            .from(posts)
            .where(eq(posts.organisationId, filter.organisationId)),
        )
      : undefined,
    filter.nameContains
      ? ilike(people.name, `%${filter.nameContains.replace(/[\\%_]/g, '\\$&')}%`)
      : undefined,
  );
  const [items, [totals]] = await Promise.all([
    reader
      .select(personColumns)
      .from(people)
      .where(where)
      .orderBy(asc(people.name), asc(people.id))
      .limit(paging.limit)
      .offset(paging.offset),
    reader.select({ total: count() }).from(people).where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

/** A person by id, with the name pages show: the one home of "a person" for other capabilities. */
export async function selectPerson(
  reader: Reader,
  id: string,
): Promise<{ id: string; name: string; isFictional: boolean } | undefined> {
  const [row] = await reader
    .select({ id: people.id, name: people.name, isFictional: people.isFictional })
    .from(people)
    .where(eq(people.id, id));
  return row;
}

export async function selectPersonById(
  reader: Reader,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PersonRow | undefined> {
  const query = reader.select(personColumns).from(people).where(eq(people.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function selectPersonIdByEmail(
  reader: Reader,
  email: string,
  exceptId: string,
): Promise<string | undefined> {
  const [row] = await reader
    .select({ id: people.id })
    .from(people)
    .where(and(sql`lower(${people.email}) = lower(${email})`, sql`${people.id} <> ${exceptId}`));
  return row?.id;
}

const postColumns = {
  id: posts.id,
  personId: posts.personId,
  personName: people.name,
  organisationId: posts.organisationId,
  organisationName: organisations.name,
  role: posts.role,
  title: posts.title,
  startsOn: posts.startsOn,
  endsOn: posts.endsOn,
};

/** Posts newest first; a person's history and an organisation's office holders both read this. */
export async function selectPosts(
  reader: Reader,
  filter: { personId?: string; organisationId?: string; postId?: string },
): Promise<Post[]> {
  const rows = await reader
    .select(postColumns)
    .from(posts)
    .innerJoin(people, eq(posts.personId, people.id))
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .where(
      and(
        filter.personId ? eq(posts.personId, filter.personId) : undefined,
        filter.organisationId ? eq(posts.organisationId, filter.organisationId) : undefined,
        filter.postId ? eq(posts.id, filter.postId) : undefined,
      ),
    )
    .orderBy(sql`${posts.endsOn} is not null`, sql`${posts.startsOn} desc`, asc(people.name));
  return rows.map((row) => ({ ...row, role: row.role as PostRole }));
}

export async function insertPeople(
  transaction: Transaction,
  rows: (PersonRow & { createdAt: Date })[],
): Promise<void> {
  if (rows.length === 0) return;
  await transaction
    .insert(people)
    .values(rows.map((row) => ({ ...row, updatedAt: row.createdAt })));
}

export async function updatePersonRow(
  transaction: Transaction,
  row: PersonRow & { updatedAt: Date },
): Promise<void> {
  const { id, ...fields } = row;
  await transaction.update(people).set(fields).where(eq(people.id, id));
}

export async function insertPosts(
  transaction: Transaction,
  rows: (PostRow & { createdAt: Date })[],
): Promise<void> {
  if (rows.length === 0) return;
  await transaction.insert(posts).values(rows);
}

export async function selectPostRowForUpdate(
  transaction: Transaction,
  id: string,
): Promise<PostRow | undefined> {
  const [row] = await transaction
    .select({
      id: posts.id,
      personId: posts.personId,
      organisationId: posts.organisationId,
      role: posts.role,
      title: posts.title,
      startsOn: posts.startsOn,
      endsOn: posts.endsOn,
    })
    .from(posts)
    .where(eq(posts.id, id))
    .for('update');
  return row ? { ...row, role: row.role as PostRole } : undefined;
}

export async function setPostEnd(transaction: Transaction, id: string, endsOn: string) {
  await transaction.update(posts).set({ endsOn }).where(eq(posts.id, id));
}
