import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "@/lib/env";
import { currentSigningKey, ensureReceiptSigningKey } from "./signing-key";
import { newSigningKeyPem } from "./receipts.test-support";

afterEach(() => vi.unstubAllEnvs());

function localMode() {
  const dir = mkdtempSync(path.join(tmpdir(), "tillit-receipt-key-"));
  vi.stubEnv("TILLIT_DATA_DIR", dir);
  vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", "");
  vi.stubEnv("DATABASE_URL", "");
  return path.join(dir, "receipt-signing-key.pem");
}

describe("the receipt signing key", () => {
  it("is generated once into the data folder for local use, readable by the owner only", async () => {
    const file = localMode();
    ensureReceiptSigningKey();
    const pem = readFileSync(file, "utf8");
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const first = await currentSigningKey();
    ensureReceiptSigningKey();
    expect(readFileSync(file, "utf8")).toBe(pem);
    expect((await currentSigningKey()).kid).toBe(first.kid);
    expect(first.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("comes from TILLIT_RECEIPT_SIGNING_KEY when set, also with escaped newlines", async () => {
    const file = localMode();
    const pem = newSigningKeyPem();
    vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", pem);
    const fromPem = await currentSigningKey();
    vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", pem.trim().replace(/\n/g, "\\n"));
    expect((await currentSigningKey()).kid).toBe(fromPem.kid);
    expect(() => statSync(file)).toThrow();
  });

  it("must be set in a production deployment", () => {
    localMode();
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgres://db.internal/tillit");
    expect(() => ensureReceiptSigningKey()).toThrow(ConfigError);
  });

  it.each([
    ["not a key", "hello"],
    [
      "an RSA key",
      "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ\n-----END PRIVATE KEY-----",
    ],
  ])("refuses %s with a message that says how to make one", (_, value) => {
    localMode();
    vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", value);
    expect(() => ensureReceiptSigningKey()).toThrow(/openssl genpkey -algorithm ed25519/);
  });

  it("refuses a key of another type", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    localMode();
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "pem", type: "pkcs8" });
    vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", ec as string);
    expect(() => ensureReceiptSigningKey()).toThrow(/must be an Ed25519 key/);
  });
});
