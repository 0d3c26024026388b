CREATE TABLE "purpose_drafts" (
	"key" text PRIMARY KEY NOT NULL,
	"based_on_version" integer,
	"content" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "purposes" ADD COLUMN "material_version" integer;--> statement-breakpoint
ALTER TABLE "purposes" ADD COLUMN "retired_at" timestamp with time zone;