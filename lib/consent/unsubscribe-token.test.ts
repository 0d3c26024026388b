import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUnsubscribeToken, readUnsubscribeToken, UNSUBSCRIBE_LINK_LIFETIME_DAYS } from "./unsubscribe-token";

const secret = "unsubscribe-test-secret-0123456789-abcdef";
const DAY = 24 * 60 * 60 * 1000;

describe("unsubscribe tokens", () => {
  const customerId = randomUUID();

  it("carry the customer, the purpose and when they were issued", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const token = await createUnsubscribeToken({ customerId, purposeKey: "newsletter", secret, now });
    expect(await readUnsubscribeToken(token, { secret, now })).toEqual({
      customerId,
      purposeKey: "newsletter",
      issuedAt: now,
    });
  });

  it("are opaque: neither the customer id nor the purpose can be read from the link", async () => {
    const token = await createUnsubscribeToken({ customerId, purposeKey: "newsletter", secret });
    const decoded = token
      .split(".")
      .map((part) => Buffer.from(part, "base64url").toString("latin1"))
      .join(" ");
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(`${token} ${decoded}`).not.toContain(customerId);
    expect(decoded).not.toContain("newsletter");
    expect(token.length).toBeLessThan(300);
  });

  it("refuse every changed character, so a link for A/newsletter never acts for anyone or anything else", async () => {
    const token = await createUnsubscribeToken({ customerId, purposeKey: "newsletter", secret });
    // Every position of the token, changed to another base64url character.
    for (let i = 0; i < token.length; i++) {
      if (token[i] === ".") continue;
      const swapped = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
      expect(await readUnsubscribeToken(swapped, { secret }), `position ${i}`).toBeNull();
    }
    // Parts of two genuine tokens spliced together do not verify either.
    const other = await createUnsubscribeToken({ customerId: randomUUID(), purposeKey: "order_sms", secret });
    const [h, k, iv, , tag] = token.split(".");
    const [, , , ciphertext] = other.split(".");
    expect(await readUnsubscribeToken([h, k, iv, ciphertext, tag].join("."), { secret })).toBeNull();
  });

  it("refuse a token made with another secret, a truncated one and junk", async () => {
    const token = await createUnsubscribeToken({ customerId, purposeKey: "newsletter", secret });
    expect(await readUnsubscribeToken(token, { secret: `${secret}-rotated` })).toBeNull();
    expect(await readUnsubscribeToken(token.slice(0, -5), { secret })).toBeNull();
    for (const junk of ["", "abc", "a.b.c.d.e", `${token}/x`, "x".repeat(5000), "<script>"]) {
      expect(await readUnsubscribeToken(junk, { secret })).toBeNull();
    }
  });

  it(`work for ${UNSUBSCRIBE_LINK_LIFETIME_DAYS} days and not a day longer`, async () => {
    const issued = new Date("2026-01-01T00:00:00Z");
    const token = await createUnsubscribeToken({ customerId, purposeKey: "newsletter", secret, now: issued });
    const at = (days: number) => new Date(issued.getTime() + days * DAY);
    expect(await readUnsubscribeToken(token, { secret, now: at(364) })).not.toBeNull();
    expect(await readUnsubscribeToken(token, { secret, now: at(UNSUBSCRIBE_LINK_LIFETIME_DAYS + 1) })).toBeNull();
  });
});
