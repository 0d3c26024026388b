import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/db/config";
import { ConfigError, env, isProductionDeployment } from "@/lib/env";

/**
 * AUTH_SECRET from the environment; for local use, generated once and kept in the
 * data folder. A production deployment without it must not start.
 */
export function ensureAuthSecret(): string {
  const fromEnv = env().AUTH_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new ConfigError("AUTH_SECRET must be at least 32 characters long.");
    return fromEnv;
  }
  if (isProductionDeployment()) {
    throw new ConfigError(
      "AUTH_SECRET is not set. A production deployment (NODE_ENV=production with DATABASE_URL) refuses to start " +
        "without it. Generate one with `openssl rand -base64 33` and set AUTH_SECRET.",
    );
  }
  const dir = dataDir();
  const file = path.join(dir, "auth-secret");
  mkdirSync(dir, { recursive: true });
  try {
    // "wx": never overwrite a secret another process wrote first.
    writeFileSync(file, randomBytes(33).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(file, "utf8").trim();
  process.env.AUTH_SECRET = secret;
  return secret;
}
