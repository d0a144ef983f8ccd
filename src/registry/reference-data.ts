import type { OrganisationType } from './organisation-rules.ts';

/**
 * London's commissioning partnership as it stood in 2006–2011 (shared/DOMAIN.md, "Reference
 * data"). Sectors match the five London strategic health authorities of 2002–06.
 */
export const londonSectors = [
  { id: 'north-west', name: 'North West', displayOrder: 1 },
  { id: 'north-central', name: 'North Central', displayOrder: 2 },
  { id: 'north-east', name: 'North East', displayOrder: 3 },
  { id: 'south-east', name: 'South East', displayOrder: 4 },
  { id: 'south-west', name: 'South West', displayOrder: 5 },
] as const;

export type LondonSectorId = (typeof londonSectors)[number]['id'];

export interface ReferenceOrganisation {
  name: string;
  type: OrganisationType;
  odsCode: string | null;
  sectorId: LondonSectorId | null;
  population: number | null;
  source: string;
}

const pctSource =
  'ODS code from public NHS organisation data; population: 2011 census usual residents of the borough(s) served, a proxy for the PCT population';

function pct(sectorId: LondonSectorId, name: string, odsCode: string, population: number) {
  return {
    name,
    type: 'primary-care-trust',
    odsCode,
    sectorId,
    population,
    source: pctSource,
  } satisfies ReferenceOrganisation;
}

export const londonPrimaryCareTrusts: readonly ReferenceOrganisation[] = [
  pct('north-west', 'Brent Teaching PCT', '5K5', 311_215),
  pct('north-west', 'Ealing PCT', '5HX', 338_449),
  pct('north-west', 'Hammersmith and Fulham PCT', '5H1', 182_493),
  pct('north-west', 'Harrow PCT', '5K6', 239_056),
  pct('north-west', 'Hillingdon PCT', '5AT', 273_936),
  pct('north-west', 'Hounslow PCT', '5HY', 253_957),
  pct('north-west', 'Kensington and Chelsea PCT', '5LA', 158_649),
  pct('north-west', 'Westminster PCT', '5LC', 219_396),
  pct('north-central', 'Barnet PCT', '5A9', 356_386),
  pct('north-central', 'Camden PCT', '5K7', 220_338),
  pct('north-central', 'Enfield PCT', '5C1', 312_466),
  pct('north-central', 'Haringey Teaching PCT', '5C9', 254_926),
  pct('north-central', 'Islington PCT', '5K8', 206_125),
  pct('north-east', 'Barking and Dagenham PCT', '5C2', 185_911),
  pct('north-east', 'City and Hackney Teaching PCT', '5C3', 253_645),
  pct('north-east', 'Havering PCT', '5A4', 237_232),
  pct('north-east', 'Newham PCT', '5C5', 307_984),
  pct('north-east', 'Redbridge PCT', '5NA', 278_970),
  pct('north-east', 'Tower Hamlets PCT', '5C4', 254_096),
  pct('north-east', 'Waltham Forest PCT', '5NC', 258_249),
  pct('south-east', 'Bexley Care Trust', 'TAK', 231_997),
  pct('south-east', 'Bromley PCT', '5A7', 309_392),
  pct('south-east', 'Greenwich Teaching PCT', '5A8', 254_557),
  pct('south-east', 'Lambeth PCT', '5LD', 303_086),
  pct('south-east', 'Lewisham PCT', '5LF', 275_885),
  pct('south-east', 'Southwark PCT', '5LE', 288_283),
  pct('south-west', 'Croydon PCT', '5K9', 363_378),
  pct('south-west', 'Kingston PCT', '5A5', 160_060),
  pct('south-west', 'Richmond and Twickenham PCT', '5M6', 186_990),
  pct('south-west', 'Sutton and Merton PCT', '5M7', 389_839),
  pct('south-west', 'Wandsworth PCT', '5LG', 306_995),
];

/** The other members the 2006 and 2008 arrangements name (seeds 000 §3, §103; 001 "Membership"). */
export const londonPartnerOrganisations: readonly ReferenceOrganisation[] = [
  {
    name: 'NHS London',
    type: 'strategic-health-authority',
    odsCode: 'Q36',
    sectorId: null,
    population: null,
    source:
      'Strategic health authority for London from July 2006 (shared/DOMAIN.md); ODS code Q36 from public NHS organisation data',
  },
  {
    name: 'London Councils',
    // London Councils represents the 33 London local authorities and nominates the 2008 group's
    // local authority representative, so it is registered as the local-authority member.
    type: 'local-authority',
    odsCode: null,
    sectorId: null,
    population: null,
    source:
      '2008 Governance Arrangements, "Membership": Local Authority representative – to be nominated by London Councils',
  },
  {
    name: "Mayor's Office",
    type: 'mayors-office',
    odsCode: null,
    sectorId: null,
    population: null,
    source: '2008 Governance Arrangements, "Membership": Representative from Mayor\'s Office',
  },
  {
    name: 'London Commissioning Business Service',
    type: 'business-service',
    odsCode: null,
    sectorId: null,
    population: null,
    source:
      '2006 London: Commissioning for Health §3.1–3.2, §109: shared support, never a decision-making body',
  },
];

export const londonTotalPopulation = 8_173_941;
