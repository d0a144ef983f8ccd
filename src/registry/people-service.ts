import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Reader, Transaction } from '../db/connection.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation, notFound } from '../shared/problems.ts';
import { selectOrganisationById } from './organisation-queries.ts';
import type { Page } from './organisation-service.ts';
import {
  insertPeople,
  insertPosts,
  type PersonRow,
  type PostRow,
  selectPeople,
  selectPersonById,
  selectPersonIdByEmail,
  selectPostRowForUpdate,
  selectPosts,
  setPostEnd,
  updatePersonRow,
} from './people-queries.ts';
import { postRoleTitles } from './post-roles.ts';
import type {
  CreatePersonInput,
  CreatePostInput,
  ListPeopleQuery,
  Person,
  PersonSummary,
  Post,
  UpdatePersonInput,
} from './schemas.ts';

export async function listPeople(options: {
  db: Database;
  query: ListPeopleQuery;
}): Promise<Page<PersonSummary>> {
  const { query } = options;
  const { items, total } = await selectPeople(
    options.db,
    { organisationId: query.organisation, nameContains: query.q },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items, page: query.page, pageSize: query.pageSize, total };
}

export async function getPerson(options: { db: Reader; id: string }): Promise<Person> {
  const person = await selectPersonById(options.db, options.id);
  if (!person) throw notFound('person', options.id);
  return { ...person, posts: await selectPosts(options.db, { personId: person.id }) };
}

export async function listOrganisationPosts(options: {
  db: Database;
  organisationId: string;
}): Promise<Post[]> {
  return selectPosts(options.db, { organisationId: options.organisationId });
}

export async function createPerson(options: {
  db: Database;
  context: ActionContext;
  input: CreatePersonInput;
}): Promise<Person> {
  const { context, input } = options;
  const row: PersonRow = {
    id: uuidv7(),
    name: input.name,
    email: input.email ?? null,
    isFictional: false,
  };
  return runWritingPeople(options.db, async (transaction) => {
    await refuseTakenEmail(transaction, row);
    await insertPeople(transaction, [{ ...row, createdAt: context.now }]);
    await recordAuditEvents(transaction, context, [
      { action: 'person.created', entityType: 'person', entityId: row.id, after: row },
    ]);
    return getPerson({ db: transaction, id: row.id });
  });
}

export async function updatePerson(options: {
  db: Database;
  context: ActionContext;
  id: string;
  input: UpdatePersonInput;
}): Promise<Person> {
  const { context, input, id } = options;
  return runWritingPeople(options.db, async (transaction) => {
    const before = await selectPersonById(transaction, id, { forUpdate: true });
    if (!before) throw notFound('person', id);
    const after: PersonRow = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.email !== undefined && { email: input.email }),
    };
    await refuseTakenEmail(transaction, after);
    await updatePersonRow(transaction, { ...after, updatedAt: context.now });
    await recordAuditEvents(transaction, context, [
      { action: 'person.updated', entityType: 'person', entityId: id, before, after },
    ]);
    return getPerson({ db: transaction, id });
  });
}

export async function createPost(options: {
  db: Database;
  context: ActionContext;
  input: CreatePostInput;
}): Promise<Post> {
  const { context, input } = options;
  return options.db.transaction(async (transaction) => {
    const [person, organisation] = await Promise.all([
      selectPersonById(transaction, input.personId),
      selectOrganisationById(transaction, input.organisationId),
    ]);
    const problems = [
      ...(person
        ? []
        : [{ field: 'personId', message: `No person has the id ${input.personId}.` }]),
      ...(organisation
        ? []
        : [
            {
              field: 'organisationId',
              message: `No organisation has the id ${input.organisationId}.`,
            },
          ]),
    ];
    if (problems.length > 0) throw invalidInput(problems);
    const row: PostRow = {
      id: uuidv7(),
      personId: input.personId,
      organisationId: input.organisationId,
      role: input.role,
      title: input.title ?? postRoleTitles[input.role],
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    };
    await insertPosts(transaction, [{ ...row, createdAt: context.now }]);
    await recordAuditEvents(transaction, context, [
      { action: 'post.created', entityType: 'post', entityId: row.id, after: row },
    ]);
    const [post] = await selectPosts(transaction, { postId: row.id });
    return post!;
  });
}

/** Ends a post on a date; the record stays, because who held an office when is history. */
export async function endPost(options: {
  db: Database;
  context: ActionContext;
  id: string;
  endsOn: string;
}): Promise<Post> {
  const { context, id, endsOn } = options;
  return options.db.transaction(async (transaction) => {
    const before = await selectPostRowForUpdate(transaction, id);
    if (!before) throw notFound('post', id);
    if (endsOn < before.startsOn) {
      throw invalidInput([
        {
          field: 'endsOn',
          message: `The post started on ${before.startsOn}; it cannot end before.`,
        },
      ]);
    }
    await setPostEnd(transaction, id, endsOn);
    await recordAuditEvents(transaction, context, [
      {
        action: 'post.ended',
        entityType: 'post',
        entityId: id,
        before,
        after: { ...before, endsOn },
      },
    ]);
    const [post] = await selectPosts(transaction, { postId: id });
    return post!;
  });
}

async function refuseTakenEmail(transaction: Transaction, row: PersonRow) {
  if (row.email === null) return;
  if (await selectPersonIdByEmail(transaction, row.email, row.id)) {
    throw conflict('email', `Someone in the registry already has the e-mail address ${row.email}.`);
  }
}

async function runWritingPeople<T>(
  db: Database,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('email', 'Someone with this e-mail address was just saved.');
    }
    throw error;
  }
}
