-- Meeting lifecycle: a cancelled meeting, and only a cancelled meeting, keeps why it was called off.
ALTER TABLE "meetings" ADD COLUMN "cancelled_reason" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_cancelled_has_reason" CHECK (("meetings"."status" = 'cancelled') = ("meetings"."cancelled_reason" is not null));
