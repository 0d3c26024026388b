import { generateKeyPairSync } from "node:crypto";

/** A fresh Ed25519 private key as TILLIT_RECEIPT_SIGNING_KEY takes it (PKCS#8 PEM). */
export function newSigningKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }) as string;
}

/** The JWS with one character of the given part (0 header, 1 payload, 2 signature) changed. */
export function tamper(jws: string, part: 0 | 1 | 2): string {
  const parts = jws.split(".");
  const text = parts[part]!;
  const at = Math.floor(text.length / 2);
  const swapped = text[at] === "A" ? "B" : "A";
  parts[part] = text.slice(0, at) + swapped + text.slice(at + 1);
  return parts.join(".");
}
