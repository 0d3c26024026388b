import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { deriveKey } from "@/lib/security/derived-key";
import { ensureAuthSecret } from "@/lib/security/secret";

// A subscription's signing secret (Standard Webhooks: "whsec_" + base64 of the key),
// shown once and stored AES-256-GCM encrypted under a key derived from AUTH_SECRET:
// it must be read back to sign each delivery.

const SECRET_PREFIX = "whsec_";

function encryptionKey(): Uint8Array {
  return deriveKey(ensureAuthSecret(), "tillit webhook secret");
}

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

export function encryptWebhookSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

export function decryptWebhookSecret(ciphertext: string): string {
  const [version, data = ""] = ciphertext.split(".");
  if (version !== "v1") throw new Error("unknown webhook secret format");
  const raw = Buffer.from(data, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** The Standard Webhooks headers for one delivery: HMAC-SHA256 over `${id}.${timestamp}.${body}`. */
export function signWebhook(input: { secret: string; messageId: string; timestamp: number; body: string }) {
  const key = Buffer.from(input.secret.startsWith(SECRET_PREFIX) ? input.secret.slice(SECRET_PREFIX.length) : input.secret, "base64");
  const signature = createHmac("sha256", key)
    .update(`${input.messageId}.${input.timestamp}.${input.body}`)
    .digest("base64");
  return {
    "webhook-id": input.messageId,
    "webhook-timestamp": String(input.timestamp),
    "webhook-signature": `v1,${signature}`,
  };
}
