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
ALTER TABLE "review_calls" ADD CONSTRAINT "review_calls_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_calls" ADD CONSTRAINT "review_calls_constitution_version_id_constitution_versions_id_fk" FOREIGN KEY ("constitution_version_id") REFERENCES "public"."constitution_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_drafting" ADD CONSTRAINT "terms_drafting_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_drafting" ADD CONSTRAINT "terms_drafting_review_call_id_review_calls_id_fk" FOREIGN KEY ("review_call_id") REFERENCES "public"."review_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_drafting" ADD CONSTRAINT "terms_drafting_ended_by_version_id_constitution_versions_id_fk" FOREIGN KEY ("ended_by_version_id") REFERENCES "public"."constitution_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_items" ADD CONSTRAINT "forward_plan_items_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_items" ADD CONSTRAINT "forward_plan_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_items" ADD CONSTRAINT "forward_plan_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_calls_version_unique" ON "review_calls" USING btree ("constitution_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_drafting_review_call_unique" ON "terms_drafting" USING btree ("review_call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_drafting_one_open_per_body" ON "terms_drafting" USING btree ("body_id") WHERE "terms_drafting"."state" = 'drafting';--> statement-breakpoint
CREATE INDEX "forward_plan_items_body_month_idx" ON "forward_plan_items" USING btree ("body_id","expected_month");