import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { currentSigningKey, registerSigningKey } from "@/lib/receipts/signing-key";
import { newSigningKeyPem } from "@/lib/receipts/receipts.test-support";
import { GET } from "./route";

afterEach(() => vi.unstubAllEnvs());

describe("GET /.well-known/jwks.json", () => {
  it("publishes every registered public key, cacheable, without private parts", async () => {
    const kids: string[] = [];
    for (const pem of [newSigningKeyPem(), newSigningKeyPem()]) {
      vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", pem);
      const key = await currentSigningKey();
      await registerSigningKey(await getDb(), key);
      kids.push(key.kid);
    }
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("content-type")).toBe("application/json");
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys.map((k) => k.kid)).toEqual(kids);
    expect(keys.every((k) => !("d" in k))).toBe(true);
  });
});
