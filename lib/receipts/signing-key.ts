import "server-only";
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import path from "node:path";
import { calculateJwkThumbprint, importPKCS8, type CryptoKey } from "jose";
import type { Executor } from "@/db";
import { dataDir } from "@/db/config";
import { receiptSigningKeys } from "@/db/schema";
import { ConfigError, env, isProductionDeployment } from "@/lib/env";
import { readOrCreateFile } from "@/lib/security/data-folder-file";

export const RECEIPT_ALG = "EdDSA";

/** The public half as published in the JWKS and stored in receipt_signing_keys. */
export type ReceiptPublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };
export type ReceiptSigningKey = { kid: string; privateKey: CryptoKey; publicJwk: ReceiptPublicJwk };

const LOCAL_KEY_FILE = "receipt-signing-key.pem";

/** The Ed25519 key in a PKCS#8 PEM, or a ConfigError saying what is wrong with it. */
function parsePrivateKey(pem: string, origin: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new ConfigError(
      `${origin} is not a PEM private key. Generate one with \`openssl genpkey -algorithm ed25519\`.`,
    );
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new ConfigError(`${origin} must be an Ed25519 key (\`openssl genpkey -algorithm ed25519\`).`);
  }
  return key;
}

/** Written once into the data folder (0600) for local use; never overwrites a key another process wrote. */
function localKeyPem(): string {
  return readOrCreateFile(path.join(dataDir(), LOCAL_KEY_FILE), () =>
    generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  );
}

/**
 * The PEM that signs receipts now: TILLIT_RECEIPT_SIGNING_KEY (a `\n`-escaped one-line
 * form is accepted), or for local use a key generated into the data folder. A production
 * deployment without the variable refuses to start (checkConfiguration).
 */
function currentPem(): { pem: string; origin: string } {
  const fromEnv = env().TILLIT_RECEIPT_SIGNING_KEY;
  if (fromEnv) return { pem: fromEnv.replace(/\\n/g, "\n"), origin: "TILLIT_RECEIPT_SIGNING_KEY" };
  if (isProductionDeployment()) {
    throw new ConfigError("TILLIT_RECEIPT_SIGNING_KEY is not set; a production deployment needs it.");
  }
  return { pem: localKeyPem(), origin: path.join(dataDir(), LOCAL_KEY_FILE) };
}

/** Checks (and locally creates) the signing key at start-up, so a bad key stops the server, not a download. */
export function ensureReceiptSigningKey(): void {
  const { pem, origin } = currentPem();
  parsePrivateKey(pem, origin);
}

const loaded = new Map<string, Promise<ReceiptSigningKey>>();

async function load(pem: string, origin: string): Promise<ReceiptSigningKey> {
  const keyObject = parsePrivateKey(pem, origin);
  const { x } = createPublicKey(keyObject).export({ format: "jwk" });
  if (!x) throw new ConfigError(`${origin}: no public key could be derived.`);
  // RFC 7638 thumbprint over the required members (crv, kty, x).
  const kid = await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x });
  const privateKey = await importPKCS8(keyObject.export({ format: "pem", type: "pkcs8" }) as string, RECEIPT_ALG);
  return { kid, privateKey, publicJwk: { kty: "OKP", crv: "Ed25519", x, kid, alg: RECEIPT_ALG, use: "sig" } };
}

/** The key that signs receipts now (parsed once per process per key). */
export async function currentSigningKey(): Promise<ReceiptSigningKey> {
  const { pem, origin } = currentPem();
  let key = loaded.get(pem);
  if (!key) {
    key = load(pem, origin);
    key.catch(() => loaded.delete(pem));
    loaded.set(pem, key);
  }
  return key;
}

/**
 * Publishes the key's public half before it signs anything, so every receipt it signs
 * verifies for as long as the table keeps the key, across rotations.
 */
export async function registerSigningKey(db: Executor, key: ReceiptSigningKey): Promise<void> {
  await db.insert(receiptSigningKeys).values({ kid: key.kid, publicJwk: key.publicJwk }).onConflictDoNothing();
}
