import { z } from 'zod';

const person = z.object({ personId: z.uuid(), name: z.string() });

export const noticeSentSchema = z.object({
  sent: z.array(person.extend({ email: z.string() })),
  withoutAddress: z.array(person),
});

export const meetingNoticesSchema = z.object({
  meeting: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string() }),
  notices: z.array(
    person.extend({
      recipient: z.string(),
      queuedAt: z.string(),
      status: z.string(),
      sentAt: z.string().nullable(),
      lastError: z.string().nullable(),
    }),
  ),
  withoutAddress: z.array(person),
});
