CREATE TABLE "system_reads" (
	"id" bigint PRIMARY KEY DEFAULT nextval(pg_get_serial_sequence('staff_access_log', 'id')) NOT NULL,
	"client_id" text NOT NULL,
	"client_name" text NOT NULL,
	"purpose_key" text NOT NULL,
	"customer_ids" text[] NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "system_reads" ADD CONSTRAINT "system_reads_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "system_reads_customers_idx" ON "system_reads" USING gin ("customer_ids");--> statement-breakpoint
CREATE INDEX "system_reads_client_time_idx" ON "system_reads" USING btree ("client_id","occurred_at");--> statement-breakpoint
-- System reads written before this migration, one access-log row per customer, become one
-- row per call and purpose (their rows share the client, the purpose and the transaction's
-- time); the lowest id of each group keeps the entry's place in the access log's order.
INSERT INTO "system_reads" ("id", "client_id", "client_name", "purpose_key", "customer_ids", "occurred_at")
SELECT min("id"), "staff_user_id", "staff_display_name", "field", array_agg(DISTINCT "customer_id"), "occurred_at"
FROM "staff_access_log"
WHERE "staff_role" = 'system' AND "staff_user_id" IN (SELECT "id" FROM "api_clients")
GROUP BY "staff_user_id", "staff_display_name", "field", "occurred_at";--> statement-breakpoint
DELETE FROM "staff_access_log" WHERE "staff_role" = 'system' AND "staff_user_id" IN (SELECT "id" FROM "api_clients");--> statement-breakpoint
CREATE VIEW "customer_access_log" AS
  SELECT "id", "customer_id", "staff_user_id", "staff_role", "staff_display_name", "action", "field", "reason",
    "reason_code", "justification", "case_reference", "verified", "occurred_at"
  FROM "staff_access_log"
  UNION ALL
  SELECT r."id", c."id", r."client_id", 'system', r."client_name", 'view', r."purpose_key", 'consent check',
    'api_consent_check', NULL, NULL, false, r."occurred_at"
  FROM "customers" c
  JOIN "system_reads" r ON r."customer_ids" @> ARRAY[c."id"];
