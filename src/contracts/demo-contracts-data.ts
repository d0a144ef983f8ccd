import type { ContractStatus, ExtensionOption, ProcurementRoute } from './contract-rules.ts';

export interface DemoProvider {
  name: string;
  odsCode: string;
  type: 'provider-trust' | 'foundation-trust';
  kind: 'acute' | 'mental health';
}

export const demoProviders: DemoProvider[] = [
  {
    name: 'Imperial College Healthcare NHS Trust',
    odsCode: 'RYJ',
    type: 'provider-trust',
    kind: 'acute',
  },
  {
    name: 'North West London Hospitals NHS Trust',
    odsCode: 'RV8',
    type: 'provider-trust',
    kind: 'acute',
  },
  {
    name: 'University College London Hospitals NHS Foundation Trust',
    odsCode: 'RRV',
    type: 'foundation-trust',
    kind: 'acute',
  },
  { name: 'Royal Free Hampstead NHS Trust', odsCode: 'RAL', type: 'provider-trust', kind: 'acute' },
  {
    name: 'North Middlesex University Hospital NHS Trust',
    odsCode: 'RAP',
    type: 'provider-trust',
    kind: 'acute',
  },
  { name: 'Barts and The London NHS Trust', odsCode: 'RNJ', type: 'provider-trust', kind: 'acute' },
  {
    name: 'Barking, Havering and Redbridge Hospitals NHS Trust',
    odsCode: 'RF4',
    type: 'provider-trust',
    kind: 'acute',
  },
  {
    name: "Guy's and St Thomas' NHS Foundation Trust",
    odsCode: 'RJ1',
    type: 'foundation-trust',
    kind: 'acute',
  },
  {
    name: "King's College Hospital NHS Foundation Trust",
    odsCode: 'RJZ',
    type: 'foundation-trust',
    kind: 'acute',
  },
  {
    name: "St George's Healthcare NHS Trust",
    odsCode: 'RJ7',
    type: 'provider-trust',
    kind: 'acute',
  },
  { name: 'Mayday Healthcare NHS Trust', odsCode: 'RJ6', type: 'provider-trust', kind: 'acute' },
  {
    name: 'South London and Maudsley NHS Foundation Trust',
    odsCode: 'RV5',
    type: 'foundation-trust',
    kind: 'mental health',
  },
  {
    name: 'Camden and Islington Mental Health and Social Care Trust',
    odsCode: 'TAF',
    type: 'provider-trust',
    kind: 'mental health',
  },
  {
    name: 'Oxleas NHS Foundation Trust',
    odsCode: 'RPG',
    type: 'foundation-trust',
    kind: 'mental health',
  },
  {
    name: 'North East London Mental Health NHS Trust',
    odsCode: 'RAT',
    type: 'provider-trust',
    kind: 'mental health',
  },
  {
    name: 'West London Mental Health NHS Trust',
    odsCode: 'RKL',
    type: 'provider-trust',
    kind: 'mental health',
  },
  {
    name: 'Barnet, Enfield and Haringey Mental Health NHS Trust',
    odsCode: 'RRP',
    type: 'provider-trust',
    kind: 'mental health',
  },
  {
    name: 'East London and The City Mental Health NHS Trust',
    odsCode: 'RWK',
    type: 'provider-trust',
    kind: 'mental health',
  },
  {
    name: 'Central and North West London Mental Health NHS Trust',
    odsCode: 'RV3',
    type: 'provider-trust',
    kind: 'mental health',
  },
  {
    name: "South West London and St George's Mental Health NHS Trust",
    odsCode: 'RQY',
    type: 'provider-trust',
    kind: 'mental health',
  },
];

export interface DemoContract {
  reference: string;
  provider: string;
  title: string;
  service: string;
  route: ProcurementRoute;
  singleTenderReason?: string;
  extendsReference?: string;
  startsOn: string;
  endsOn: string;
  options: ExtensionOption[];
  /** Pounds and pence, as a finance report gives them. */
  annual: string;
  total: string;
  lead: string;
  commissioners: string[];
  status: ContractStatus;
  /** Words to find an approved specification version by its service area. */
  specificationArea?: string;
}

const northWest = [
  'Brent Teaching PCT',
  'Ealing PCT',
  'Hammersmith and Fulham PCT',
  'Harrow PCT',
  'Hillingdon PCT',
  'Hounslow PCT',
  'Kensington and Chelsea PCT',
  'Westminster PCT',
];
const northCentral = [
  'Barnet PCT',
  'Camden PCT',
  'Enfield PCT',
  'Haringey Teaching PCT',
  'Islington PCT',
];
const northEast = [
  'Barking and Dagenham PCT',
  'City and Hackney Teaching PCT',
  'Havering PCT',
  'Newham PCT',
  'Redbridge PCT',
  'Tower Hamlets PCT',
  'Waltham Forest PCT',
];
const southEast = [
  'Bexley Care Trust',
  'Bromley PCT',
  'Greenwich Teaching PCT',
  'Lambeth PCT',
  'Lewisham PCT',
  'Southwark PCT',
];
const southWest = [
  'Croydon PCT',
  'Kingston PCT',
  'Richmond and Twickenham PCT',
  'Sutton and Merton PCT',
  'Wandsworth PCT',
];

const threeYears = { startsOn: '2007-04-01', endsOn: '2010-03-31' };
const twoOptions: ExtensionOption[] = [
  { months: 12, exercised: false },
  { months: 12, exercised: false },
];
const firstExercised: ExtensionOption[] = [
  { months: 12, exercised: true },
  { months: 12, exercised: false },
];

const acute = (
  number: number,
  provider: string,
  annual: string,
  total: string,
  lead: string,
  commissioners: string[],
  status: ContractStatus = 'active',
): DemoContract => ({
  reference: `LCG/2007/${String(number).padStart(3, '0')}`,
  provider,
  title: `Acute services 2007/08 to 2009/10: ${provider}`,
  service: 'Acute services',
  route: 'restricted',
  ...threeYears,
  options: status === 'extended' ? firstExercised : twoOptions,
  annual,
  total,
  lead,
  commissioners,
  status,
});

const mentalHealth = (
  number: number,
  provider: string,
  annual: string,
  total: string,
  lead: string,
  commissioners: string[],
  status: ContractStatus = 'active',
): DemoContract => ({
  reference: `LCG/2007/${String(number).padStart(3, '0')}`,
  provider,
  title: `Adult mental health services 2007/08 to 2009/10: ${provider}`,
  service: 'Adult mental health services',
  route: 'open',
  ...threeYears,
  options: status === 'extended' ? firstExercised : twoOptions,
  annual,
  total,
  lead,
  commissioners,
  status,
  specificationArea: 'mental health',
});

export const demoContracts: DemoContract[] = [
  acute(
    1,
    'Imperial College Healthcare NHS Trust',
    '412360500.00',
    '1237081500.00',
    'Hammersmith and Fulham PCT',
    northWest,
  ),
  acute(
    2,
    'North West London Hospitals NHS Trust',
    '198745250.50',
    '596235751.50',
    'Brent Teaching PCT',
    northWest,
    'extended',
  ),
  acute(
    3,
    'University College London Hospitals NHS Foundation Trust',
    '356120000.00',
    '1068360000.00',
    'Camden PCT',
    northCentral,
  ),
  acute(
    4,
    'Royal Free Hampstead NHS Trust',
    '241880125.25',
    '725640375.75',
    'Camden PCT',
    northCentral,
  ),
  acute(
    5,
    'North Middlesex University Hospital NHS Trust',
    '152300000.00',
    '456900000.00',
    'Enfield PCT',
    northCentral,
    'terminated',
  ),
  acute(
    6,
    'Barts and The London NHS Trust',
    '389450000.00',
    '1168350000.00',
    'Tower Hamlets PCT',
    northEast,
    'extended',
  ),
  acute(
    7,
    'Barking, Havering and Redbridge Hospitals NHS Trust',
    '276540300.00',
    '829620900.00',
    'Havering PCT',
    northEast,
  ),
  acute(
    8,
    "Guy's and St Thomas' NHS Foundation Trust",
    '468210000.00',
    '1404630000.00',
    'Lambeth PCT',
    southEast,
  ),
  acute(
    9,
    "King's College Hospital NHS Foundation Trust",
    '331975480.40',
    '995926441.20',
    'Southwark PCT',
    southEast,
  ),
  acute(
    10,
    "St George's Healthcare NHS Trust",
    '298660000.00',
    '895980000.00',
    'Wandsworth PCT',
    southWest,
  ),
  acute(
    11,
    'Mayday Healthcare NHS Trust',
    '187430000.00',
    '562290000.00',
    'Croydon PCT',
    southWest,
  ),
  mentalHealth(
    21,
    'South London and Maudsley NHS Foundation Trust',
    '286750000.00',
    '860250000.00',
    'Lambeth PCT',
    ['Croydon PCT', 'Lambeth PCT', 'Lewisham PCT', 'Southwark PCT'],
  ),
  mentalHealth(
    22,
    'Camden and Islington Mental Health and Social Care Trust',
    '98420000.00',
    '295260000.00',
    'Islington PCT',
    ['Camden PCT', 'Islington PCT'],
  ),
  mentalHealth(
    23,
    'Oxleas NHS Foundation Trust',
    '112385600.00',
    '337156800.00',
    'Greenwich Teaching PCT',
    ['Bexley Care Trust', 'Bromley PCT', 'Greenwich Teaching PCT'],
    'extended',
  ),
  mentalHealth(
    24,
    'North East London Mental Health NHS Trust',
    '121640000.00',
    '364920000.00',
    'Redbridge PCT',
    ['Barking and Dagenham PCT', 'Havering PCT', 'Redbridge PCT', 'Waltham Forest PCT'],
  ),
  mentalHealth(
    25,
    'West London Mental Health NHS Trust',
    '133500000.00',
    '400500000.00',
    'Ealing PCT',
    ['Ealing PCT', 'Hammersmith and Fulham PCT', 'Hounslow PCT'],
  ),
  mentalHealth(
    26,
    'Barnet, Enfield and Haringey Mental Health NHS Trust',
    '104275000.00',
    '312825000.00',
    'Barnet PCT',
    ['Barnet PCT', 'Enfield PCT', 'Haringey Teaching PCT'],
  ),
  mentalHealth(
    27,
    'East London and The City Mental Health NHS Trust',
    '126880000.00',
    '380640000.00',
    'Tower Hamlets PCT',
    ['City and Hackney Teaching PCT', 'Newham PCT', 'Tower Hamlets PCT'],
  ),
  mentalHealth(
    28,
    'Central and North West London Mental Health NHS Trust',
    '158930000.00',
    '476790000.00',
    'Westminster PCT',
    [
      'Brent Teaching PCT',
      'Harrow PCT',
      'Hillingdon PCT',
      'Kensington and Chelsea PCT',
      'Westminster PCT',
    ],
  ),
  mentalHealth(
    29,
    "South West London and St George's Mental Health NHS Trust",
    '117260000.00',
    '351780000.00',
    'Wandsworth PCT',
    ['Kingston PCT', 'Richmond and Twickenham PCT', 'Sutton and Merton PCT', 'Wandsworth PCT'],
  ),
  {
    reference: 'LCG/2006/031',
    provider: 'South London and Maudsley NHS Foundation Trust',
    title: 'Adult mental health services 2006/07: South London and Maudsley',
    service: 'Adult mental health services',
    route: 'open',
    startsOn: '2006-04-01',
    endsOn: '2007-03-31',
    options: [],
    annual: '271300000.00',
    total: '271300000.00',
    lead: 'Lambeth PCT',
    commissioners: ['Croydon PCT', 'Lambeth PCT', 'Lewisham PCT', 'Southwark PCT'],
    status: 'expired',
  },
  {
    reference: 'LCG/2008/014',
    provider: 'South London and Maudsley NHS Foundation Trust',
    title: 'National and specialist eating disorder beds for south London',
    service: 'Specialist mental health: eating disorders',
    route: 'single-tender',
    singleTenderReason:
      'The only provider in London with a specialist adult eating disorder inpatient unit; no competition was possible.',
    startsOn: '2008-04-01',
    endsOn: '2011-03-31',
    options: [{ months: 24, exercised: false }],
    annual: '6480000.00',
    total: '19440000.00',
    lead: 'Southwark PCT',
    commissioners: southEast,
    status: 'active',
  },
  {
    reference: 'LCG/2008/015',
    provider: 'Mayday Healthcare NHS Trust',
    title: 'Acute services: a six-month extension while urgent care is re-procured',
    service: 'Acute services',
    route: 'extension',
    extendsReference: 'LCG/2007/011',
    startsOn: '2008-04-01',
    endsOn: '2008-09-30',
    options: [],
    annual: '187430000.00',
    total: '93715000.00',
    lead: 'Croydon PCT',
    commissioners: southWest,
    status: 'active',
  },
];
