/**
 * What the appointment form offers, read for the membership page: the seats the terms of reference
 * in force define (each with its clause and how it is filled), the people holding a post and where,
 * the organisations, and everyone in the registry for naming a deputy or a non-voting attendee.
 * A read model; it writes nothing.
 */

import { loadBodyWithVersions, termsInForceAmong } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { describeRoute, type FillMethod } from '../governance/index.ts';
import {
  selectOrganisations,
  selectPeopleByName,
  selectPeopleWithCurrentPosts,
} from './membership-queries.ts';

export interface AppointmentChoices {
  seats: { role: string; title: string; clause: string; route: string; fillMethod: FillMethod }[];
  people: { id: string; label: string }[];
  organisations: { id: string; name: string }[];
  /** Anyone in the registry, for naming a deputy or a non-voting attendee. */
  everyone: { id: string; name: string }[];
}

/** What the appointment form offers: the seats in force, people holding a post, organisations. */
export async function appointmentChoices(options: {
  db: Database;
  slug: string;
  asOf: string;
  /** The body and its versions when the caller has read them already (the page, once). */
  loaded?: Awaited<ReturnType<typeof loadBodyWithVersions>>;
}): Promise<AppointmentChoices | null> {
  const { versions } = options.loaded ?? (await loadBodyWithVersions(options.db, options.slug));
  const constitution = termsInForceAmong(versions, options.asOf);
  if (!constitution) return null;
  const postHolders = await selectPeopleWithCurrentPosts(options.db, options.asOf);
  const people = new Map<string, string[]>();
  const names = new Map<string, string>();
  for (const post of postHolders) {
    names.set(post.personId, post.personName);
    people.set(post.personId, [
      ...(people.get(post.personId) ?? []),
      `${post.title}, ${post.organisationName}`,
    ]);
  }
  return {
    seats: constitution.seats.map((seat) => ({
      role: seat.role,
      title: seat.title,
      clause: seat.clause,
      route: describeRoute(constitution, seat),
      fillMethod: seat.filledBy.method,
    })),
    people: [...people].map(([id, postTitles]) => ({
      id,
      label: `${names.get(id)} (${postTitles.join('; ')})`,
    })),
    organisations: (await selectOrganisations(options.db)).map((organisation) => ({
      id: organisation.id,
      name: organisation.name,
    })),
    everyone: await selectPeopleByName(options.db),
  };
}
