CREATE TABLE "consultation_analysis_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"figures" jsonb NOT NULL,
	"produced_by_person_id" uuid,
	"produced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_codings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"pass" text NOT NULL,
	"theme_ids" jsonb NOT NULL,
	"quote" text,
	"coded_by_person_id" uuid NOT NULL,
	"coded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_codings_pass_known" CHECK ("consultation_codings"."pass" in ('first', 'second'))
);
--> statement-breakpoint
CREATE TABLE "consultation_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"response_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_document_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"sector" text,
	"venue" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"attendance" integer,
	"notes" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_events_attendance_not_negative" CHECK ("consultation_events"."attendance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consultation_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"format" text NOT NULL,
	"response_count" integer NOT NULL,
	"imported_by_person_id" uuid,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_imports_format_known" CHECK ("consultation_imports"."format" in ('csv', 'xlsx'))
);
--> statement-breakpoint
CREATE TABLE "consultation_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"kind" text NOT NULL,
	"options" jsonb NOT NULL,
	"section_id" uuid,
	CONSTRAINT "consultation_questions_kind_known" CHECK ("consultation_questions"."kind" in ('single-choice', 'multiple-choice', 'scale', 'free-text'))
);
--> statement-breakpoint
CREATE TABLE "consultation_response_counts" (
	"consultation_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"respondent_category" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "consultation_response_counts_consultation_id_channel_respondent_category_pk" PRIMARY KEY("consultation_id","channel","respondent_category"),
	CONSTRAINT "consultation_response_counts_channel_known" CHECK ("consultation_response_counts"."channel" in ('online', 'event', 'import'))
);
--> statement-breakpoint
CREATE TABLE "consultation_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "consultation_responses_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"consultation_id" uuid NOT NULL,
	"respondent_category" text NOT NULL,
	"organisation_name" text,
	"publish_consent" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"event_id" uuid,
	"state" text NOT NULL,
	"answers" jsonb NOT NULL,
	"normalised_text_hash" text,
	"duplicate_of_response_id" uuid,
	"duplicate_confirmed_at" timestamp with time zone,
	"resume_token_hash" text,
	"import_id" uuid,
	"import_line" integer,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_responses_category_known" CHECK ("consultation_responses"."respondent_category" in ('public', 'nhs-staff', 'clinician', 'organisation')),
	CONSTRAINT "consultation_responses_channel_known" CHECK ("consultation_responses"."channel" in ('online', 'event', 'import')),
	CONSTRAINT "consultation_responses_state_known" CHECK ("consultation_responses"."state" in ('draft', 'submitted', 'held')),
	CONSTRAINT "consultation_responses_organisation_named" CHECK ("consultation_responses"."respondent_category" <> 'organisation' or "consultation_responses"."organisation_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "consultation_sections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_version_id" uuid NOT NULL,
	"number" text NOT NULL,
	"heading" text NOT NULL,
	"body" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_suggestions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"confidence_per_mille" integer NOT NULL,
	"because" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"decided_by_person_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_suggestions_outcome_known" CHECK ("consultation_suggestions"."outcome" in ('pending', 'accepted', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "consultation_tallies" (
	"consultation_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"respondent_category" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "consultation_tallies_question_id_kind_key_respondent_category_pk" PRIMARY KEY("question_id","kind","key","respondent_category"),
	CONSTRAINT "consultation_tallies_kind_known" CHECK ("consultation_tallies"."kind" in ('choice', 'theme', 'answered'))
);
--> statement-breakpoint
CREATE TABLE "consultation_theme_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"theme_id" uuid NOT NULL,
	"we_heard" text NOT NULL,
	"we_did" text NOT NULL,
	"recorded_by_person_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_themes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"question_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"description" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"short_period_reason" text,
	"formative_statement" text,
	"reasons_statement" text,
	"stage" text NOT NULL,
	"scrutiny_recorded_at" timestamp with time zone,
	"scrutiny_by_person_id" uuid,
	"scrutiny_note" text,
	"approval_proposal_id" uuid,
	"decision_proposal_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultations_stage_known" CHECK ("consultations"."stage" in ('preparing', 'approval-put', 'approved', 'decision-put', 'decided')),
	CONSTRAINT "consultations_closes_after_opening" CHECK ("consultations"."opens_at" is null or "consultations"."closes_at" is null or "consultations"."closes_at" > "consultations"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "tender_award_questions" DROP CONSTRAINT "tender_award_questions_outcome_known";--> statement-breakpoint
ALTER TABLE "consultation_analysis_reports" ADD CONSTRAINT "consultation_analysis_reports_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_analysis_reports" ADD CONSTRAINT "consultation_analysis_reports_produced_by_person_id_people_id_fk" FOREIGN KEY ("produced_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_codings" ADD CONSTRAINT "consultation_codings_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_codings" ADD CONSTRAINT "consultation_codings_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_codings" ADD CONSTRAINT "consultation_codings_coded_by_person_id_people_id_fk" FOREIGN KEY ("coded_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_section_id_consultation_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."consultation_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_document_versions" ADD CONSTRAINT "consultation_document_versions_document_id_consultation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."consultation_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_documents" ADD CONSTRAINT "consultation_documents_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_events" ADD CONSTRAINT "consultation_events_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_imports" ADD CONSTRAINT "consultation_imports_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_imports" ADD CONSTRAINT "consultation_imports_imported_by_person_id_people_id_fk" FOREIGN KEY ("imported_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questions" ADD CONSTRAINT "consultation_questions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questions" ADD CONSTRAINT "consultation_questions_section_id_consultation_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."consultation_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_counts" ADD CONSTRAINT "consultation_response_counts_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_event_id_consultation_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."consultation_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_sections" ADD CONSTRAINT "consultation_sections_document_version_id_consultation_document_versions_id_fk" FOREIGN KEY ("document_version_id") REFERENCES "public"."consultation_document_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_suggestions" ADD CONSTRAINT "consultation_suggestions_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_suggestions" ADD CONSTRAINT "consultation_suggestions_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_suggestions" ADD CONSTRAINT "consultation_suggestions_theme_id_consultation_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."consultation_themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_suggestions" ADD CONSTRAINT "consultation_suggestions_decided_by_person_id_people_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_tallies" ADD CONSTRAINT "consultation_tallies_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_tallies" ADD CONSTRAINT "consultation_tallies_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_theme_responses" ADD CONSTRAINT "consultation_theme_responses_theme_id_consultation_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."consultation_themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_theme_responses" ADD CONSTRAINT "consultation_theme_responses_recorded_by_person_id_people_id_fk" FOREIGN KEY ("recorded_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_scrutiny_by_person_id_people_id_fk" FOREIGN KEY ("scrutiny_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_approval_proposal_id_proposals_id_fk" FOREIGN KEY ("approval_proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_decision_proposal_id_proposals_id_fk" FOREIGN KEY ("decision_proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_analysis_reports_unique" ON "consultation_analysis_reports" USING btree ("consultation_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_codings_unique" ON "consultation_codings" USING btree ("response_id","question_id","pass");--> statement-breakpoint
CREATE INDEX "consultation_codings_question_idx" ON "consultation_codings" USING btree ("question_id","pass");--> statement-breakpoint
CREATE INDEX "consultation_comments_response_idx" ON "consultation_comments" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "consultation_comments_section_idx" ON "consultation_comments" USING btree ("section_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_document_versions_unique" ON "consultation_document_versions" USING btree ("document_id","version");--> statement-breakpoint
CREATE INDEX "consultation_documents_consultation_idx" ON "consultation_documents" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_events_consultation_idx" ON "consultation_events" USING btree ("consultation_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_imports_file_unique" ON "consultation_imports" USING btree ("consultation_id","file_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_questions_number_unique" ON "consultation_questions" USING btree ("consultation_id","number");--> statement-breakpoint
CREATE INDEX "consultation_responses_consultation_idx" ON "consultation_responses" USING btree ("consultation_id","number");--> statement-breakpoint
CREATE INDEX "consultation_responses_text_hash_idx" ON "consultation_responses" USING btree ("consultation_id","normalised_text_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_resume_unique" ON "consultation_responses" USING btree ("resume_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_sections_number_unique" ON "consultation_sections" USING btree ("document_version_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_suggestions_unique" ON "consultation_suggestions" USING btree ("response_id","question_id","theme_id");--> statement-breakpoint
CREATE INDEX "consultation_suggestions_question_idx" ON "consultation_suggestions" USING btree ("question_id","outcome");--> statement-breakpoint
CREATE INDEX "consultation_tallies_consultation_idx" ON "consultation_tallies" USING btree ("consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_theme_responses_theme_unique" ON "consultation_theme_responses" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_themes_code_unique" ON "consultation_themes" USING btree ("question_id",lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_slug_unique" ON "consultations" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "consultations_body_idx" ON "consultations" USING btree ("body_id");--> statement-breakpoint
ALTER TABLE "tender_award_questions" ADD CONSTRAINT "tender_award_questions_outcome_known" CHECK ("tender_award_questions"."outcome" is null or "tender_award_questions"."outcome" in ('carried', 'not-carried', 'withdrawn'));