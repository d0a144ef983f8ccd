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
CREATE TABLE "consortium_members" (
	"consortium_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"share_basis_points" integer NOT NULL,
	CONSTRAINT "consortium_members_share_in_range" CHECK ("consortium_members"."share_basis_points" > 0 and "consortium_members"."share_basis_points" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "procurement_consortia" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"portfolio" text NOT NULL,
	"body_id" uuid NOT NULL,
	"incepted_on" date NOT NULL,
	"share_basis" text NOT NULL,
	"vote_base" text NOT NULL,
	"vote_weighting" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procurement_consortia_base_known" CHECK ("procurement_consortia"."vote_base" in ('allEntitled', 'present', 'votesCast', 'yesPlusNo')),
	CONSTRAINT "procurement_consortia_weighting_known" CHECK ("procurement_consortia"."vote_weighting" in ('share', 'none'))
);
--> statement-breakpoint
CREATE TABLE "procurement_register_conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"interest" text NOT NULL,
	"management" text,
	"management_reason" text,
	"managed_recorded_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procurement_register_conflicts_management_known" CHECK ("procurement_register_conflicts"."management" is null or "procurement_register_conflicts"."management" in ('left-the-room', 'took-no-part', 'no-material-conflict', 'referred-to-panel')),
	CONSTRAINT "procurement_register_conflicts_no_material_has_reason" CHECK ("procurement_register_conflicts"."management" is distinct from 'no-material-conflict' or "procurement_register_conflicts"."management_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "procurement_register_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"decision" text NOT NULL,
	"decided_on" date NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procurement_register_entries_subject_known" CHECK ("procurement_register_entries"."subject" in ('evaluation', 'award-recommendation', 'other'))
);
--> statement-breakpoint
CREATE TABLE "procurement_register_participants" (
	"entry_id" uuid NOT NULL,
	"person_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tender_award_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"put_on" date NOT NULL,
	"outcome" text,
	"outcome_recorded_on" date,
	CONSTRAINT "tender_award_questions_outcome_known" CHECK ("tender_award_questions"."outcome" is null or "tender_award_questions"."outcome" in ('carried', 'not-carried'))
);
--> statement-breakpoint
CREATE TABLE "tender_bids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"price_pence" bigint NOT NULL,
	"received_on" date NOT NULL,
	"quality_score" integer,
	"price_score" integer,
	"total_score" integer GENERATED ALWAYS AS ("tender_bids"."quality_score" + "tender_bids"."price_score") STORED,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tender_bids_price_positive" CHECK ("tender_bids"."price_pence" > 0),
	CONSTRAINT "tender_bids_quality_in_range" CHECK ("tender_bids"."quality_score" is null or "tender_bids"."quality_score" between 0 and 60),
	CONSTRAINT "tender_bids_price_score_in_range" CHECK ("tender_bids"."price_score" is null or "tender_bids"."price_score" between 0 and 40)
);
--> statement-breakpoint
CREATE TABLE "tender_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"happened_on" date NOT NULL,
	"note" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consortium_id" uuid NOT NULL,
	"title" text NOT NULL,
	"service" text NOT NULL,
	"specification_version_id" uuid NOT NULL,
	"stage" text DEFAULT 'bidding' NOT NULL,
	"opened_on" date NOT NULL,
	"recommended_bid_id" uuid,
	"recommendation_reason" text,
	"evaluated_on" date,
	"awarded_bid_id" uuid,
	"awarded_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tenders_stage_known" CHECK ("tenders"."stage" in ('bidding', 'evaluated', 'award-put', 'awarded')),
	CONSTRAINT "tenders_evaluated_has_recommendation" CHECK ("tenders"."stage" = 'bidding' or ("tenders"."recommended_bid_id" is not null and "tenders"."recommendation_reason" is not null and "tenders"."evaluated_on" is not null)),
	CONSTRAINT "tenders_awarded_has_bid" CHECK ("tenders"."stage" <> 'awarded' or ("tenders"."awarded_bid_id" is not null and "tenders"."awarded_on" is not null))
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
ALTER TABLE "clinical_networks" ADD CONSTRAINT "clinical_networks_reports_to_body_id_bodies_id_fk" FOREIGN KEY ("reports_to_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_pathways" ADD CONSTRAINT "consortium_pathways_consortium_organisation_id_practice_consortia_organisation_id_fk" FOREIGN KEY ("consortium_organisation_id") REFERENCES "public"."practice_consortia"("organisation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_reviews" ADD CONSTRAINT "network_reviews_network_id_clinical_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."clinical_networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_consortia" ADD CONSTRAINT "practice_consortia_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_consortia" ADD CONSTRAINT "practice_consortia_primary_care_trust_id_organisations_id_fk" FOREIGN KEY ("primary_care_trust_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_services" ADD CONSTRAINT "provider_services_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_services" ADD CONSTRAINT "provider_services_sector_id_sectors_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_consortium_id_procurement_consortia_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."procurement_consortia"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_consortia" ADD CONSTRAINT "procurement_consortia_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_register_conflicts" ADD CONSTRAINT "procurement_register_conflicts_entry_id_procurement_register_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."procurement_register_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_register_conflicts" ADD CONSTRAINT "procurement_register_conflicts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_register_entries" ADD CONSTRAINT "procurement_register_entries_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_register_participants" ADD CONSTRAINT "procurement_register_participants_entry_id_procurement_register_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."procurement_register_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_register_participants" ADD CONSTRAINT "procurement_register_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_award_questions" ADD CONSTRAINT "tender_award_questions_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_award_questions" ADD CONSTRAINT "tender_award_questions_bid_id_tender_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."tender_bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_award_questions" ADD CONSTRAINT "tender_award_questions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_award_questions" ADD CONSTRAINT "tender_award_questions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_award_questions" ADD CONSTRAINT "tender_award_questions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_bids" ADD CONSTRAINT "tender_bids_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_bids" ADD CONSTRAINT "tender_bids_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_steps" ADD CONSTRAINT "tender_steps_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_consortium_id_procurement_consortia_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."procurement_consortia"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_specification_version_id_specification_versions_id_fk" FOREIGN KEY ("specification_version_id") REFERENCES "public"."specification_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
CREATE UNIQUE INDEX "contracts_tender_unique" ON "contracts" USING btree ("tender_id");--> statement-breakpoint
CREATE INDEX "contracts_provider_idx" ON "contracts" USING btree ("provider_organisation_id");--> statement-breakpoint
CREATE INDEX "contracts_lead_idx" ON "contracts" USING btree ("lead_organisation_id");--> statement-breakpoint
CREATE INDEX "contracts_status_idx" ON "contracts" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_networks_name_unique" ON "clinical_networks" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "clinical_networks_body_idx" ON "clinical_networks" USING btree ("reports_to_body_id");--> statement-breakpoint
CREATE INDEX "consortium_pathways_consortium_idx" ON "consortium_pathways" USING btree ("consortium_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consortium_pathways_name_unique" ON "consortium_pathways" USING btree ("consortium_organisation_id",lower("name"));--> statement-breakpoint
CREATE INDEX "network_reviews_network_idx" ON "network_reviews" USING btree ("network_id","held_on");--> statement-breakpoint
CREATE INDEX "practice_consortia_pct_idx" ON "practice_consortia" USING btree ("primary_care_trust_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_services_current_unique" ON "provider_services" USING btree ("provider_organisation_id",lower("service_area"),"sector_id") WHERE "provider_services"."withdrawn_on" is null;--> statement-breakpoint
CREATE INDEX "provider_services_area_sector_idx" ON "provider_services" USING btree ("service_area","sector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consortium_members_unique" ON "consortium_members" USING btree ("consortium_id","organisation_id");--> statement-breakpoint
CREATE INDEX "consortium_members_organisation_idx" ON "consortium_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_consortia_name_unique" ON "procurement_consortia" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "procurement_register_conflicts_entry_idx" ON "procurement_register_conflicts" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "procurement_register_entries_tender_idx" ON "procurement_register_entries" USING btree ("tender_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_register_participants_unique" ON "procurement_register_participants" USING btree ("entry_id","person_id");--> statement-breakpoint
CREATE INDEX "tender_award_questions_tender_idx" ON "tender_award_questions" USING btree ("tender_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_award_questions_one_open" ON "tender_award_questions" USING btree ("tender_id") WHERE "tender_award_questions"."outcome" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "tender_bids_one_per_provider" ON "tender_bids" USING btree ("tender_id","provider_organisation_id");--> statement-breakpoint
CREATE INDEX "tender_steps_tender_idx" ON "tender_steps" USING btree ("tender_id");--> statement-breakpoint
CREATE INDEX "tenders_consortium_idx" ON "tenders" USING btree ("consortium_id");--> statement-breakpoint
CREATE UNIQUE INDEX "specialised_consortia_name_unique" ON "specialised_consortia" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "specialised_consortium_budgets_year_unique" ON "specialised_consortium_budgets" USING btree ("consortium_id","start_year");--> statement-breakpoint
CREATE UNIQUE INDEX "specialised_consortium_members_unique" ON "specialised_consortium_members" USING btree ("consortium_id","organisation_id");--> statement-breakpoint
CREATE INDEX "specialised_consortium_members_organisation_idx" ON "specialised_consortium_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "specialised_consortium_services_name_unique" ON "specialised_consortium_services" USING btree ("consortium_id",lower("name"));