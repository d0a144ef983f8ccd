CREATE TABLE "audit_keys" (
	"id" integer PRIMARY KEY NOT NULL,
	"ballot_seal_key" text NOT NULL,
	CONSTRAINT "audit_keys_one_row" CHECK ("audit_keys"."id" = 1)
);
--> statement-breakpoint
-- 256 bits from the server's random UUIDs (gen_random_uuid is core since PostgreSQL 13, PGlite included).
INSERT INTO "audit_keys" ("id", "ballot_seal_key") VALUES (
	1,
	encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')
);
