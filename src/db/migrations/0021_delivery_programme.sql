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
ALTER TABLE "briefing_links" ADD CONSTRAINT "briefing_links_briefing_id_briefings_id_fk" FOREIGN KEY ("briefing_id") REFERENCES "public"."briefings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_links" ADD CONSTRAINT "briefing_links_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_links" ADD CONSTRAINT "briefing_links_paper_id_meeting_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."meeting_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_commission_due_changes" ADD CONSTRAINT "review_commission_due_changes_commission_id_review_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."review_commissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_commissions" ADD CONSTRAINT "review_commissions_commissioning_body_id_bodies_id_fk" FOREIGN KEY ("commissioning_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_commissions" ADD CONSTRAINT "review_commissions_sector_body_id_bodies_id_fk" FOREIGN KEY ("sector_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_outcomes" ADD CONSTRAINT "review_outcomes_commission_id_review_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."review_commissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "briefing_links_briefing_idx" ON "briefing_links" USING btree ("briefing_id");--> statement-breakpoint
CREATE INDEX "briefings_body_duty_idx" ON "briefings" USING btree ("body_id","duty_id","briefed_on");--> statement-breakpoint
CREATE INDEX "review_commission_due_changes_commission_idx" ON "review_commission_due_changes" USING btree ("commission_id");--> statement-breakpoint
CREATE INDEX "review_commissions_sector_idx" ON "review_commissions" USING btree ("sector_body_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_outcomes_commission_version_unique" ON "review_outcomes" USING btree ("commission_id","version");