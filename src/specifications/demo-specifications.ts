/**
 * The demo's service specification library: seven specifications in London's shared service areas,
 * citing real standards by name, written and reviewed by fictional people — some approved after
 * quality assurance, one in review, one sent back with changes needed, one with two versions —
 * and good-practice examples (illustrative, not claims about the organisations named). Made
 * through the library's own use cases, so every step is audited as a person's would be. Runs once,
 * on an empty database, before the other commissioning demo data (which may name these versions).
 */
import type { Database } from '../db/connection.ts';
import type { CitedStandard } from '../db/schema/specifications.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { addGoodPractice } from './add-good-practice.ts';
import { approveVersion } from './approve-version.ts';
import { createSpecification } from './create-specification.ts';
import { draftVersion } from './draft-version.ts';
import { recordReview } from './record-review.ts';
import { selectOrganisationIdNamed, selectSpecificationByTitle } from './specification-queries.ts';
import { submitForReview } from './submit-for-review.ts';

/** The library's keeper as the seed acts: the London group's secretariat, with an administrator's reach. */
const seedActor: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'London Commissioning Group secretariat',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

/** Each demo reviewer records their own review: the reviewer is the account acting (2006 §3.1(b)). */
function reviewerActor(displayName: string): Actor {
  return {
    kind: 'account',
    accountId: `seed-reviewer:${displayName}`,
    email: 'seed@demo.invalid',
    displayName,
    personId: null,
    isAdministrator: true,
    bodyRoles: [],
    authenticatedBy: 'session',
  };
}

const standards = {
  nice68: {
    reference: 'NICE CG68',
    title:
      'Stroke: diagnosis and initial management of acute stroke and transient ischaemic attack (TIA)',
  },
  strokeStrategy: { reference: 'National Stroke Strategy', title: 'Department of Health, 2007' },
  rcpStroke: {
    reference: 'Royal College of Physicians',
    title: 'National clinical guidelines for stroke, second edition (2004)',
  },
  directionUrgent: {
    reference: 'Direction of travel for urgent care',
    title: 'Department of Health discussion document, 2006',
  },
  frameworkForAction: {
    reference: 'Healthcare for London',
    title: 'A Framework for Action (Lord Darzi, 2007)',
  },
  ourHealth: {
    reference: 'Our health, our care, our say',
    title: 'A new direction for community services (White Paper, 2006)',
  },
  maternityMatters: {
    reference: 'Maternity Matters',
    title: 'Choice, access and continuity of care in a safe service (Department of Health, 2007)',
  },
  nice55: {
    reference: 'NICE CG55',
    title: 'Intrapartum care: care of healthy women and their babies during childbirth',
  },
  nsfMaternity: {
    reference: 'National Service Framework for Children, Young People and Maternity Services',
    title: 'Standard 11: maternity services (2004)',
  },
  nsfDiabetes: { reference: 'National Service Framework for Diabetes', title: 'Standards (2001)' },
  nice66: { reference: 'NICE CG66', title: 'Type 2 diabetes: the management of type 2 diabetes' },
  nice15: {
    reference: 'NICE CG15',
    title:
      'Type 1 diabetes: diagnosis and management of type 1 diabetes in children, young people and adults',
  },
  nice12: {
    reference: 'NICE CG12',
    title:
      'Chronic obstructive pulmonary disease: management of chronic obstructive pulmonary disease in adults in primary and secondary care',
  },
  btsRehabilitation: {
    reference: 'British Thoracic Society',
    title: 'Statement on pulmonary rehabilitation (2001)',
  },
} satisfies Record<string, CitedStandard>;

interface DemoVersion {
  scope: string;
  outcomes: string;
  standards: CitedStandard[];
  authorName: string;
  writtenOn: string;
  /** What became of it: left a draft, submitted, reviewed (and how), approved. */
  reviews?: {
    outcome: 'signed-off' | 'changes-needed';
    reviewerName: string;
    reviewedOn: string;
    comments: string;
  }[];
  submitted?: boolean;
  approvedOn?: string;
}

interface DemoSpecification {
  title: string;
  serviceArea: string;
  versions: DemoVersion[];
  goodPractice: { title: string; summary: string; organisation?: string }[];
}

const library: DemoSpecification[] = [
  {
    title: 'Hyper-acute stroke unit',
    serviceArea: 'Stroke',
    versions: [
      {
        scope:
          'Adults arriving by ambulance with suspected acute stroke, 24 hours a day, seven days a week.\nBrain imaging within 30 minutes of arrival and thrombolysis where indicated.\nTransfer to a stroke unit after the first 72 hours.',
        outcomes:
          'Thrombolysis for every eligible patient within three hours of the onset of symptoms.\nEvery patient assessed by a stroke specialist within 24 hours.\nMortality at 30 days reported quarterly to the commissioning PCTs.',
        standards: [standards.strokeStrategy, standards.rcpStroke],
        authorName: 'Dr Miriam Ashworth',
        writtenOn: '2007-11-05',
        submitted: true,
        reviews: [
          {
            outcome: 'signed-off',
            reviewerName: 'Prof. Daniel Okonjo',
            reviewedOn: '2007-11-26',
            comments:
              'Consistent with the National Stroke Strategy; the 30-minute imaging standard is achievable.',
          },
        ],
        approvedOn: '2007-12-03',
      },
      {
        scope:
          'Adults arriving by ambulance with suspected acute stroke, 24 hours a day, seven days a week.\nBrain imaging within 30 minutes of arrival and thrombolysis where indicated.\nTransfer to a stroke unit after the first 72 hours.\nAmbulance crews pre-alert the unit, and take patients past nearer hospitals when the journey is under 30 minutes.',
        outcomes:
          'Thrombolysis for every eligible patient within three hours of the onset of symptoms.\nEvery patient assessed by a stroke specialist within 24 hours.\nMortality at 30 days reported quarterly to the commissioning PCTs.\nDoor-to-needle time under 60 minutes for nine patients in ten.',
        standards: [standards.nice68, standards.strokeStrategy, standards.rcpStroke],
        authorName: 'Dr Miriam Ashworth',
        writtenOn: '2008-08-11',
        submitted: true,
        reviews: [
          {
            outcome: 'signed-off',
            reviewerName: 'Prof. Daniel Okonjo',
            reviewedOn: '2008-09-01',
            comments:
              'Now cites NICE CG68; the pre-alert pathway matches the ambulance service’s protocol.',
          },
        ],
        approvedOn: '2008-09-15',
      },
    ],
    goodPractice: [
      {
        title: 'Ambulance pre-alert and direct admission to the stroke unit',
        summary:
          'Illustrative example: crews telephone the unit from the scene, so the stroke team meets the patient at the door and scanning starts on arrival — a design of acute services the 2008 terms ask the group to spread.',
      },
    ],
  },
  {
    title: 'Urgent care centre',
    serviceArea: 'Urgent care',
    versions: [
      {
        scope:
          'A GP-led urgent care centre at the front door of the emergency department, open 24 hours.\nStreaming of every walk-in patient by a senior clinician within 20 minutes of arrival.',
        outcomes:
          'Patients with minor illness and injury seen and treated in the centre, not the emergency department.\nFour-hour standard met for 98% of attendances.\nEvery patient not registered with a GP offered registration.',
        standards: [standards.directionUrgent, standards.frameworkForAction],
        authorName: 'Ms Grace Adeyemi',
        writtenOn: '2008-02-04',
        submitted: true,
        reviews: [
          {
            outcome: 'signed-off',
            reviewerName: 'Dr Tobias Whitfield',
            reviewedOn: '2008-02-25',
            comments: 'Clear streaming standard; outcomes are measurable from existing returns.',
          },
        ],
        approvedOn: '2008-03-10',
      },
    ],
    goodPractice: [
      {
        title: 'Streaming at the front door to manage demand',
        summary:
          'Illustrative example of a demand management initiative: a senior nurse streams walk-in patients to the urgent care centre or to primary care, so the emergency department sees only those who need it.',
        organisation: 'Lewisham PCT',
      },
    ],
  },
  {
    title: 'Polyclinic',
    serviceArea: 'Polyclinics and primary care',
    versions: [
      {
        scope:
          'A polyclinic bringing together general practice, diagnostics, outpatient clinics and urgent care under one roof, open from 8am to 8pm every day.\nServes a registered population of about 50,000.',
        outcomes:
          'Outpatient appointments moved from hospital to the polyclinic for six specialties.\nSame-day access to a GP or nurse for every patient who asks.\nPatient satisfaction surveyed twice a year.',
        standards: [standards.frameworkForAction, standards.ourHealth],
        authorName: 'Mr Jonah Pemberton',
        writtenOn: '2008-10-06',
        submitted: true,
      },
    ],
    goodPractice: [],
  },
  {
    title: 'Midwife-led birth unit',
    serviceArea: 'Maternity and newborn',
    versions: [
      {
        scope:
          'A midwife-led birth unit alongside an obstetric unit, for women assessed as low risk at 36 weeks.\nOne-to-one midwifery care in established labour.',
        outcomes:
          'Every woman offered the choice of place of birth, as Maternity Matters guarantees by 2009.\nTransfer to the obstetric unit within 15 minutes when needed.\nBreastfeeding initiation recorded for every birth.',
        standards: [standards.maternityMatters, standards.nice55, standards.nsfMaternity],
        authorName: 'Ms Rosalind Achebe',
        writtenOn: '2008-01-14',
        submitted: true,
        reviews: [
          {
            outcome: 'signed-off',
            reviewerName: 'Dr Helen Marchetti',
            reviewedOn: '2008-02-04',
            comments:
              'Transfer standard agreed with the obstetric unit; consistent with NICE CG55.',
          },
        ],
        approvedOn: '2008-02-18',
      },
    ],
    goodPractice: [
      {
        title: 'Choice of place of birth discussed at booking',
        summary:
          'Illustrative example: every woman is given written information about home, midwife-led and obstetric births at her booking appointment, and her choice is recorded in the hand-held notes.',
      },
    ],
  },
  {
    title: 'Community diabetes service',
    serviceArea: 'Diabetes',
    versions: [
      {
        scope:
          'Specialist diabetes nurses and a consultant diabetologist working in general practices and community clinics.\nStructured education for everyone newly diagnosed with type 2 diabetes.',
        outcomes:
          'Every person with diabetes offered an annual review covering the nine care processes.\nFewer hospital admissions for diabetic ketoacidosis and hypoglycaemia.',
        standards: [standards.nsfDiabetes, standards.nice66],
        authorName: 'Dr Samuel Oyelaran',
        writtenOn: '2008-09-08',
        submitted: true,
        reviews: [
          {
            outcome: 'changes-needed',
            reviewerName: 'Ms Priya Venkataraman',
            reviewedOn: '2008-09-29',
            comments:
              'Add the standards for children and young people with type 1 diabetes (NICE CG15), and give a target for the reduction in admissions.',
          },
        ],
      },
    ],
    goodPractice: [
      {
        title: 'Diabetes education in community languages',
        summary:
          'Illustrative example: structured education sessions run in Bengali and Sylheti by trained link workers, with attendance recorded in the practice record.',
        organisation: 'Tower Hamlets PCT',
      },
    ],
  },
  {
    title: 'Pulmonary rehabilitation',
    serviceArea: 'Chronic obstructive pulmonary disease',
    versions: [
      {
        scope:
          'A six-week programme of exercise and education for people with chronic obstructive pulmonary disease who are breathless walking on the level (MRC grade 3 and above).\nProvided in community settings within 30 minutes’ travel of home.',
        outcomes:
          'Every eligible patient referred within four weeks of a hospital discharge for an exacerbation.\nImproved exercise capacity measured by the shuttle walk test at the start and end of the programme.\nFewer emergency readmissions within 90 days.',
        standards: [standards.nice12, standards.btsRehabilitation],
        authorName: 'Mr Callum Fairweather',
        writtenOn: '2008-04-07',
        submitted: true,
        reviews: [
          {
            outcome: 'signed-off',
            reviewerName: 'Dr Anjali Raman',
            reviewedOn: '2008-04-28',
            comments: 'Eligibility matches NICE CG12; the shuttle walk test is the right measure.',
          },
        ],
        approvedOn: '2008-05-12',
      },
    ],
    goodPractice: [],
  },
  {
    // Tendered London-wide by the demo's IAPT procurement consortium (src/procurement/).
    title: 'Improving Access to Psychological Therapies (IAPT)',
    serviceArea: 'Mental health',
    versions: [
      {
        scope:
          'Stepped care for adults with depression and anxiety disorders: guided self-help and brief psychological interventions at step 2, cognitive behavioural therapy at step 3.\nSelf-referral and referral by GPs, with assessment within 28 days.',
        outcomes:
          'At least half of those who finish a course of treatment moving to recovery.\nWaiting times from referral to first treatment reported monthly.\nOutcomes recorded at every session with the minimum data set.',
        standards: [],
        authorName: 'Dr Imogen Hartley',
        writtenOn: '2008-03-03',
        submitted: true,
        reviews: [
          {
            outcome: 'signed-off',
            reviewerName: 'Dr Anjali Raman',
            reviewedOn: '2008-03-24',
            comments: 'The stepped-care model and the recovery measure are clear enough to tender.',
          },
        ],
        approvedOn: '2008-04-07',
      },
    ],
    goodPractice: [],
  },
];

/** Loads the demo library; skipped when the library already has the first demo specification. */
export async function seedDemoSpecifications(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db } = options;
  const { context } = options;
  if (await selectSpecificationByTitle(db, library[0]!.title)) return 0;
  const base = { db, context, actor: seedActor };
  for (const demo of library) {
    let specificationId: string | undefined;
    for (const [index, version] of demo.versions.entries()) {
      const text = {
        scope: version.scope,
        outcomes: version.outcomes,
        standards: version.standards,
        authorName: version.authorName,
        writtenOn: version.writtenOn,
      };
      if (index === 0) {
        specificationId = (
          await createSpecification({
            ...base,
            title: demo.title,
            serviceArea: demo.serviceArea,
            ...text,
          })
        ).specificationId;
      } else {
        await draftVersion({ ...base, specificationId: specificationId!, ...text });
      }
      const target = { ...base, specificationId: specificationId!, version: index + 1 };
      if (version.submitted) await submitForReview(target);
      for (const { reviewerName, ...review } of version.reviews ?? []) {
        await recordReview({ ...target, actor: reviewerActor(reviewerName), ...review });
      }
      if (version.approvedOn) await approveVersion({ ...target, approvedOn: version.approvedOn });
    }
    for (const example of demo.goodPractice) {
      await addGoodPractice({
        ...base,
        specificationId: specificationId!,
        title: example.title,
        summary: example.summary,
        organisationId: example.organisation
          ? await selectOrganisationIdNamed(db, example.organisation)
          : undefined,
      });
    }
  }
  return library.length;
}
