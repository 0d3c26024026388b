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
  HOST: z.string().trim().default("127.0.0.1"),
  TILLIT_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Many people behind one office NAT share an address: operators may raise this.
  TILLIT_SIGNIN_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(20),
  // Sign-in links one address may ask for per 15 minutes (export and erasure ask for fresh ones too).
  TILLIT_SIGNIN_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).max(1_000).default(5),
  TILLIT_SEED_DEMO: z.enum(["", "0", "1", "false", "true"]).default(""),
  // Ed25519 private key (PKCS#8 PEM) that signs consent receipts.
  TILLIT_RECEIPT_SIGNING_KEY: z.string().optional(),
  // The data controller named in consent receipts.
  TILLIT_CONTROLLER_NAME: z.string().trim().max(200).optional(),
  TILLIT_CONTROLLER_EMAIL: z.string().trim().max(200).optional(),
  TILLIT_CONTROLLER_PHONE: z.string().trim().max(50).optional(),
  // The data protection officer named in the footer and on the privacy notice.
  TILLIT_DPO_EMAIL: z.string().trim().max(200).optional(),
  // How often each app process looks for due background jobs (export, erasure).
  TILLIT_JOB_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  // Days between an erasure request and the deletion, in which the customer can cancel.
  TILLIT_ERASURE_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(14),
  // Exports up to this many rows stream straight from the database on each download;
  // larger ones are built once by a background job and stored.
  TILLIT_EXPORT_DIRECT_MAX_ROWS: z.coerce.number().int().min(0).max(1_000_000_000).default(20_000),
  // Distinct customers an agent opens in an hour before each further open needs a second
  // confirmation and is recorded for review (the browsing guard).
  TILLIT_BROWSING_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  // A second port on which the same process answers /api/v1/ only, without Next's request
  // pipeline (app/api/v1/api-listener.ts). Unset: /api/v1 on the app's port only.
  TILLIT_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Calls one API client may make per minute, counted in each app process.
  TILLIT_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(60_000),
  // Statements answering one client's checks of one customer (for one purpose and channel)
  // that run at once, per door (group commit: the checks arriving meanwhile are answered
  // together by the next). 2 suits a small machine with the database beside the app; a
  // database further away may want more.
  TILLIT_API_CHECKS_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(2),
});

export type Env = z.infer<typeof envSchema>;

const envKeys = Object.keys(envSchema.shape);
let last: { key: string; value: Env } | undefined;

export function env(): Env {
  // Parsing the environment costs more than a decision API call's own work, and hot paths
  // ask for it on every request: the last result is reused while the variables it reads
  // are unchanged (compared, so a test or the start-up check still sees every change).
  const key = envKeys.map((name) => process.env[name] ?? "\u0001").join("\u0000");
  if (last?.key === key) return last.value;
  const value = parseEnv();
  Object.freeze(value);
  last = { key, value };
  return value;
}

function parseEnv(): Env {
  const parsed = envSchema.parse(process.env);
  // An empty string in the environment means "unset".
  return {
    ...parsed,
    DATABASE_URL: parsed.DATABASE_URL || undefined,
    EMAIL_SERVER: parsed.EMAIL_SERVER || undefined,
    AUTH_SECRET: parsed.AUTH_SECRET || undefined,
    AUTH_URL: parsed.AUTH_URL ? loopbackAsLocalhost(parsed.AUTH_URL) : undefined,
    TILLIT_RECEIPT_SIGNING_KEY: parsed.TILLIT_RECEIPT_SIGNING_KEY?.trim() || undefined,
    TILLIT_CONTROLLER_NAME: parsed.TILLIT_CONTROLLER_NAME || undefined,
    TILLIT_CONTROLLER_EMAIL: parsed.TILLIT_CONTROLLER_EMAIL || undefined,
    TILLIT_CONTROLLER_PHONE: parsed.TILLIT_CONTROLLER_PHONE || undefined,
    TILLIT_DPO_EMAIL: parsed.TILLIT_DPO_EMAIL || undefined,
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

/**
 * Next.js names a request to 127.0.0.1 or [::1] `localhost` (NextURL), so an AUTH_URL on
 * a loopback address would make Auth.js send the browser from 127.0.0.1, where its cookie
 * was set, to localhost, where it is not: the person lands signed out. The same server is
 * `localhost` for the browser too, so the address is rewritten before anything reads it.
 */
function loopbackAsLocalhost(raw: string): string {
  if (!URL.canParse(raw)) return raw;
  const url = new URL(raw);
  if (url.hostname !== "127.0.0.1" && url.hostname !== "[::1]") return raw;
  url.hostname = "localhost";
  return url.toString().replace(/\/+$/, "");
}

export function appUrl(): string {
  const e = env();
  return (e.AUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}

/** A configuration the app must not run with; start-up prints the message and exits. */
export class ConfigError extends Error {}

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost", "[::1]"]);
export const isLoopbackHost = (host: string) => loopbackHosts.has(host.toLowerCase());

/** Demo data goes into an empty database except in a production deployment, unless asked for. */
export function shouldSeedDemo(): boolean {
  const flag = env().TILLIT_SEED_DEMO;
  return flag === "1" || flag === "true" || (!isProductionDeployment() && flag === "");
}

/**
 * Checks that make a misconfigured server refuse to start rather than run unsafely.
 * Returns warnings; throws ConfigError for what must not run.
 */
export function checkConfiguration(): string[] {
  const e = env();
  const warnings: string[] = [];
  const givenAuthUrl = process.env.AUTH_URL?.trim();
  if (
    givenAuthUrl &&
    e.AUTH_URL &&
    URL.canParse(givenAuthUrl) &&
    new URL(givenAuthUrl).hostname !== new URL(e.AUTH_URL).hostname
  ) {
    warnings.push(
      `AUTH_URL ${givenAuthUrl} is used as ${e.AUTH_URL}: Next.js serves loopback addresses as localhost, and a ` +
        "sign-in that starts on one name and ends on the other loses its cookie. Open the app on localhost.",
    );
  }
  if (isLocalMailMode() && !isLoopbackHost(e.HOST)) {
    throw new ConfigError(
      `HOST is ${e.HOST}, but EMAIL_SERVER is not set. Without a mail server, sign-in links are shown on /dev/outbox, ` +
        "so the app only listens on 127.0.0.1. Set EMAIL_SERVER to an SMTP URL to serve other machines.",
    );
  }
  if (e.TILLIT_API_PORT !== undefined && e.TILLIT_API_PORT === e.PORT) {
    throw new ConfigError(
      `TILLIT_API_PORT is ${e.TILLIT_API_PORT}, the app's own PORT: give the integration API another port.`,
    );
  }
  if (!isProductionDeployment()) return warnings;
  if (!e.EMAIL_SERVER) {
    throw new ConfigError(
      "EMAIL_SERVER is not set. A production deployment (NODE_ENV=production with DATABASE_URL) needs a mail server " +
        "for sign-in links: set EMAIL_SERVER to an SMTP URL (smtp://user:pass@host:587).",
    );
  }
  const url = e.AUTH_URL && URL.canParse(e.AUTH_URL) ? new URL(e.AUTH_URL) : null;
  if (!url || (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname)))) {
    throw new ConfigError(
      "AUTH_URL must be the public https address of the app (e.g. https://tillit.example.com) in a production " +
        "deployment: sign-in links and secure cookies are built from it.",
    );
  }
  if (!e.TILLIT_RECEIPT_SIGNING_KEY) {
    throw new ConfigError(
      "TILLIT_RECEIPT_SIGNING_KEY is not set. A production deployment signs consent receipts with a key it keeps: " +
        'generate one with `openssl genpkey -algorithm ed25519` and set TILLIT_RECEIPT_SIGNING_KEY="$(cat key.pem)".',
    );
  }
  if (e.TILLIT_TRUSTED_PROXY_HOPS === 0) {
    warnings.push(
      "TILLIT_TRUSTED_PROXY_HOPS is 0: the app ignores X-Forwarded-* headers and limits each connecting address. " +
        "Behind the TLS proxy an https AUTH_URL implies, that is the proxy, so every client would share one limit " +
        "and the app would not know it is served over https: set the number of proxies in front.",
    );
  }
  return warnings;
}
