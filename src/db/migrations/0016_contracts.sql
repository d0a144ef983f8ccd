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
ALTER TABLE "contract_commissioners" ADD CONSTRAINT "contract_commissioners_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_commissioners" ADD CONSTRAINT "contract_commissioners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_extension_options" ADD CONSTRAINT "contract_extension_options_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_specification_version_id_specification_versions_id_fk" FOREIGN KEY ("specification_version_id") REFERENCES "public"."specification_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_extends_contract_id_contracts_id_fk" FOREIGN KEY ("extends_contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_commissioners_unique" ON "contract_commissioners" USING btree ("contract_id","organisation_id");--> statement-breakpoint
CREATE INDEX "contract_commissioners_organisation_idx" ON "contract_commissioners" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_extension_options_unique" ON "contract_extension_options" USING btree ("contract_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_reference_unique" ON "contracts" USING btree (lower("reference"));--> statement-breakpoint
CREATE INDEX "contracts_provider_idx" ON "contracts" USING btree ("provider_organisation_id");--> statement-breakpoint
CREATE INDEX "contracts_lead_idx" ON "contracts" USING btree ("lead_organisation_id");--> statement-breakpoint
CREATE INDEX "contracts_status_idx" ON "contracts" USING btree ("status");