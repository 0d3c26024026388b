-- Hand-edited from drizzle-kit's DROP and CREATE: the same index, its entries kept. Later
-- inserts go straight into the index; the entries already pending are merged now.
ALTER INDEX "system_reads_customers_idx" SET (fastupdate = false);--> statement-breakpoint
SELECT gin_clean_pending_list('system_reads_customers_idx');
