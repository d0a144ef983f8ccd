ALTER TABLE "consultation_responses" ADD COLUMN "submission_token_hash" text;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "publication_decision" text;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "publication_reason" text;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "publication_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "publication_decided_by" text;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_submission_unique" ON "consultation_responses" USING btree ("consultation_id","submission_token_hash");--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_publication_known" CHECK ("consultation_responses"."publication_decision" is null or "consultation_responses"."publication_decision" in ('publish', 'withhold'));--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_withheld_with_reason" CHECK ("consultation_responses"."publication_decision" is distinct from 'withhold' or length(btrim("consultation_responses"."publication_reason")) > 0);