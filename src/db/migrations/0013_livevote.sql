ALTER TABLE "votes" ADD COLUMN "recorded_by" text;--> statement-breakpoint
-- A change of vote (decision 021) changes no meeting fact, as a vote does not: kept facts stay good.
CREATE OR REPLACE FUNCTION "count_fact_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM inserted
    WHERE "action" NOT IN ('vote.cast', 'vote.changed', 'account.signed-in', 'account.signed-out')
  ) THEN
    UPDATE "facts_epoch" SET "value" = "value" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END
$$;
