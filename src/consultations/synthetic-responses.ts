/**
 * Synthetic responses for the demo and the benchmark (issue 25 parts 6 and 7), deterministic from
 * a seed: a realistic mix of respondent categories (mostly members of the public, as in 2007–08),
 * choices leaning the way each question's seed makes them lean, and free text in about 30% of
 * responses, drawn from a few dozen phrase templates per theme (travel, polyclinics, stroke and
 * trauma care, staff, money, the local hospital, children and older people) so that coding and the
 * suggested themes have signal to learn from. Written as the import's CSV (docs/consultations.md).
 */
import type { QuestionFacts, RespondentCategory } from './response-rules.ts';

/** A small fast PRNG (mulberry32): the same seed gives the same responses on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const categoryMix: [RespondentCategory, number][] = [
  ['public', 0.72],
  ['nhs-staff', 0.14],
  ['clinician', 0.09],
  ['organisation', 0.05],
];

const organisations = [
  'Camden Patients Forum',
  'Haringey Pensioners Action Group',
  'Royal College of Nursing, London region',
  'Lambeth Carers Network',
  'Barnet Local Medical Committee',
  'Tower Hamlets Community Health Council',
  'Sutton Disability Alliance',
  'Ealing Mencap',
  'Greenwich Healthwatch Volunteers',
  'London Ambulance Service Staff Side',
];

const places = [
  'Barnet',
  'Brent',
  'Croydon',
  'Ealing',
  'Enfield',
  'Hackney',
  'Harrow',
  'Hillingdon',
  'Lewisham',
  'Newham',
  'Redbridge',
  'Southwark',
  'Sutton',
  'Waltham Forest',
];

/** A theme of the free text and its phrases: {place} is filled from the boroughs above. */
export const syntheticThemes: { code: string; label: string; phrases: string[] }[] = [
  {
    code: 'travel',
    label: 'Travel and access',
    phrases: [
      'The buses from {place} do not run late enough to reach a polyclinic',
      'Travelling further for care is hard for people without a car in {place}',
      'Parking at the hospital is already impossible and costs too much',
      'Older people in {place} cannot manage two buses to see a specialist',
      'Please think about public transport before moving services away from {place}',
      'The journey time matters more than the building, especially in an emergency',
    ],
  },
  {
    code: 'polyclinics',
    label: 'Polyclinics and GP services',
    phrases: [
      'I would lose my own GP who knows my family if the practice moves into a polyclinic',
      'A polyclinic in {place} open in the evenings would help working people',
      'Having tests and the GP in one building would save many trips',
      'Polyclinics sound like large impersonal centres rather than family doctors',
      'GP appointments are the real problem, it takes two weeks to be seen in {place}',
      'Diagnostics near home would be welcome if the GP practice stays local',
    ],
  },
  {
    code: 'specialist-care',
    label: 'Stroke, trauma and specialist care',
    phrases: [
      'Specialist stroke units save lives and it is worth travelling further for them',
      'My father survived a stroke because he went straight to a specialist unit',
      'Major trauma centres make sense if the ambulance gets there quickly from {place}',
      'Concentrating specialist surgery in fewer hospitals will improve results',
      'The evidence on stroke care is convincing and London should follow it',
      'A hyperacute stroke unit must be within reach of {place} at night too',
    ],
  },
  {
    code: 'staff',
    label: 'Staff and workforce',
    phrases: [
      'There are not enough nurses to staff new centres as well as the hospitals',
      'Staff in {place} are already stretched and morale is low',
      'Training and keeping experienced staff should come before new buildings',
      'Agency staff cost a fortune and do not know the patients',
      'Clinicians should lead these changes, not managers',
      'Moving staff between sites will lose people who live locally in {place}',
    ],
  },
  {
    code: 'money',
    label: 'Cost and funding',
    phrases: [
      'Where will the money for new buildings come from when budgets are cut',
      'This looks like cost cutting presented as improvement',
      'Private finance deals for new buildings will cost more in the long run',
      'Spend the money on community nurses in {place} rather than consultants',
      'The plans must say what they cost and what will be closed to pay for them',
      'Value for money is fine but not at the expense of local services',
    ],
  },
  {
    code: 'local-hospital',
    label: 'Keep the local hospital',
    phrases: [
      'Do not close the accident and emergency department at our hospital in {place}',
      'Our local hospital is the heart of {place} and must keep its maternity unit',
      'Downgrading the hospital in {place} will put lives at risk',
      'People in {place} marched to save this hospital before and will again',
      'Keep the local hospital open for emergencies and children',
      'The hospital serves a growing population in {place} and needs more beds not fewer',
    ],
  },
  {
    code: 'children-older-people',
    label: 'Children, older people and carers',
    phrases: [
      'Care for older people at home needs far more support than the plans describe',
      'As a carer in {place} I need services close by, not across London',
      'Children with long term conditions need care near their school',
      'Mental health services for young people in {place} are missing from these plans',
      'Elderly patients are discharged too early with no support at home',
      'Maternity and children services should stay local whatever else changes',
    ],
  },
];

const openers = ['', 'I think ', 'In my view ', 'Frankly, ', 'As a resident, ', 'Honestly '];
const closers = ['.', '. Please listen.', '. Thank you.', '!', '. This matters to my family.', '.'];

export interface SyntheticResponse {
  category: RespondentCategory;
  organisation: string | null;
  publishConsent: boolean;
  /** By question number: a choice, the choices, or text. */
  answers: Map<number, string | string[]>;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weightedChoice(random: () => number, options: readonly string[], lean: number): string {
  // Options lean towards one end by `lean` (0–1): a triangular-ish preference, still every option.
  const weights = options.map(
    (_, index) =>
      1 + 3 * Math.max(0, 1 - Math.abs(index / Math.max(1, options.length - 1) - lean) * 2),
  );
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let point = random() * total;
  for (let index = 0; index < options.length; index += 1) {
    point -= weights[index]!;
    if (point <= 0) return options[index]!;
  }
  return options[options.length - 1]!;
}

function freeText(random: () => number): string {
  const theme = pick(random, syntheticThemes);
  const sentences = [pick(random, theme.phrases)];
  if (random() < 0.45) sentences.push(pick(random, pick(random, syntheticThemes).phrases));
  const text = sentences
    .map((sentence) => sentence.replaceAll('{place}', pick(random, places)))
    .join('. ');
  const opener = pick(random, openers);
  const body = opener === '' ? text : `${opener}${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  return `${body}${pick(random, closers)}`;
}

/**
 * `count` responses to the questions, the same for the same seed. About 30% of responses carry
 * free text (each free-text question then answered with a probability of 80%), and closed
 * questions are answered by about 90% of respondents.
 */
export function* syntheticResponses(
  questions: readonly QuestionFacts[],
  count: number,
  seed = 2007,
): Generator<SyntheticResponse> {
  const random = seededRandom(seed);
  const leans = questions.map(() => random());
  for (let index = 0; index < count; index += 1) {
    let point = random();
    let category: RespondentCategory = 'public';
    for (const [each, share] of categoryMix) {
      point -= share;
      if (point <= 0) {
        category = each;
        break;
      }
    }
    const writes = random() < 0.3;
    const answers = new Map<number, string | string[]>();
    questions.forEach((question, questionIndex) => {
      const lean = leans[questionIndex]!;
      if (question.kind === 'free-text') {
        if (writes && random() < 0.8) answers.set(question.number, freeText(random));
        return;
      }
      if (random() >= 0.9) return;
      if (question.kind === 'multiple-choice') {
        const chosen = question.options.filter(
          (_, optionIndex) =>
            random() < 0.2 + 0.5 * Math.abs(lean - optionIndex / question.options.length),
        );
        if (chosen.length > 0) answers.set(question.number, chosen);
        return;
      }
      answers.set(question.number, weightedChoice(random, question.options, lean));
    });
    if (answers.size === 0 && questions[0]) {
      const first = questions[0];
      answers.set(first.number, first.kind === 'free-text' ? freeText(random) : first.options[0]!);
    }
    yield {
      category,
      organisation: category === 'organisation' ? pick(random, organisations) : null,
      publishConsent: category === 'organisation' ? random() < 0.8 : random() < 0.2,
      answers,
    };
  }
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The import's header row for these questions. */
export function importHeader(questions: readonly QuestionFacts[]): string {
  return `${['category', 'organisation', 'publish_consent', ...questions.map((question) => `Q${question.number}`)].join(',')}\n`;
}

/** One synthetic response as a CSV line under `importHeader`. */
export function csvLineOf(
  questions: readonly QuestionFacts[],
  response: SyntheticResponse,
): string {
  const answerCells = questions.map((question) => {
    const answer = response.answers.get(question.number);
    if (answer === undefined) return '';
    return csvCell(Array.isArray(answer) ? answer.join('; ') : answer);
  });
  return `${[response.category, csvCell(response.organisation ?? ''), response.publishConsent ? 'yes' : 'no', ...answerCells].join(',')}\n`;
}

/** The whole CSV, header first, as text chunks (about 1,000 lines each): for a stream or a file. */
export function* syntheticCsv(
  questions: readonly QuestionFacts[],
  count: number,
  seed = 2007,
): Generator<string> {
  yield importHeader(questions);
  let chunk = '';
  let lines = 0;
  for (const response of syntheticResponses(questions, count, seed)) {
    chunk += csvLineOf(questions, response);
    lines += 1;
    if (lines % 1000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
