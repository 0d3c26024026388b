import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { dataDir } from "@/db/config";
import { ConfigError, env, isProductionDeployment } from "@/lib/env";
import { readOrCreateFile } from "@/lib/security/data-folder-file";

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
  // Never overwrites a secret another process wrote first.
  const file = path.join(dataDir(), "auth-secret");
  const secret = readOrCreateFile(file, () => randomBytes(33).toString("base64url") + "\n").trim();
  process.env.AUTH_SECRET = secret;
  return secret;
}
