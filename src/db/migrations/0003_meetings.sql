CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"is_confidential" boolean DEFAULT false NOT NULL,
	"confidentiality_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agenda_items_purpose_known" CHECK ("agenda_items"."purpose" in ('decision', 'discussion', 'information')),
	CONSTRAINT "agenda_items_confidential_has_reason" CHECK (not "agenda_items"."is_confidential" or "agenda_items"."confidentiality_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "attendance_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"seat_holding_id" uuid NOT NULL,
	"status" text NOT NULL,
	"deputy_name" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attendance_records_status_known" CHECK ("attendance_records"."status" in ('present', 'apologies', 'absent', 'deputy'))
);
--> statement-breakpoint
CREATE TABLE "interest_declarations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"seat_holding_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"interest" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "interest_declarations_kind_known" CHECK ("interest_declarations"."kind" in ('financial', 'non-financial-professional', 'non-financial-personal', 'indirect'))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"notice_given_on" date NOT NULL,
	"urgency_reason" text,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meetings_status_known" CHECK ("meetings"."status" in ('scheduled', 'held', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_seat_holding_id_seat_holdings_id_fk" FOREIGN KEY ("seat_holding_id") REFERENCES "public"."seat_holdings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_declarations" ADD CONSTRAINT "interest_declarations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_declarations" ADD CONSTRAINT "interest_declarations_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_declarations" ADD CONSTRAINT "interest_declarations_seat_holding_id_seat_holdings_id_fk" FOREIGN KEY ("seat_holding_id") REFERENCES "public"."seat_holdings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_meeting_position_unique" ON "agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_records_meeting_holding_unique" ON "attendance_records" USING btree ("meeting_id","seat_holding_id");--> statement-breakpoint
CREATE INDEX "interest_declarations_meeting_idx" ON "interest_declarations" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meetings_body_starts_idx" ON "meetings" USING btree ("body_id","starts_at");