import { z } from 'zod';

export const paperVersionParametersSchema = z.object({
  paperId: z.uuid('A paper is named by its id.'),
  version: z.coerce.number().int().min(1).max(100_000),
});

/** The text fields of an upload; the file itself is checked by the paper rules. */
export const uploadFieldsSchema = z.object({
  agendaItemId: z
    .uuid('Choose the agenda item the paper is for.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  paperId: z
    .uuid('Choose the paper this is a new version of.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  title: z.string().max(200, 'Keep the title under 200 characters.').optional(),
});

const publicationSchema = z.object({
  late: z.boolean(),
  clearWorkingDays: z.number().int(),
  message: z.string(),
});

export const uploadResultSchema = z.object({
  paperId: z.uuid(),
  title: z.string(),
  version: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  byteLength: z.number().int(),
  sha256: z.string(),
  publication: publicationSchema,
});

const versionSchema = z.object({
  version: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  byteLength: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  publishedOn: z.string(),
  publication: publicationSchema,
  href: z.string(),
});

export const meetingPapersSchema = z.object({
  meeting: z.object({
    id: z.uuid(),
    title: z.string(),
    startsAt: z.string(),
    meetingOn: z.string(),
    location: z.string(),
    noticeGivenOn: z.string(),
    urgencyReason: z.string().nullable(),
    body: z.object({ slug: z.string(), title: z.string() }),
  }),
  items: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      title: z.string(),
      purpose: z.string(),
      isConfidential: z.boolean(),
      confidentialityReason: z.string().nullable(),
      papers: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          latest: versionSchema,
          versions: z.array(versionSchema),
        }),
      ),
    }),
  ),
  hiddenConfidentialCount: z.number().int(),
});
