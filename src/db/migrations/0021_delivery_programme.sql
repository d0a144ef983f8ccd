CREATE TABLE "briefing_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"briefing_id" uuid NOT NULL,
	"proposal_id" uuid,
	"paper_id" uuid,
	CONSTRAINT "briefing_links_one_target" CHECK (num_nonnulls("briefing_links"."proposal_id", "briefing_links"."paper_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "briefings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"duty_id" text NOT NULL,
	"briefed_on" date NOT NULL,
	"audience" text NOT NULL,
	"reported" text NOT NULL,
	"by_person_id" uuid NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "briefings_reported_present" CHECK (btrim("briefings"."reported") <> '')
);
--> statement-breakpoint
CREATE TABLE "review_commission_due_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commission_id" uuid NOT NULL,
	"previous_due_on" date NOT NULL,
	"due_on" date NOT NULL,
	"reason" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_commission_due_changes_reasoned" CHECK (btrim("review_commission_due_changes"."reason") <> ''),
	CONSTRAINT "review_commission_due_changes_changed" CHECK ("review_commission_due_changes"."due_on" <> "review_commission_due_changes"."previous_due_on")
);
--> statement-breakpoint
CREATE TABLE "review_commissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commissioning_body_id" uuid NOT NULL,
	"sector_body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"terms" text NOT NULL,
	"commissioned_on" date NOT NULL,
	"minute_reference" text,
	"due_on" date NOT NULL,
	"withdrawn_on" date,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_commissions_not_itself" CHECK ("review_commissions"."commissioning_body_id" <> "review_commissions"."sector_body_id"),
	CONSTRAINT "review_commissions_title_present" CHECK (btrim("review_commissions"."title") <> ''),
	CONSTRAINT "review_commissions_terms_present" CHECK (btrim("review_commissions"."terms") <> ''),
	CONSTRAINT "review_commissions_due_after_commission" CHECK ("review_commissions"."due_on" >= "review_commissions"."commissioned_on"),
	CONSTRAINT "review_commissions_withdrawal_reasoned" CHECK (("review_commissions"."withdrawn_on" is null) = ("review_commissions"."withdrawn_reason" is null)
        and ("review_commissions"."withdrawn_reason" is null or btrim("review_commissions"."withdrawn_reason") <> ''))
);
--> statement-breakpoint
CREATE TABLE "review_outcomes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commission_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"summary" text NOT NULL,
	"recommendations" text[] NOT NULL,
	"reported_on" date NOT NULL,
	"correction_reason" text,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"byte_length" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_outcomes_version_positive" CHECK ("review_outcomes"."version" >= 1),
	CONSTRAINT "review_outcomes_summary_present" CHECK (btrim("review_outcomes"."summary") <> ''),
	CONSTRAINT "review_outcomes_correction_reasoned" CHECK (("review_outcomes"."version" = 1) = ("review_outcomes"."correction_reason" is null)
        and ("review_outcomes"."correction_reason" is null or btrim("review_outcomes"."correction_reason") <> '')),
	CONSTRAINT "review_outcomes_report_present" CHECK ("review_outcomes"."byte_length" > 0)
);
--> statement-breakpoint
CREATE TABLE "review_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"constitution_version_id" uuid NOT NULL,
	"called_by" text NOT NULL,
	"called_by_name" text NOT NULL,
	"called_on" date NOT NULL,
	"reason" text NOT NULL,
	"reference" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_calls_reason_not_blank" CHECK (btrim("review_calls"."reason") <> ''),
	CONSTRAINT "review_calls_reference_not_blank" CHECK (btrim("review_calls"."reference") <> '')
);
--> statement-breakpoint
CREATE TABLE "terms_drafting" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"review_call_id" uuid NOT NULL,
	"state" text DEFAULT 'drafting' NOT NULL,
	"ended_on" date,
	"ended_by_version_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "terms_drafting_state_known" CHECK ("terms_drafting"."state" in ('drafting', 'ended')),
	CONSTRAINT "terms_drafting_ended_has_date" CHECK (("terms_drafting"."state" = 'ended') = ("terms_drafting"."ended_on" is not null)),
	CONSTRAINT "terms_drafting_ends_after_start" CHECK ("terms_drafting"."ended_on" is null or "terms_drafting"."ended_on" >= "terms_drafting"."started_on")
);
--> statement-breakpoint
CREATE TABLE "forward_plan_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"expected_month" date NOT NULL,
	"meeting_id" uuid,
	"agenda_item_id" uuid,
	"part_two_expected" boolean DEFAULT false NOT NULL,
	"part_two_reason" text,
	"papers_due_on" date,
	"contact" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "forward_plan_items_title_not_blank" CHECK (btrim("forward_plan_items"."title") <> ''),
	CONSTRAINT "forward_plan_items_contact_not_blank" CHECK (btrim("forward_plan_items"."contact") <> ''),
	CONSTRAINT "forward_plan_items_kind_known" CHECK ("forward_plan_items"."kind" in ('decision', 'recommendation-to-boards', 'consultation-approval', 'commissioning-decision')),
	CONSTRAINT "forward_plan_items_month_first_day" CHECK (extract(day from "forward_plan_items"."expected_month") = 1),
	CONSTRAINT "forward_plan_items_status_known" CHECK ("forward_plan_items"."status" in ('planned', 'on-agenda', 'withdrawn', 'deferred')),
	CONSTRAINT "forward_plan_items_part_two_has_reason" CHECK (not "forward_plan_items"."part_two_expected" or btrim(coalesce("forward_plan_items"."part_two_reason", '')) <> ''),
	CONSTRAINT "forward_plan_items_withdrawn_has_reason" CHECK (("forward_plan_items"."status" = 'withdrawn') = ("forward_plan_items"."withdrawn_reason" is not null)),
	CONSTRAINT "forward_plan_items_on_agenda_has_item" CHECK (("forward_plan_items"."status" = 'on-agenda') = ("forward_plan_items"."agenda_item_id" is not null)),
	CONSTRAINT "forward_plan_items_agenda_item_has_meeting" CHECK ("forward_plan_items"."agenda_item_id" is null or "forward_plan_items"."meeting_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "programme_action_teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"remit" text NOT NULL,
	"lead_person" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_action_teams_name_not_blank" CHECK (btrim("programme_action_teams"."name") <> ''),
	CONSTRAINT "programme_action_teams_remit_not_blank" CHECK (btrim("programme_action_teams"."remit") <> '')
);
--> statement-breakpoint
CREATE TABLE "programme_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_level" text NOT NULL,
	"owner_body_id" uuid,
	"owner_organisation_id" uuid,
	"action_team_id" uuid,
	"sector_id" text,
	"lead_person" text,
	"due_on" date NOT NULL,
	"completed_on" date,
	"rag" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_actions_title_not_blank" CHECK (btrim("programme_actions"."title") <> ''),
	CONSTRAINT "programme_actions_rag" CHECK ("programme_actions"."rag" in ('red', 'amber', 'green')),
	CONSTRAINT "programme_actions_one_owner" CHECK (("programme_actions"."owner_level" = 'london' and (("programme_actions"."owner_body_id" is not null and "programme_actions"."owner_organisation_id" is null) or ("programme_actions"."owner_body_id" is null and "programme_actions"."owner_organisation_id" is not null)) and "programme_actions"."action_team_id" is null and "programme_actions"."sector_id" is null)
        or ("programme_actions"."owner_level" = 'sector' and "programme_actions"."owner_body_id" is not null and "programme_actions"."owner_organisation_id" is null and "programme_actions"."action_team_id" is null and "programme_actions"."sector_id" is not null)
        or ("programme_actions"."owner_level" = 'pct' and "programme_actions"."owner_body_id" is null and "programme_actions"."owner_organisation_id" is not null and "programme_actions"."action_team_id" is null and "programme_actions"."sector_id" is not null)
        or ("programme_actions"."owner_level" = 'action-team' and "programme_actions"."owner_body_id" is null and "programme_actions"."owner_organisation_id" is null and "programme_actions"."action_team_id" is not null and "programme_actions"."sector_id" is null))
);
--> statement-breakpoint
CREATE TABLE "programme_milestones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"achieved_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_milestones_title_not_blank" CHECK (btrim("programme_milestones"."title") <> '')
);
--> statement-breakpoint
CREATE TABLE "programme_project_dependencies" (
	"project_id" uuid NOT NULL,
	"depends_on_project_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_project_dependencies_project_id_depends_on_project_id_pk" PRIMARY KEY("project_id","depends_on_project_id"),
	CONSTRAINT "programme_project_dependencies_not_itself" CHECK ("programme_project_dependencies"."project_id" <> "programme_project_dependencies"."depends_on_project_id")
);
--> statement-breakpoint
CREATE TABLE "programme_projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workstream_id" uuid NOT NULL,
	"title" text NOT NULL,
	"priority" integer NOT NULL,
	"sequence" integer NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"rag" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_projects_title_not_blank" CHECK (btrim("programme_projects"."title") <> ''),
	CONSTRAINT "programme_projects_priority_positive" CHECK ("programme_projects"."priority" >= 1),
	CONSTRAINT "programme_projects_sequence_positive" CHECK ("programme_projects"."sequence" >= 1),
	CONSTRAINT "programme_projects_due_not_before_start" CHECK ("programme_projects"."due_on" >= "programme_projects"."starts_on"),
	CONSTRAINT "programme_projects_rag" CHECK ("programme_projects"."rag" in ('red', 'amber', 'green'))
);
--> statement-breakpoint
CREATE TABLE "programme_rag_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid,
	"action_id" uuid,
	"kind" text NOT NULL,
	"from_rag" text,
	"to_rag" text NOT NULL,
	"reason" text NOT NULL,
	"changed_on" date NOT NULL,
	"changed_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_rag_changes_one_subject" CHECK (("programme_rag_changes"."project_id" is null) <> ("programme_rag_changes"."action_id" is null)),
	CONSTRAINT "programme_rag_changes_kind" CHECK ("programme_rag_changes"."kind" in ('set', 'change', 'completed')),
	CONSTRAINT "programme_rag_changes_to_rag" CHECK ("programme_rag_changes"."to_rag" in ('red', 'amber', 'green')),
	CONSTRAINT "programme_rag_changes_from_rag" CHECK ("programme_rag_changes"."from_rag" is null or "programme_rag_changes"."from_rag" in ('red', 'amber', 'green')),
	CONSTRAINT "programme_rag_changes_reason_not_blank" CHECK (btrim("programme_rag_changes"."reason") <> '')
);
--> statement-breakpoint
CREATE TABLE "programme_workstreams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"priority" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_workstreams_title_not_blank" CHECK (btrim("programme_workstreams"."title") <> ''),
	CONSTRAINT "programme_workstreams_priority_positive" CHECK ("programme_workstreams"."priority" >= 1)
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programmes_title_not_blank" CHECK (btrim("programmes"."title") <> '')
);
--> statement-breakpoint
CREATE TABLE "body_report_distributions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"mail_id" uuid,
	"receipt_token_hash" text NOT NULL,
	"received_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "body_report_distributions_receipt_token_hash_unique" UNIQUE("receipt_token_hash")
);
--> statement-breakpoint
CREATE TABLE "body_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"version" integer NOT NULL,
	"reason" text,
	"figures" jsonb NOT NULL,
	"generated_by_person_id" uuid,
	"generated_by_name" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"distributed_at" timestamp with time zone,
	CONSTRAINT "body_reports_kind_known" CHECK ("body_reports"."kind" in ('progress-update', 'annual-report')),
	CONSTRAINT "body_reports_period_ends_after_start" CHECK ("body_reports"."period_to" >= "body_reports"."period_from"),
	CONSTRAINT "body_reports_new_version_has_reason" CHECK ("body_reports"."version" = 1 or ("body_reports"."reason" is not null and btrim("body_reports"."reason") <> ''))
);
--> statement-breakpoint
ALTER TABLE "briefing_links" ADD CONSTRAINT "briefing_links_briefing_id_briefings_id_fk" FOREIGN KEY ("briefing_id") REFERENCES "public"."briefings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_links" ADD CONSTRAINT "briefing_links_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_links" ADD CONSTRAINT "briefing_links_paper_id_meeting_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."meeting_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_commission_due_changes" ADD CONSTRAINT "review_commission_due_changes_commission_id_review_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."review_commissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_commissions" ADD CONSTRAINT "review_commissions_commissioning_body_id_bodies_id_fk" FOREIGN KEY ("commissioning_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_commissions" ADD CONSTRAINT "review_commissions_sector_body_id_bodies_id_fk" FOREIGN KEY ("sector_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_outcomes" ADD CONSTRAINT "review_outcomes_commission_id_review_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."review_commissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_calls" ADD CONSTRAINT "review_calls_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_calls" ADD CONSTRAINT "review_calls_constitution_version_id_constitution_versions_id_fk" FOREIGN KEY ("constitution_version_id") REFERENCES "public"."constitution_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_drafting" ADD CONSTRAINT "terms_drafting_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_drafting" ADD CONSTRAINT "terms_drafting_review_call_id_review_calls_id_fk" FOREIGN KEY ("review_call_id") REFERENCES "public"."review_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_drafting" ADD CONSTRAINT "terms_drafting_ended_by_version_id_constitution_versions_id_fk" FOREIGN KEY ("ended_by_version_id") REFERENCES "public"."constitution_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_items" ADD CONSTRAINT "forward_plan_items_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_items" ADD CONSTRAINT "forward_plan_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_items" ADD CONSTRAINT "forward_plan_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_action_teams" ADD CONSTRAINT "programme_action_teams_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_actions" ADD CONSTRAINT "programme_actions_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_actions" ADD CONSTRAINT "programme_actions_owner_body_id_bodies_id_fk" FOREIGN KEY ("owner_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_actions" ADD CONSTRAINT "programme_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_actions" ADD CONSTRAINT "programme_actions_action_team_id_programme_action_teams_id_fk" FOREIGN KEY ("action_team_id") REFERENCES "public"."programme_action_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_actions" ADD CONSTRAINT "programme_actions_sector_id_sectors_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_milestones" ADD CONSTRAINT "programme_milestones_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_project_dependencies" ADD CONSTRAINT "programme_project_dependencies_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_project_dependencies" ADD CONSTRAINT "programme_project_dependencies_depends_on_project_id_programme_projects_id_fk" FOREIGN KEY ("depends_on_project_id") REFERENCES "public"."programme_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_projects" ADD CONSTRAINT "programme_projects_workstream_id_programme_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."programme_workstreams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_rag_changes" ADD CONSTRAINT "programme_rag_changes_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_rag_changes" ADD CONSTRAINT "programme_rag_changes_action_id_programme_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."programme_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_workstreams" ADD CONSTRAINT "programme_workstreams_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_report_distributions" ADD CONSTRAINT "body_report_distributions_report_id_body_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."body_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_report_distributions" ADD CONSTRAINT "body_report_distributions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_report_distributions" ADD CONSTRAINT "body_report_distributions_mail_id_mail_outbox_id_fk" FOREIGN KEY ("mail_id") REFERENCES "public"."mail_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_reports" ADD CONSTRAINT "body_reports_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_reports" ADD CONSTRAINT "body_reports_generated_by_person_id_people_id_fk" FOREIGN KEY ("generated_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "briefing_links_briefing_idx" ON "briefing_links" USING btree ("briefing_id");--> statement-breakpoint
CREATE INDEX "briefings_body_duty_idx" ON "briefings" USING btree ("body_id","duty_id","briefed_on");--> statement-breakpoint
CREATE INDEX "review_commission_due_changes_commission_idx" ON "review_commission_due_changes" USING btree ("commission_id");--> statement-breakpoint
CREATE INDEX "review_commissions_sector_idx" ON "review_commissions" USING btree ("sector_body_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_outcomes_commission_version_unique" ON "review_outcomes" USING btree ("commission_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "review_calls_version_unique" ON "review_calls" USING btree ("constitution_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_drafting_review_call_unique" ON "terms_drafting" USING btree ("review_call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_drafting_one_open_per_body" ON "terms_drafting" USING btree ("body_id") WHERE "terms_drafting"."state" = 'drafting';--> statement-breakpoint
CREATE INDEX "forward_plan_items_body_month_idx" ON "forward_plan_items" USING btree ("body_id","expected_month");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_action_teams_name_unique" ON "programme_action_teams" USING btree ("programme_id",lower("name"));--> statement-breakpoint
CREATE INDEX "programme_actions_project_idx" ON "programme_actions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_actions_organisation_idx" ON "programme_actions" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "programme_milestones_project_idx" ON "programme_milestones" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_projects_workstream_idx" ON "programme_projects" USING btree ("workstream_id");--> statement-breakpoint
CREATE INDEX "programme_rag_changes_project_idx" ON "programme_rag_changes" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_rag_changes_action_idx" ON "programme_rag_changes" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_workstreams_title_unique" ON "programme_workstreams" USING btree ("programme_id",lower("title"));--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_body_title_unique" ON "programmes" USING btree ("body_id",lower("title"));--> statement-breakpoint
CREATE UNIQUE INDEX "body_report_distributions_report_organisation_unique" ON "body_report_distributions" USING btree ("report_id","organisation_id");--> statement-breakpoint
CREATE INDEX "body_reports_body_idx" ON "body_reports" USING btree ("body_id","period_to");--> statement-breakpoint
CREATE UNIQUE INDEX "body_reports_period_version_unique" ON "body_reports" USING btree ("body_id","kind","period_from","period_to","version");