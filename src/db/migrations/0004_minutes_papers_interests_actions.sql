CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"description" text NOT NULL,
	"owner_person_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_on" date,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "action_items_status_known" CHECK ("action_items"."status" in ('open', 'done', 'dropped')),
	CONSTRAINT "action_items_done_has_date" CHECK (("action_items"."status" = 'open') = ("action_items"."completed_on" is null))
);
--> statement-breakpoint
CREATE TABLE "annual_declarations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"is_nil_return" boolean NOT NULL,
	"declared_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seat_holding_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"electorate" text NOT NULL,
	"votes_for" integer NOT NULL,
	"votes_cast" integer NOT NULL,
	"minute_reference" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_records_seat_holding_id_unique" UNIQUE("seat_holding_id")
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mail_outbox_status_known" CHECK ("mail_outbox"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "meeting_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"mail_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_papers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minute_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes_approvals" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"approved_at_meeting_id" uuid NOT NULL,
	"approved_at_agenda_item_id" uuid NOT NULL,
	"signed_by_person_id" uuid NOT NULL,
	"quorum_summary" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "minutes_approvals_later_meeting" CHECK ("minutes_approvals"."approved_at_meeting_id" <> "minutes_approvals"."meeting_id")
);
--> statement-breakpoint
CREATE TABLE "minutes_distributions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"mail_id" uuid,
	"receipt_token_hash" text NOT NULL,
	"received_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "minutes_distributions_receipt_token_hash_unique" UNIQUE("receipt_token_hash")
);
--> statement-breakpoint
CREATE TABLE "paper_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"paper_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"byte_length" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registered_interests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"arose_on" date NOT NULL,
	"declared_on" date NOT NULL,
	"ended_on" date,
	"withheld_reason" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "registered_interests_kind_known" CHECK ("registered_interests"."kind" in ('financial', 'non-financial-professional', 'non-financial-personal', 'indirect')),
	CONSTRAINT "registered_interests_dates_in_order" CHECK ("registered_interests"."declared_on" >= "registered_interests"."arose_on" and ("registered_interests"."ended_on" is null or "registered_interests"."ended_on" >= "registered_interests"."arose_on"))
);
--> statement-breakpoint
CREATE TABLE "standing_attendees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid,
	"capacity" text NOT NULL,
	"deputy_for_holding_id" uuid,
	"description" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "standing_attendees_capacity_known" CHECK ("standing_attendees"."capacity" in ('deputy', 'non-voting')),
	CONSTRAINT "standing_attendees_deputy_names_member" CHECK (("standing_attendees"."capacity" = 'deputy') = ("standing_attendees"."deputy_for_holding_id" is not null)),
	CONSTRAINT "standing_attendees_dates_in_order" CHECK ("standing_attendees"."ends_on" is null or "standing_attendees"."ends_on" >= "standing_attendees"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "approves_minutes_of_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD COLUMN "deputy_attendee_id" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "series_id" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "originally_starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "moved_reason" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "correspondence_email" text;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_declarations" ADD CONSTRAINT "annual_declarations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_records" ADD CONSTRAINT "election_records_seat_holding_id_seat_holdings_id_fk" FOREIGN KEY ("seat_holding_id") REFERENCES "public"."seat_holdings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_notices" ADD CONSTRAINT "meeting_notices_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_notices" ADD CONSTRAINT "meeting_notices_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_notices" ADD CONSTRAINT "meeting_notices_mail_id_mail_outbox_id_fk" FOREIGN KEY ("mail_id") REFERENCES "public"."mail_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_papers" ADD CONSTRAINT "meeting_papers_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_papers" ADD CONSTRAINT "meeting_papers_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_entries" ADD CONSTRAINT "minute_entries_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_entries" ADD CONSTRAINT "minute_entries_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_approved_at_meeting_id_meetings_id_fk" FOREIGN KEY ("approved_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_approved_at_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("approved_at_agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_signed_by_person_id_people_id_fk" FOREIGN KEY ("signed_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_distributions" ADD CONSTRAINT "minutes_distributions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_distributions" ADD CONSTRAINT "minutes_distributions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_distributions" ADD CONSTRAINT "minutes_distributions_mail_id_mail_outbox_id_fk" FOREIGN KEY ("mail_id") REFERENCES "public"."mail_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_versions" ADD CONSTRAINT "paper_versions_paper_id_meeting_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."meeting_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registered_interests" ADD CONSTRAINT "registered_interests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standing_attendees" ADD CONSTRAINT "standing_attendees_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standing_attendees" ADD CONSTRAINT "standing_attendees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standing_attendees" ADD CONSTRAINT "standing_attendees_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standing_attendees" ADD CONSTRAINT "standing_attendees_deputy_for_holding_id_seat_holdings_id_fk" FOREIGN KEY ("deputy_for_holding_id") REFERENCES "public"."seat_holdings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_meeting_idx" ON "action_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "action_items_owner_idx" ON "action_items" USING btree ("owner_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_declarations_person_year_unique" ON "annual_declarations" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "mail_outbox_pending_idx" ON "mail_outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "meeting_notices_meeting_idx" ON "meeting_notices" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_papers_meeting_idx" ON "meeting_papers" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minute_entries_item_unique" ON "minute_entries" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minutes_distributions_meeting_organisation_unique" ON "minutes_distributions" USING btree ("meeting_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_versions_paper_version_unique" ON "paper_versions" USING btree ("paper_id","version");--> statement-breakpoint
CREATE INDEX "registered_interests_person_idx" ON "registered_interests" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "standing_attendees_body_idx" ON "standing_attendees" USING btree ("body_id");--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_approves_minutes_of_meeting_id_meetings_id_fk" FOREIGN KEY ("approves_minutes_of_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_deputy_attendee_id_standing_attendees_id_fk" FOREIGN KEY ("deputy_attendee_id") REFERENCES "public"."standing_attendees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_series_idx" ON "meetings" USING btree ("series_id");