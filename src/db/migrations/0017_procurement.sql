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
CREATE INDEX "tenders_consortium_idx" ON "tenders" USING btree ("consortium_id");