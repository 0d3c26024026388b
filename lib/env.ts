import { z } from "zod";

// Read at call time (not import time) so tests and the start-up check see the
// environment the process actually runs with.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().trim().optional(),
  EMAIL_SERVER: z.string().trim().optional(),
  EMAIL_FROM: z.string().trim().optional(),
  AUTH_SECRET: z.string().optional(),
  AUTH_URL: z.string().trim().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  TILLIT_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type Env = z.infer<typeof envSchema>;

export function env(): Env {
  const parsed = envSchema.parse(process.env);
  // An empty string in the environment means "unset".
  return {
    ...parsed,
    DATABASE_URL: parsed.DATABASE_URL || undefined,
    EMAIL_SERVER: parsed.EMAIL_SERVER || undefined,
    AUTH_SECRET: parsed.AUTH_SECRET || undefined,
    AUTH_URL: parsed.AUTH_URL || undefined,
  };
}

/** No mail server configured: sign-in links go to the server log and the local outbox page. */
export function isLocalMailMode(): boolean {
  return !env().EMAIL_SERVER;
}

/** A real deployment: production build on a PostgreSQL server. */
export function isProductionDeployment(): boolean {
  const e = env();
  return e.NODE_ENV === "production" && Boolean(e.DATABASE_URL);
}

export function appUrl(): string {
  const e = env();
  return (e.AUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}
