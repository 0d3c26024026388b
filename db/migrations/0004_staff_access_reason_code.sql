ALTER TABLE "staff_access_log" ADD COLUMN "reason_code" text;--> statement-breakpoint
-- Entries written before the code existed carry the system's reason as text only.
UPDATE "staff_access_log" SET "reason_code" = 'data_subject_request' WHERE "reason" = 'data-subject request';
