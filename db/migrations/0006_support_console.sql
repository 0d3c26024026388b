CREATE TABLE "staff_review_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_review_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"staff_user_id" text NOT NULL,
	"staff_display_name" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "customer_number" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "customers_customer_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1);--> statement-breakpoint
ALTER TABLE "data_changes" ADD COLUMN "changed_by_name" text;--> statement-breakpoint
ALTER TABLE "staff_access_log" ADD COLUMN "justification" text;--> statement-breakpoint
ALTER TABLE "staff_access_log" ADD COLUMN "case_reference" text;--> statement-breakpoint
ALTER TABLE "staff_access_log" ADD COLUMN "verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "data_subject_request_events" ADD COLUMN "staff_name" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "channel" text DEFAULT 'portal' NOT NULL;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "filed_by_staff_user_id" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "filed_by_name" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "assignee_user_id" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "assignee_name" text;--> statement-breakpoint
ALTER TABLE "support_codes" ADD CONSTRAINT "support_codes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_review_events_time_idx" ON "staff_review_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "support_codes_customer_idx" ON "support_codes" USING btree ("customer_id","expires_at");--> statement-breakpoint
CREATE INDEX "staff_access_log_staff_time_idx" ON "staff_access_log" USING btree ("staff_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "data_subject_requests_queue_idx" ON "data_subject_requests" USING btree ("status","due_on");--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_customer_number_unique" UNIQUE("customer_number");--> statement-breakpoint
-- Entries written before categories existed: the system's data-subject-request reason is one.
UPDATE "staff_access_log" SET "justification" = 'data_subject_request' WHERE "reason_code" = 'data_subject_request';
