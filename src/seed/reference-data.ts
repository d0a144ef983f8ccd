import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { organisations, people, sectors } from '../db/schema/registry.ts';
import {
  insertOrganisations,
  insertPeople,
  insertPosts,
  londonPartnerOrganisations,
  londonPrimaryCareTrusts,
  londonSectors,
  type OrganisationRow,
  type PersonRow,
  type PostRow,
} from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';

export interface SeedReport {
  sectorsAdded: number;
  organisationsAdded: number;
  peopleAdded: number;
  postsAdded: number;
}

/**
 * Loads London's sectors, its 31 PCTs and the partner organisations. Safe to repeat: only
 * what is missing (by name) is added, in one transaction with its audit events.
 */
export async function seedReferenceData(options: {
  db: Database;
  context: ActionContext;
}): Promise<SeedReport> {
  const { context } = options;
  return options.db.transaction(async (transaction) => {
    const addedSectors = await transaction
      .insert(sectors)
      .values([...londonSectors])
      .onConflictDoNothing()
      .returning({ id: sectors.id });
    const existingNames = new Set(
      (await transaction.select({ name: organisations.name }).from(organisations)).map((row) =>
        row.name.toLowerCase(),
      ),
    );
    const newOrganisations: OrganisationRow[] = [
      ...londonPrimaryCareTrusts,
      ...londonPartnerOrganisations,
    ]
      .filter((organisation) => !existingNames.has(organisation.name.toLowerCase()))
      .map((organisation) => ({ id: uuidv7(), ...organisation }));
    await insertOrganisations(
      transaction,
      newOrganisations.map((row) => ({ ...row, createdAt: context.now })),
    );
    await recordAuditEvents(transaction, context, [
      ...addedSectors.map((sector) => ({
        action: 'sector.created',
        entityType: 'sector',
        entityId: sector.id,
        after: londonSectors.find((known) => known.id === sector.id),
      })),
      ...newOrganisations.map((row) => ({
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: row.id,
        after: row,
      })),
    ]);
    return {
      sectorsAdded: addedSectors.length,
      organisationsAdded: newOrganisations.length,
      peopleAdded: 0,
      postsAdded: 0,
    };
  });
}

// Deliberately unreal names: demo data must never be mistaken for a real officer.
const demoFirstNames = [
  'Alex',
  'Blake',
  'Casey',
  'Dana',
  'Ellis',
  'Frankie',
  'Gale',
  'Harper',
  'Indra',
  'Jules',
  'Kit',
  'Lee',
  'Morgan',
  'Noel',
  'Oakley',
  'Parker',
  'Quinn',
  'Remy',
  'Sage',
  'Toby',
  'Uma',
  'Vic',
  'Wren',
  'Xan',
  'Yael',
  'Zane',
  'Ashby',
  'Briar',
  'Cove',
  'Drew',
  'Emery',
];
const demoSurnames = ['Example', 'Sample', 'Specimen', 'Placeholder', 'Fictional', 'Madeup'];

const demoStartDate = '2006-07-01';

/**
 * Fictional board-secretary addresses (`board-secretary.<ods code>@demo.invalid`) for the demo
 * organisations, so approved minutes can be e-mailed to each PCT and NHS London. `.invalid` can
 * never reach a real mailbox.
 */
async function addDemoCorrespondenceAddresses(
  transaction: Parameters<Parameters<Database['transaction']>[0]>[0],
  candidates: readonly { id: string; odsCode: string | null }[],
  now: Date,
): Promise<{ id: string; correspondenceEmail: string }[]> {
  const addressed = candidates.flatMap((organisation) =>
    organisation.odsCode
      ? [
          {
            id: organisation.id,
            correspondenceEmail: `board-secretary.${organisation.odsCode.toLowerCase()}@demo.invalid`,
          },
        ]
      : [],
  );
  const updated: { id: string; correspondenceEmail: string }[] = [];
  for (const row of addressed) {
    // An address someone already recorded is theirs to keep.
    const changed = await transaction
      .update(organisations)
      .set({ correspondenceEmail: row.correspondenceEmail, updatedAt: now })
      .where(sql`${organisations.id} = ${row.id} and ${organisations.correspondenceEmail} is null`)
      .returning({ id: organisations.id });
    if (changed.length > 0) updated.push(row);
  }
  return updated;
}

/**
 * Fictional office holders so the demo partnership can meet: a chief executive for every PCT and
 * NHS London. Added once (skipped when any fictional person exists).
 */
export async function seedDemoData(options: {
  db: Database;
  context: ActionContext;
}): Promise<SeedReport> {
  const { context } = options;
  return options.db.transaction(async (transaction) => {
    const [alreadySeeded] = await transaction
      .select({ exists: sql<boolean>`true` })
      .from(people)
      .where(sql`${people.isFictional}`)
      .limit(1);
    if (alreadySeeded) {
      return { sectorsAdded: 0, organisationsAdded: 0, peopleAdded: 0, postsAdded: 0 };
    }
    const organisationsNeedingChiefExecutives = await transaction
      .select({ id: organisations.id, name: organisations.name, odsCode: organisations.odsCode })
      .from(organisations)
      .where(sql`${organisations.type} in ('primary-care-trust', 'strategic-health-authority')`)
      .orderBy(organisations.name);
    const newPeople: PersonRow[] = [];
    const newPosts: PostRow[] = [];
    organisationsNeedingChiefExecutives.forEach((organisation, index) => {
      const firstName = demoFirstNames[index % demoFirstNames.length]!;
      const surname = demoSurnames[index % demoSurnames.length]!;
      const person: PersonRow = {
        id: uuidv7(),
        name: `${firstName} ${surname}`,
        email:
          `${firstName}.${surname}.${organisation.odsCode ?? index}@demo.invalid`.toLowerCase(),
        isFictional: true,
      };
      newPeople.push(person);
      newPosts.push({
        id: uuidv7(),
        personId: person.id,
        organisationId: organisation.id,
        role: 'chief-executive',
        title: 'Chief Executive',
        startsOn: demoStartDate,
        endsOn: null,
      });
    });
    await insertPeople(
      transaction,
      newPeople.map((row) => ({ ...row, createdAt: context.now })),
    );
    await insertPosts(
      transaction,
      newPosts.map((row) => ({ ...row, createdAt: context.now })),
    );
    const addressed = await addDemoCorrespondenceAddresses(
      transaction,
      organisationsNeedingChiefExecutives,
      context.now,
    );
    await recordAuditEvents(transaction, context, [
      ...addressed.map((row) => ({
        // Its own action, so the demo addresses stand apart from changes people make.
        action: 'organisation.demo-address-added',
        entityType: 'organisation',
        entityId: row.id,
        before: { correspondenceEmail: null },
        after: { correspondenceEmail: row.correspondenceEmail },
      })),
      ...newPeople.map((row) => ({
        action: 'person.created',
        entityType: 'person',
        entityId: row.id,
        after: row,
      })),
      ...newPosts.map((row) => ({
        action: 'post.created',
        entityType: 'post',
        entityId: row.id,
        after: row,
      })),
    ]);
    return {
      sectorsAdded: 0,
      organisationsAdded: 0,
      peopleAdded: newPeople.length,
      postsAdded: newPosts.length,
    };
  });
}
