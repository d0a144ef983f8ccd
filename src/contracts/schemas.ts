import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { type FieldProblem, invalidInput } from '../shared/problems.ts';
import type { ContractInput } from './contract-check.ts';
import {
  basisPointsFromPercentage,
  contractStatuses,
  penceFromPounds,
  procurementRoutes,
  shareBases,
} from './contract-rules.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const optionalId = (message: string) =>
  z
    .union([z.uuid(message), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const contractParametersSchema = z.object({
  contractId: z.uuid('A contract is named by its id.'),
});

/** Pence as a number: whole pence is the register's rule, checked (and named) by the use case. */
const pence = (what: string) =>
  z
    .number(`Give the ${what} in pence, as a number.`)
    .min(0, `The ${what} cannot be negative.`)
    .meta({ description: `The ${what} in whole pence (£1,234.56 is 123456).` });

export const contractInputSchema = z.strictObject({
  reference: requiredText('Give the contract’s reference, like LCG/2008/014.', 60),
  title: requiredText('Give the contract’s title.', 300),
  service: requiredText('Name the service the contract buys.', 200),
  providerOrganisationId: z.uuid('Choose the provider.'),
  specificationVersionId: optionalId('Choose an approved specification version, or none.'),
  procurementRoute: z.enum(procurementRoutes, 'Choose how the contract was procured.'),
  singleTenderReason: optionalText(2000),
  extendsReference: optionalText(60),
  startsOn: calendarDate('Enter the start date as YYYY-MM-DD.'),
  endsOn: calendarDate('Enter the end date as YYYY-MM-DD.'),
  extensionOptions: z
    .array(
      z.strictObject({
        months: z.number('Give each option’s length in months.'),
        exercised: z.boolean('Say whether each option was exercised.'),
      }),
    )
    .max(10, 'A contract has at most 10 extension options.')
    .default([]),
  totalValuePence: pence('total value'),
  annualValuePence: pence('annual value'),
  shareBasis: z.enum(shareBases, 'Say whether the shares are by population or by activity.'),
  commissioners: z
    .array(
      z.strictObject({
        organisationId: z.uuid('Choose each commissioning PCT.'),
        shareBasisPoints: z.number('Give each share in hundredths of a per cent (23.47% is 2347).'),
      }),
    )
    .max(40),
  leadOrganisationId: z.uuid('Choose the lead commissioner.'),
  // Any text reaches the use case, so "awarded" is refused there with the rule it breaks.
  status: z.string('Choose the status.').max(40),
});

export const contractChangedSchema = z.object({ contractId: z.uuid() });

export const registerQuerySchema = z.object({
  provider: optionalId('Choose a provider from the list.'),
  pct: optionalId('Choose a PCT from the list.'),
  status: z
    .union([z.enum(contractStatuses), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  service: optionalText(200),
});

const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  odsCode: z.string().nullable(),
});

export const contractViewSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  service: z.string(),
  provider: organisationSchema.extend({ type: z.string() }),
  specification: z
    .object({
      versionId: z.uuid(),
      title: z.string(),
      version: z.number().int(),
      serviceArea: z.string(),
      label: z.string(),
    })
    .nullable(),
  procurementRoute: z.object({ id: z.enum(procurementRoutes), name: z.string() }),
  singleTenderReason: z.string().nullable(),
  extends: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  currentEnd: z.string().describe('The end with the exercised extension options.'),
  latestPossibleEnd: z.string().describe('The end if every extension option were exercised.'),
  extensionOptions: z.array(
    z.object({ position: z.number().int(), months: z.number().int(), exercised: z.boolean() }),
  ),
  totalValuePence: z.number().int(),
  totalValue: z.string(),
  annualValuePence: z.number().int(),
  annualValue: z.string(),
  shareBasis: z.object({ id: z.enum(shareBases), name: z.string() }),
  commissioners: z.array(
    organisationSchema.extend({
      sectorName: z.string().nullable(),
      shareBasisPoints: z.number().int(),
      share: z.string(),
      isLead: z.boolean(),
    }),
  ),
  lead: organisationSchema,
  status: z.object({ id: z.enum(contractStatuses), name: z.string() }),
  awardedFromTender: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mayChange: z.boolean(),
});

const choiceSchema = z.object({ id: z.string(), name: z.string() });

export const registerSchema = z.object({
  contracts: z.array(contractViewSchema),
  totals: z.object({
    count: z.number().int(),
    totalValuePence: z.number().int(),
    totalValue: z.string(),
    annualValuePence: z.number().int(),
    annualValue: z.string(),
  }),
  filters: z.object({
    provider: z.string().optional(),
    pct: z.string().optional(),
    status: z.string().optional(),
    service: z.string().optional(),
  }),
  choices: z.object({
    providers: z.array(choiceSchema),
    primaryCareTrusts: z.array(choiceSchema),
    statuses: z.array(choiceSchema),
  }),
  mayRecord: z.boolean(),
});

export const importResultSchema = z.object({
  imported: z.number().int(),
  references: z.array(z.string()),
});

/** The form's numbered slots: commissioners and extension options. */
export const commissionerSlots = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const optionSlots = [1, 2, 3] as const;

export const contractFormFields = [
  'reference',
  'title',
  'service',
  'providerOrganisationId',
  'specificationVersionId',
  'procurementRoute',
  'singleTenderReason',
  'extendsReference',
  'startsOn',
  'endsOn',
  'totalValue',
  'annualValue',
  'shareBasis',
  'leadOrganisationId',
  'status',
  ...commissionerSlots.flatMap((slot) => [`commissioner${slot}`, `commissioner${slot}Share`]),
  ...optionSlots.flatMap((slot) => [`option${slot}Months`, `option${slot}Exercised`]),
];

const formBaseSchema = contractInputSchema
  .omit({
    totalValuePence: true,
    annualValuePence: true,
    commissioners: true,
    extensionOptions: true,
    startsOn: true,
    endsOn: true,
  })
  .extend({
    startsOn: calendarDate('Enter the date the contract starts.'),
    endsOn: calendarDate('Enter the date the contract ends.'),
    status: requiredText('Choose the status.', 40),
  });

/**
 * The HTML form as the use case's input: pounds to whole pence, percentages to hundredths of a
 * per cent, the numbered slots to lists. Every problem names the field a person typed in.
 */
export function contractFromForm(values: Record<string, string>): ContractInput {
  const problems: FieldProblem[] = [];
  const base = formBaseSchema.safeParse(
    Object.fromEntries(Object.keys(formBaseSchema.shape).map((key) => [key, values[key] ?? ''])),
  );
  if (!base.success) {
    for (const issue of base.error.issues) {
      problems.push({ field: issue.path.join('.') || 'form', message: issue.message });
    }
  }
  const money = (field: string, what: string) => {
    const read = penceFromPounds(values[field] ?? '', what);
    if (!read.ok) problems.push({ field, message: read.message });
    return read.ok ? read.value : 0;
  };
  const totalValuePence = money('totalValue', 'total value');
  const annualValuePence = money('annualValue', 'annual value');
  const commissioners: ContractInput['commissioners'] = [];
  for (const slot of commissionerSlots) {
    const organisationId = (values[`commissioner${slot}`] ?? '').trim();
    const shareText = (values[`commissioner${slot}Share`] ?? '').trim();
    if (!organisationId) {
      if (shareText) {
        problems.push({
          field: `commissioner${slot}`,
          message: `Choose the PCT whose share is ${shareText}.`,
        });
      }
      continue;
    }
    if (!z.uuid().safeParse(organisationId).success) {
      problems.push({ field: `commissioner${slot}`, message: 'Choose the PCT from the list.' });
      continue;
    }
    const share = basisPointsFromPercentage(shareText);
    if (!share.ok) {
      problems.push({
        field: `commissioner${slot}Share`,
        message: shareText ? share.message : 'Enter this PCT’s share as a percentage, like 23.47.',
      });
    }
    commissioners.push({ organisationId, shareBasisPoints: share.ok ? share.value : 0 });
  }
  const extensionOptions: ContractInput['extensionOptions'] = [];
  for (const slot of optionSlots) {
    const monthsText = (values[`option${slot}Months`] ?? '').trim();
    if (!monthsText) continue;
    if (!/^\d{1,3}$/.test(monthsText)) {
      problems.push({
        field: `option${slot}Months`,
        message: 'Enter the option’s length in whole months, like 12.',
      });
      continue;
    }
    extensionOptions.push({
      months: Number(monthsText),
      exercised: values[`option${slot}Exercised`] === 'yes',
    });
  }
  if (problems.length > 0 || !base.success) throw invalidInput(problems);
  return {
    ...base.data,
    totalValuePence,
    annualValuePence,
    commissioners,
    extensionOptions,
  };
}

/** The use case names a commissioner by its place in the list; the form by its numbered slot. */
export function formFieldOf(field: string, values: Record<string, string>): string {
  const filled = commissionerSlots.filter((slot) => values[`commissioner${slot}`]);
  const commissioner = /^commissioners\.(\d+)\.(organisationId|share)$/.exec(field);
  if (commissioner) {
    const slot = filled[Number(commissioner[1])];
    if (slot === undefined) return field;
    return commissioner[2] === 'share' ? `commissioner${slot}Share` : `commissioner${slot}`;
  }
  if (field === 'commissioners') return 'commissioner1';
  const filledOptions = optionSlots.filter((slot) => values[`option${slot}Months`]);
  const option = /^extensionOptions\.(\d+)\.months$/.exec(field);
  if (option) {
    const slot = filledOptions[Number(option[1])];
    return slot === undefined ? field : `option${slot}Months`;
  }
  if (field === 'totalValuePence') return 'totalValue';
  if (field === 'annualValuePence') return 'annualValue';
  return field;
}

/**
 * A contract from an awarded tender: only what the award does not fix. Provider, service,
 * specification version, total value and the commissioners' shares come from the award.
 */
export const awardedContractInputSchema = contractInputSchema
  .pick({
    reference: true,
    procurementRoute: true,
    startsOn: true,
    endsOn: true,
    extensionOptions: true,
    annualValuePence: true,
    shareBasis: true,
    leadOrganisationId: true,
  })
  .extend({ procurementRoute: z.enum(procurementRoutes).default('open') });

export const tenderParametersSchema = z.strictObject({
  tenderId: z.uuid('That is not a tender in the register.'),
});

/** The award's form: the fields a person fills beside what the award fixes. */
export const awardedContractFormFields = [
  'reference',
  'procurementRoute',
  'startsOn',
  'endsOn',
  'annualValue',
  'shareBasis',
  'leadOrganisationId',
  ...optionSlots.flatMap((slot) => [`option${slot}Months`, `option${slot}Exercised`]),
] as const;
