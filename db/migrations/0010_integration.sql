CREATE TABLE "api_calls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_id" text NOT NULL,
	"scope" text NOT NULL,
	"operation" text NOT NULL,
	"status" smallint NOT NULL,
	"customer_id" text,
	"subjects" integer DEFAULT 0 NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_client_tokens" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_client_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"hint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "api_clients" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scopes" text[] NOT NULL,
	"country" text DEFAULT 'NO' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "api_event_drops" (
	"client_id" text NOT NULL,
	"day" date NOT NULL,
	"purpose_key" text NOT NULL,
	"reason" text NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "api_event_drops_client_id_day_purpose_key_reason_pk" PRIMARY KEY("client_id","day","purpose_key","reason")
);
--> statement-breakpoint
CREATE TABLE "erased_references" (
	"reference_hash" text PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" bigint NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_code" smallint,
	"error" text,
	"duration_ms" integer NOT NULL,
	"redelivered_by" text
);
--> statement-breakpoint
CREATE TABLE "webhook_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" text NOT NULL,
	"subscription_id" text NOT NULL,
	"customer_id" text,
	"order_key" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"url" text NOT NULL,
	"event_types" text[] NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "pseudonymous_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "interaction_events" ADD COLUMN "purpose_key" text;--> statement-breakpoint
ALTER TABLE "interaction_events" ADD COLUMN "api_client_id" text;--> statement-breakpoint
ALTER TABLE "api_calls" ADD CONSTRAINT "api_calls_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_calls" ADD CONSTRAINT "api_calls_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_client_tokens" ADD CONSTRAINT "api_client_tokens_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_event_drops" ADD CONSTRAINT "api_event_drops_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_message_id_webhook_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."webhook_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_messages" ADD CONSTRAINT "webhook_messages_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_messages" ADD CONSTRAINT "webhook_messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_calls_client_time_idx" ON "api_calls" USING btree ("client_id","occurred_at");--> statement-breakpoint
CREATE INDEX "api_calls_customer_idx" ON "api_calls" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_client_tokens_hash_idx" ON "api_client_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_client_tokens_client_idx" ON "api_client_tokens" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "webhook_attempts_message_idx" ON "webhook_attempts" USING btree ("message_id","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_messages_message_id_idx" ON "webhook_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "webhook_messages_due_idx" ON "webhook_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_messages_order_idx" ON "webhook_messages" USING btree ("subscription_id","order_key","id");--> statement-breakpoint
CREATE INDEX "webhook_messages_customer_idx" ON "webhook_messages" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_client_idx" ON "webhook_subscriptions" USING btree ("client_id");--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_pseudonymous_id_unique" UNIQUE("pseudonymous_id");--> statement-breakpoint
-- An API client's read of a customer is in the access log (the customer sees it) but is
-- no staff look: the transparency report's staff looks leave it out. The trigger's WHEN
-- skips such rows without running the function, so a bulk check's thousand rows cost no
-- plpgsql call each.
CREATE OR REPLACE FUNCTION "staff_access_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_month date := oslo_month(NEW."occurred_at");
  v_first integer := 0;
BEGIN
  IF NEW."action" = 'view' THEN
    IF NOT EXISTS (
      SELECT 1 FROM "staff_access_log" l
      WHERE l."customer_id" = NEW."customer_id" AND l."id" < NEW."id" AND l."action" = 'view'
        AND l."staff_role" <> 'system'
        AND coalesce(l."justification", 'unspecified') = coalesce(NEW."justification", 'unspecified')
        AND l."occurred_at" >= (v_month::timestamp AT TIME ZONE 'Europe/Oslo')
        AND l."occurred_at" < ((v_month + interval '1 month')::timestamp AT TIME ZONE 'Europe/Oslo')
    ) THEN
      v_first := 1;
    END IF;
    INSERT INTO "staff_access_rollup_monthly" AS r
      VALUES (v_month, coalesce(NEW."justification", 'unspecified'), rollup_slot(NEW."customer_id"), 1, v_first)
      ON CONFLICT ("month", "justification", "slot")
      DO UPDATE SET "accesses" = r."accesses" + 1, "customers" = r."customers" + EXCLUDED."customers";
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "analytics_rollups_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Not while anything writes: a change between the delete and the insert would be lost.
  LOCK TABLE "consent_states", "consent_events", "customers", "data_subject_requests",
    "staff_access_log", "withdrawal_reasons" IN SHARE MODE;
  DELETE FROM "consent_rollup_current";
  DELETE FROM "consent_rollup_daily";
  DELETE FROM "consent_rollup_minute";
  DELETE FROM "customer_rollup_daily";
  DELETE FROM "request_rollup_received";
  DELETE FROM "request_rollup_answered";
  DELETE FROM "staff_access_rollup_monthly";
  DELETE FROM "withdrawal_reason_rollup_daily";
  INSERT INTO "consent_rollup_current"
    SELECT "purpose_key", "purpose_version", "last_action", rollup_slot("customer_id"), count(*)
    FROM "consent_states" GROUP BY 1, 2, 3, 4;
  -- Each event moves its customer into its (version, action) and out of the previous event's.
  INSERT INTO "consent_rollup_daily"
    SELECT "purpose_key", "day", "purpose_version", "action", "slot", sum("entered"), sum("exited")
    FROM (
      SELECT "purpose_key", oslo_day("occurred_at") AS "day", "purpose_version", "action", rollup_slot("customer_id") AS "slot", 1 AS "entered", 0 AS "exited"
      FROM "consent_events"
      UNION ALL
      SELECT "purpose_key", "day", "prev_version", "prev_action", "slot", 0, 1
      FROM (
        SELECT "purpose_key", oslo_day("occurred_at") AS "day", rollup_slot("customer_id") AS "slot",
          lag("purpose_version") OVER w AS "prev_version", lag("action") OVER w AS "prev_action"
        FROM "consent_events"
        WINDOW w AS (PARTITION BY "customer_id", "purpose_key" ORDER BY "id")
      ) moves WHERE "prev_action" IS NOT NULL
    ) changes
    GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO "consent_rollup_minute"
    SELECT "purpose_key", date_trunc('minute', "occurred_at"), "action", rollup_slot("customer_id"), count(*)
    FROM "consent_events" WHERE "occurred_at" > now() - interval '1 day' GROUP BY 1, 2, 3, 4;
  INSERT INTO "customer_rollup_daily"
    SELECT oslo_day("created_at"), rollup_slot("id"), count(*), 0 FROM "customers" GROUP BY 1, 2;
  INSERT INTO "request_rollup_received"
    SELECT oslo_month("received_at"), "kind", rollup_slot("customer_id"), count(*) FROM "data_subject_requests" GROUP BY 1, 2, 3;
  INSERT INTO "request_rollup_answered"
    SELECT oslo_month("answered_at"), "kind", greatest(oslo_day("answered_at") - oslo_day("received_at"), 0),
      oslo_day("answered_at") <= coalesce("extended_due_on", "due_on"), rollup_slot("customer_id"), count(*)
    FROM (
      SELECT r.*, coalesce(r."completed_at", (
        SELECT min(e."occurred_at") FROM "data_subject_request_events" e
        WHERE e."request_id" = r."id" AND e."status" IN ('completed', 'rejected')
      ), r."updated_at") AS "answered_at"
      FROM "data_subject_requests" r WHERE r."status" IN ('completed', 'rejected', 'lifted')
    ) answered
    GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO "staff_access_rollup_monthly"
    SELECT oslo_month("occurred_at"), coalesce("justification", 'unspecified'), rollup_slot("customer_id"), count(*),
      count(DISTINCT "customer_id")
    FROM "staff_access_log" WHERE "action" = 'view' AND "staff_role" <> 'system' GROUP BY 1, 2, 3;
  INSERT INTO "withdrawal_reason_rollup_daily"
    SELECT "purpose_key", "recorded_on", "reason", count(*) FROM "withdrawal_reasons" GROUP BY 1, 2, 3;
END;
$$;--> statement-breakpoint
DROP TRIGGER "staff_access_log_rollup" ON "staff_access_log";--> statement-breakpoint
CREATE TRIGGER "staff_access_log_rollup" AFTER INSERT ON "staff_access_log"
  FOR EACH ROW WHEN (NEW."staff_role" <> 'system') EXECUTE FUNCTION "staff_access_rollup_apply"();
