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
CREATE UNIQUE INDEX "programme_action_teams_name_unique" ON "programme_action_teams" USING btree ("programme_id",lower("name"));--> statement-breakpoint
CREATE INDEX "programme_actions_project_idx" ON "programme_actions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_actions_organisation_idx" ON "programme_actions" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "programme_milestones_project_idx" ON "programme_milestones" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_projects_workstream_idx" ON "programme_projects" USING btree ("workstream_id");--> statement-breakpoint
CREATE INDEX "programme_rag_changes_project_idx" ON "programme_rag_changes" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_rag_changes_action_idx" ON "programme_rag_changes" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_workstreams_title_unique" ON "programme_workstreams" USING btree ("programme_id",lower("title"));--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_body_title_unique" ON "programmes" USING btree ("body_id",lower("title"));