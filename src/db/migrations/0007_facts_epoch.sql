CREATE TABLE "facts_epoch" (
	"id" integer PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "facts_epoch_one_row" CHECK ("facts_epoch"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "facts_epoch" ("id", "value") VALUES (1, 0);--> statement-breakpoint
-- One statement-level trigger: a batch of audit events moves the counter once. The actions left
-- out change no meeting fact; any other audited change makes every cached fact set stale.
CREATE FUNCTION "count_fact_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM inserted
    WHERE "action" NOT IN ('vote.cast', 'account.signed-in', 'account.signed-out')
  ) THEN
    UPDATE "facts_epoch" SET "value" = "value" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_count_fact_changes" AFTER INSERT ON "audit_events"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "count_fact_changes"();
