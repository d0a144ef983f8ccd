/**
 * Tables owned by consultations: Healthcare for London's public consultation from preparation to
 * the Joint Committee's decision after it (2008 "Healthcare for London" bullet 1 "manage the
 * consultation process"; "Accountabilities": NHS London scrutinises consultation documents, the
 * Joint Committee of PCTs approves consultation and decides after it). Built to hold a national
 * consultation's million responses: a response's answers are one jsonb row (one COPY line), and
 * the counts the analysis page shows are kept in `consultation_tallies` as responses arrive and are
 * coded, never counted at request time.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';
import { proposals } from './decisions.ts';
import { people } from './registry.ts';

// ── Preparing ────────────────────────────────────────────────────────────────────────────────

// One consultation, run for a body (the Joint Committee of PCTs). Its stage moves forward only:
// preparing → approval-put → approved → decision-put → decided; open and closed are read from the
// dates once approved. The Gunning principles are recorded as statements the rules check
// (src/consultations/consultation-rules.ts): formative stage, reasons, adequate time (a period under
// 12 weeks carries its reason), and conscientious consideration (the analysis before the decision).
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey(),
    // The address of its public pages ("healthcare-for-london"); never shown as text.
    slug: text('slug').notNull(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    // Gunning 3: a period shorter than 12 weeks is allowed only with its reason recorded.
    shortPeriodReason: text('short_period_reason'),
    // Gunning 1: why the proposals are still at a formative stage.
    formativeStatement: text('formative_statement'),
    // Gunning 2: the reasons given so that people can respond intelligently.
    reasonsStatement: text('reasons_statement'),
    stage: text('stage').notNull(),
    // NHS London's scrutiny of the documents, recorded before the Joint Committee's approval.
    scrutinyRecordedAt: timestamp('scrutiny_recorded_at', { withTimezone: true }),
    scrutinyByPersonId: uuid('scrutiny_by_person_id').references(() => people.id),
    scrutinyNote: text('scrutiny_note'),
    // The Joint Committee's question approving the consultation (kind approve-consultation).
    approvalProposalId: uuid('approval_proposal_id').references(() => proposals.id),
    // The Joint Committee's question deciding after it (kind decide-following-consultation).
    decisionProposalId: uuid('decision_proposal_id').references(() => proposals.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('consultations_slug_unique').on(table.slug),
    index('consultations_body_idx').on(table.bodyId),
    check(
      'consultations_stage_known',
      sql`${table.stage} in ('preparing', 'approval-put', 'approved', 'decision-put', 'decided')`,
    ),
    check(
      'consultations_closes_after_opening',
      sql`${table.opensAt} is null or ${table.closesAt} is null or ${table.closesAt} > ${table.opensAt}`,
    ),
  ],
);

// A paper of the consultation ("Consulting the capital"); its text is in versions.
export const consultationDocuments = pgTable(
  'consultation_documents',
  {
    id: uuid('id').primaryKey(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('consultation_documents_consultation_idx').on(table.consultationId)],
);

// One version of a paper. Versions are never changed once a response has commented on them.
export const consultationDocumentVersions = pgTable(
  'consultation_document_versions',
  {
    id: uuid('id').primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => consultationDocuments.id),
    version: integer('version').notNull(),
    // What changed from the version before (e.g. "after NHS London's scrutiny").
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('consultation_document_versions_unique').on(table.documentId, table.version),
  ],
);

// A section of a version, addressable so a comment can target it ("4.2 Polyclinics").
export const consultationSections = pgTable(
  'consultation_sections',
  {
    id: uuid('id').primaryKey(),
    documentVersionId: uuid('document_version_id')
      .notNull()
      .references(() => consultationDocumentVersions.id),
    number: text('number').notNull(),
    heading: text('heading').notNull(),
    body: text('body').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [
    uniqueIndex('consultation_sections_number_unique').on(table.documentVersionId, table.number),
  ],
);

// A question. Closed: single choice, multiple choice, scale (its labels in order); open: free text.
export const consultationQuestions = pgTable(
  'consultation_questions',
  {
    id: uuid('id').primaryKey(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    kind: text('kind').notNull(),
    // The choices of a closed question, or a scale's labels from lowest to highest.
    options: jsonb('options').$type<string[]>().notNull(),
    // The section of the document the question is about, where it is about one.
    sectionId: uuid('section_id').references(() => consultationSections.id),
  },
  (table) => [
    uniqueIndex('consultation_questions_number_unique').on(table.consultationId, table.number),
    check(
      'consultation_questions_kind_known',
      sql`${table.kind} in ('single-choice', 'multiple-choice', 'scale', 'free-text')`,
    ),
  ],
);

// A public event of the plan (the 2007–08 roadshows): planned, then its attendance and notes.
export const consultationEvents = pgTable(
  'consultation_events',
  {
    id: uuid('id').primaryKey(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    title: text('title').notNull(),
    // The sector the event serves (north-central …), or none for a London-wide event.
    sector: text('sector'),
    venue: text('venue').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    attendance: integer('attendance'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('consultation_events_consultation_idx').on(table.consultationId, table.startsAt),
    check('consultation_events_attendance_not_negative', sql`${table.attendance} >= 0`),
  ],
);

// ── Responding ───────────────────────────────────────────────────────────────────────────────

// One response: through the public form (no account), at an event (entered by staff) or imported.
// `answers` maps a question's id to its answer (a choice, the choices, a scale label, or text).
// Nothing a person sent is dropped: a response that looks automated (the honeypot filled) is
// "held" until a person releases it; a suspected duplicate (same normalised text) names the first
// and still counts until a person confirms it is one.
export const consultationResponses = pgTable(
  'consultation_responses',
  {
    id: uuid('id').primaryKey(),
    // The number people use ("response 4,211"): per table, in order of arrival.
    number: bigint('number', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    respondentCategory: text('respondent_category').notNull(),
    // For a response on behalf of an organisation: its name, and whether it may be published.
    organisationName: text('organisation_name'),
    publishConsent: boolean('publish_consent').notNull().default(false),
    channel: text('channel').notNull(),
    eventId: uuid('event_id').references(() => consultationEvents.id),
    state: text('state').notNull(),
    answers: jsonb('answers').$type<Record<string, string | string[]>>().notNull(),
    // sha-256 of the response's free text, normalised (case, spacing, punctuation), for duplicates.
    normalisedTextHash: text('normalised_text_hash'),
    duplicateOfResponseId: uuid('duplicate_of_response_id'),
    // Set when a person confirms a suspected duplicate; a confirmed duplicate is not counted.
    duplicateConfirmedAt: timestamp('duplicate_confirmed_at', { withTimezone: true }),
    // sha-256 of the secret in a draft's resume link; the secret itself is never stored.
    resumeTokenHash: text('resume_token_hash'),
    // sha-256 of the one-time token the form carried when it was sent: a second post of the same
    // form (a double click, a retry after a lost answer) finds this response, never makes another.
    submissionTokenHash: text('submission_token_hash'),
    // An organisation's response it consented to publish is published only once the consultation
    // team has read it for what must not be (personal details, defamation): 'publish' or
    // 'withhold' with the reason, by whom and when (review M8).
    publicationDecision: text('publication_decision'),
    publicationReason: text('publication_reason'),
    publicationDecidedAt: timestamp('publication_decided_at', { withTimezone: true }),
    publicationDecidedBy: text('publication_decided_by'),
    importId: uuid('import_id'),
    importLine: integer('import_line'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('consultation_responses_consultation_idx').on(table.consultationId, table.number),
    index('consultation_responses_text_hash_idx').on(
      table.consultationId,
      table.normalisedTextHash,
    ),
    uniqueIndex('consultation_responses_resume_unique').on(table.resumeTokenHash),
    uniqueIndex('consultation_responses_submission_unique').on(
      table.consultationId,
      table.submissionTokenHash,
    ),
    check(
      'consultation_responses_category_known',
      sql`${table.respondentCategory} in ('public', 'nhs-staff', 'clinician', 'organisation')`,
    ),
    check(
      'consultation_responses_channel_known',
      sql`${table.channel} in ('online', 'event', 'import')`,
    ),
    check(
      'consultation_responses_state_known',
      sql`${table.state} in ('draft', 'submitted', 'held')`,
    ),
    check(
      'consultation_responses_publication_known',
      sql`${table.publicationDecision} is null or ${table.publicationDecision} in ('publish', 'withhold')`,
    ),
    check(
      'consultation_responses_withheld_with_reason',
      sql`${table.publicationDecision} is distinct from 'withhold' or length(btrim(${table.publicationReason})) > 0`,
    ),
    check(
      'consultation_responses_organisation_named',
      sql`${table.respondentCategory} <> 'organisation' or ${table.organisationName} is not null`,
    ),
  ],
);

// A comment against one section of a document (as NICE collects comments on a guideline).
export const consultationComments = pgTable(
  'consultation_comments',
  {
    id: uuid('id').primaryKey(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => consultationResponses.id),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => consultationSections.id),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('consultation_comments_response_idx').on(table.responseId),
    index('consultation_comments_section_idx').on(table.sectionId),
  ],
);

// A file of responses imported (paper forms, other channels). Re-running the same file (same
// sha-256) for the same consultation writes nothing: the import is named instead.
export const consultationImports = pgTable(
  'consultation_imports',
  {
    id: uuid('id').primaryKey(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    format: text('format').notNull(),
    responseCount: integer('response_count').notNull(),
    importedByPersonId: uuid('imported_by_person_id').references(() => people.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('consultation_imports_file_unique').on(table.consultationId, table.fileSha256),
    check('consultation_imports_format_known', sql`${table.format} in ('csv', 'xlsx')`),
  ],
);

// ── Analysing and deciding ───────────────────────────────────────────────────────────────────

// The codebook: the themes of one open question.
export const consultationThemes = pgTable(
  'consultation_themes',
  {
    id: uuid('id').primaryKey(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => consultationQuestions.id),
    code: text('code').notNull(),
    label: text('label').notNull(),
    description: text('description'),
    position: integer('position').notNull(),
  },
  (table) => [
    uniqueIndex('consultation_themes_code_unique').on(table.questionId, sql`lower(${table.code})`),
  ],
);

// An analyst's coding of one answer: the themes it raises, and the quote that shows it. The
// first pass is the coding that counts; a second pass by another analyst on a sample gives the
// agreement figure (Cohen's kappa).
export const consultationCodings = pgTable(
  'consultation_codings',
  {
    id: uuid('id').primaryKey(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => consultationResponses.id),
    questionId: uuid('question_id')
      .notNull()
      .references(() => consultationQuestions.id),
    pass: text('pass').notNull(),
    themeIds: jsonb('theme_ids').$type<string[]>().notNull(),
    quote: text('quote'),
    codedByPersonId: uuid('coded_by_person_id')
      .notNull()
      .references(() => people.id),
    codedAt: timestamp('coded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('consultation_codings_unique').on(table.responseId, table.questionId, table.pass),
    index('consultation_codings_question_idx').on(table.questionId, table.pass),
    check('consultation_codings_pass_known', sql`${table.pass} in ('first', 'second')`),
  ],
);

// A theme suggested for an uncoded answer, computed locally from the codes people have given,
// with the features that made it ("because": the words and phrases and their weights), and what
// the person did with it — agreement between suggestions and people is reported from these rows.
export const consultationSuggestions = pgTable(
  'consultation_suggestions',
  {
    id: uuid('id').primaryKey(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => consultationResponses.id),
    questionId: uuid('question_id')
      .notNull()
      .references(() => consultationQuestions.id),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => consultationThemes.id),
    // Confidence in thousandths (0–1000), never a float in the record.
    confidencePerMille: integer('confidence_per_mille').notNull(),
    because: jsonb('because').$type<{ feature: string; weight: number }[]>().notNull(),
    outcome: text('outcome').notNull(),
    decidedByPersonId: uuid('decided_by_person_id').references(() => people.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('consultation_suggestions_unique').on(
      table.responseId,
      table.questionId,
      table.themeId,
    ),
    index('consultation_suggestions_question_idx').on(table.questionId, table.outcome),
    check(
      'consultation_suggestions_outcome_known',
      sql`${table.outcome} in ('pending', 'accepted', 'rejected')`,
    ),
  ],
);

// The counts the analysis shows, kept up to date in the transaction that changes them (a response
// submitted, imported, released or confirmed a duplicate; an answer coded): per question, per
// answer (a choice or scale label: kind "choice", the option's text as key; a theme: kind "theme",
// the theme's id as key; answered at all: kind "answered", key ''), per respondent category.
// No check that a count is not negative: PostgreSQL checks the row an upsert proposes (a -1)
// before it finds the row the -1 is added to.
export const consultationTallies = pgTable(
  'consultation_tallies',
  {
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    questionId: uuid('question_id')
      .notNull()
      .references(() => consultationQuestions.id),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    respondentCategory: text('respondent_category').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.questionId, table.kind, table.key, table.respondentCategory],
    }),
    index('consultation_tallies_consultation_idx').on(table.consultationId),
    check('consultation_tallies_kind_known', sql`${table.kind} in ('choice', 'theme', 'answered')`),
  ],
);

// How many responses count, by how they came (online, at an event, imported) and by who responded:
// the first figure every reader of the analysis asks for, kept like the tallies above by the
// transaction that makes a response count or not (submitted, imported, released from held,
// confirmed a duplicate), never counted over a million rows when a page is asked for.
export const consultationResponseCounts = pgTable(
  'consultation_response_counts',
  {
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    channel: text('channel').notNull(),
    respondentCategory: text('respondent_category').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.consultationId, table.channel, table.respondentCategory] }),
    check(
      'consultation_response_counts_channel_known',
      sql`${table.channel} in ('online', 'event', 'import')`,
    ),
  ],
);

// The analysis report as produced at a moment: its figures frozen, so the decision it is attached
// to shows what the committee read, however the coding goes on afterwards.
export const consultationAnalysisReports = pgTable(
  'consultation_analysis_reports',
  {
    id: uuid('id').primaryKey(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    version: integer('version').notNull(),
    figures: jsonb('figures').notNull(),
    producedByPersonId: uuid('produced_by_person_id').references(() => people.id),
    producedAt: timestamp('produced_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('consultation_analysis_reports_unique').on(table.consultationId, table.version),
  ],
);

// "We heard / we did": the committee's response to each theme, recorded before its decision.
export const consultationThemeResponses = pgTable(
  'consultation_theme_responses',
  {
    id: uuid('id').primaryKey(),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => consultationThemes.id),
    weHeard: text('we_heard').notNull(),
    weDid: text('we_did').notNull(),
    recordedByPersonId: uuid('recorded_by_person_id').references(() => people.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('consultation_theme_responses_theme_unique').on(table.themeId)],
);
