CREATE TABLE "bodies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bodies_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "constitution_adoptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"constitution_version_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"adopted_on" date NOT NULL,
	"minute_reference" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "constitution_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"source_text" text NOT NULL,
	"effective_on" date NOT NULL,
	"review_on" date,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_holdings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"seat_role" text NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid,
	"fill_method" text NOT NULL,
	"filled_by" text,
	"office" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "seat_holdings_dates_in_order" CHECK ("seat_holdings"."ends_on" is null or "seat_holdings"."ends_on" >= "seat_holdings"."starts_on"),
	CONSTRAINT "seat_holdings_office_known" CHECK ("seat_holdings"."office" is null or "seat_holdings"."office" in ('chair', 'viceChair'))
);
--> statement-breakpoint
ALTER TABLE "constitution_adoptions" ADD CONSTRAINT "constitution_adoptions_constitution_version_id_constitution_versions_id_fk" FOREIGN KEY ("constitution_version_id") REFERENCES "public"."constitution_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "constitution_adoptions" ADD CONSTRAINT "constitution_adoptions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "constitution_versions" ADD CONSTRAINT "constitution_versions_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_holdings" ADD CONSTRAINT "seat_holdings_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_holdings" ADD CONSTRAINT "seat_holdings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_holdings" ADD CONSTRAINT "seat_holdings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "constitution_adoptions_version_board_unique" ON "constitution_adoptions" USING btree ("constitution_version_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "constitution_versions_body_version_unique" ON "constitution_versions" USING btree ("body_id","version");--> statement-breakpoint
CREATE INDEX "seat_holdings_body_idx" ON "seat_holdings" USING btree ("body_id");