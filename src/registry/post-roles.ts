/**
 * The posts the seeds' membership clauses refer to (2006 §105, §107; 2008 "Membership"), so a
 * constitution's seat can say "chief executive of a PCT" and the registry can answer who that is.
 */
export const postRoles = [
  'chief-executive',
  'chair',
  'director-of-strategy-and-commissioning',
  'director-of-public-health',
  'director-of-finance',
  'director',
  'clinical-lead',
  'patient-representative',
  'programme-director',
  'representative',
  'other',
] as const;

export type PostRole = (typeof postRoles)[number];

export const postRoleTitles: Record<PostRole, string> = {
  'chief-executive': 'Chief Executive',
  chair: 'Chair',
  'director-of-strategy-and-commissioning': 'Director of Strategy and Commissioning',
  'director-of-public-health': 'Director of Public Health',
  'director-of-finance': 'Director of Finance',
  director: 'Director',
  'clinical-lead': 'Clinical Lead',
  'patient-representative': 'Patient Representative',
  'programme-director': 'Programme Director',
  representative: 'Representative',
  other: 'Post holder',
};
