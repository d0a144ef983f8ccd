import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { odsCodeMessage, odsCodePattern, organisationTypes } from './organisation-rules.ts';
import { postRoles } from './post-roles.ts';

const maximumNameLength = 200;

export const organisationTypeSchema = z.enum(organisationTypes);
export const sectorIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,60}$/, 'A sector is given by its id, for example north-west.');
export const odsCodeSchema = z.string().trim().toUpperCase().regex(odsCodePattern, odsCodeMessage);
const nameSchema = z.string().trim().min(1, 'Enter a name.').max(maximumNameLength);
const isoDateSchema = calendarDate('Enter a date as YYYY-MM-DD.');

export const sectorSchema = z.object({ id: z.string(), name: z.string() });

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: organisationTypeSchema,
  odsCode: z.string().nullable(),
  sector: sectorSchema.nullable(),
  population: z.number().int().nullable(),
  source: z.string().nullable(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const createOrganisationSchema = z.strictObject({
  name: nameSchema,
  type: organisationTypeSchema,
  odsCode: odsCodeSchema.nullish(),
  sector: sectorIdSchema.nullish(),
  population: z.number().int().min(0).max(100_000_000).nullish(),
  source: z.string().trim().max(500).nullish(),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

export const updateOrganisationSchema = createOrganisationSchema
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'Give at least one field to change.');
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationSchema>;

const pageFields = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const listOrganisationsQuerySchema = z.strictObject({
  type: organisationTypeSchema.optional(),
  sector: sectorIdSchema.optional(),
  q: z.string().trim().max(200).optional(),
  ...pageFields,
});
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

export const postRoleSchema = z.enum(postRoles);

export const postSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  role: postRoleSchema,
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
export type Post = z.infer<typeof postSchema>;

export const personSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  isFictional: z.boolean(),
  posts: z.array(postSchema),
});
export type Person = z.infer<typeof personSchema>;

export const personSummarySchema = personSchema.omit({ posts: true });
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const createPersonSchema = z.strictObject({
  name: nameSchema,
  email: z.email('Enter an e-mail address like name@nhs.net.').max(254).nullish(),
});
export type CreatePersonInput = z.infer<typeof createPersonSchema>;

export const updatePersonSchema = createPersonSchema
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'Give at least one field to change.');
export type UpdatePersonInput = z.infer<typeof updatePersonSchema>;

export const listPeopleQuerySchema = z.strictObject({
  organisation: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  ...pageFields,
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuerySchema>;

export const createPostSchema = z
  .strictObject({
    personId: z.uuid(),
    organisationId: z.uuid(),
    role: postRoleSchema,
    title: z.string().trim().min(1).max(200).optional(),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema.nullish(),
  })
  .refine((post) => !post.endsOn || post.endsOn >= post.startsOn, {
    message: 'A post cannot end before it starts.',
    path: ['endsOn'],
  });
export type CreatePostInput = z.infer<typeof createPostSchema>;

export const endPostSchema = z.strictObject({ endsOn: isoDateSchema });

export const idParametersSchema = z.object({ id: z.uuid('Give the id as a UUID.') });
