DROP INDEX "interaction_events_customer_time_idx";--> statement-breakpoint
DROP INDEX "interaction_events_customer_channel_time_idx";--> statement-breakpoint
CREATE INDEX "interaction_events_customer_time_idx" ON "interaction_events" USING btree ("customer_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "interaction_events_customer_channel_time_idx" ON "interaction_events" USING btree ("customer_id","channel","occurred_at","id");