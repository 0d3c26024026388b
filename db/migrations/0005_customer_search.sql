-- The support console's customer search (partial and misspelt names, emails, phone numbers).
-- Names and emails: GiST trigram indexes, which also return the nearest matches first
-- (ORDER BY … <<-> … LIMIT), so a common name costs the same as a rare one. Phone digits:
-- a GIN trigram index for the LIKE on digits. pg_trgm is a trusted extension (PostgreSQL
-- 13+), so the database owner may create it; PGlite loads it in db/pglite.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_full_name_trgm" ON "customers" USING gist ((lower("given_name" || ' ' || "family_name")) gist_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_email_trgm" ON "users" USING gist ((lower("email")) gist_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_phone_digits_trgm" ON "customers" USING gin ((regexp_replace(coalesce("phone", ''), '[^0-9]', '', 'g')) gin_trgm_ops);
