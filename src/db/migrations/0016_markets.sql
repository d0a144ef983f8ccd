CREATE TABLE "clinical_networks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"reports_to_body_id" uuid NOT NULL,
	"objectives" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consortium_pathways" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consortium_organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"service_area" text NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"agreed_on" date,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consortium_pathways_status_known" CHECK ("consortium_pathways"."status" in ('proposed', 'agreed', 'in-place')),
	CONSTRAINT "consortium_pathways_agreed_on_with_status" CHECK (("consortium_pathways"."status" = 'proposed') = ("consortium_pathways"."agreed_on" is null))
);
--> statement-breakpoint
CREATE TABLE "network_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"network_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"findings" text NOT NULL,
	"next_review_due" date NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "network_reviews_next_after_held" CHECK ("network_reviews"."next_review_due" > "network_reviews"."held_on")
);
--> statement-breakpoint
CREATE TABLE "practice_consortia" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"primary_care_trust_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "practice_consortia_not_its_own_pct" CHECK ("practice_consortia"."organisation_id" <> "practice_consortia"."primary_care_trust_id")
);
--> statement-breakpoint
CREATE TABLE "provider_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"service_area" text NOT NULL,
	"sector_id" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"withdrawn_on" date,
	"withdrawal_reason" text,
	CONSTRAINT "provider_services_withdrawal_has_reason" CHECK (("provider_services"."withdrawn_on" is null) = ("provider_services"."withdrawal_reason" is null)),
	CONSTRAINT "provider_services_area_not_blank" CHECK (length(trim("provider_services"."service_area")) > 0)
);
--> statement-breakpoint
ALTER TABLE "clinical_networks" ADD CONSTRAINT "clinical_networks_reports_to_body_id_bodies_id_fk" FOREIGN KEY ("reports_to_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_pathways" ADD CONSTRAINT "consortium_pathways_consortium_organisation_id_practice_consortia_organisation_id_fk" FOREIGN KEY ("consortium_organisation_id") REFERENCES "public"."practice_consortia"("organisation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_reviews" ADD CONSTRAINT "network_reviews_network_id_clinical_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."clinical_networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_consortia" ADD CONSTRAINT "practice_consortia_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_consortia" ADD CONSTRAINT "practice_consortia_primary_care_trust_id_organisations_id_fk" FOREIGN KEY ("primary_care_trust_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_services" ADD CONSTRAINT "provider_services_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_services" ADD CONSTRAINT "provider_services_sector_id_sectors_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_networks_name_unique" ON "clinical_networks" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "clinical_networks_body_idx" ON "clinical_networks" USING btree ("reports_to_body_id");--> statement-breakpoint
CREATE INDEX "consortium_pathways_consortium_idx" ON "consortium_pathways" USING btree ("consortium_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consortium_pathways_name_unique" ON "consortium_pathways" USING btree ("consortium_organisation_id",lower("name"));--> statement-breakpoint
CREATE INDEX "network_reviews_network_idx" ON "network_reviews" USING btree ("network_id","held_on");--> statement-breakpoint
CREATE INDEX "practice_consortia_pct_idx" ON "practice_consortia" USING btree ("primary_care_trust_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_services_current_unique" ON "provider_services" USING btree ("provider_organisation_id",lower("service_area"),"sector_id") WHERE "provider_services"."withdrawn_on" is null;--> statement-breakpoint
CREATE INDEX "provider_services_area_sector_idx" ON "provider_services" USING btree ("service_area","sector_id");