CREATE TABLE "business_service_figures" (
	"report_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"value_hundredths" integer NOT NULL,
	"target_hundredths" integer NOT NULL,
	"status" text NOT NULL,
	"commentary" text,
	CONSTRAINT "business_service_figures_status_known" CHECK ("business_service_figures"."status" in ('green', 'amber', 'red')),
	CONSTRAINT "business_service_figures_value_not_negative" CHECK ("business_service_figures"."value_hundredths" >= 0)
);
--> statement-breakpoint
CREATE TABLE "business_service_indicators" (
	"id" uuid PRIMARY KEY NOT NULL,
	"offering_id" uuid NOT NULL,
	"name" text NOT NULL,
	"measures" text NOT NULL,
	"target_hundredths" integer NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "business_service_indicators_unit_known" CHECK ("business_service_indicators"."unit" in ('percent', 'working-days', 'count')),
	CONSTRAINT "business_service_indicators_direction_known" CHECK ("business_service_indicators"."direction" in ('higher-is-better', 'lower-is-better')),
	CONSTRAINT "business_service_indicators_target_not_negative" CHECK ("business_service_indicators"."target_hundredths" >= 0),
	CONSTRAINT "business_service_indicators_percent_at_most_100" CHECK ("business_service_indicators"."unit" <> 'percent' or "business_service_indicators"."target_hundredths" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "business_service_offerings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"area" text NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "business_service_offerings_area_known" CHECK ("business_service_offerings"."area" in ('intelligence-and-market-support', 'specifications-and-quality-assurance', 'contracting-and-contract-management', 'administrative-support'))
);
--> statement-breakpoint
CREATE TABLE "business_service_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"prepared_on" date NOT NULL,
	"summary" text,
	"status" text DEFAULT 'recorded' NOT NULL,
	"meeting_id" uuid,
	"agenda_item_id" uuid,
	"conclusions" text,
	"concluded_on" date,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "business_service_reports_quarter_known" CHECK ("business_service_reports"."quarter" between 1 and 4),
	CONSTRAINT "business_service_reports_status_known" CHECK ("business_service_reports"."status" in ('recorded', 'presented', 'concluded')),
	CONSTRAINT "business_service_reports_presented_on_an_agenda" CHECK ("business_service_reports"."status" = 'recorded' or ("business_service_reports"."meeting_id" is not null and "business_service_reports"."agenda_item_id" is not null)),
	CONSTRAINT "business_service_reports_concluded_with_conclusions" CHECK ("business_service_reports"."status" <> 'concluded' or ("business_service_reports"."conclusions" is not null and "business_service_reports"."concluded_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "contract_commissioners" (
	"contract_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"share_basis_points" integer NOT NULL,
	CONSTRAINT "contract_commissioners_share_in_range" CHECK ("contract_commissioners"."share_basis_points" > 0 and "contract_commissioners"."share_basis_points" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "contract_extension_options" (
	"contract_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"months" integer NOT NULL,
	"exercised" boolean DEFAULT false NOT NULL,
	CONSTRAINT "contract_extension_options_months_in_range" CHECK ("contract_extension_options"."months" between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"service" text NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"specification_version_id" uuid,
	"procurement_route" text NOT NULL,
	"single_tender_reason" text,
	"extends_contract_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"total_value_pence" bigint NOT NULL,
	"annual_value_pence" bigint NOT NULL,
	"share_basis" text NOT NULL,
	"lead_organisation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"tender_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contracts_procurement_route_known" CHECK ("contracts"."procurement_route" in ('open', 'restricted', 'competitive-dialogue', 'framework-call-off', 'single-tender', 'extension')),
	CONSTRAINT "contracts_single_tender_has_reason" CHECK ("contracts"."procurement_route" <> 'single-tender' or "contracts"."single_tender_reason" is not null),
	CONSTRAINT "contracts_extension_names_contract" CHECK ("contracts"."procurement_route" <> 'extension' or "contracts"."extends_contract_id" is not null),
	CONSTRAINT "contracts_end_not_before_start" CHECK ("contracts"."ends_on" >= "contracts"."starts_on"),
	CONSTRAINT "contracts_values_not_negative" CHECK ("contracts"."total_value_pence" >= 0 and "contracts"."annual_value_pence" >= 0),
	CONSTRAINT "contracts_share_basis_known" CHECK ("contracts"."share_basis" in ('population', 'activity')),
	CONSTRAINT "contracts_status_known" CHECK ("contracts"."status" in ('active', 'extended', 'expired', 'terminated', 'awarded')),
	CONSTRAINT "contracts_awarded_from_a_tender" CHECK ("contracts"."status" <> 'awarded' or "contracts"."tender_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "specialised_consortia" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"lead_body_id" uuid NOT NULL,
	"share_basis" text NOT NULL,
	"share_basis_note" text NOT NULL,
	"established_on" date NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "specialised_consortia_share_basis_known" CHECK ("specialised_consortia"."share_basis" in ('population', 'activity', 'agreed'))
);
--> statement-breakpoint
CREATE TABLE "specialised_consortium_budgets" (
	"consortium_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"amount_pence" bigint NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "specialised_consortium_budgets_positive" CHECK ("specialised_consortium_budgets"."amount_pence" > 0),
	CONSTRAINT "specialised_consortium_budgets_year_plausible" CHECK ("specialised_consortium_budgets"."start_year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "specialised_consortium_members" (
	"consortium_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"share_basis_points" integer NOT NULL,
	CONSTRAINT "specialised_consortium_members_share_in_range" CHECK ("specialised_consortium_members"."share_basis_points" > 0 and "specialised_consortium_members"."share_basis_points" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "specialised_consortium_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consortium_id" uuid NOT NULL,
	"name" text NOT NULL,
	"specification_version_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "business_service_figures" ADD CONSTRAINT "business_service_figures_report_id_business_service_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."business_service_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_service_figures" ADD CONSTRAINT "business_service_figures_indicator_id_business_service_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."business_service_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_service_indicators" ADD CONSTRAINT "business_service_indicators_offering_id_business_service_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."business_service_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_service_offerings" ADD CONSTRAINT "business_service_offerings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_service_reports" ADD CONSTRAINT "business_service_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_service_reports" ADD CONSTRAINT "business_service_reports_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_service_reports" ADD CONSTRAINT "business_service_reports_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_service_reports" ADD CONSTRAINT "business_service_reports_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_commissioners" ADD CONSTRAINT "contract_commissioners_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_commissioners" ADD CONSTRAINT "contract_commissioners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_extension_options" ADD CONSTRAINT "contract_extension_options_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_specification_version_id_specification_versions_id_fk" FOREIGN KEY ("specification_version_id") REFERENCES "public"."specification_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_extends_contract_id_contracts_id_fk" FOREIGN KEY ("extends_contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialised_consortia" ADD CONSTRAINT "specialised_consortia_lead_body_id_bodies_id_fk" FOREIGN KEY ("lead_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialised_consortium_budgets" ADD CONSTRAINT "specialised_consortium_budgets_consortium_id_specialised_consortia_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."specialised_consortia"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialised_consortium_members" ADD CONSTRAINT "specialised_consortium_members_consortium_id_specialised_consortia_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."specialised_consortia"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialised_consortium_members" ADD CONSTRAINT "specialised_consortium_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialised_consortium_services" ADD CONSTRAINT "specialised_consortium_services_consortium_id_specialised_consortia_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."specialised_consortia"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialised_consortium_services" ADD CONSTRAINT "specialised_consortium_services_specification_version_id_specification_versions_id_fk" FOREIGN KEY ("specification_version_id") REFERENCES "public"."specification_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "business_service_figures_unique" ON "business_service_figures" USING btree ("report_id","indicator_id");--> statement-breakpoint
CREATE INDEX "business_service_figures_indicator_idx" ON "business_service_figures" USING btree ("indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "business_service_indicators_name_unique" ON "business_service_indicators" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "business_service_indicators_offering_idx" ON "business_service_indicators" USING btree ("offering_id");--> statement-breakpoint
CREATE UNIQUE INDEX "business_service_offerings_name_unique" ON "business_service_offerings" USING btree ("organisation_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "business_service_reports_period_unique" ON "business_service_reports" USING btree ("body_id","start_year","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_commissioners_unique" ON "contract_commissioners" USING btree ("contract_id","organisation_id");--> statement-breakpoint
CREATE INDEX "contract_commissioners_organisation_idx" ON "contract_commissioners" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_extension_options_unique" ON "contract_extension_options" USING btree ("contract_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_reference_unique" ON "contracts" USING btree (lower("reference"));--> statement-breakpoint
CREATE INDEX "contracts_provider_idx" ON "contracts" USING btree ("provider_organisation_id");--> statement-breakpoint
CREATE INDEX "contracts_lead_idx" ON "contracts" USING btree ("lead_organisation_id");--> statement-breakpoint
CREATE INDEX "contracts_status_idx" ON "contracts" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "specialised_consortia_name_unique" ON "specialised_consortia" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "specialised_consortium_budgets_year_unique" ON "specialised_consortium_budgets" USING btree ("consortium_id","start_year");--> statement-breakpoint
CREATE UNIQUE INDEX "specialised_consortium_members_unique" ON "specialised_consortium_members" USING btree ("consortium_id","organisation_id");--> statement-breakpoint
CREATE INDEX "specialised_consortium_members_organisation_idx" ON "specialised_consortium_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "specialised_consortium_services_name_unique" ON "specialised_consortium_services" USING btree ("consortium_id",lower("name"));