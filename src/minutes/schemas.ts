import { z } from 'zod';
import { meetingParametersSchema } from '../meetings/index.ts';

export const minuteParametersSchema = meetingParametersSchema.extend({
  agendaItemId: z.uuid('An agenda item is named by its id.'),
});

export const receiptParametersSchema = z.object({
  token: z.string().min(1).max(200),
});

export const draftMinuteSchema = z.strictObject({
  text: z
    .string('Write the minute for this item.')
    .trim()
    .min(1, 'Write the minute for this item.')
    .max(20_000, 'Keep a minute under 20,000 characters.'),
});

export const addMinutesForApprovalSchema = z.strictObject({
  minutesOfMeetingId: z.uuid('Choose the meeting whose minutes are to be approved.'),
});

export const approveMinutesSchema = z.strictObject({
  presidingSeatHoldingId: z.uuid('Choose the member who presided.').optional().meta({
    description:
      'Only when neither the chair nor the vice-chair was present: the member the members present chose to preside, who signs.',
  }),
});

const quorumSchema = z.object({
  quorate: z.boolean(),
  summary: z.string(),
  lines: z.array(z.string()),
  missing: z.array(z.string()),
  clause: z.string(),
  text: z.string(),
  excluded: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export const approvalResultSchema = z.object({
  meetingId: z.uuid(),
  approvedAt: z.object({
    meetingId: z.uuid(),
    title: z.string(),
    agendaItemId: z.uuid(),
    position: z.number().int(),
  }),
  signedBy: z.object({ personId: z.uuid(), name: z.string(), basis: z.string() }),
  quorumSummary: z.string(),
  distribution: z.object({
    recipients: z.number().int(),
    mailed: z.number().int(),
    byHand: z.array(z.string()),
    unmatched: z.array(z.string()),
  }),
});

export const minutesReportSchema = z.object({
  meeting: z.object({
    id: z.uuid(),
    body: z.object({ slug: z.string(), title: z.string() }),
    title: z.string(),
    startsAt: z.string(),
    meetingOn: z.string(),
    location: z.string(),
    noticeGivenOn: z.string(),
    urgencyReason: z.string().nullable(),
    status: z.string(),
  }),
  status: z.enum(['draft', 'approved']),
  approval: z
    .object({
      approvedAtMeeting: z.object({ id: z.uuid(), title: z.string(), meetingOn: z.string() }),
      agendaItemPosition: z.number().int(),
      signedBy: z.string(),
      quorumSummary: z.string(),
      approvedAt: z.string(),
    })
    .nullable(),
  present: z.array(
    z.object({
      name: z.string(),
      seatTitle: z.string(),
      organisation: z.string().nullable(),
      office: z.string().nullable(),
    }),
  ),
  deputies: z.array(z.object({ name: z.string(), forMember: z.string() })),
  apologies: z.array(z.string()),
  items: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      title: z.string(),
      purpose: z.string(),
      isConfidential: z.boolean(),
      confidentialityReason: z.string().nullable(),
      approvesMinutesOf: z.object({ meetingId: z.uuid(), title: z.string() }).nullable(),
      minute: z.object({ text: z.string(), updatedAt: z.string() }).nullable(),
    }),
  ),
  hiddenConfidentialCount: z.number().int(),
  distribution: z
    .object({
      counts: z.object({
        total: z.number().int(),
        sent: z.number().int(),
        pending: z.number().int(),
        failed: z.number().int(),
        byHand: z.number().int(),
        received: z.number().int(),
      }),
      summary: z.string(),
      recipients: z.array(
        z.object({
          organisation: z.string(),
          odsCode: z.string().nullable(),
          address: z.string().nullable(),
          mailStatus: z.enum(['pending', 'sent', 'failed']).nullable(),
          mailError: z.string().nullable(),
          sentAt: z.string().nullable(),
          receivedAt: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  approvalStatus: z
    .object({
      approvingMeeting: z
        .object({
          id: z.uuid(),
          title: z.string(),
          meetingOn: z.string(),
          itemPosition: z.number().int(),
        })
        .nullable(),
      nextMeeting: z.object({ id: z.uuid(), title: z.string() }).nullable(),
      quorum: quorumSchema.nullable(),
      presentAtApproval: z.array(z.object({ seatHoldingId: z.uuid(), name: z.string() })),
      blockers: z.array(z.string()),
    })
    .nullable(),
  previousMeeting: z
    .object({
      id: z.uuid(),
      title: z.string(),
      meetingOn: z.string(),
      onAgenda: z
        .object({ meetingId: z.uuid(), title: z.string(), position: z.number().int() })
        .nullable(),
      approved: z.boolean(),
    })
    .nullable(),
});

export const receiptSchema = z.object({
  organisation: z.string(),
  meeting: z.object({
    id: z.uuid(),
    title: z.string(),
    bodyTitle: z.string(),
    meetingOn: z.string(),
  }),
  receivedAt: z.string().nullable(),
  alreadyConfirmed: z.boolean(),
});
