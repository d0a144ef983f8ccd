/**
 * The demo's consultation: "Consulting the capital", Healthcare for London's 2007–08 public
 * consultation (shared/DOMAIN.md "Consultation": launched 30 November 2007; a 56-page document;
 * 29 questions; 35 roadshows with about 4,000 attendees). The sections and questions PARAPHRASE
 * the themes of the real document for the demonstration — they are not its words — and the events'
 * venues, dates and attendance are illustrative.
 */
import type { QuestionKind } from './response-rules.ts';

export const demoConsultationSlug = 'healthcare-for-london';

export const demoConsultation = {
  title: 'Consulting the capital',
  summary:
    'Proposals to improve health and health care for Londoners over the next ten years: care closer to home in polyclinics, specialist centres for stroke and major trauma, safer maternity care, and better mental health and end of life care. (Paraphrased for this demonstration.)',
  opensAt: new Date('2007-11-30T00:00:00Z'),
  closesAt: new Date('2008-03-07T23:59:00Z'),
  formativeStatement:
    'No decision has been taken: the Joint Committee of PCTs will decide on the proposals only after considering every response (paraphrased).',
  reasonsStatement:
    'The case for change, the clinical evidence behind each proposal and the options considered are set out in the consultation document, chapter by chapter (paraphrased).',
  scrutinyNote:
    'NHS London has scrutinised the consultation document and the questions and is content that they may go to the Joint Committee for approval (illustrative).',
};

const agree = [
  'Strongly agree',
  'Agree',
  'Neither agree nor disagree',
  'Disagree',
  'Strongly disagree',
];
const yesNo = ['Yes', 'No', 'Not sure'];
const importance = ['Not important', 'Quite important', 'Important', 'Very important'];

/** About ten sections of the 56-page document, paraphrased. */
export const demoSections: { number: string; heading: string; body: string }[] = [
  {
    number: '1',
    heading: 'The case for change',
    body: 'London’s health services have not kept pace with the city. Life expectancy differs by years between neighbouring boroughs, too much care happens in hospital that could happen nearer home, and specialist care is spread too thinly to be the best it can be.\n\nThis chapter sets out why the NHS in London proposes to change (paraphrased).',
  },
  {
    number: '2',
    heading: 'Polyclinics: care closer to home',
    body: 'A polyclinic would bring GPs, diagnostics, outpatient clinics and some urgent care under one roof, open longer hours. Existing surgeries could link to a polyclinic hub rather than close (paraphrased).',
  },
  {
    number: '3',
    heading: 'Maternity and newborn care',
    body: 'Every woman should have a named midwife and a choice of where to give birth, with consultant cover on labour wards around the clock (paraphrased).',
  },
  {
    number: '4',
    heading: 'Stroke care',
    body: 'A small number of hyperacute stroke units would give rapid scans and clot-busting treatment around the clock, backed by stroke units nearer home for recovery (paraphrased).',
  },
  {
    number: '5',
    heading: 'Major trauma',
    body: 'Seriously injured people would be taken directly to one of a few major trauma centres, even if it is further than the nearest hospital, because outcomes are better there (paraphrased).',
  },
  {
    number: '6',
    heading: 'Mental health',
    body: 'Mental health care would be better linked with physical health care and available in the community, with quicker access to talking therapies (paraphrased).',
  },
  {
    number: '7',
    heading: 'End of life care',
    body: 'More people would be supported to die where they choose, with co-ordinated care records and round-the-clock community nursing (paraphrased).',
  },
  {
    number: '8',
    heading: 'Planned care',
    body: 'Routine operations could move to specialist elective centres, separated from emergency work so that they are not cancelled (paraphrased).',
  },
  {
    number: '9',
    heading: 'Staying healthy',
    body: 'The NHS would do more to prevent illness: stopping smoking, healthy weight, and early detection of cancer and heart disease (paraphrased).',
  },
  {
    number: '10',
    heading: 'How to respond',
    body: 'Respond online, on the paper form, or at one of the public events across London. The consultation closes on 7 March 2008; an independent organisation will analyse every response (paraphrased).',
  },
];

/** 29 questions, paraphrased from the themes of the real questionnaire. */
export const demoQuestions: {
  text: string;
  kind: QuestionKind;
  options: string[];
  section: string | null;
}[] = [
  {
    text: 'Do you agree that the NHS in London needs to change? (paraphrased)',
    kind: 'single-choice',
    options: agree,
    section: '1',
  },
  {
    text: 'Which of the reasons for change matters most to you? (paraphrased)',
    kind: 'single-choice',
    options: [
      'Differences in life expectancy',
      'Care too often in hospital',
      'Specialist care spread thinly',
      'Value for money',
    ],
    section: '1',
  },
  {
    text: 'What else should we take into account about the case for change? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: '1',
  },
  {
    text: 'Do you support the development of polyclinics across London? (paraphrased)',
    kind: 'single-choice',
    options: agree,
    section: '2',
  },
  {
    text: 'Which services would you want at a polyclinic? (paraphrased)',
    kind: 'multiple-choice',
    options: [
      'GP appointments',
      'Diagnostics such as X-ray and blood tests',
      'Outpatient clinics',
      'Urgent care',
      'Pharmacy',
      'Dentistry',
    ],
    section: '2',
  },
  {
    text: 'How far would you be willing to travel to a polyclinic? (paraphrased)',
    kind: 'scale',
    options: ['Under 15 minutes', '15 to 30 minutes', '30 to 45 minutes', 'Over 45 minutes'],
    section: '2',
  },
  {
    text: 'How important are longer opening hours at your local practice? (paraphrased)',
    kind: 'scale',
    options: importance,
    section: '2',
  },
  {
    text: 'What are your views on polyclinics? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: '2',
  },
  {
    text: 'Do you agree with the proposals for maternity care? (paraphrased)',
    kind: 'single-choice',
    options: agree,
    section: '3',
  },
  {
    text: 'Where would you prefer to give birth? (paraphrased)',
    kind: 'single-choice',
    options: ['At home', 'In a midwife-led unit', 'In a hospital labour ward', 'No preference'],
    section: '3',
  },
  {
    text: 'What else would improve maternity care? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: '3',
  },
  {
    text: 'Do you agree that stroke patients should be taken to a specialist unit even if it is further away? (paraphrased)',
    kind: 'single-choice',
    options: agree,
    section: '4',
  },
  {
    text: 'How long would you accept travelling for specialist stroke care? (paraphrased)',
    kind: 'scale',
    options: ['Under 15 minutes', '15 to 30 minutes', '30 to 45 minutes', 'Over 45 minutes'],
    section: '4',
  },
  {
    text: 'What are your views on the stroke proposals? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: '4',
  },
  {
    text: 'Do you agree with creating a small number of major trauma centres? (paraphrased)',
    kind: 'single-choice',
    options: agree,
    section: '5',
  },
  {
    text: 'What are your views on the trauma proposals? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: '5',
  },
  {
    text: 'Do you agree that mental and physical health care should be better linked? (paraphrased)',
    kind: 'single-choice',
    options: agree,
    section: '6',
  },
  {
    text: 'Which mental health services should be improved first? (paraphrased)',
    kind: 'multiple-choice',
    options: ['Talking therapies', 'Crisis care', 'Care in the community', 'Support for carers'],
    section: '6',
  },
  {
    text: 'What else should we consider about mental health? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: '6',
  },
  {
    text: 'Do you agree with the proposals for end of life care? (paraphrased)',
    kind: 'single-choice',
    options: agree,
    section: '7',
  },
  {
    text: 'Where would you prefer to be cared for at the end of your life? (paraphrased)',
    kind: 'single-choice',
    options: ['At home', 'In a hospice', 'In hospital', 'In a care home', 'Not sure'],
    section: '7',
  },
  {
    text: 'What would make end of life care better? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: '7',
  },
  {
    text: 'Would you travel further for a planned operation if it were less likely to be cancelled? (paraphrased)',
    kind: 'single-choice',
    options: yesNo,
    section: '8',
  },
  {
    text: 'What are your views on planned care? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: '8',
  },
  {
    text: 'How important is it that the NHS helps people to stay healthy? (paraphrased)',
    kind: 'scale',
    options: importance,
    section: '9',
  },
  {
    text: 'Which of these would help you most to stay healthy? (paraphrased)',
    kind: 'multiple-choice',
    options: ['Help to stop smoking', 'Help with weight', 'Health checks', 'Screening for cancer'],
    section: '9',
  },
  {
    text: 'Overall, do you support the proposals? (paraphrased)',
    kind: 'single-choice',
    options: agree,
    section: null,
  },
  {
    text: 'Did the consultation document give you enough information to respond? (paraphrased)',
    kind: 'single-choice',
    options: yesNo,
    section: '10',
  },
  {
    text: 'Is there anything else you would like to tell us? (paraphrased)',
    kind: 'free-text',
    options: [],
    section: null,
  },
];

const sectors = ['north-west', 'north-central', 'north-east', 'south-east', 'south-west'] as const;
const venues: Record<(typeof sectors)[number], string[]> = {
  'north-west': [
    'Brent Civic Centre',
    'Ealing Town Hall',
    'Harrow Arts Centre',
    'Hammersmith Town Hall',
    'Hillingdon Civic Centre',
    'Hounslow Civic Centre',
    'Kensington Town Hall',
  ],
  'north-central': [
    'Camden Centre',
    'Islington Assembly Hall',
    'Barnet Arts Depot',
    'Enfield Civic Centre',
    'Hornsey Town Hall',
    'Westminster Council House',
    'Kentish Town Community Centre',
  ],
  'north-east': [
    'Hackney Empire',
    'Stratford Old Town Hall',
    'Tower Hamlets Professional Development Centre',
    'Walthamstow Assembly Hall',
    'Ilford Town Hall',
    'Romford Central Library',
    'Barking Learning Centre',
  ],
  'south-east': [
    'Lewisham Civic Suite',
    'Greenwich Town Hall',
    'Bromley Civic Centre',
    'Bexley Civic Offices',
    'Southwark Town Hall',
    'Lambeth Town Hall',
    'Woolwich Town Hall',
  ],
  'south-west': [
    'Wandsworth Town Hall',
    'Croydon Clocktower',
    'Kingston Guildhall',
    'Richmond Old Town Hall',
    'Sutton Civic Offices',
    'Merton Civic Centre',
    'Wimbledon Library',
  ],
};

/**
 * 35 roadshows, seven per sector, from 3 December 2007 to 6 March 2008, evenings at 18:30
 * (GMT, so 18:30 in London), attendance adding to 4,000.
 */
export function demoEvents(): {
  title: string;
  sector: string;
  venue: string;
  startsAt: Date;
  attendance: number;
}[] {
  const first = Date.UTC(2007, 11, 3, 18, 30);
  const day = 24 * 60 * 60 * 1000;
  const events = Array.from({ length: 35 }, (_, index) => {
    const sector = sectors[index % 5] as (typeof sectors)[number];
    const round = Math.floor(index / 5);
    // Spread over 94 days, skipping the Christmas fortnight.
    let offset = Math.round((index * 94) / 34);
    if (offset >= 18 && offset < 32) offset += 14;
    if (offset > 94) offset = 94 - (index % 3);
    return {
      title: `Consulting the capital roadshow: ${venues[sector][round]}`,
      sector,
      venue: venues[sector][round] ?? 'Town hall',
      startsAt: new Date(first + offset * day),
      attendance: 70 + ((index * 37) % 90),
    };
  });
  const total = events.reduce((sum, event) => sum + event.attendance, 0);
  const last = events.at(-1);
  if (last) last.attendance += 4000 - total;
  return events.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
