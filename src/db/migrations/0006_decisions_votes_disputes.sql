CREATE TABLE "dispute_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"step_id" text NOT NULL,
	"taken_on" date NOT NULL,
	"taken_by" text NOT NULL,
	"outcome" text NOT NULL,
	"board_organisation_id" uuid,
	"proposal_id" uuid,
	"note" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"joint_review_id" uuid,
	"raised_by_person_id" uuid,
	"raised_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disputes_status_known" CHECK ("disputes"."status" in ('open', 'resolved', 'unresolved'))
);
--> statement-breakpoint
CREATE TABLE "joint_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"decision_process" text,
	"failure_to_agree" text,
	"agreed_on" date,
	"agreed_minute_reference" text,
	"started_on" date,
	"ended_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "joint_reviews_start_needs_agreement" CHECK ("joint_reviews"."started_on" is null or "joint_reviews"."agreed_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"amends_proposal_id" uuid,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"decision_kind" text,
	"method_id" text NOT NULL,
	"ballot" text DEFAULT 'named' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"result" jsonb,
	"outcome" text,
	"outcome_summary" text,
	"casting_vote" text,
	"created_at" timestamp with time zone NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(text, '') || ' ' || coalesce(outcome_summary, ''))) STORED,
	CONSTRAINT "proposals_ballot_known" CHECK ("proposals"."ballot" in ('named', 'secret')),
	CONSTRAINT "proposals_status_known" CHECK ("proposals"."status" in ('draft', 'open', 'closed', 'withdrawn')),
	CONSTRAINT "proposals_casting_vote_known" CHECK ("proposals"."casting_vote" is null or "proposals"."casting_vote" in ('for', 'against'))
);
--> statement-breakpoint
CREATE TABLE "proxies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"grantor_holding_id" uuid NOT NULL,
	"proxy_person_id" uuid NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ratifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"proposal_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_on" date,
	"minute_reference" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ratifications_status_known" CHECK ("ratifications"."status" in ('pending', 'signed', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"proposal_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"reason" text,
	"cast_by_person_id" uuid,
	"proxy_id" uuid,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "votes_choice_known" CHECK ("votes"."choice" in ('for', 'against', 'abstain'))
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "live_agenda_item_id" uuid;--> statement-breakpoint
ALTER TABLE "dispute_steps" ADD CONSTRAINT "dispute_steps_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_steps" ADD CONSTRAINT "dispute_steps_board_organisation_id_organisations_id_fk" FOREIGN KEY ("board_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_steps" ADD CONSTRAINT "dispute_steps_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_joint_review_id_joint_reviews_id_fk" FOREIGN KEY ("joint_review_id") REFERENCES "public"."joint_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_raised_by_person_id_people_id_fk" FOREIGN KEY ("raised_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_reviews" ADD CONSTRAINT "joint_reviews_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_amends_proposal_id_proposals_id_fk" FOREIGN KEY ("amends_proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_grantor_holding_id_seat_holdings_id_fk" FOREIGN KEY ("grantor_holding_id") REFERENCES "public"."seat_holdings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_proxy_person_id_people_id_fk" FOREIGN KEY ("proxy_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_cast_by_person_id_people_id_fk" FOREIGN KEY ("cast_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_proxy_id_proxies_id_fk" FOREIGN KEY ("proxy_id") REFERENCES "public"."proxies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_steps_dispute_position_unique" ON "dispute_steps" USING btree ("dispute_id","position");--> statement-breakpoint
CREATE INDEX "disputes_status_idx" ON "disputes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "proposals_meeting_idx" ON "proposals" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "proposals_search_idx" ON "proposals" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "proxies_one_live_per_grantor" ON "proxies" USING btree ("meeting_id","grantor_holding_id") WHERE "proxies"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ratifications_proposal_board_unique" ON "ratifications" USING btree ("proposal_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "votes_one_per_voter" ON "votes" USING btree ("proposal_id","voter_id");--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_live_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("live_agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;