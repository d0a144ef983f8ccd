/**
 * Tests only: a consultation of the Joint Committee of PCTs written straight into the tables, at
 * the stage a test needs, so the tests of responding, importing and analysing do not depend on the
 * preparing use cases (which have tests of their own).
 */
import { uuidv7 } from 'uuidv7';
import { selectBodyBySlug } from '../../bodies/index.ts';
import type { Database } from '../../db/connection.ts';
import {
  consultationDocuments,
  consultationDocumentVersions,
  consultationQuestions,
  consultationSections,
  consultations,
} from '../../db/schema/consultations.ts';
import type { QuestionFacts, QuestionKind } from '../response-rules.ts';

export interface TestConsultation {
  id: string;
  slug: string;
  bodyId: string;
  questions: QuestionFacts[];
  sections: { id: string; number: string; heading: string }[];
}

const defaultQuestions: { text: string; kind: QuestionKind; options: string[] }[] = [
  {
    text: 'Do you agree that polyclinics should be developed across London?',
    kind: 'single-choice',
    options: ['Strongly agree', 'Agree', 'Neither', 'Disagree', 'Strongly disagree'],
  },
  {
    text: 'Which services would you use at a polyclinic?',
    kind: 'multiple-choice',
    options: ['GP appointments', 'Diagnostics', 'Outpatient clinics', 'Urgent care'],
  },
  {
    text: 'How far would you travel for specialist stroke care?',
    kind: 'scale',
    options: ['Under 15 minutes', '15 to 30 minutes', '30 to 45 minutes', 'Over 45 minutes'],
  },
  { text: 'What else should we consider about local care?', kind: 'free-text', options: [] },
];

export async function insertTestConsultation(
  db: Database,
  options: {
    now: Date;
    slug?: string;
    stage?: 'preparing' | 'approval-put' | 'approved' | 'decision-put' | 'decided';
    opensAt?: Date;
    closesAt?: Date;
    questions?: { text: string; kind: QuestionKind; options: string[] }[];
  },
): Promise<TestConsultation> {
  const body = await selectBodyBySlug(db, 'joint-committee-of-pcts');
  if (!body) throw new Error('the Joint Committee of PCTs is not in the test database');
  const id = uuidv7();
  const slug = options.slug ?? `test-consultation-${id.slice(-8)}`;
  const day = 24 * 60 * 60 * 1000;
  await db.insert(consultations).values({
    id,
    slug,
    bodyId: body.id,
    title: 'Consulting the capital (test)',
    summary: 'Proposals for London’s health services, for testing.',
    opensAt: options.opensAt ?? new Date(options.now.getTime() - 7 * day),
    closesAt: options.closesAt ?? new Date(options.now.getTime() + 91 * day),
    formativeStatement: 'No decision has been taken; the options are open.',
    reasonsStatement: 'The case for change is set out in chapter 2.',
    stage: options.stage ?? 'approved',
    createdAt: options.now,
    updatedAt: options.now,
  });
  const documentId = uuidv7();
  const versionId = uuidv7();
  await db.insert(consultationDocuments).values({
    id: documentId,
    consultationId: id,
    title: 'Consulting the capital',
    position: 1,
    createdAt: options.now,
  });
  await db.insert(consultationDocumentVersions).values({
    id: versionId,
    documentId,
    version: 1,
    createdAt: options.now,
  });
  const sections = [
    { id: uuidv7(), number: '4.1', heading: 'Polyclinics' },
    { id: uuidv7(), number: '5.2', heading: 'Hyperacute stroke units' },
  ];
  await db.insert(consultationSections).values(
    sections.map((section, index) => ({
      ...section,
      documentVersionId: versionId,
      body: `The proposals on ${section.heading.toLowerCase()}.`,
      position: index + 1,
    })),
  );
  const questions: QuestionFacts[] = (options.questions ?? defaultQuestions).map(
    (question, index) => ({ id: uuidv7(), number: index + 1, ...question }),
  );
  await db
    .insert(consultationQuestions)
    .values(questions.map((question) => ({ ...question, consultationId: id })));
  return { id, slug, bodyId: body.id, questions, sections };
}
