ALTER TABLE "motion_answers" ADD COLUMN "attachment_filename" text;--> statement-breakpoint
ALTER TABLE "motion_answers" ADD COLUMN "attachment_type" text;--> statement-breakpoint
ALTER TABLE "motion_answers" ADD COLUMN "attachment" "bytea";