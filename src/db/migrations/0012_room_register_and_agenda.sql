ALTER TABLE "agenda_items" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "presenter_person_id" uuid;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "presenter_name" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "start_time" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "minutes_allotted" integer;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "register_opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_presenter_person_id_people_id_fk" FOREIGN KEY ("presenter_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_one_presenter" CHECK ("agenda_items"."presenter_person_id" is null or "agenda_items"."presenter_name" is null);--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_one_time" CHECK ("agenda_items"."start_time" is null or "agenda_items"."minutes_allotted" is null);--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_withdrawn_has_reason" CHECK (("agenda_items"."withdrawn_at" is null) = ("agenda_items"."withdrawn_reason" is null));