CREATE TABLE "consent_rollup_current" (
	"purpose_key" text NOT NULL,
	"purpose_version" integer NOT NULL,
	"last_action" text NOT NULL,
	"slot" smallint NOT NULL,
	"customers" bigint NOT NULL,
	CONSTRAINT "consent_rollup_current_purpose_key_purpose_version_last_action_slot_pk" PRIMARY KEY("purpose_key","purpose_version","last_action","slot")
);
--> statement-breakpoint
CREATE TABLE "consent_rollup_daily" (
	"purpose_key" text NOT NULL,
	"day" date NOT NULL,
	"purpose_version" integer NOT NULL,
	"last_action" text NOT NULL,
	"slot" smallint NOT NULL,
	"entered" integer NOT NULL,
	"exited" integer NOT NULL,
	CONSTRAINT "consent_rollup_daily_purpose_key_day_purpose_version_last_action_slot_pk" PRIMARY KEY("purpose_key","day","purpose_version","last_action","slot")
);
--> statement-breakpoint
CREATE TABLE "consent_rollup_minute" (
	"purpose_key" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"last_action" text NOT NULL,
	"slot" smallint NOT NULL,
	"events" integer NOT NULL,
	CONSTRAINT "consent_rollup_minute_purpose_key_minute_last_action_slot_pk" PRIMARY KEY("purpose_key","minute","last_action","slot")
);
--> statement-breakpoint
CREATE TABLE "customer_rollup_daily" (
	"day" date NOT NULL,
	"slot" smallint NOT NULL,
	"joined" integer NOT NULL,
	"departed" integer NOT NULL,
	CONSTRAINT "customer_rollup_daily_day_slot_pk" PRIMARY KEY("day","slot")
);
--> statement-breakpoint
CREATE TABLE "request_rollup_answered" (
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"days" integer NOT NULL,
	"on_time" boolean NOT NULL,
	"slot" smallint NOT NULL,
	"requests" integer NOT NULL,
	CONSTRAINT "request_rollup_answered_month_kind_days_on_time_slot_pk" PRIMARY KEY("month","kind","days","on_time","slot")
);
--> statement-breakpoint
CREATE TABLE "request_rollup_received" (
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"slot" smallint NOT NULL,
	"requests" integer NOT NULL,
	CONSTRAINT "request_rollup_received_month_kind_slot_pk" PRIMARY KEY("month","kind","slot")
);
--> statement-breakpoint
CREATE TABLE "staff_access_rollup_monthly" (
	"month" date NOT NULL,
	"justification" text NOT NULL,
	"slot" smallint NOT NULL,
	"accesses" integer NOT NULL,
	"customers" integer NOT NULL,
	CONSTRAINT "staff_access_rollup_monthly_month_justification_slot_pk" PRIMARY KEY("month","justification","slot")
);
--> statement-breakpoint
CREATE TABLE "withdrawal_reason_rollup_daily" (
	"purpose_key" text NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"reasons" integer NOT NULL,
	CONSTRAINT "withdrawal_reason_rollup_daily_purpose_key_day_reason_pk" PRIMARY KEY("purpose_key","day","reason")
);--> statement-breakpoint
ALTER TABLE "consent_states" ADD COLUMN "last_action" text;--> statement-breakpoint
UPDATE "consent_states" s SET "last_action" = e."action" FROM "consent_events" e WHERE e."id" = s."last_event_id";--> statement-breakpoint
UPDATE "consent_states" SET "last_action" = CASE WHEN "granted" THEN 'granted' ELSE 'withdrawn' END WHERE "last_action" IS NULL;--> statement-breakpoint
ALTER TABLE "consent_states" ALTER COLUMN "last_action" SET NOT NULL;--> statement-breakpoint
-- The slot a customer's counts go to (see db/schema/analytics.ts). `& 7`, not abs() % 8:
-- abs() of the smallest int4 overflows.
CREATE FUNCTION "rollup_slot"(customer_id text) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT (hashtext(customer_id) & 7)::smallint
$$;--> statement-breakpoint
CREATE FUNCTION "oslo_day"(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE 'Europe/Oslo')::date
$$;--> statement-breakpoint
CREATE FUNCTION "oslo_month"(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', at AT TIME ZONE 'Europe/Oslo')::date
$$;--> statement-breakpoint
CREATE FUNCTION "consent_rollup_add"(p_key text, p_version integer, p_action text, p_slot smallint, p_at timestamptz, p_delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "consent_rollup_current" AS r VALUES (p_key, p_version, p_action, p_slot, p_delta)
    ON CONFLICT ("purpose_key", "purpose_version", "last_action", "slot")
    DO UPDATE SET "customers" = r."customers" + EXCLUDED."customers";
  INSERT INTO "consent_rollup_daily" AS r VALUES (p_key, oslo_day(p_at), p_version, p_action, p_slot, greatest(p_delta, 0), greatest(-p_delta, 0))
    ON CONFLICT ("purpose_key", "day", "purpose_version", "last_action", "slot")
    DO UPDATE SET "entered" = r."entered" + EXCLUDED."entered", "exited" = r."exited" + EXCLUDED."exited";
  -- Minutes serve only the last hour; a change dated long ago (the demo, an expiry) needs none.
  IF p_delta > 0 AND p_at > now() - interval '1 day' THEN
    INSERT INTO "consent_rollup_minute" AS r VALUES (p_key, date_trunc('minute', p_at), p_action, p_slot, 1)
      ON CONFLICT ("purpose_key", "minute", "last_action", "slot") DO UPDATE SET "events" = r."events" + 1;
  END IF;
END;
$$;--> statement-breakpoint
-- One state change moves a customer from one (version, action) to another. The two rows
-- are updated in a fixed order, so two transactions moving customers of the same slot in
-- opposite directions cannot deadlock on them.
CREATE FUNCTION "consent_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  at timestamptz := CASE WHEN TG_OP = 'DELETE' THEN now() ELSE NEW."updated_at" END;
  old_first boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."last_event_id" = NEW."last_event_id" AND OLD."purpose_version" = NEW."purpose_version"
     AND OLD."last_action" = NEW."last_action" AND OLD."purpose_key" = NEW."purpose_key" THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM consent_rollup_add(NEW."purpose_key", NEW."purpose_version", NEW."last_action", rollup_slot(NEW."customer_id"), at, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM consent_rollup_add(OLD."purpose_key", OLD."purpose_version", OLD."last_action", rollup_slot(OLD."customer_id"), at, -1);
  ELSE
    old_first := (OLD."purpose_key", OLD."purpose_version", OLD."last_action") <= (NEW."purpose_key", NEW."purpose_version", NEW."last_action");
    IF old_first THEN
      PERFORM consent_rollup_add(OLD."purpose_key", OLD."purpose_version", OLD."last_action", rollup_slot(OLD."customer_id"), at, -1);
    END IF;
    PERFORM consent_rollup_add(NEW."purpose_key", NEW."purpose_version", NEW."last_action", rollup_slot(NEW."customer_id"), at, 1);
    IF NOT old_first THEN
      PERFORM consent_rollup_add(OLD."purpose_key", OLD."purpose_version", OLD."last_action", rollup_slot(OLD."customer_id"), at, -1);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "customer_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "customer_rollup_daily" AS r VALUES (oslo_day(NEW."created_at"), rollup_slot(NEW."id"), 1, 0)
      ON CONFLICT ("day", "slot") DO UPDATE SET "joined" = r."joined" + 1;
  ELSE
    INSERT INTO "customer_rollup_daily" AS r VALUES (oslo_day(now()), rollup_slot(OLD."id"), 0, 1)
      ON CONFLICT ("day", "slot") DO UPDATE SET "departed" = r."departed" + 1;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- A request counts as received when it is filed, and as answered the first time it is
-- completed or rejected (a restriction lifted later is not a second answer; a cancelled
-- one was withdrawn, not answered). Days are whole Oslo days from receipt to answer.
CREATE FUNCTION "request_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  answered_at timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "request_rollup_received" AS r VALUES (oslo_month(NEW."received_at"), NEW."kind", rollup_slot(NEW."customer_id"), 1)
      ON CONFLICT ("month", "kind", "slot") DO UPDATE SET "requests" = r."requests" + 1;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD."status" IN ('completed', 'rejected', 'lifted') THEN
      RETURN NULL;
    END IF;
  END IF;
  IF NEW."status" IN ('completed', 'rejected') THEN
    answered_at := coalesce(NEW."completed_at", NEW."updated_at", now());
    INSERT INTO "request_rollup_answered" AS r VALUES (
      oslo_month(answered_at), NEW."kind",
      greatest(oslo_day(answered_at) - oslo_day(NEW."received_at"), 0),
      oslo_day(answered_at) <= coalesce(NEW."extended_due_on", NEW."due_on"),
      rollup_slot(NEW."customer_id"), 1)
      ON CONFLICT ("month", "kind", "days", "on_time", "slot") DO UPDATE SET "requests" = r."requests" + 1;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- A customer counts once per month and kind of reason, however often they were looked at:
-- at their first look (the lowest id; rows of one statement all see each other here).
-- (Two first looks at one customer committing at the same moment could both count; the
-- access log itself stays exact.)
CREATE FUNCTION "staff_access_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_month date := oslo_month(NEW."occurred_at");
  v_first integer := 0;
BEGIN
  IF NEW."action" = 'view' THEN
    IF NOT EXISTS (
      SELECT 1 FROM "staff_access_log" l
      WHERE l."customer_id" = NEW."customer_id" AND l."id" < NEW."id" AND l."action" = 'view'
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
CREATE FUNCTION "withdrawal_reason_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "withdrawal_reason_rollup_daily" AS r VALUES (NEW."purpose_key", NEW."recorded_on", NEW."reason", 1)
    ON CONFLICT ("purpose_key", "day", "reason") DO UPDATE SET "reasons" = r."reasons" + 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- Recomputes every rollup from the rows that exist now: the backfill below, and a bulk
-- load that ran with triggers off (the bench); never on a live database, whose erased
-- customers' past would go with it. Customers erased before it ran are not
-- in it (their rows are gone), in the past as now; the live triggers count them until
-- the day they left.
CREATE FUNCTION "analytics_rollups_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
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
    FROM "staff_access_log" WHERE "action" = 'view' GROUP BY 1, 2, 3;
  INSERT INTO "withdrawal_reason_rollup_daily"
    SELECT "purpose_key", "recorded_on", "reason", count(*) FROM "withdrawal_reasons" GROUP BY 1, 2, 3;
END;
$$;--> statement-breakpoint
SELECT analytics_rollups_rebuild();--> statement-breakpoint
CREATE TRIGGER "consent_states_rollup" AFTER INSERT OR UPDATE OR DELETE ON "consent_states"
  FOR EACH ROW EXECUTE FUNCTION "consent_rollup_apply"();--> statement-breakpoint
CREATE TRIGGER "customers_rollup" AFTER INSERT OR DELETE ON "customers"
  FOR EACH ROW EXECUTE FUNCTION "customer_rollup_apply"();--> statement-breakpoint
CREATE TRIGGER "data_subject_requests_rollup" AFTER INSERT OR UPDATE OF "status" ON "data_subject_requests"
  FOR EACH ROW EXECUTE FUNCTION "request_rollup_apply"();--> statement-breakpoint
CREATE TRIGGER "staff_access_log_rollup" AFTER INSERT ON "staff_access_log"
  FOR EACH ROW EXECUTE FUNCTION "staff_access_rollup_apply"();--> statement-breakpoint
CREATE TRIGGER "withdrawal_reasons_rollup" AFTER INSERT ON "withdrawal_reasons"
  FOR EACH ROW EXECUTE FUNCTION "withdrawal_reason_rollup_apply"();--> statement-breakpoint
-- The studio reads a purpose's days in a range; with the counts in the index it need not
-- visit the table.
CREATE INDEX "consent_rollup_daily_read_idx" ON "consent_rollup_daily" ("purpose_key", "day")
  INCLUDE ("purpose_version", "last_action", "entered", "exited");