CREATE TABLE "communication_preferences" (
	"customer_id" text NOT NULL,
	"channel" text NOT NULL,
	"topic" text NOT NULL,
	"allowed" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communication_preferences_customer_id_channel_topic_pk" PRIMARY KEY("customer_id","channel","topic")
);
--> statement-breakpoint
CREATE TABLE "consumed_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipt_signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "withdrawal_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose_key" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "offer_saving_ore" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "used_saved_address" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "purposes" ADD COLUMN "consent_lifetime_days" integer;--> statement-breakpoint
ALTER TABLE "purposes" ADD COLUMN "benefit_metric" text;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "method" text DEFAULT 'switch' NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consent_states" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "communication_preferences" ADD CONSTRAINT "communication_preferences_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consumed_tokens_expires_idx" ON "consumed_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "withdrawal_reasons_purpose_day_idx" ON "withdrawal_reasons" USING btree ("purpose_key","recorded_on");--> statement-breakpoint
CREATE INDEX "consent_states_expiring_idx" ON "consent_states" USING btree ("expires_at") WHERE "consent_states"."granted" and "consent_states"."expires_at" is not null;