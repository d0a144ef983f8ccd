CREATE TABLE "commissioning_intentions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"service_area" text NOT NULL,
	"description" text NOT NULL,
	"specification_version_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commissioning_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"submissions_open_on" date NOT NULL,
	"submissions_due_on" date NOT NULL,
	"consolidation_by" date NOT NULL,
	"agreement_by" date NOT NULL,
	"publication_by" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"agreement_proposal_id" uuid,
	"agreed_on" date,
	"prospectus" jsonb,
	"published_at" timestamp with time zone,
	"published_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commissioning_rounds_status_known" CHECK ("commissioning_rounds"."status" in ('open', 'consolidating', 'put-to-group', 'agreed', 'published')),
	CONSTRAINT "commissioning_rounds_timetable_in_order" CHECK ("commissioning_rounds"."submissions_open_on" <= "commissioning_rounds"."submissions_due_on" and "commissioning_rounds"."submissions_due_on" <= "commissioning_rounds"."consolidation_by" and "commissioning_rounds"."consolidation_by" <= "commissioning_rounds"."agreement_by" and "commissioning_rounds"."agreement_by" <= "commissioning_rounds"."publication_by"),
	CONSTRAINT "commissioning_rounds_published_after_agreement" CHECK ("commissioning_rounds"."published_at" is null or "commissioning_rounds"."agreed_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "intention_sources" (
	"intention_id" uuid NOT NULL,
	"priority_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "local_plan_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"intention_id" uuid,
	"title" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "local_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"recorded_on" date NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_priorities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"service_area" text NOT NULL,
	"rationale" text NOT NULL,
	"expected_effect" text NOT NULL,
	"population" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"organisation_id" uuid,
	"body_id" uuid,
	"is_nil_return" boolean DEFAULT false NOT NULL,
	"is_late" boolean DEFAULT false NOT NULL,
	"late_reason" text,
	"submitted_on" date NOT NULL,
	"submitted_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "round_submissions_one_submitter" CHECK (("round_submissions"."organisation_id" is null) <> ("round_submissions"."body_id" is null)),
	CONSTRAINT "round_submissions_late_needs_reason" CHECK (not "round_submissions"."is_late" or "round_submissions"."late_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "arrangement_associates" (
	"arrangement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"share_basis_points" integer NOT NULL,
	CONSTRAINT "arrangement_associates_share_in_range" CHECK ("arrangement_associates"."share_basis_points" > 0 and "arrangement_associates"."share_basis_points" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "collaborative_forums" (
	"id" uuid PRIMARY KEY NOT NULL,
	"proposed_action_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"meeting_id" uuid,
	"agenda_item_id" uuid,
	"called_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_arrangements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"service" text NOT NULL,
	"specification_version_id" uuid,
	"lead_organisation_id" uuid NOT NULL,
	"lead_share_basis_points" integer NOT NULL,
	"stage" text DEFAULT 'preparation' NOT NULL,
	"stage_changed_on" date NOT NULL,
	"target_sign_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lead_arrangements_stage_known" CHECK ("lead_arrangements"."stage" in ('preparation', 'offer', 'counter-offer', 'agreed', 'in-dispute', 'signed')),
	CONSTRAINT "lead_arrangements_share_in_range" CHECK ("lead_arrangements"."lead_share_basis_points" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "negotiation_issues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"text" text NOT NULL,
	"raised_on" date NOT NULL,
	"resolved_on" date,
	"resolution" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"happened_on" date NOT NULL,
	"note" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposed_action_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"proposed_action_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"response" text NOT NULL,
	"reason" text,
	"responded_by" text NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposed_action_responses_known" CHECK ("proposed_action_responses"."response" in ('approve', 'reject')),
	CONSTRAINT "proposed_action_responses_rejection_has_reason" CHECK ("proposed_action_responses"."response" <> 'reject' or "proposed_action_responses"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "proposed_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"text" text NOT NULL,
	"proposed_on" date NOT NULL,
	"respond_by" date NOT NULL,
	"status" text DEFAULT 'circulated' NOT NULL,
	"proposed_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposed_actions_status_known" CHECK ("proposed_actions"."status" in ('circulated', 'approved', 'blocked'))
);
--> statement-breakpoint
CREATE TABLE "good_practice_examples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"specification_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"organisation_id" uuid,
	"link" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "specification_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"reviewer_person_id" uuid,
	"reviewer_name" text NOT NULL,
	"reviewed_on" date NOT NULL,
	"outcome" text NOT NULL,
	"comments" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "specification_reviews_outcome_known" CHECK ("specification_reviews"."outcome" in ('signed-off', 'changes-needed'))
);
--> statement-breakpoint
CREATE TABLE "specification_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"specification_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"scope" text NOT NULL,
	"outcomes" text NOT NULL,
	"standards" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_person_id" uuid,
	"author_name" text NOT NULL,
	"written_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_on" date,
	"approved_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce(scope, '') || ' ' || coalesce(outcomes, '') || ' ' || coalesce(author_name, '') || ' ' || coalesce(standards::text, ''))) STORED,
	CONSTRAINT "specification_versions_status_known" CHECK ("specification_versions"."status" in ('draft', 'in-review', 'approved', 'superseded')),
	CONSTRAINT "specification_versions_approval_recorded" CHECK ("specification_versions"."status" not in ('approved', 'superseded') or "specification_versions"."approved_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "specifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"service_area" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commissioning_intentions" ADD CONSTRAINT "commissioning_intentions_round_id_commissioning_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."commissioning_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioning_intentions" ADD CONSTRAINT "commissioning_intentions_specification_version_id_specification_versions_id_fk" FOREIGN KEY ("specification_version_id") REFERENCES "public"."specification_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioning_rounds" ADD CONSTRAINT "commissioning_rounds_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioning_rounds" ADD CONSTRAINT "commissioning_rounds_agreement_proposal_id_proposals_id_fk" FOREIGN KEY ("agreement_proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intention_sources" ADD CONSTRAINT "intention_sources_intention_id_commissioning_intentions_id_fk" FOREIGN KEY ("intention_id") REFERENCES "public"."commissioning_intentions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intention_sources" ADD CONSTRAINT "intention_sources_priority_id_round_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."round_priorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_plan_entries" ADD CONSTRAINT "local_plan_entries_plan_id_local_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."local_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_plan_entries" ADD CONSTRAINT "local_plan_entries_intention_id_commissioning_intentions_id_fk" FOREIGN KEY ("intention_id") REFERENCES "public"."commissioning_intentions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_plans" ADD CONSTRAINT "local_plans_round_id_commissioning_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."commissioning_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_plans" ADD CONSTRAINT "local_plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_priorities" ADD CONSTRAINT "round_priorities_submission_id_round_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."round_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_round_id_commissioning_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."commissioning_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangement_associates" ADD CONSTRAINT "arrangement_associates_arrangement_id_lead_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."lead_arrangements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangement_associates" ADD CONSTRAINT "arrangement_associates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborative_forums" ADD CONSTRAINT "collaborative_forums_proposed_action_id_proposed_actions_id_fk" FOREIGN KEY ("proposed_action_id") REFERENCES "public"."proposed_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborative_forums" ADD CONSTRAINT "collaborative_forums_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborative_forums" ADD CONSTRAINT "collaborative_forums_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborative_forums" ADD CONSTRAINT "collaborative_forums_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_arrangements" ADD CONSTRAINT "lead_arrangements_round_id_commissioning_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."commissioning_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_arrangements" ADD CONSTRAINT "lead_arrangements_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_arrangements" ADD CONSTRAINT "lead_arrangements_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_arrangements" ADD CONSTRAINT "lead_arrangements_specification_version_id_specification_versions_id_fk" FOREIGN KEY ("specification_version_id") REFERENCES "public"."specification_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_arrangements" ADD CONSTRAINT "lead_arrangements_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_issues" ADD CONSTRAINT "negotiation_issues_arrangement_id_lead_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."lead_arrangements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_steps" ADD CONSTRAINT "negotiation_steps_arrangement_id_lead_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."lead_arrangements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposed_action_responses" ADD CONSTRAINT "proposed_action_responses_proposed_action_id_proposed_actions_id_fk" FOREIGN KEY ("proposed_action_id") REFERENCES "public"."proposed_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposed_action_responses" ADD CONSTRAINT "proposed_action_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposed_actions" ADD CONSTRAINT "proposed_actions_arrangement_id_lead_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."lead_arrangements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_practice_examples" ADD CONSTRAINT "good_practice_examples_specification_id_specifications_id_fk" FOREIGN KEY ("specification_id") REFERENCES "public"."specifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_practice_examples" ADD CONSTRAINT "good_practice_examples_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specification_reviews" ADD CONSTRAINT "specification_reviews_version_id_specification_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."specification_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specification_reviews" ADD CONSTRAINT "specification_reviews_reviewer_person_id_people_id_fk" FOREIGN KEY ("reviewer_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specification_versions" ADD CONSTRAINT "specification_versions_specification_id_specifications_id_fk" FOREIGN KEY ("specification_id") REFERENCES "public"."specifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specification_versions" ADD CONSTRAINT "specification_versions_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specifications" ADD CONSTRAINT "specifications_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commissioning_intentions_position_unique" ON "commissioning_intentions" USING btree ("round_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "commissioning_rounds_body_year_unique" ON "commissioning_rounds" USING btree ("body_id","start_year");--> statement-breakpoint
CREATE UNIQUE INDEX "intention_sources_unique" ON "intention_sources" USING btree ("intention_id","priority_id");--> statement-breakpoint
CREATE INDEX "intention_sources_priority_idx" ON "intention_sources" USING btree ("priority_id");--> statement-breakpoint
CREATE INDEX "local_plan_entries_plan_idx" ON "local_plan_entries" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "local_plans_pct_unique" ON "local_plans" USING btree ("round_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_priorities_position_unique" ON "round_priorities" USING btree ("submission_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "round_submissions_pct_unique" ON "round_submissions" USING btree ("round_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_submissions_group_unique" ON "round_submissions" USING btree ("round_id","body_id");--> statement-breakpoint
CREATE UNIQUE INDEX "arrangement_associates_unique" ON "arrangement_associates" USING btree ("arrangement_id","organisation_id");--> statement-breakpoint
CREATE INDEX "arrangement_associates_organisation_idx" ON "arrangement_associates" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collaborative_forums_one_per_action" ON "collaborative_forums" USING btree ("proposed_action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_arrangements_round_provider_service_unique" ON "lead_arrangements" USING btree ("round_id","provider_organisation_id",lower("service"));--> statement-breakpoint
CREATE INDEX "lead_arrangements_body_idx" ON "lead_arrangements" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "negotiation_issues_arrangement_idx" ON "negotiation_issues" USING btree ("arrangement_id");--> statement-breakpoint
CREATE INDEX "negotiation_steps_arrangement_idx" ON "negotiation_steps" USING btree ("arrangement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposed_action_responses_one_each" ON "proposed_action_responses" USING btree ("proposed_action_id","organisation_id");--> statement-breakpoint
CREATE INDEX "proposed_actions_arrangement_idx" ON "proposed_actions" USING btree ("arrangement_id");--> statement-breakpoint
CREATE INDEX "good_practice_examples_specification_idx" ON "good_practice_examples" USING btree ("specification_id");--> statement-breakpoint
CREATE INDEX "specification_reviews_version_idx" ON "specification_reviews" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "specification_versions_number_unique" ON "specification_versions" USING btree ("specification_id","version");--> statement-breakpoint
CREATE INDEX "specification_versions_search_idx" ON "specification_versions" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "specifications_title_unique" ON "specifications" USING btree (lower("title"));