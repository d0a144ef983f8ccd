-- The votes stored before record checks began, whose events name no vote, are listed in an audit
-- event rather than a table: sealed into the chain, the list cannot be lengthened unseen, and a
-- second such event is reported by `concordat audit verify`.
INSERT INTO "audit_events" ("id", "occurred_at", "actor", "action", "entity_type", "entity_id", "before", "after")
SELECT gen_random_uuid(), now(), 'migration', 'audit.record-checks-began', 'audit', 'record-checks', NULL,
	jsonb_build_object('votesBeforeChecks', to_jsonb("votes_before_checks"))
FROM "audit_keys" WHERE "id" = 1;--> statement-breakpoint
ALTER TABLE "audit_keys" DROP COLUMN "votes_before_checks";
