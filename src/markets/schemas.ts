import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { pathwayStatuses } from './market-rules.ts';

/**
 * Whether a text has a character a reader can see (not only spaces, format or control characters).
 */
function hasVisibleCharacter(text: string): boolean {
  return /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}\u2800]/u.test(text);
}

const requiredText = (message: string, maxLength: number) =>
  z
    .string(message)
    .trim()
    .min(1, message)
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .refine(hasVisibleCharacter, message);

const clause = z.object({ clause: z.string(), text: z.string() });

export const marketQuerySchema = z.object({
  service: z.string('Choose one service.').max(200, 'Choose one of the service areas.').optional(),
  changed: z.string().max(20).optional(),
});

export const networkParametersSchema = z.object({
  id: z.uuid('A clinical network is named by its id.'),
});

export const recordProviderServicesSchema = z.strictObject({
  providerOrganisationId: z.uuid('Choose the provider.'),
  serviceArea: requiredText('Choose the service area.', 200),
  sectorIds: z
    .array(z.string().max(100, 'Choose from the five sectors.'), 'Choose the sectors served.')
    .max(20, 'Choose from the five sectors.'),
});

export const withdrawProviderServiceSchema = z.strictObject({
  providerOrganisationId: z.uuid('Choose the provider.'),
  serviceArea: requiredText('Choose the service area.', 200),
  sectorId: requiredText('Choose the sector.', 100),
  withdrawnOn: calendarDate('Enter the date of the withdrawal as a real date.'),
  reason: requiredText('Give the reason for the withdrawal.', 2000),
});

export const registerConsortiumSchema = z.strictObject({
  name: requiredText('Give the consortium’s name.', 300),
  primaryCareTrustId: z.uuid('Choose the consortium’s PCT.'),
});

export const recordPathwaySchema = z.strictObject({
  consortiumId: z.uuid('Choose the consortium.'),
  primaryCareTrustId: z.uuid('Choose the PCT the pathway is agreed with.'),
  name: requiredText('Give the pathway’s name.', 300),
  serviceArea: requiredText('Choose the service area.', 200),
  status: z.enum(pathwayStatuses, 'Choose the pathway’s status.'),
  description: requiredText('Describe the pathway.', 5000),
  agreedOn: calendarDate('Enter the date agreed as a real date.').optional(),
});

export const pathwayParametersSchema = z.object({
  id: z.uuid('A pathway is named by its id.'),
});

export const movePathwaySchema = z.strictObject({
  status: z.enum(pathwayStatuses, 'Choose the pathway’s new status.'),
  agreedOn: calendarDate('Enter the date agreed as a real date.').optional(),
});

export const recordNetworkSchema = z.strictObject({
  name: requiredText('Give the network’s name.', 300),
  reportsTo: requiredText('Choose the group the network reports to.', 200),
  objectives: requiredText('Give the network’s objectives.', 5000),
});

export const recordNetworkReviewSchema = z.strictObject({
  heldOn: calendarDate('Enter the date the review was held as a real date.'),
  findings: requiredText('Give the review’s findings.', 10_000),
  nextReviewDue: calendarDate('Enter the date the next review is due as a real date.'),
});

// Forms ---------------------------------------------------------------------------------------

export const providerServicesFormFields = ['providerOrganisationId', 'serviceArea'];
export const withdrawalFormFields = [
  'providerOrganisationId',
  'serviceArea',
  'sectorId',
  'withdrawnOn',
  'reason',
];
export const consortiumFormFields = ['name', 'primaryCareTrustId'];
export const pathwayFormFields = [
  'consortiumId',
  'primaryCareTrustId',
  'name',
  'serviceArea',
  'status',
  'description',
  'agreedOn',
];
export const networkFormFields = ['name', 'reportsTo', 'objectives'];
export const reviewFormFields = ['heldOn', 'findings', 'nextReviewDue'];

/** A form's optional date: empty means none. */
export const recordPathwayFormSchema = recordPathwaySchema.extend({
  agreedOn: z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(calendarDate('Enter the date agreed as a real date.').optional()),
});

export const movePathwayFormSchema = movePathwaySchema.extend({
  agreedOn: z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(calendarDate('Enter the date agreed as a real date.').optional()),
});
export const moveFormFields = ['status', 'agreedOn'];

// Responses -----------------------------------------------------------------------------------

const sector = z.object({ id: z.string(), name: z.string() });
const named = z.object({ id: z.uuid(), name: z.string() });

export const marketSchema = z.object({
  clauses: z.array(clause),
  sectors: z.array(sector),
  serviceAreas: z.array(z.string()),
  grid: z.array(
    z.object({
      serviceArea: z.string(),
      gapCount: z.number().int(),
      cells: z.array(
        z.object({
          sectorId: z.string(),
          sectorName: z.string(),
          providerCount: z.number().int(),
          isGap: z.boolean(),
          providers: z.array(named),
        }),
      ),
    }),
  ),
  gaps: z.array(z.object({ serviceArea: z.string(), sectorId: z.string(), text: z.string() })),
  withdrawals: z.array(
    z.object({
      providerName: z.string(),
      serviceArea: z.string(),
      sectorName: z.string(),
      withdrawnOn: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  providers: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      services: z.array(z.object({ serviceArea: z.string(), sectors: z.array(z.string()) })),
    }),
  ),
  unknownService: z.string().optional(),
  map: z
    .object({
      serviceArea: z.string(),
      description: z.string(),
      table: z.array(
        z.object({
          sectorName: z.string(),
          countText: z.string(),
          providers: z.array(z.string()),
          isGap: z.boolean(),
        }),
      ),
    })
    .optional(),
  mayManage: z.boolean(),
});

export const practiceConsortiaSchema = z.object({
  clause,
  primaryCareTrusts: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      consortia: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          pathways: z.array(
            z.object({
              id: z.uuid(),
              name: z.string(),
              serviceArea: z.string(),
              status: z.enum(pathwayStatuses),
              statusName: z.string(),
              description: z.string(),
              agreedOn: z.string().nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
  mayManage: z.boolean(),
});

const networkSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  objectives: z.string(),
  reportsTo: z.object({ slug: z.string(), title: z.string() }),
  review: z.object({
    status: z.enum(['never-reviewed', 'current', 'due-soon', 'overdue']),
    statusName: z.string(),
    lastHeldOn: z.string().nullable(),
    nextReviewDue: z.string().nullable(),
  }),
  reviews: z.array(
    z.object({
      id: z.uuid(),
      heldOn: z.string(),
      findings: z.string(),
      nextReviewDue: z.string(),
      recordedBy: z.string(),
    }),
  ),
});

export const networksSchema = z.object({
  clauses: z.array(clause),
  networks: z.array(networkSchema),
  overdue: z.number().int(),
  mayManage: z.boolean(),
});

export const networkDetailSchema = networkSchema.extend({
  clauses: z.array(clause),
  mayManage: z.boolean(),
});
