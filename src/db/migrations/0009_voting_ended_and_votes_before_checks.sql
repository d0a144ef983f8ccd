ALTER TABLE "audit_keys" ADD COLUMN "votes_before_checks" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "voting_ended_at" timestamp with time zone;--> statement-breakpoint
-- Votes already stored have events that name no vote: only these may go unmatched by `audit verify`.
UPDATE "audit_keys" SET "votes_before_checks" = coalesce((SELECT array_agg("id") FROM "votes"), '{}'::uuid[]) WHERE "id" = 1;
